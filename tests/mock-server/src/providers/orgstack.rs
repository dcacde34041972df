//! orgstack: a planned multi-tenant API, so the wire details here are the
//! mock's own choices (README.md lists them): JWT login, string org ids,
//! `{data, pagination}` lists and NestJS-style `{error, message, statusCode}`
//! errors.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::fields::{self, FieldError};
use crate::message::{reason, Reply, Req};
use crate::seed::*;
use crate::time::{now_iso, seed_time};
use crate::token::TokenMint;

const STATUSES: &[&str] = &["active", "suspended", "archived"];
const SORT_FIELDS: &[&str] = &["name", "createdAt", "updatedAt"];
const DEFAULT_LIMIT: u64 = 20;
const MAX_LIMIT: u64 = 100;

#[derive(Debug, Clone)]
pub struct State {
    /// Keyed by the number inside the `org_NN` id so new ids sort last.
    orgs: BTreeMap<u64, Map<String, Value>>,
    users: Vec<User>,
    tokens: BTreeMap<String, usize>,
    next_org: u64,
    mint: TokenMint,
}

#[derive(Debug, Clone)]
struct User {
    id: &'static str,
    username: &'static str,
    password: &'static str,
    email: &'static str,
    role: &'static str,
}

type Outcome = Result<Reply, Reply>;

fn org_id(n: u64) -> String {
    format!("org_{n:02}")
}

fn parse_org_id(id: &str) -> Option<u64> {
    id.strip_prefix("org_")?.parse().ok()
}

impl State {
    pub fn seeded() -> State {
        const WORDS: [&str; 9] = [
            "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Wonka", "Tyrell",
        ];
        const SUFFIXES: [&str; 5] = ["Labs", "Systems", "Holdings", "Group", "Partners"];
        let mut orgs = BTreeMap::new();
        for n in 1..=ORGSTACK_ORG_COUNT {
            let i = usize::try_from(n - 1).unwrap_or(0);
            let name = format!("{} {}", WORDS[i % 9], SUFFIXES[(i / 9) % 5]);
            let status = if n % 15 == 0 {
                "archived"
            } else if n % 10 == 0 {
                "suspended"
            } else {
                "active"
            };
            let hours = i64::try_from(n).unwrap_or(0);
            // updatedAt runs the other way round from createdAt so that the
            // two sort orders can be told apart in tests.
            let org = json!({
                "id": org_id(n),
                "name": name,
                "slug": slug(&name),
                "description": format!("{name} (seeded)"),
                "status": status,
                "createdAt": seed_time(hours),
                "updatedAt": seed_time(200 - hours),
            });
            if let Value::Object(map) = org {
                orgs.insert(n, map);
            }
        }
        let users = vec![
            User {
                id: "usr_01",
                username: ORGSTACK_ADMIN_USERNAME,
                password: ORGSTACK_ADMIN_PASSWORD,
                email: "admin@orgstack.test",
                role: "admin",
            },
            User {
                id: "usr_02",
                username: ORGSTACK_VIEWER_USERNAME,
                password: ORGSTACK_VIEWER_PASSWORD,
                email: "viewer@orgstack.test",
                role: "viewer",
            },
        ];
        State {
            orgs,
            users,
            tokens: BTreeMap::from([
                (ORGSTACK_ADMIN_TOKEN.to_string(), 0),
                (ORGSTACK_VIEWER_TOKEN.to_string(), 1),
            ]),
            next_org: ORGSTACK_ORG_COUNT + 1,
            mint: TokenMint::new(0x0265_7ac4),
        }
    }

    pub fn handle(&mut self, req: &Req) -> Reply {
        self.route(req).unwrap_or_else(|e| e)
    }

    fn route(&mut self, req: &Req) -> Outcome {
        let segments = req.segments();
        if let ("POST", ["auth", "login"]) = (req.method.as_str(), segments.as_slice()) {
            return self.login(req);
        }
        let user = req
            .bearer()
            .and_then(|t| self.tokens.get(t).copied())
            .ok_or_else(|| error(401, "Missing or invalid authentication token"))?;
        match (req.method.as_str(), segments.as_slice()) {
            ("GET", ["auth", "me"]) => Ok(Reply::json(200, &self.user_json(user))),
            ("GET", ["organizations"]) => self.list(req),
            ("POST", ["organizations"]) => self.create(req, user),
            ("GET", ["organizations", id]) => {
                Ok(Reply::json(200, &Value::Object(self.org(id)?.clone())))
            }
            ("PUT" | "PATCH", ["organizations", id]) => self.update(req, user, id),
            ("DELETE", ["organizations", id]) => self.delete(user, id),
            _ => Err(error(404, &format!("Cannot {} {}", req.method, req.path))),
        }
    }

