//! ourganize: `{success, data, meta}` envelope, `?page=&limit=` paging,
//! `{success:false, error:{code,message,details}}` errors, Bearer keys.

use serde_json::{json, Value};

use super::{
    camel_body, field_errors, number_paging, seg, str_at, unsupported, ErrorParts, Paging, Read,
    Spec, Wire,
};
use crate::config::Provider;
use crate::error::{Error, Result};
use crate::operation::{Call, Operation, TaskScope};

pub(crate) struct Ourganize;

const DATA: &[&str] = &["data"];
const PAGE: Read = Read::Page {
    items: DATA,
    paging: Paging::Number {
        total: &["meta", "total"],
        limit: &["meta", "limit"],
    },
};

impl Spec for Ourganize {
    fn provider(&self) -> Provider {
        Provider::Ourganize
    }

    fn default_base_url(&self) -> Option<&'static str> {
        Some("https://api.ourganize.com/v1")
    }

    fn supports(&self, op: Operation) -> bool {
        use Operation as O;
        matches!(
            op,
            O::InvitesCreate
                | O::ProjectsList
                | O::ProjectsGet
                | O::ProjectsCreate
                | O::ProjectsUpdate
                | O::ProjectsDelete
                | O::TasksList
                | O::TasksGet
                | O::TasksCreate
                | O::TasksUpdate
                | O::TasksDelete
                | O::UsersList
                | O::UsersMe
                | O::UsersUpdateMe
        )
    }

    fn requests(&self, call: &Call<'_>) -> Result<Vec<Wire>> {
        let data = Read::At(DATA);
        match call {
            Call::ProjectsList(p) => number_paging(Wire::get("/projects"), p, "limit")
                .query_opt("status", p.status.as_ref())
                .filters(p)
                .read(PAGE)
                .one(),
            Call::ProjectsGet(id) => Wire::get(format!("/projects/{}", seg(id))).read(data).one(),
            Call::ProjectsCreate(new) => Wire::post("/projects")
                .body(camel_body(new.body()))
                .read(data)
                .one(),
            Call::ProjectsUpdate(id, patch) => Wire::put(format!("/projects/{}", seg(id)))
                .body(camel_body(patch.body()))
                .read(data)
                .one(),
            Call::ProjectsDelete(id) => Wire::delete(format!("/projects/{}", seg(id)))
                .read(Read::Nothing)
                .one(),
            Call::TasksList(TaskScope::Project(project), p) => number_paging(
                Wire::get(format!("/projects/{}/tasks", seg(project))),
                p,
                "limit",
            )
            .query_opt("status", p.status.as_ref())
            .filters(p)
            .read(PAGE)
            .one(),
            Call::TasksList(TaskScope::Organization(_), _) => Err(Error::invalid_argument(
                "scope",
                "ourganize lists tasks per project: use TaskScope::Project",
            )),
            Call::TasksGet(id) => Wire::get(format!("/tasks/{}", seg(id))).read(data).one(),
            Call::TasksCreate(project, new) => {
                Wire::post(format!("/projects/{}/tasks", seg(project)))
                    .body(camel_body(new.body()))
                    .read(data)
                    .one()
            }
            Call::TasksUpdate(id, patch) => Wire::put(format!("/tasks/{}", seg(id)))
                .body(camel_body(patch.body()))
                .read(data)
                .one(),
            Call::TasksDelete(id) => Wire::delete(format!("/tasks/{}", seg(id)))
                .read(Read::Nothing)
                .one(),
            Call::UsersList(p) => number_paging(Wire::get("/users"), p, "limit")
                .filters(p)
                .read(PAGE)
                .one(),
            Call::UsersMe => Wire::get("/user/profile").read(data).one(),
            Call::UsersUpdateMe(patch) => {
                let mut b = camel_body(patch.body());
                if let Value::Object(m) = &mut b {
                    m.extend(patch.extra.clone());
                }
                Wire::put("/user/profile").body(b).read(data).one()
            }
            Call::InvitesCreate(invite) => {
                let mut b = json!({ "email": invite.email });
                if let Some(role) = &invite.role {
                    b["role"] = role.as_str().into();
                }
                Wire::post("/users/invite").body(b).read(data).one()
            }
            other => Err(unsupported(self.provider(), other)),
        }
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
