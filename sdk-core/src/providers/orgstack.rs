//! orgstack (a planned API, built from its spec): plain resource JSON,
//! lists as `{data, pagination}`, `?page=&limit=` (max 100), JWT from
//! `POST /auth/login {username, password}`.

use serde_json::{json, Value};

use super::{camel_body, field_errors, seg, str_at};
use crate::config::Provider;
use crate::route::{routes, Dialect, ErrorParts, Paging, Read, Wire};

pub(crate) struct Orgstack;

/// Plain resource JSON per its docs; a `{data: {...}}` wrapper like its
/// lists' is read through too (a missing wrapper reads the whole body).
const DATA: Read = Read::At(&["data"]);

impl Dialect for Orgstack {
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

    routes! {
        OrganizationsList { query } => Wire::get("/organizations")
            .number_paging(query, "limit")
            .query_opt("sort", query.sort.as_ref())
            .query_opt("order", query.order.as_ref())
            .query_opt("search", query.search.as_ref())
            .query_opt("status", query.status.as_ref())
            .filters(query)
            .read(Read::Page {
                items: &["data"],
                paging: Paging::Number {
                    total: &["pagination", "total"],
                    limit: &["pagination", "limit"],
                },
            }),
        OrganizationsGet { id } => Wire::get(format!("/organizations/{}", seg(id))).read(DATA),
        OrganizationsCreate { new } => Wire::post("/organizations").body(camel_body(new.body())).read(DATA),
        OrganizationsUpdate { id, patch } => Wire::put(format!("/organizations/{}", seg(id)))
            .body(camel_body(patch.body()))
            .read(DATA),
        OrganizationsDelete { id } => Wire::delete(format!("/organizations/{}", seg(id))).read(Read::Nothing),
        AuthLogin { login } => Wire::post("/auth/login")
            .body(json!({ "username": login.identity(), "password": login.password().expose() }))
            .anonymous(),
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