    fn user_json(&self, user: usize) -> Value {
        self.users.get(user).map_or(
            Value::Null,
            |u| json!({"id": u.id, "username": u.username, "email": u.email, "role": u.role}),
        )
    }

    fn login(&mut self, req: &Req) -> Outcome {
        let body = body(req)?;
        // Some clients send the login name as `email`; accept either.
        let username = fields::required_str(&body, "username")
            .or_else(|_| fields::required_str(&body, "email"))
            .map_err(bad_field)?;
        let password = fields::required_str(&body, "password").map_err(bad_field)?;
        let user = self
            .users
            .iter()
            .position(|u| (u.username == username || u.email == username) && u.password == password)
            .ok_or_else(|| error(401, "Invalid username or password"))?;
        let token = self
            .mint
            .jwt(json!({"sub": self.users[user].id, "role": self.users[user].role}));
        self.tokens.insert(token.clone(), user);
        Ok(Reply::json(
            200,
            &json!({"token": token, "expiresIn": 3600, "user": self.user_json(user)}),
        ))
    }

    fn require_admin(&self, user: usize) -> Result<(), Reply> {
        match self.users.get(user) {
            Some(u) if u.role == "admin" => Ok(()),
            _ => Err(error(403, "Insufficient permissions: admin role required")),
        }
    }

