//! ourganize: projects, tasks and users behind `{success, data, meta}`, with
//! rate-limit headers on every answer.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::fields::{self, FieldError};
use crate::message::{parse_id, Reply, Req};
use crate::seed::*;
use crate::time::{iso_in, now_iso, seed_time, unix_now};

const PROJECT_STATUSES: &[&str] = &["active", "archived", "completed", "on_hold"];
const TASK_STATUSES: &[&str] = &["todo", "in_progress", "completed", "blocked"];
const ROLES: &[&str] = &["admin", "member"];
const MAX_LIMIT: u64 = 100;
const DEFAULT_LIMIT: u64 = 20;

#[derive(Debug, Clone)]
pub struct State {
    projects: BTreeMap<u64, Map<String, Value>>,
    tasks: BTreeMap<u64, Map<String, Value>>,
    users: BTreeMap<u64, Map<String, Value>>,
    invites: Vec<Value>,
    keys: BTreeMap<String, u64>,
    next_project: u64,
    next_task: u64,
    next_invite: u64,
    rate: RateLimiter,
}

/// A fixed window shared by all callers: simpler to reason about in tests
/// than per-key buckets, and the docs say nothing finer.
#[derive(Debug, Clone)]
struct RateLimiter {
    limit: u32,
    window_secs: u64,
    window_start: Option<u64>,
    used: u32,
}

struct RateVerdict {
    allowed: bool,
    limit: u32,
    remaining: u32,
    reset: u64,
    retry_after: u64,
}

impl RateLimiter {
    fn hit(&mut self, now: u64) -> RateVerdict {
        let start = match self.window_start {
            Some(start) if now < start + self.window_secs => start,
            _ => {
                self.window_start = Some(now);
                self.used = 0;
                now
            }
        };
        let reset = start + self.window_secs;
        let allowed = self.used < self.limit;
        if allowed {
            self.used += 1;
        }
        RateVerdict {
            allowed,
            limit: self.limit,
            remaining: self.limit.saturating_sub(self.used),
            reset,
            retry_after: reset.saturating_sub(now).max(1),
        }
    }
}

type Outcome = Result<Reply, Reply>;

impl State {
    pub fn seeded(rate_limit: u32, rate_window_secs: u64) -> State {
        let mut state = State {
            projects: BTreeMap::new(),
            tasks: BTreeMap::new(),
            users: BTreeMap::new(),
            invites: Vec::new(),
            keys: BTreeMap::from([
                (OURGANIZE_ADMIN_KEY.to_string(), OURGANIZE_ADMIN_USER_ID),
                (OURGANIZE_MEMBER_KEY.to_string(), OURGANIZE_MEMBER_USER_ID),
            ]),
            next_project: OURGANIZE_PROJECT_COUNT + 1,
            next_task: 1,
            next_invite: 1,
            rate: RateLimiter {
                limit: rate_limit,
                window_secs: rate_window_secs.max(1),
                window_start: None,
                used: 0,
            },
        };
        let people = [
            (OURGANIZE_ADMIN_EMAIL, "Ada", "Admin", "admin"),
            (OURGANIZE_MEMBER_EMAIL, "Max", "Member", "member"),
            ("grace.hopper@ourganize.test", "Grace", "Hopper", "member"),
            ("alan.turing@ourganize.test", "Alan", "Turing", "member"),
            (
                "edsger.dijkstra@ourganize.test",
                "Edsger",
                "Dijkstra",
                "member",
            ),
        ];
        for (id, (email, first, last, role)) in (1..=OURGANIZE_USER_COUNT).zip(people) {
            let user = json!({
                "id": id, "email": email, "firstName": first, "lastName": last,
                "role": role, "createdAt": seed_time(0), "updatedAt": seed_time(0),
            });
            state.users.insert(id, to_map(user));
        }
        for id in 1..=OURGANIZE_PROJECT_COUNT {
            let status = if id % 5 == 0 {
                "archived"
            } else if id % 7 == 0 {
                "completed"
            } else {
                "active"
            };
            let hours = i64::try_from(id).unwrap_or(0);
            let project = json!({
                "id": id,
                "name": format!("Project {id:02}"),
                "description": format!("Seeded project number {id}"),
                "status": status,
                "settings": {"isPublic": id % 2 == 0, "allowComments": true},
                "tags": if id % 3 == 0 { json!(["seed", "q1"]) } else { json!(["seed"]) },
                "ownerId": OURGANIZE_ADMIN_USER_ID,
                "createdAt": seed_time(hours),
                "updatedAt": seed_time(hours),
            });
            state.projects.insert(id, to_map(project));
        }
        let mut seed_tasks = |project: u64, count: u64| {
            for n in 1..=count {
                let status =
                    ["todo", "in_progress", "completed"][usize::try_from(n % 3).unwrap_or(0)];
                let hours = i64::try_from(state.next_task).unwrap_or(0);
                let task = json!({
                    "id": state.next_task,
                    "projectId": project,
                    "title": format!("Task {n} of project {project}"),
                    "description": null,
                    "status": status,
                    "assigneeId": if n % 2 == 0 { json!(OURGANIZE_MEMBER_USER_ID) } else { Value::Null },
                    "dueDate": null,
                    "completedAt": if status == "completed" { json!(seed_time(hours + 1)) } else { Value::Null },
                    "createdAt": seed_time(hours),
                    "updatedAt": seed_time(hours),
                });
                state.tasks.insert(state.next_task, to_map(task));
                state.next_task += 1;
            }
        };
        seed_tasks(1, OURGANIZE_PROJECT1_TASK_COUNT);
        for project in 2..=5 {
            seed_tasks(project, OURGANIZE_OTHER_PROJECT_TASK_COUNT);
        }
        state
    }

