//! ourganize: `{success, data, meta}` envelope, `?page=&limit=` paging,
//! `{success:false, error:{code,message,details}}` errors, Bearer keys.

use serde_json::{json, Value};

use super::{camel_body, field_errors, fill_invite, seg, str_at};
use crate::config::Provider;
use crate::error::Error;
use crate::models::{TaskPatch, TaskScope};
use crate::route::{routes, Dialect, ErrorParts, Paging, Read, Wire};

pub(crate) struct Ourganize;

const DATA: Read = Read::At(&["data"]);
const PAGE: Read = Read::Page {
    items: &["data"],
    paging: Paging::Number {
        total: &["meta", "total"],
        limit: &["meta", "limit"],
    },
};

impl Dialect for Ourganize {
    fn provider(&self) -> Provider {
        Provider::Ourganize
    }

    fn default_base_url(&self) -> Option<&'static str> {
        Some("https://api.ourganize.com/v1")
    }

    routes! {
        ProjectsList { query } => Wire::get("/projects")
            .number_paging(query, "limit")
            .query_opt("status", query.status.as_ref())
            .filters(query)
            .read(PAGE),
        ProjectsGet { id } => Wire::get(format!("/projects/{}", seg(id))).read(DATA),
        ProjectsCreate { new } => Wire::post("/projects").body(camel_body(new.body())).read(DATA),
        ProjectsUpdate { id, patch } => Wire::put(format!("/projects/{}", seg(id)))
            .body(camel_body(patch.body()))
            .read(DATA),
        ProjectsDelete { id } => Wire::delete(format!("/projects/{}", seg(id))).read(Read::Nothing),
        TasksList { scope, query } => match scope {
            TaskScope::Project(project) => Ok(Wire::get(format!("/projects/{}/tasks", seg(project)))
                .number_paging(query, "limit")
                .query_opt("status", query.status.as_ref())
                .filters(query)
                .read(PAGE)),
            TaskScope::Organization(_) => Err(Error::invalid_argument(
                "project_id",
                "ourganize lists tasks per project: give project_id",
            )),
        },
        TasksGet { id } => Wire::get(format!("/tasks/{}", seg(id))).read(DATA),
        TasksCreate { project_id, new } => Wire::post(format!("/projects/{}/tasks", seg(project_id)))
            .body(camel_body(new.body()))
            .read(DATA),
        TasksUpdate { id, patch } => Wire::put(format!("/tasks/{}", seg(id)))
            .body(camel_body(patch.body()))
            .read(DATA),
        TasksComplete { id } => Wire::put(format!("/tasks/{}", seg(id)))
            .body(camel_body(TaskPatch::completed(chrono::Utc::now()).body()))
            .read(DATA),
        TasksDelete { id } => Wire::delete(format!("/tasks/{}", seg(id))).read(Read::Nothing),
        UsersList { query } => Wire::get("/users")
            .number_paging(query, "limit")
            .filters(query)
            .read(PAGE),
        UsersMe => Wire::get("/user/profile").read(DATA),
        UsersUpdateMe { patch } => Wire::put("/user/profile").body(camel_body(patch.body())).read(DATA),
        InvitesCreate { new } => {
            let mut b = json!({ "email": new.email });
            if let Some(role) = &new.role {
                b["role"] = role.as_str().into();
            }
            Wire::post("/users/invite").body(b).read(DATA).after(fill_invite)
        },
    }

    fn error_parts(&self, body: &Value) -> ErrorParts {
        ErrorParts {
            code: str_at(body, &["error", "code"]),
            message: str_at(body, &["error", "message"]).or_else(|| str_at(body, &["message"])),
            field_errors: field_errors(body.pointer("/error/details")),
            ..Default::default()
        }
    }
}
