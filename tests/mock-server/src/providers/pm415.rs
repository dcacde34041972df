//! pm415: `/api/org` with org switching (a new token per org), invite links
//! and admin grants. Bodies are `{success:true, …}`; errors are Boom
//! (`{statusCode, error, message, success:false}`).

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::fields::{self, FieldError};
use crate::message::{id_from_json, parse_id, reason, Reply, Req};
use crate::seed::*;
use crate::time::{now_iso, seed_time};
use crate::token::TokenMint;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Admin,
    Member,
    Pending,
}

impl Role {
    fn id(self) -> u64 {
        match self {
            Role::Admin => 1,
            Role::Member => 2,
            Role::Pending => 3,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Role::Admin => "Admin",
            Role::Member => "Member",
            Role::Pending => "Pending",
        }
    }

    fn json(self) -> Value {
        json!({"id": self.id(), "role": self.name(), "createdAt": seed_time(0), "updatedAt": seed_time(0)})
    }
}

#[derive(Debug, Clone)]
struct User {
    id: u64,
    email: String,
    password: String,
    first_name: String,
    last_name: String,
    api_key: String,
    created_at: String,
    updated_at: String,
}

#[derive(Debug, Clone)]
struct Org {
    id: u64,
    name: String,
    created_at: String,
    updated_at: String,
}

#[derive(Debug, Clone)]
struct Invite {
    token: String,
    email: String,
    org: u64,
}

#[derive(Debug, Clone)]
pub struct State {
    users: BTreeMap<u64, User>,
    orgs: BTreeMap<u64, Org>,
    /// (org, user) → role.
    roles: BTreeMap<(u64, u64), Role>,
    /// Login and switch tokens → (user, the org the token is scoped to).
    tokens: BTreeMap<String, (u64, u64)>,
    invites: Vec<Invite>,
    next_user: u64,
    next_org: u64,
    mint: TokenMint,
}

type Outcome = Result<Reply, Reply>;

/// Who is calling and which org their token points at.
struct Caller {
    user: u64,
    scoped_org: Option<u64>,
}

impl State {
    pub fn seeded() -> State {
        let people = [
            (
                PM415_ADMIN_USER_ID,
                PM415_ADMIN_EMAIL,
                PM415_ADMIN_PASSWORD,
                "Matthew",
                "Reider",
                PM415_ADMIN_API_KEY,
            ),
            (
                PM415_MEMBER_USER_ID,
                PM415_MEMBER_EMAIL,
                PM415_MEMBER_PASSWORD,
                "Mona",
                "Member",
                PM415_MEMBER_API_KEY,
            ),
            (
                PM415_LEAD_USER_ID,
                PM415_LEAD_EMAIL,
                PM415_LEAD_PASSWORD,
                "Suzie",
                "Reider",
                PM415_LEAD_API_KEY,
            ),
        ];
        let users = people
            .into_iter()
            .map(|(id, email, password, first, last, key)| {
                let user = User {
                    id,
                    email: email.into(),
                    password: password.into(),
                    first_name: first.into(),
                    last_name: last.into(),
                    api_key: key.into(),
                    created_at: seed_time(0),
                    updated_at: seed_time(1),
                };
                (id, user)
            })
            .collect();
        let orgs = (1u64..)
            .zip(PM415_ORG_NAMES)
            .map(|(id, name)| {
                let hours = i64::try_from(id).unwrap_or(0) * 24;
                let org = Org {
                    id,
                    name: name.into(),
                    created_at: seed_time(hours),
                    updated_at: seed_time(hours),
                };
                (id, org)
            })
            .collect();
        let roles = BTreeMap::from([
            ((PM415_ORG_ACME, PM415_ADMIN_USER_ID), Role::Admin),
            ((PM415_ORG_ACME, PM415_MEMBER_USER_ID), Role::Member),
            ((PM415_ORG_ACME, PM415_LEAD_USER_ID), Role::Member),
            ((PM415_ORG_GLOBEX, PM415_ADMIN_USER_ID), Role::Admin),
            ((PM415_ORG_GLOBEX, PM415_MEMBER_USER_ID), Role::Member),
            ((PM415_ORG_GLOBEX, PM415_LEAD_USER_ID), Role::Admin),
            ((PM415_ORG_INITECH, PM415_ADMIN_USER_ID), Role::Admin),
            ((PM415_ORG_INITECH, PM415_LEAD_USER_ID), Role::Member),
        ]);
        State {
            users,
            orgs,
            roles,
            tokens: BTreeMap::new(),
            invites: vec![Invite {
                token: PM415_INVITE_TOKEN.into(),
                email: PM415_INVITE_EMAIL.into(),
                org: PM415_ORG_ACME,
            }],
            next_user: PM415_LEAD_USER_ID + 1,
            next_org: PM415_ORG_INITECH + 1,
            mint: TokenMint::new(0x0415),
        }
    }

