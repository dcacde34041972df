//! achieveapex: a FeathersJS app. Lists are `{total, limit, skip, data}`
//! driven by `$limit`/`$skip`/`$sort[field]`, errors are Feathers errors
//! (`{name, message, code, className, data?}`), and every service method
//! answers with the status Feathers gives it (201 for `create`).

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::fields::{self, FieldError};
use crate::message::{parse_id, Reply, Req};
use crate::seed::*;
use crate::time::{iso_in, now_iso, seed_time};
use crate::token::TokenMint;

const DEFAULT_LIMIT: u64 = 10;
const MAX_LIMIT: u64 = 100;
const ROLES: &[&str] = &["owner", "admin", "member"];
const ORG_NAMES: [&str; 25] = [
    "Acme Inc",
    "Acme Solutions",
    "Apex Dynamics",
    "Blue Harbor",
    "Cobalt Works",
    "Delta Forge",
    "Evergreen Labs",
    "Falcon Ridge",
    "Granite Peak",
    "Harbor Lights",
    "Ironclad Systems",
    "Juniper Health",
    "Keystone Retail",
    "Lumen Analytics",
    "Maple Logistics",
    "Northwind Traders",
    "Orchid Media",
    "Pinnacle Foods",
    "Quartz Energy",
    "Redwood Finance",
    "Summit Outdoors",
    "Tidal Robotics",
    "Umber Studios",
    "Vertex Mobility",
    "Willow Education",
];
const SUBSCRIPTIONS: [&str; 5] = ["active", "active", "trialing", "past_due", "canceled"];

#[derive(Debug, Clone)]
pub struct State {
    orgs: BTreeMap<u64, Map<String, Value>>,
    users: BTreeMap<u64, User>,
    memberships: Vec<Map<String, Value>>,
    invites: Vec<Map<String, Value>>,
    tokens: BTreeMap<String, u64>,
    api_keys: BTreeMap<String, u64>,
    next_membership: u64,
    next_invite: u64,
    mint: TokenMint,
}

#[derive(Debug, Clone)]
struct User {
    id: u64,
    first_name: String,
    last_name: String,
    email: String,
    password: String,
}

impl User {
    fn summary(&self) -> Value {
        json!({
            "id": self.id, "first_name": self.first_name,
            "last_name": self.last_name, "email": self.email,
        })
    }

    fn full(&self) -> Value {
        let mut v = self.summary();
        v["created_at"] = json!(seed_time(0));
        v["updated_at"] = json!(seed_time(0));
        v
    }
}

type Outcome = Result<Reply, Reply>;