    fn list(&self, req: &Req) -> Outcome {
        let page = fields::query_number(req.query("page"), "page", 1).map_err(bad_field)?;
        let limit = req.query("limit").or_else(|| req.query("size"));
        let limit = fields::query_number(limit, "limit", DEFAULT_LIMIT).map_err(bad_field)?;
        if page == 0 {
            return Err(bad_field(FieldError::invalid("page", "at least 1")));
        }
        if limit == 0 {
            return Err(bad_field(FieldError::invalid("limit", "at least 1")));
        }
        let limit = limit.min(MAX_LIMIT);
        let sort = match req.query("sort").filter(|s| !s.is_empty()) {
            None => "createdAt",
            Some(s) => SORT_FIELDS
                .iter()
                .copied()
                .find(|f| *f == s)
                .ok_or_else(|| {
                    bad_field(FieldError::invalid(
                        "sort",
                        "one of: name, createdAt, updatedAt",
                    ))
                })?,
        };
        let descending = match req.query("order").map(str::to_ascii_lowercase).as_deref() {
            None | Some("") | Some("asc") => false,
            Some("desc") => true,
            Some(_) => return Err(bad_field(FieldError::invalid("order", "one of: asc, desc"))),
        };
        let status = match req.query("status").filter(|s| !s.is_empty()) {
            None => None,
            Some(s) if STATUSES.contains(&s) => Some(s),
            Some(_) => {
                return Err(bad_field(FieldError::invalid(
                    "status",
                    "one of: active, suspended, archived",
                )))
            }
        };
        let search = req
            .query("search")
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty());
        let mut items: Vec<&Map<String, Value>> = self
            .orgs
            .values()
            .filter(|o| status.map_or(true, |s| text(o, "status") == s))
            .filter(|o| {
                search.as_ref().map_or(true, |q| {
                    text(o, "name").to_lowercase().contains(q) || text(o, "slug").contains(q)
                })
            })
            .collect();
        // Stable sort keeps id order among equal keys.
        items.sort_by(|a, b| {
            let ord = text(a, sort)
                .to_lowercase()
                .cmp(&text(b, sort).to_lowercase());
            if descending {
                ord.reverse()
            } else {
                ord
            }
        });
        let total = u64::try_from(items.len()).unwrap_or(u64::MAX);
        let skip = usize::try_from((page - 1).saturating_mul(limit)).unwrap_or(usize::MAX);
        let data: Vec<Value> = items
            .into_iter()
            .skip(skip)
            .take(usize::try_from(limit).unwrap_or(usize::MAX))
            .map(|o| Value::Object(o.clone()))
            .collect();
        Ok(Reply::json(
            200,
            &json!({
                "data": data,
                "pagination": {
                    "page": page,
                    "limit": limit,
                    "total": total,
                    "totalPages": total.div_ceil(limit),
                },
            }),
        ))
    }

    fn org(&self, id: &str) -> Result<&Map<String, Value>, Reply> {
        parse_org_id(id)
            .and_then(|n| self.orgs.get(&n))
            .ok_or_else(|| error(404, &format!("Organization {id} not found")))
    }

    fn name_taken(&self, name: &str, except: Option<u64>) -> bool {
        self.orgs
            .iter()
            .any(|(n, o)| Some(*n) != except && text(o, "name").eq_ignore_ascii_case(name))
    }

    fn create(&mut self, req: &Req, user: usize) -> Outcome {
        self.require_admin(user)?;
        let body = body(req)?;
        let name = fields::required_str(&body, "name").map_err(bad_field)?;
        if self.name_taken(&name, None) {
            return Err(error(
                409,
                &format!("An organization named '{name}' already exists"),
            ));
        }
        let mut org = Map::new();
        org.insert("id".into(), json!(org_id(self.next_org)));
        org.insert("name".into(), json!(name));
        org.insert("slug".into(), json!(slug(&name)));
        org.insert("description".into(), Value::Null);
        org.insert("status".into(), json!("active"));
        org.insert("createdAt".into(), json!(now_iso()));
        org.insert("updatedAt".into(), json!(now_iso()));
        apply_patch(&mut org, &body).map_err(bad_field)?;
        self.orgs.insert(self.next_org, org.clone());
        self.next_org += 1;
        Ok(Reply::json(201, &Value::Object(org)))
    }

    fn update(&mut self, req: &Req, user: usize, id: &str) -> Outcome {
        self.require_admin(user)?;
        let body = body(req)?;
        self.org(id)?;
        let n = parse_org_id(id).unwrap_or_default();
        let name = fields::optional_str(&body, "name").map_err(bad_field)?;
        if let Some(name) = &name {
            if self.name_taken(name, Some(n)) {
                return Err(error(
                    409,
                    &format!("An organization named '{name}' already exists"),
                ));
            }
        }
        let Some(org) = self.orgs.get_mut(&n) else {
            return Err(error(404, &format!("Organization {id} not found")));
        };
        let mut updated = org.clone();
        if let Some(name) = name {
            updated.insert("slug".into(), json!(slug(&name)));
            updated.insert("name".into(), json!(name));
        }
        apply_patch(&mut updated, &body).map_err(bad_field)?;
        updated.insert("updatedAt".into(), json!(now_iso()));
        *org = updated.clone();
        Ok(Reply::json(200, &Value::Object(updated)))
    }

    fn delete(&mut self, user: usize, id: &str) -> Outcome {
        self.require_admin(user)?;
        self.org(id)?;
        self.orgs.remove(&parse_org_id(id).unwrap_or_default());
        Ok(Reply::empty(204))
    }
}

fn apply_patch(org: &mut Map<String, Value>, body: &Map<String, Value>) -> Result<(), FieldError> {
    if let Some(description) = fields::nullable_str(body, "description")? {
        org.insert("description".into(), description);
    }
    if let Some(status) = fields::optional_enum(body, "status", STATUSES)? {
        org.insert("status".into(), json!(status));
    }
    Ok(())
}

fn text<'a>(org: &'a Map<String, Value>, field: &str) -> &'a str {
    org.get(field).and_then(Value::as_str).unwrap_or_default()
}

fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

fn body(req: &Req) -> Result<Map<String, Value>, Reply> {
    req.json_object().map_err(|e| error(400, &e.message()))
}

fn bad_field(e: FieldError) -> Reply {
    error(400, &e.describe(&e.field))
}

/// orgstack's error body.
pub fn error(status: u16, message: &str) -> Reply {
    Reply::json(
        status,
        &json!({"error": reason(status), "message": message, "statusCode": status}),
    )
}