    /// A new limit also starts a new window, so a test sees exactly `limit`
    /// successes before the first 429.
    pub fn set_rate_limit(&mut self, limit: u32, window_secs: Option<u64>) {
        self.rate.limit = limit;
        if let Some(window) = window_secs {
            self.rate.window_secs = window.max(1);
        }
        self.rate.window_start = None;
        self.rate.used = 0;
    }

    pub fn rate_limit(&self) -> u32 {
        self.rate.limit
    }

    pub fn handle(&mut self, req: &Req) -> Reply {
        let verdict = self.rate.hit(unix_now());
        let reply = if verdict.allowed {
            self.route(req).unwrap_or_else(|e| e)
        } else {
            error(
                429,
                &format!(
                    "Rate limit exceeded. Try again in {} seconds.",
                    verdict.retry_after
                ),
            )
            .with_header("retry-after", verdict.retry_after.to_string())
        };
        reply
            .with_header("x-ratelimit-limit", verdict.limit.to_string())
            .with_header("x-ratelimit-remaining", verdict.remaining.to_string())
            .with_header("x-ratelimit-reset", verdict.reset.to_string())
    }

    fn route(&mut self, req: &Req) -> Outcome {
        let user = req
            .bearer()
            .and_then(|key| self.keys.get(key).copied())
            .ok_or_else(|| error(401, "Missing or invalid authentication"))?;
        let segments = req.segments();
        match (req.method.as_str(), segments.as_slice()) {
            ("GET", ["projects"]) => self.list_projects(req),
            ("POST", ["projects"]) => self.create_project(req, user),
            ("GET", ["projects", id]) => Ok(ok(Value::Object(self.project(id)?.clone()))),
            ("PUT" | "PATCH", ["projects", id]) => self.update_project(req, id),
            ("DELETE", ["projects", id]) => self.delete_project(id),
            ("GET", ["projects", id, "tasks"]) => self.list_tasks(req, id),
            ("POST", ["projects", id, "tasks"]) => self.create_task(req, id),
            ("GET", ["tasks", id]) => Ok(ok(Value::Object(self.task(id)?.clone()))),
            ("PUT" | "PATCH", ["tasks", id]) => self.update_task(req, id),
            ("DELETE", ["tasks", id]) => self.delete_task(id),
            ("GET", ["users"]) => self.list_users(req, user),
            ("GET", ["user", "profile"]) => Ok(ok(self.user_json(user))),
            ("PUT" | "PATCH", ["user", "profile"]) => self.update_profile(req, user),
            ("POST", ["users", "invite"]) => self.invite(req, user),
            _ => Err(not_found_route(req)),
        }
    }