enum Route<'a> {
    Login,
    ListOrgs,
    GetOrg(&'a str),
    ListMembers,
    CreateInvite,
    NotAllowed(&'static str),
}

impl State {
    pub fn seeded() -> State {
        let mut state = State {
            orgs: BTreeMap::new(),
            users: BTreeMap::new(),
            memberships: Vec::new(),
            invites: Vec::new(),
            tokens: BTreeMap::from([
                (
                    ACHIEVEAPEX_OWNER_TOKEN.to_string(),
                    ACHIEVEAPEX_OWNER_USER_ID,
                ),
                (
                    ACHIEVEAPEX_MEMBER_TOKEN.to_string(),
                    ACHIEVEAPEX_MEMBER_USER_ID,
                ),
            ]),
            api_keys: BTreeMap::from([(
                ACHIEVEAPEX_API_KEY.to_string(),
                ACHIEVEAPEX_OWNER_USER_ID,
            )]),
            next_membership: 1001,
            next_invite: 1,
            mint: TokenMint::new(0xa9e_c0de),
        };
        for (n, name) in (1u64..).zip(
            ORG_NAMES
                .iter()
                .take(usize::try_from(ACHIEVEAPEX_ORG_COUNT).unwrap_or(25)),
        ) {
            let days = i64::try_from(n).unwrap_or(0) * 24;
            let org = json!({
                "id": n,
                "name": name,
                "subscription_status": SUBSCRIPTIONS[usize::try_from(n % 5).unwrap_or(0)],
                "created_at": seed_time(days),
                "updated_at": seed_time(days),
            });
            if let Value::Object(map) = org {
                state.orgs.insert(n, map);
            }
        }
        const FIRST: [&str; 15] = [
            "Olivia", "Mia", "Noah", "Liam", "Emma", "Ava", "Lucas", "Sofia", "Ethan", "Chloe",
            "Mason", "Layla", "Logan", "Zoe", "Owen",
        ];
        const LAST: [&str; 15] = [
            "Owner", "Member", "Walker", "Young", "King", "Wright", "Scott", "Green", "Baker",
            "Adams", "Nelson", "Hill", "Ramirez", "Campbell", "Mitchell",
        ];
        for (i, (first, last)) in FIRST.iter().zip(LAST).enumerate() {
            let id = ACHIEVEAPEX_OWNER_USER_ID + u64::try_from(i).unwrap_or(0);
            let (email, password) = match id {
                ACHIEVEAPEX_OWNER_USER_ID => (
                    ACHIEVEAPEX_OWNER_EMAIL.to_string(),
                    ACHIEVEAPEX_OWNER_PASSWORD,
                ),
                ACHIEVEAPEX_MEMBER_USER_ID => (
                    ACHIEVEAPEX_MEMBER_EMAIL.to_string(),
                    ACHIEVEAPEX_MEMBER_PASSWORD,
                ),
                _ => (
                    format!(
                        "{}.{}@achieveapex.test",
                        first.to_lowercase(),
                        last.to_lowercase()
                    ),
                    "not-a-seeded-login",
                ),
            };
            state.users.insert(
                id,
                User {
                    id,
                    first_name: first.to_string(),
                    last_name: last.to_string(),
                    email,
                    password: password.to_string(),
                },
            );
        }
        // Org 1 gets every seeded user; the owner owns every org; the member
        // also belongs to org 2 so that "member of some, not all" is testable.
        for offset in 0..ACHIEVEAPEX_ORG1_MEMBER_COUNT {
            let user = ACHIEVEAPEX_OWNER_USER_ID + offset;
            let role = match offset {
                0 => "owner",
                2 | 3 => "admin",
                _ => "member",
            };
            state.seed_membership(user, 1, role, i64::try_from(offset).unwrap_or(0) * 24);
        }
        for org in 2..=ACHIEVEAPEX_ORG_COUNT {
            state.seed_membership(ACHIEVEAPEX_OWNER_USER_ID, org, "owner", 0);
        }
        state.seed_membership(ACHIEVEAPEX_MEMBER_USER_ID, 2, "member", 24);
        state
    }

    fn seed_membership(&mut self, user: u64, org: u64, role: &str, hours: i64) {
        let membership = json!({
            "id": self.next_membership,
            "user_id": user,
            "organization_id": org,
            "role": role,
            "created_at": seed_time(hours),
            "updated_at": seed_time(hours),
        });
        if let Value::Object(map) = membership {
            self.memberships.push(map);
        }
        self.next_membership += 1;
    }

    pub fn handle(&mut self, req: &Req) -> Reply {
        self.route(req).unwrap_or_else(|e| e)
    }

    fn route(&mut self, req: &Req) -> Outcome {
        let segments = req.segments();
        let route = match (req.method.as_str(), segments.as_slice()) {
            ("POST", ["authentication"]) => Route::Login,
            (_, ["authentication"]) => Route::NotAllowed("authentication"),
            ("GET", ["organizations"]) => Route::ListOrgs,
            ("GET", ["organizations", id]) => Route::GetOrg(id),
            (_, ["organizations"] | ["organizations", _]) => Route::NotAllowed("organizations"),
            ("GET", ["organizations-users"]) => Route::ListMembers,
            (_, ["organizations-users"] | ["organizations-users", _]) => {
                Route::NotAllowed("organizations-users")
            }
            ("POST", ["organizations-users-invites"]) => Route::CreateInvite,
            (_, ["organizations-users-invites"] | ["organizations-users-invites", _]) => {
                Route::NotAllowed("organizations-users-invites")
            }
            _ => {
                return Err(error_with_data(
                    404,
                    "Page not found",
                    Some(json!({"url": req.path})),
                ))
            }
        };
        if let Route::Login = route {
            return self.login(req);
        }
        if let Route::NotAllowed(service) = route {
            return Err(error(
                405,
                &format!(
                    "Method `{}` is not supported by the `{service}` service.",
                    feathers_method(req)
                ),
            ));
        }
        let user = self.authenticate(req)?;
        match route {
            Route::ListOrgs => self.list_orgs(req, user),
            Route::GetOrg(id) => self.get_org(user, id),
            Route::ListMembers => self.list_members(req, user),
            Route::CreateInvite => self.create_invite(req, user),
            Route::Login | Route::NotAllowed(_) => Err(error(500, "unreachable route")),
        }
    }

    fn authenticate(&self, req: &Req) -> Result<u64, Reply> {
        if let Some(key) = req.header("x-api-key") {
            return self
                .api_keys
                .get(key.trim())
                .copied()
                .ok_or_else(|| error(401, "Invalid API key"));
        }
        match req.bearer() {
            None => Err(error(401, "Not authenticated")),
            Some(token) => self
                .tokens
                .get(token)
                .copied()
                .ok_or_else(|| error(401, "invalid token")),
        }
    }

    fn login(&mut self, req: &Req) -> Outcome {
        let body = body(req)?;
        let user = match body.get("strategy").and_then(Value::as_str) {
            Some("local") => {
                let email = fields::required_str(&body, "email").map_err(bad_request)?;
                let password = fields::required_str(&body, "password").map_err(bad_request)?;
                self.users
                    .values()
                    .find(|u| u.email.eq_ignore_ascii_case(&email) && u.password == password)
                    .map(|u| u.id)
                    .ok_or_else(|| error(401, "Invalid login"))?
            }
            // Feathers clients re-authenticate an existing token this way.
            Some("jwt") => body
                .get("accessToken")
                .and_then(Value::as_str)
                .and_then(|t| self.tokens.get(t).copied())
                .ok_or_else(|| error(401, "invalid token"))?,
            Some(other) => {
                return Err(error(
                    401,
                    &format!("Invalid authentication information (strategy not allowed in authStrategies: {other})"),
                ))
            }
            None => {
                return Err(error(401, "Invalid authentication information (no `strategy` set)"))
            }
        };
        let token = self
            .mint
            .jwt(json!({"sub": user.to_string(), "aud": "https://achieveapex.com"}));
        self.tokens.insert(token.clone(), user);
        let strategy = body.get("strategy").cloned().unwrap_or(Value::Null);
        let profile = self.users.get(&user).map_or(Value::Null, User::full);
        Ok(Reply::json(
            201,
            &json!({"accessToken": token, "authentication": {"strategy": strategy}, "user": profile}),
        ))
    }

    fn role_in(&self, user: u64, org: u64) -> Option<&str> {
        self.memberships
            .iter()
            .find(|m| num(m, "user_id") == user && num(m, "organization_id") == org)
            .and_then(|m| m.get("role"))
            .and_then(Value::as_str)
    }

    fn list_orgs(&self, req: &Req, user: u64) -> Outcome {
        let paging = Paging::from(req)?;
        let term = req
            .query("searchTerm")
            .or_else(|| req.query("search"))
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty());
        let items: Vec<&Map<String, Value>> = self
            .orgs
            .values()
            .filter(|o| self.role_in(user, num(o, "id")).is_some())
            .filter(|o| {
                term.as_ref().map_or(true, |t| {
                    o.get("name")
                        .and_then(Value::as_str)
                        .is_some_and(|n| n.to_lowercase().contains(t))
                })
            })
            .collect();
        Ok(paging.page(
            items
                .into_iter()
                .map(|o| Value::Object(o.clone()))
                .collect(),
        ))
    }

    fn get_org(&self, user: u64, id: &str) -> Outcome {
        let org = parse_id(id)
            .and_then(|n| self.orgs.get(&n))
            .ok_or_else(|| error(404, &format!("No record found for id '{id}'")))?;
        if self.role_in(user, num(org, "id")).is_none() {
            return Err(error(403, "You do not have access to this organization"));
        }
        Ok(Reply::json(200, &Value::Object(org.clone())))
    }

    fn list_members(&self, req: &Req, user: u64) -> Outcome {
        let paging = Paging::from(req)?;
        let org = match req.query("organization_id").filter(|s| !s.is_empty()) {
            None => None,
            Some(raw) => {
                let org = parse_id(raw).ok_or_else(|| {
                    bad_request(FieldError::invalid("organization_id", "a positive integer"))
                })?;
                if !self.orgs.contains_key(&org) {
                    return Err(error(404, &format!("No record found for id '{org}'")));
                }
                if self.role_in(user, org).is_none() {
                    return Err(error(403, "You do not have access to this organization"));
                }
                Some(org)
            }
        };
        let role = req.query("role").filter(|s| !s.is_empty());
        let user_filter = req.query("user_id").and_then(parse_id);
        let items: Vec<Value> = self
            .memberships
            .iter()
            .filter(|m| {
                let m_org = num(m, "organization_id");
                org.map_or(self.role_in(user, m_org).is_some(), |o| o == m_org)
            })
            .filter(|m| role.map_or(true, |r| m.get("role").and_then(Value::as_str) == Some(r)))
            .filter(|m| user_filter.map_or(true, |u| num(m, "user_id") == u))
            .map(|m| {
                let mut item = m.clone();
                let embedded = self
                    .users
                    .get(&num(m, "user_id"))
                    .map_or(Value::Null, User::summary);
                item.insert("user".into(), embedded);
                Value::Object(item)
            })
            .collect();
        Ok(paging.page(items))
    }

    fn create_invite(&mut self, req: &Req, user: u64) -> Outcome {
        let body = body(req)?;
        let email = fields::required_email(&body, "email").map_err(bad_request)?;
        let org = fields::required_id(&body, "organization_id").map_err(bad_request)?;
        let role = fields::optional_enum(&body, "role", ROLES)
            .map_err(bad_request)?
            .unwrap_or_else(|| "member".into());
        if !self.orgs.contains_key(&org) {
            return Err(error(404, &format!("No record found for id '{org}'")));
        }
        match self.role_in(user, org) {
            Some("owner" | "admin") => {}
            Some(_) => return Err(error(403, "Only owners and admins can invite users")),
            None => return Err(error(403, "You do not have access to this organization")),
        }
        let already = self.memberships.iter().any(|m| {
            num(m, "organization_id") == org
                && self
                    .users
                    .get(&num(m, "user_id"))
                    .is_some_and(|u| u.email.eq_ignore_ascii_case(&email))
        });
        if already {
            return Err(error(
                409,
                &format!("{email} is already a member of this organization"),
            ));
        }
        let invite = json!({
            "id": self.next_invite,
            "email": email,
            "organization_id": org,
            "role": role,
            "token": self.mint.hex(32),
            "expires_at": iso_in(7 * 24 * 3600),
            "status": "pending",
            "invited_by": user,
            "created_at": now_iso(),
            "updated_at": now_iso(),
        });
        self.next_invite += 1;
        if let Value::Object(map) = &invite {
            self.invites.push(map.clone());
        }
        Ok(Reply::json(201, &invite))
    }
}

