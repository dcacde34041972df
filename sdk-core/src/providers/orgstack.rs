//! orgstack (a planned API, built from its spec): plain resource JSON,
//! lists as `{data, pagination}`, `?page=&limit=` (max 100), JWT from
//! `POST /auth/login {username, password}`.

use serde_json::{json, Value};

use super::{
    camel_body, field_errors, number_paging, seg, str_at, unsupported, ErrorParts, Paging, Read,
    Spec, Wire,
};
use crate::config::Provider;
use crate::error::Result;
use crate::operation::{Call, Operation};

pub(crate) struct Orgstack;

const DATA: &[&str] = &["data"];

impl Spec for Orgstack {
    fn provider(&self) -> Provider {
        Provider::Orgstack
    }

    // Self-hosted only: the caller must give a base URL.
    fn default_base_url(&self) -> Option<&'static str> {
        None
    }

    fn max_page_size(&self) -> Option<u32> {
        Some(100)
    }

    fn supports(&self, op: Operation) -> bool {
        use Operation as O;
        matches!(
            op,
            O::OrganizationsList
                | O::OrganizationsGet
                | O::OrganizationsCreate
                | O::OrganizationsUpdate
                | O::OrganizationsDelete
                | O::AuthLogin
        )
    }

    fn requests(&self, call: &Call<'_>) -> Result<Vec<Wire>> {
        match call {
            Call::OrganizationsList(p) => number_paging(Wire::get("/organizations"), p, "limit")
                .query_opt("sort", p.sort.as_ref())
                .query_opt("order", p.order.as_ref())
                .query_opt("search", p.search.as_ref())
                .query_opt("status", p.status.as_ref())
                .filters(p)
                .read(Read::Page {
                    items: &["data"],
                    paging: Paging::Number {
                        total: &["pagination", "total"],
                        limit: &["pagination", "limit"],
                    },
                })
                .one(),
            // Plain resource JSON per its docs; a `{data: {...}}` wrapper like
            // its lists' is read through too (`Read::At` falls back to the body).
            Call::OrganizationsGet(id) => Wire::get(format!("/organizations/{}", seg(id)))
                .read(Read::At(DATA))
                .one(),
            Call::OrganizationsCreate(new) => Wire::post("/organizations")
                .body(camel_body(new.body()))
                .read(Read::At(DATA))
                .one(),
            Call::OrganizationsUpdate(id, patch) => {
                Wire::put(format!("/organizations/{}", seg(id)))
                    .body(camel_body(patch.body()))
                    .read(Read::At(DATA))
                    .one()
            }
            Call::OrganizationsDelete(id) => Wire::delete(format!("/organizations/{}", seg(id)))
                .read(Read::Nothing)
                .one(),
            Call::AuthLogin(login) => Wire::post("/auth/login")
                .body(json!({ "username": login.identity(), "password": login.password() }))
                .anonymous()
                .one(),
            other => Err(unsupported(self.provider(), other)),
        }
    }

    // Its error body is not specified: read the usual fields when present.
    fn error_parts(&self, body: &Value) -> ErrorParts {
        ErrorParts {
            code: str_at(body, &["code"]).or_else(|| str_at(body, &["error"])),
            message: str_at(body, &["message"]).or_else(|| str_at(body, &["error"])),
            field_errors: field_errors(body.get("errors").or_else(|| body.get("details"))),
            ..Default::default()
        }
    }
}