    pub fn handle(&mut self, req: &Req) -> Reply {
        self.route(req).unwrap_or_else(|e| e)
    }

    fn route(&mut self, req: &Req) -> Outcome {
        let segments = req.segments();
        let method = req.method.as_str();
        match (method, segments.as_slice()) {
            ("POST", ["api", "account", "login"]) => return self.login(req),
            ("GET", ["api", "org", "invite"]) => return self.validate_invite(req),
            _ => {}
        }
        let caller = self.authenticate(req)?;
        match (method, segments.as_slice()) {
            ("GET", ["api", "org"]) => Ok(self.list_orgs(&caller)),
            ("POST", ["api", "org"]) => self.create_org(req, &caller),
            ("POST", ["api", "org", "switch", id]) => self.switch(&caller, id),
            ("PUT", ["api", "org", id]) => self.rename_org(req, &caller, id),
            ("DELETE", ["api", "org", id]) => self.delete_org(&caller, id),
            ("GET", ["api", "org", id, "users"]) => self.org_users(&caller, id),
            ("POST", ["api", "org", id, "invitelink"]) => self.invite_link(req, &caller, id),
            ("POST", ["api", "org", id, "users", "remove"]) => {
                self.change_roles(req, &caller, id, None)
            }
            ("PUT", ["api", "org", id, "admin", "grant"]) => {
                self.change_roles(req, &caller, id, Some(Role::Admin))
            }
            ("PUT", ["api", "org", id, "admin", "revoke"]) => {
                self.change_roles(req, &caller, id, Some(Role::Member))
            }
            ("PUT", ["api", "org", id, "admin", "resetpassword"]) => {
                self.reset_passwords(req, &caller, id)
            }
            ("GET", ["api", "user"]) => Ok(self.me(caller.user)),
            ("PUT" | "PATCH", ["api", "user"]) => self.update_me(req, &caller),
            ("GET", ["api", "user", "orgs"]) => Ok(self.my_orgs(caller.user)),
            _ => Err(error(404, "Not Found")),
        }
    }

    fn authenticate(&self, req: &Req) -> Result<Caller, Reply> {
        let token = req
            .bearer()
            .ok_or_else(|| error(401, "Missing authentication"))?;
        if let Some((user, org)) = self.tokens.get(token) {
            return Ok(Caller {
                user: *user,
                scoped_org: Some(*org),
            });
        }
        self.users
            .values()
            .find(|u| u.api_key == token)
            .map(|u| Caller {
                user: u.id,
                scoped_org: None,
            })
            .ok_or_else(|| error(401, "Invalid token"))
    }

    fn role(&self, org: u64, user: u64) -> Option<Role> {
        self.roles.get(&(org, user)).copied()
    }

    /// The caller's current org: the one its token was scoped to while the
    /// caller still belongs to it, else their first org (API keys carry none).
    fn current_org(&self, caller: &Caller) -> Option<u64> {
        caller
            .scoped_org
            .filter(|org| self.role(*org, caller.user).is_some())
            .or_else(|| {
                self.user_orgs(caller.user)
                    .into_iter()
                    .next()
                    .map(|(org, _)| org)
            })
    }

    fn user_orgs(&self, user: u64) -> Vec<(u64, Role)> {
        self.roles
            .iter()
            .filter(|((_, u), _)| *u == user)
            .map(|((org, _), role)| (*org, *role))
            .collect()
    }

    fn org_json(&self, org: u64, user: u64) -> Value {
        let Some(o) = self.orgs.get(&org) else {
            return Value::Null;
        };
        let roles: Vec<Value> = self.role(org, user).map(Role::json).into_iter().collect();
        json!({"id": o.id, "name": o.name, "createdAt": o.created_at, "updatedAt": o.updated_at, "roles": roles})
    }