/// `$limit`, `$skip` and one `$sort[field]=1|-1`, read from the query string.
struct Paging {
    limit: u64,
    skip: u64,
    sort: Option<(String, bool)>,
}

impl Paging {
    fn from(req: &Req) -> Result<Paging, Reply> {
        let limit = fields::query_number(req.query("$limit"), "$limit", DEFAULT_LIMIT)
            .map_err(bad_request)?
            .min(MAX_LIMIT);
        let skip = fields::query_number(req.query("$skip"), "$skip", 0).map_err(bad_request)?;
        let mut sort = None;
        for (key, value) in &req.query {
            let Some(field) = key.strip_prefix("$sort[").and_then(|k| k.strip_suffix(']')) else {
                continue;
            };
            let descending = match value.trim() {
                "1" | "asc" => false,
                "-1" | "desc" => true,
                _ => return Err(bad_request(FieldError::invalid(key, "1 or -1"))),
            };
            sort.get_or_insert((field.to_string(), descending));
        }
        Ok(Paging { limit, skip, sort })
    }

    fn page(&self, mut items: Vec<Value>) -> Reply {
        if let Some((field, descending)) = &self.sort {
            items.sort_by(|a, b| {
                let ord = compare(&a[field.as_str()], &b[field.as_str()]);
                if *descending {
                    ord.reverse()
                } else {
                    ord
                }
            });
        }
        let total = items.len();
        let data: Vec<Value> = items
            .into_iter()
            .skip(usize::try_from(self.skip).unwrap_or(usize::MAX))
            .take(usize::try_from(self.limit).unwrap_or(usize::MAX))
            .collect();
        Reply::json(
            200,
            &json!({"total": total, "limit": self.limit, "skip": self.skip, "data": data}),
        )
    }
}