    fn list_projects(&self, req: &Req) -> Outcome {
        let (page, limit) = paging(req)?;
        let status = req.query("status").filter(|s| !s.is_empty());
        let items: Vec<&Map<String, Value>> = self
            .projects
            .values()
            .filter(|p| status.map_or(true, |s| p.get("status").and_then(Value::as_str) == Some(s)))
            .collect();
        Ok(list(items, page, limit))
    }

    fn project(&self, id: &str) -> Result<&Map<String, Value>, Reply> {
        parse_id(id)
            .and_then(|id| self.projects.get(&id))
            .ok_or_else(|| error(404, &format!("Project {id} not found")))
    }

    fn create_project(&mut self, req: &Req, user: u64) -> Outcome {
        let body = body(req)?;
        let name = fields::required_str(&body, "name").map_err(validation)?;
        let mut project = to_map(json!({
            "id": self.next_project,
            "name": name,
            "description": null,
            "status": "active",
            "settings": {"isPublic": false, "allowComments": true},
            "tags": [],
            "ownerId": user,
            "createdAt": now_iso(),
            "updatedAt": now_iso(),
        }));
        apply_project_patch(&mut project, &body).map_err(validation)?;
        self.projects.insert(self.next_project, project.clone());
        self.next_project += 1;
        Ok(created(Value::Object(project)))
    }

    fn update_project(&mut self, req: &Req, id: &str) -> Outcome {
        let body = body(req)?;
        let project = parse_id(id)
            .and_then(|id| self.projects.get_mut(&id))
            .ok_or_else(|| error(404, &format!("Project {id} not found")))?;
        let mut updated = project.clone();
        if let Some(name) = fields::optional_str(&body, "name").map_err(validation)? {
            updated.insert("name".into(), json!(name));
        }
        apply_project_patch(&mut updated, &body).map_err(validation)?;
        updated.insert("updatedAt".into(), json!(now_iso()));
        *project = updated.clone();
        Ok(ok(Value::Object(updated)))
    }

    fn delete_project(&mut self, id: &str) -> Outcome {
        self.project(id)?;
        let id = parse_id(id).unwrap_or_default();
        self.projects.remove(&id);
        self.tasks
            .retain(|_, t| t.get("projectId").and_then(Value::as_u64) != Some(id));
        Ok(ok(Value::Null))
    }

    fn list_tasks(&self, req: &Req, project: &str) -> Outcome {
        self.project(project)?;
        let project = parse_id(project).unwrap_or_default();
        let (page, limit) = paging(req)?;
        let status = req.query("status").filter(|s| !s.is_empty());
        let items: Vec<&Map<String, Value>> = self
            .tasks
            .values()
            .filter(|t| t.get("projectId").and_then(Value::as_u64) == Some(project))
            .filter(|t| {
                let task_status = t.get("status").and_then(Value::as_str).unwrap_or_default();
                match status {
                    None => true,
                    // The docs' own example filters tasks by `status=active`,
                    // which no task has: read it as "not completed".
                    Some("active") => task_status != "completed",
                    Some(s) => task_status == s,
                }
            })
            .collect();
        Ok(list(items, page, limit))
    }

    fn task(&self, id: &str) -> Result<&Map<String, Value>, Reply> {
        parse_id(id)
            .and_then(|id| self.tasks.get(&id))
            .ok_or_else(|| error(404, &format!("Task {id} not found")))
    }

    fn create_task(&mut self, req: &Req, project: &str) -> Outcome {
        let body = body(req)?;
        self.project(project)?;
        let project = parse_id(project).unwrap_or_default();
        let title = fields::required_str(&body, "title").map_err(validation)?;
        let mut task = to_map(json!({
            "id": self.next_task,
            "projectId": project,
            "title": title,
            "description": null,
            "status": "todo",
            "assigneeId": null,
            "dueDate": null,
            "completedAt": null,
            "createdAt": now_iso(),
            "updatedAt": now_iso(),
        }));
        apply_task_patch(&mut task, &body).map_err(validation)?;
        self.tasks.insert(self.next_task, task.clone());
        self.next_task += 1;
        Ok(created(Value::Object(task)))
    }