    /// The user as pm415 sends it, secrets included (the docs show the
    /// password hash and API key): clients must cope and must not leak them.
    fn user_json(&self, user: u64) -> Value {
        let Some(u) = self.users.get(&user) else {
            return Value::Null;
        };
        let orgs: Vec<Value> = self
            .user_orgs(user)
            .into_iter()
            .map(|(org, _)| self.org_json(org, user))
            .collect();
        json!({
            "id": u.id, "email": u.email, "password": password_hash(&u.password),
            "firstName": u.first_name, "lastName": u.last_name, "isActive": 1,
            "confirmedAt": u.updated_at, "createdAt": u.created_at, "updatedAt": u.updated_at,
            "apiKey": u.api_key, "organizations": orgs,
        })
    }

    fn issue_token(&mut self, user: u64, org: u64) -> String {
        let token = self.mint.jwt(json!({"id": user, "org": org}));
        self.tokens.insert(token.clone(), (user, org));
        token
    }

    fn login(&mut self, req: &Req) -> Outcome {
        let body = body(req)?;
        let email = fields::required_email(&body, "email").map_err(bad_field)?;
        let password = fields::required_str(&body, "password").map_err(bad_field)?;
        let invite = match fields::optional_str(&body, "token").map_err(bad_field)? {
            None => None,
            Some(token) => {
                let invite = self
                    .invites
                    .iter()
                    .position(|i| i.token == token)
                    .ok_or_else(|| error(400, "Invalid or expired invite token"))?;
                if !self.invites[invite].email.eq_ignore_ascii_case(&email) {
                    return Err(error(
                        400,
                        "This invite was sent to a different email address",
                    ));
                }
                Some(invite)
            }
        };
        let existing = self
            .users
            .values()
            .find(|u| u.email.eq_ignore_ascii_case(&email))
            .map(|u| (u.id, u.password == password));
        let user = match (existing, invite) {
            (Some((id, true)), _) => id,
            // pm415 really does say `success: true` on a failed login; the
            // status is what counts, and clients must be tested against that.
            (Some((_, false)), _) | (None, None) => {
                return Err(boom(401, "Invalid email or password", true));
            }
            (None, Some(_)) => self.create_user(&email, &password),
        };
        let org = match invite {
            Some(i) => {
                let invite = self.invites.remove(i);
                let role = self.roles.entry((invite.org, user)).or_insert(Role::Member);
                if *role == Role::Pending {
                    *role = Role::Member;
                }
                Some(invite.org)
            }
            None => self.user_orgs(user).first().map(|(org, _)| *org),
        };
        let token = self.issue_token(user, org.unwrap_or_default());
        Ok(Reply::json(
            200,
            &json!({"success": true, "token": token, "user": self.user_json(user)}),
        ))
    }

    fn create_user(&mut self, email: &str, password: &str) -> u64 {
        let id = self.next_user;
        self.next_user += 1;
        let api_key = self.mint.hex(21);
        self.users.insert(
            id,
            User {
                id,
                email: email.into(),
                password: password.into(),
                first_name: String::new(),
                last_name: String::new(),
                api_key,
                created_at: now_iso(),
                updated_at: now_iso(),
            },
        );
        id
    }