fn compare(a: &Value, b: &Value) -> std::cmp::Ordering {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x
            .as_f64()
            .partial_cmp(&y.as_f64())
            .unwrap_or(std::cmp::Ordering::Equal),
        (Value::String(x), Value::String(y)) => x.cmp(y),
        _ => std::cmp::Ordering::Equal,
    }
}

fn num(map: &Map<String, Value>, field: &str) -> u64 {
    map.get(field).and_then(Value::as_u64).unwrap_or_default()
}

/// The Feathers service method a request maps to, for 405 messages.
fn feathers_method(req: &Req) -> &'static str {
    let has_id = req.segments().len() > 1;
    match (req.method.as_str(), has_id) {
        ("GET", false) => "find",
        ("GET", true) => "get",
        ("POST", _) => "create",
        ("PUT", _) => "update",
        ("PATCH", _) => "patch",
        ("DELETE", _) => "remove",
        _ => "unknown",
    }
}

fn body(req: &Req) -> Result<Map<String, Value>, Reply> {
    req.json_object().map_err(|e| error(400, &e.message()))
}

fn bad_request(e: FieldError) -> Reply {
    let message = e.describe(&format!("'{}'", e.field));
    error_with_data(
        400,
        "Validation failed",
        Some(json!({ e.field.clone(): message })),
    )
}