    fn update_task(&mut self, req: &Req, id: &str) -> Outcome {
        let body = body(req)?;
        let task = parse_id(id)
            .and_then(|id| self.tasks.get_mut(&id))
            .ok_or_else(|| error(404, &format!("Task {id} not found")))?;
        let mut updated = task.clone();
        if let Some(title) = fields::optional_str(&body, "title").map_err(validation)? {
            updated.insert("title".into(), json!(title));
        }
        apply_task_patch(&mut updated, &body).map_err(validation)?;
        updated.insert("updatedAt".into(), json!(now_iso()));
        *task = updated.clone();
        Ok(ok(Value::Object(updated)))
    }

    fn delete_task(&mut self, id: &str) -> Outcome {
        self.task(id)?;
        self.tasks.remove(&parse_id(id).unwrap_or_default());
        Ok(ok(Value::Null))
    }

    fn list_users(&self, req: &Req, user: u64) -> Outcome {
        if self.role(user) != "admin" {
            return Err(error(403, "Admin role required to list users"));
        }
        let (page, limit) = paging(req)?;
        Ok(list(self.users.values().collect(), page, limit))
    }

    fn role(&self, user: u64) -> &str {
        self.users
            .get(&user)
            .and_then(|u| u.get("role"))
            .and_then(Value::as_str)
            .unwrap_or("member")
    }

    fn user_json(&self, user: u64) -> Value {
        self.users
            .get(&user)
            .map(|u| Value::Object(u.clone()))
            .unwrap_or(Value::Null)
    }

    fn update_profile(&mut self, req: &Req, user: u64) -> Outcome {
        let body = body(req)?;
        let mut changes = Vec::new();
        for field in ["firstName", "lastName"] {
            if let Some(v) = fields::optional_str(&body, field).map_err(validation)? {
                changes.push((field, json!(v)));
            }
        }
        if body.contains_key("email") {
            let email = fields::required_email(&body, "email").map_err(validation)?;
            changes.push(("email", json!(email)));
        }
        let Some(profile) = self.users.get_mut(&user) else {
            return Err(error(404, "User not found"));
        };
        for (field, value) in changes {
            profile.insert(field.into(), value);
        }
        profile.insert("updatedAt".into(), json!(now_iso()));
        Ok(ok(Value::Object(profile.clone())))
    }

    fn invite(&mut self, req: &Req, user: u64) -> Outcome {
        let body = body(req)?;
        let email = fields::required_email(&body, "email").map_err(validation)?;
        let role = fields::optional_enum(&body, "role", ROLES)
            .map_err(validation)?
            .unwrap_or_else(|| "member".into());
        let taken = self.users.values().any(|u| {
            u.get("email")
                .and_then(Value::as_str)
                .is_some_and(|e| e.eq_ignore_ascii_case(&email))
        });
        if taken {
            return Err(error(
                409,
                &format!("A user with email {email} already exists"),
            ));
        }
        let invite = json!({
            "id": self.next_invite,
            "email": email,
            "role": role,
            "status": "pending",
            "invitedBy": user,
            "createdAt": now_iso(),
            "expiresAt": iso_in(7 * 24 * 3600),
        });
        self.next_invite += 1;
        self.invites.push(invite.clone());
        Ok(created(invite))
    }
}

fn apply_project_patch(
    project: &mut Map<String, Value>,
    body: &Map<String, Value>,
) -> Result<(), FieldError> {
    if let Some(description) = fields::nullable_str(body, "description")? {
        project.insert("description".into(), description);
    }
    if let Some(status) = fields::optional_enum(body, "status", PROJECT_STATUSES)? {
        project.insert("status".into(), json!(status));
    }
    match body.get("settings") {
        None | Some(Value::Null) => {}
        Some(Value::Object(settings)) => {
            let mut merged = project
                .get("settings")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            for key in ["isPublic", "allowComments"] {
                if let Some(flag) = fields::optional_bool(settings, key).map_err(|e| {
                    FieldError::invalid(&format!("settings.{}", e.field), "a boolean")
                })? {
                    merged.insert(key.into(), json!(flag));
                }
            }
            project.insert("settings".into(), Value::Object(merged));
        }
        Some(_) => return Err(FieldError::invalid("settings", "an object")),
    }
    match body.get("tags") {
        None | Some(Value::Null) => {}
        Some(Value::Array(tags)) if tags.iter().all(Value::is_string) => {
            project.insert("tags".into(), Value::Array(tags.clone()));
        }
        Some(_) => return Err(FieldError::invalid("tags", "an array of strings")),
    }
    Ok(())
}