    fn validate_invite(&self, req: &Req) -> Outcome {
        let token = req
            .query("token")
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| error(400, "\"token\" is required"))?;
        let invite = self
            .invites
            .iter()
            .find(|i| i.token == token)
            .ok_or_else(|| error(404, "Invite not found"))?;
        let org = self.orgs.get(&invite.org).map(|o| o.name.clone());
        Ok(Reply::json(
            200,
            &json!({"success": true, "email": invite.email, "organization": org}),
        ))
    }

    fn list_orgs(&self, caller: &Caller) -> Reply {
        let orgs: Vec<Value> = self
            .user_orgs(caller.user)
            .into_iter()
            .map(|(org, _)| self.org_json(org, caller.user))
            .collect();
        let current = self
            .current_org(caller)
            .map_or(Value::Null, |org| self.org_json(org, caller.user));
        Reply::json(
            200,
            &json!({"success": true, "organizations": orgs, "current": current}),
        )
    }

    fn name_taken(&self, name: &str, except: Option<u64>) -> bool {
        self.orgs
            .values()
            .any(|o| Some(o.id) != except && o.name.eq_ignore_ascii_case(name))
    }

    fn create_org(&mut self, req: &Req, caller: &Caller) -> Outcome {
        let body = body(req)?;
        let name = fields::required_str(&body, "name").map_err(bad_field)?;
        if self.name_taken(&name, None) {
            return Err(error(409, "An organization with that name already exists"));
        }
        let id = self.next_org;
        self.next_org += 1;
        let now = now_iso();
        self.orgs.insert(
            id,
            Org {
                id,
                name: name.clone(),
                created_at: now.clone(),
                updated_at: now.clone(),
            },
        );
        self.roles.insert((id, caller.user), Role::Admin);
        Ok(Reply::json(
            200,
            &json!({
                "success": true,
                "organization": {"name": name, "updated_at": now, "created_at": now, "id": id},
                "user": self.user_json(caller.user),
            }),
        ))
    }

    /// 404 for an unknown org; 403 unless the caller is an admin of it
    /// (`admin`) or at least a member.
    fn authorize(&self, caller: &Caller, id: &str, admin: bool) -> Result<u64, Reply> {
        let org = parse_id(id)
            .filter(|org| self.orgs.contains_key(org))
            .ok_or_else(|| error(404, "Organization not found"))?;
        match self.role(org, caller.user) {
            Some(Role::Admin) => Ok(org),
            Some(Role::Member) if !admin => Ok(org),
            Some(_) if admin => Err(error(403, "You must be an admin of this organization")),
            _ => Err(error(403, "You are not a member of this organization")),
        }
    }

    fn rename_org(&mut self, req: &Req, caller: &Caller, id: &str) -> Outcome {
        let org = self.authorize(caller, id, true)?;
        let body = body(req)?;
        let name = fields::required_str(&body, "name").map_err(bad_field)?;
        if self.name_taken(&name, Some(org)) {
            return Err(error(409, "An organization with that name already exists"));
        }
        if let Some(o) = self.orgs.get_mut(&org) {
            o.name = name;
            o.updated_at = now_iso();
        }
        Ok(Reply::json(
            200,
            &json!({"success": true, "organization": org}),
        ))
    }

    fn delete_org(&mut self, caller: &Caller, id: &str) -> Outcome {
        let org = self.authorize(caller, id, true)?;
        self.orgs.remove(&org);
        self.roles.retain(|(o, _), _| *o != org);
        self.invites.retain(|i| i.org != org);
        Ok(Reply::json(200, &json!({"success": true})))
    }

    fn switch(&mut self, caller: &Caller, id: &str) -> Outcome {
        let org = self.authorize(caller, id, false)?;
        let token = self.issue_token(caller.user, org);
        Ok(Reply::json(
            200,
            &json!({"success": true, "organization": org, "token": token}),
        ))
    }

    fn org_users(&self, caller: &Caller, id: &str) -> Outcome {
        let org = self.authorize(caller, id, false)?;
        let users: Vec<Value> = self
            .roles
            .iter()
            .filter(|((o, _), _)| *o == org)
            .filter_map(|((_, user), role)| {
                let u = self.users.get(user)?;
                Some(json!({
                    "userId": u.id, "email": u.email, "firstName": u.first_name,
                    "lastName": u.last_name, "isActive": 1, "role": role.name(),
                }))
            })
            .collect();
        Ok(Reply::json(200, &json!({"success": true, "users": users})))
    }

    fn invite_link(&mut self, req: &Req, caller: &Caller, id: &str) -> Outcome {
        let org = self.authorize(caller, id, true)?;
        let body = body(req)?;
        let email = fields::required_email(&body, "email").map_err(bad_field)?;
        let member = self
            .users
            .values()
            .any(|u| u.email.eq_ignore_ascii_case(&email) && self.role(org, u.id).is_some());
        if member {
            return Err(error(
                409,
                "That user is already a member of this organization",
            ));
        }
        let token = self.mint.jwt(json!({"email": email, "org": org}));
        self.invites.push(Invite {
            token: token.clone(),
            email,
            org,
        });
        let url = format!("{}/account/invite/?token={token}", req.base_url);
        Ok(Reply::json(
            200,
            &json!({"success": true, "confirmUrl": url}),
        ))
    }

    fn users_id(req: &Req) -> Result<Vec<u64>, Reply> {
        let body = body(req)?;
        let ids = match body.get("usersId") {
            None | Some(Value::Null) => return Err(error(400, "\"usersId\" is required")),
            Some(Value::Array(ids)) => ids,
            Some(_) => return Err(error(400, "\"usersId\" must be an array")),
        };
        if ids.is_empty() {
            return Err(error(400, "\"usersId\" must contain at least 1 items"));
        }
        ids.iter()
            .map(|v| {
                id_from_json(v).ok_or_else(|| error(400, "\"usersId\" must contain only numbers"))
            })
            .collect()
    }

    fn check_members(&self, org: u64, users: &[u64]) -> Result<(), Reply> {
        match users.iter().find(|u| self.role(org, **u).is_none()) {
            Some(u) => Err(error(
                404,
                &format!("User {u} is not a member of this organization"),
            )),
            None => Ok(()),
        }
    }

    /// Removes users (`new_role` None) or sets their role, refusing any change
    /// that would leave the org without an admin.
    fn change_roles(
        &mut self,
        req: &Req,
        caller: &Caller,
        id: &str,
        new_role: Option<Role>,
    ) -> Outcome {
        let org = self.authorize(caller, id, true)?;
        let users = Self::users_id(req)?;
        self.check_members(org, &users)?;
        let mut after = self.roles.clone();
        for user in &users {
            match new_role {
                Some(role) => {
                    after.insert((org, *user), role);
                }
                None => {
                    after.remove(&(org, *user));
                }
            }
        }
        let admins_left = after
            .iter()
            .any(|((o, _), role)| *o == org && *role == Role::Admin);
        if !admins_left {
            return Err(error(409, "An organization must keep at least one admin"));
        }
        self.roles = after;
        Ok(Reply::json(200, &json!({"success": true})))
    }

    fn reset_passwords(&mut self, req: &Req, caller: &Caller, id: &str) -> Outcome {
        let org = self.authorize(caller, id, true)?;
        let users = Self::users_id(req)?;
        self.check_members(org, &users)?;
        Ok(Reply::json(200, &json!({"success": true})))
    }

    fn me(&self, user: u64) -> Reply {
        Reply::json(200, &json!({"success": true, "user": self.user_json(user)}))
    }

    fn update_me(&mut self, req: &Req, caller: &Caller) -> Outcome {
        let body = body(req)?;
        let first = fields::optional_str(&body, "firstName").map_err(bad_field)?;
        let last = fields::optional_str(&body, "lastName").map_err(bad_field)?;
        let password = fields::optional_str(&body, "password").map_err(bad_field)?;
        let email = match body.get("email") {
            None => None,
            Some(_) => Some(fields::required_email(&body, "email").map_err(bad_field)?),
        };
        if let Some(email) = &email {
            let taken = self
                .users
                .values()
                .any(|u| u.id != caller.user && u.email.eq_ignore_ascii_case(email));
            if taken {
                return Err(error(409, "That email is already in use"));
            }
        }
        let Some(u) = self.users.get_mut(&caller.user) else {
            return Err(error(404, "User not found"));
        };
        if let Some(v) = first {
            u.first_name = v;
        }
        if let Some(v) = last {
            u.last_name = v;
        }
        if let Some(v) = password {
            u.password = v;
        }
        if let Some(v) = email {
            u.email = v;
        }
        u.updated_at = now_iso();
        Ok(self.me(caller.user))
    }

    fn my_orgs(&self, user: u64) -> Reply {
        let orgs: Vec<Value> = self
            .user_orgs(user)
            .into_iter()
            .filter_map(|(org, role)| {
                let o = self.orgs.get(&org)?;
                Some(json!({"orgId": org, "name": o.name, "role": role.name()}))
            })
            .collect();
        Reply::json(200, &Value::Array(orgs))
    }
}

/// A stable fake hash, shaped like the one in the docs (29 hex digits).
fn password_hash(password: &str) -> String {
    let mut hash: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    for byte in password.bytes() {
        hash ^= u128::from(byte);
        hash = hash.wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b);
    }
    format!("{hash:032x}")[..29].to_string()
}

fn body(req: &Req) -> Result<Map<String, Value>, Reply> {
    req.json_object().map_err(|e| error(400, &e.message()))
}

/// Joi's wording: `"Name" is required`, with the label capitalized as in the docs.
fn bad_field(e: FieldError) -> Reply {
    error(400, &e.describe(&format!("\"{}\"", e.capitalized())))
}

fn boom(status: u16, message: &str, success: bool) -> Reply {
    Reply::json(
        status,
        &json!({"statusCode": status, "error": reason(status), "message": message, "success": success}),
    )
}

/// A Boom error body.
pub fn error(status: u16, message: &str) -> Reply {
    boom(status, message, false)
}
