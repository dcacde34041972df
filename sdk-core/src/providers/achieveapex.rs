//! achieveapex (FeathersJS): `$limit`/`$skip` in the query string, lists
//! as `{total, limit, skip, data}`, Feathers error bodies, JWT from
//! `POST /authentication` or an `x-api-key` header.

use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, AUTHORIZATION};
use serde_json::{json, Value};

use super::{field_errors, fill_invite, seg, str_at};
use crate::config::{Credentials, Provider};
use crate::error::{Error, Result};
use crate::models::{RateLimit, SortOrder};
use crate::pagination::ListParams;
use crate::route::{bearer, routes, sensitive_header, Dialect, ErrorParts, Paging, Read, Wire};

pub(crate) struct Achieveapex;

const PAGE: Read = Read::Page {
    items: &["data"],
    paging: Paging::Offset {
        total: &["total"],
        limit: &["limit"],
    },
};

/// Feathers query: `$limit`, `$skip`, `$sort[field]=1|-1`.
fn feathers(wire: Wire, p: &ListParams, default_sort: Option<(&str, i32)>) -> Wire {
    let wire = wire.query_opt("$limit", p.limit).query_opt("$skip", p.skip);
    let sort = match &p.sort {
        Some(field) => Some((
            field.as_str(),
            if p.order == Some(SortOrder::Desc) {
                -1
            } else {
                1
            },
        )),
        None => default_sort,
    };
    match sort {
        Some((field, dir)) => wire.query(&format!("$sort[{field}]"), dir),
        None => wire,
    }
    .filters(p)
}

impl Dialect for Achieveapex {
    fn provider(&self) -> Provider {
        Provider::Achieveapex
    }

    fn default_base_url(&self) -> Option<&'static str> {
        Some("https://api.achieveapex.com")
    }

    fn authorize(&self, creds: &Credentials, headers: &mut HeaderMap) -> Result<()> {
        if let Some(token) = &creds.token {
            headers.insert(AUTHORIZATION, bearer(token.expose())?);
        }
        if let Some(key) = &creds.api_key {
            headers.insert(
                HeaderName::from_static("x-api-key"),
                sensitive_header(key.expose(), "api_key")?,
            );
        }
        Ok(())
    }

    routes! {
        OrganizationsList { query } => feathers(Wire::get("/organizations"), query, None)
            .query_opt("searchTerm", query.search.as_ref())
            .read(PAGE),
        OrganizationsGet { id } => Wire::get(format!("/organizations/{}", seg(id))),
        MembersList { organization_id, query } => feathers(
            Wire::get("/organizations-users").query("organization_id", organization_id),
            query,
            Some(("created_at", -1)),
        )
        .read(PAGE),
        InvitesCreate { new } => match &new.organization_id {
            Some(org) => {
                let role = new.role.as_ref().map(|r| r.as_str()).unwrap_or("member");
                Ok(Wire::post("/organizations-users-invites")
                    .body(json!({ "email": new.email, "organization_id": org.to_body_json(), "role": role }))
                    .after(fill_invite))
            }
            None => Err(Error::invalid_argument(
                "organization_id",
                "achieveapex invites need an organization",
            )),
        },
        AuthLogin { login } => Wire::post("/authentication")
            .body(json!({ "strategy": "local", "email": login.identity(), "password": login.password().expose() }))
            .anonymous(),
    }

    fn error_parts(&self, body: &Value) -> ErrorParts {
        let data = body.get("data");
        let retry_after = data
            .and_then(|d| d.get("retryAfter"))
            .and_then(Value::as_f64)
            .filter(|s| s.is_finite() && *s >= 0.0 && *s < 1e9)
            .map(Duration::from_secs_f64);
        let rate_limit = data.filter(|d| d.get("limit").is_some()).map(|d| {
            let limit = d.get("limit").and_then(Value::as_u64);
            let current = d.get("current").and_then(Value::as_u64);
            RateLimit {
                limit,
                remaining: limit.zip(current).map(|(l, c)| l.saturating_sub(c)),
                reset: retry_after
                    .and_then(|r| chrono::Duration::from_std(r).ok())
                    .map(|r| chrono::Utc::now() + r),
            }
        });
        ErrorParts {
            code: str_at(body, &["className"]).or_else(|| str_at(body, &["name"])),
            message: str_at(body, &["message"]),
            // Feathers validation errors: `errors`, or `data: {field: "message"}`
            // (data holding only strings; the 429 numbers are not field errors).
            field_errors: field_errors(body.get("errors").or_else(|| {
                data.filter(|d| {
                    d.as_object()
                        .is_some_and(|m| m.values().all(Value::is_string))
                })
            })),
            retry_after,
            rate_limit,
        }
    }
}