fn apply_task_patch(
    task: &mut Map<String, Value>,
    body: &Map<String, Value>,
) -> Result<(), FieldError> {
    for field in ["description", "dueDate", "completedAt"] {
        if let Some(value) = fields::nullable_str(body, field)? {
            task.insert(field.into(), value);
        }
    }
    match body.get("assigneeId") {
        None => {}
        Some(Value::Null) => {
            task.insert("assigneeId".into(), Value::Null);
        }
        Some(_) => {
            let id = fields::required_id(body, "assigneeId")?;
            task.insert("assigneeId".into(), json!(id));
        }
    }
    if let Some(status) = fields::optional_enum(body, "status", TASK_STATUSES)? {
        let completed = status == "completed";
        task.insert("status".into(), json!(status));
        // Completing stamps the time unless the caller gave one; reopening clears it.
        if completed && task.get("completedAt").map_or(true, Value::is_null) {
            task.insert("completedAt".into(), json!(now_iso()));
        } else if !completed && !body.contains_key("completedAt") {
            task.insert("completedAt".into(), Value::Null);
        }
    }
    Ok(())
}

fn to_map(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

fn body(req: &Req) -> Result<Map<String, Value>, Reply> {
    req.json_object().map_err(|e| error(400, &e.message()))
}

fn paging(req: &Req) -> Result<(u64, u64), Reply> {
    let bad = |e: FieldError| {
        error_with_details(
            400,
            "Invalid query parameters",
            &[(e.field.clone(), e.describe(&e.field))],
        )
    };
    let page = fields::query_number(req.query("page"), "page", 1).map_err(bad)?;
    let limit = fields::query_number(req.query("limit"), "limit", DEFAULT_LIMIT).map_err(bad)?;
    if page == 0 {
        return Err(bad(FieldError::invalid("page", "at least 1")));
    }
    if limit == 0 {
        return Err(bad(FieldError::invalid("limit", "at least 1")));
    }
    Ok((page, limit.min(MAX_LIMIT)))
}

fn list(items: Vec<&Map<String, Value>>, page: u64, limit: u64) -> Reply {
    let total = items.len();
    let skip = usize::try_from((page - 1).saturating_mul(limit)).unwrap_or(usize::MAX);
    let data: Vec<Value> = items
        .into_iter()
        .skip(skip)
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .map(|m| Value::Object(m.clone()))
        .collect();
    Reply::json(
        200,
        &json!({"success": true, "data": data, "meta": {"page": page, "limit": limit, "total": total}}),
    )
}

fn ok(data: Value) -> Reply {
    Reply::json(200, &json!({"success": true, "data": data}))
}

fn created(data: Value) -> Reply {
    Reply::json(201, &json!({"success": true, "data": data}))
}

fn validation(e: FieldError) -> Reply {
    error_with_details(
        422,
        "The request data is invalid",
        &[(e.field.clone(), e.describe(&e.capitalized()))],
    )
}

fn not_found_route(req: &Req) -> Reply {
    error(404, &format!("Cannot {} {}", req.method, req.path))
}

fn code(status: u16) -> &'static str {
    match status {
        400 => "BAD_REQUEST",
        401 => "UNAUTHORIZED",
        403 => "FORBIDDEN",
        404 => "NOT_FOUND",
        409 => "CONFLICT",
        422 => "VALIDATION_ERROR",
        429 => "RATE_LIMITED",
        502 => "BAD_GATEWAY",
        503 => "SERVICE_UNAVAILABLE",
        504 => "GATEWAY_TIMEOUT",
        _ => "INTERNAL_ERROR",
    }
}

/// ourganize's error envelope.
pub fn error(status: u16, message: &str) -> Reply {
    error_with_details(status, message, &[])
}

fn error_with_details(status: u16, message: &str, details: &[(String, String)]) -> Reply {
    let mut error = json!({"code": code(status), "message": message});
    if !details.is_empty() {
        error["details"] = details
            .iter()
            .map(|(field, message)| json!({"field": field, "message": message}))
            .collect();
    }
    Reply::json(status, &json!({"success": false, "error": error}))
}