fn class(status: u16) -> (&'static str, &'static str) {
    match status {
        400 => ("BadRequest", "bad-request"),
        401 => ("NotAuthenticated", "not-authenticated"),
        402 => ("PaymentError", "payment-error"),
        403 => ("Forbidden", "forbidden"),
        404 => ("NotFound", "not-found"),
        405 => ("MethodNotAllowed", "method-not-allowed"),
        406 => ("NotAcceptable", "not-acceptable"),
        408 => ("Timeout", "timeout"),
        409 => ("Conflict", "conflict"),
        411 => ("LengthRequired", "length-required"),
        422 => ("Unprocessable", "unprocessable"),
        429 => ("TooManyRequests", "too-many-requests"),
        501 => ("NotImplemented", "not-implemented"),
        502 => ("BadGateway", "bad-gateway"),
        503 => ("Unavailable", "unavailable"),
        _ => ("GeneralError", "general-error"),
    }
}

/// A Feathers error body.
pub fn error(status: u16, message: &str) -> Reply {
    let data = (status == 429).then(|| rate_limit_data(1));
    error_with_data(status, message, data)
}

/// Feathers' rate-limit hook puts the numbers in `data`; `retry_after` is seconds.
pub fn rate_limit_data(retry_after: u64) -> Value {
    json!({"limit": 100, "current": 101, "window": 60, "retryAfter": retry_after})
}

pub fn error_with_data(status: u16, message: &str, data: Option<Value>) -> Reply {
    let (name, class_name) = class(status);
    let mut body =
        json!({"name": name, "message": message, "code": status, "className": class_name});
    if let Some(data) = data {
        body["data"] = data;
    }
    Reply::json(status, &body)
}
