//! kaana: plain JSON and JSON arrays (one page), `connect.sid` session
//! cookie or Bearer API key, `{error, message}` errors, 204 on delete.

use reqwest::header::{HeaderMap, AUTHORIZATION, COOKIE};
use serde_json::{json, Value};

use super::{camel_body, field_errors, seg, str_at};
use crate::config::{Credentials, Provider};
use crate::error::{Error, Result};
use crate::models::{Id, TaskScope};
use crate::pagination::ListParams;
use crate::route::{bearer, routes, sensitive_header, Dialect, ErrorParts, Paging, Read, Wire};

pub(crate) struct Kaana;

const ARRAY: Read = Read::Page {
    items: &[],
    paging: Paging::Single,
};

fn org_path(org: &Id, rest: &str) -> String {
    format!("/organizations/{}{rest}", seg(org))
}

fn scope(p: &ListParams) -> Result<&Id> {
    p.organization_id.as_ref().ok_or_else(|| {
        Error::invalid_argument("organization_id", "kaana lists projects per organization")
    })
}

impl Dialect for Kaana {
    fn provider(&self) -> Provider {
        Provider::Kaana
    }

    fn default_base_url(&self) -> Option<&'static str> {
        Some("https://app.kaana.com/api")
    }

    fn authorize(&self, creds: &Credentials, headers: &mut HeaderMap) -> Result<()> {
        if let Some(sid) = &creds.session_cookie {
            headers.insert(
                COOKIE,
                sensitive_header(&format!("connect.sid={}", sid.expose()), "session_cookie")?,
            );
        }
        if let Some(key) = creds.token.as_ref().or(creds.api_key.as_ref()) {
            headers.insert(AUTHORIZATION, bearer(key.expose())?);
        }
        Ok(())
    }

    routes! {
        OrganizationsList { query } => Wire::get("/organizations").filters(query).read(ARRAY),
        OrganizationsGet { id } => Wire::get(org_path(id, "")),
        OrganizationsCreate { new } => Wire::post("/organizations").body(camel_body(new.body())),
        OrganizationsUpdate { id, patch } => Wire::put(org_path(id, "")).body(camel_body(patch.body())),
        OrganizationsDelete { id } => Wire::delete(org_path(id, "")).read(Read::Nothing),
        OrganizationsDuplicate { id } => Wire::post(org_path(id, "/duplicate")),
        MembersList { organization_id, query } => Wire::get(org_path(organization_id, "/members"))
            .filters(query)
            .read(ARRAY),
        MembersAdd { organization_id, person, role } => Wire::post(org_path(organization_id, "/members"))
            .body(json!({ "contactId": person.to_body_json(), "role": role.as_str() }))
            .read(Read::Nothing),
        MembersSetRole { organization_id, person, role } => {
            Wire::patch(org_path(organization_id, &format!("/members/{}", seg(person))))
                .body(json!({ "role": role.as_str() }))
                .read(Read::Nothing)
        },
        // kaana removes one contact per request.
        MembersRemove { organization_id, people } => people
            .iter()
            .map(|person| {
                Wire::delete(org_path(organization_id, &format!("/members/{}", seg(person))))
                    .read(Read::Nothing)
            })
            .collect::<Vec<_>>(),
        ProjectsList { query } => scope(query).map(|org| {
            Wire::get(org_path(org, "/projects")).filters(query).read(ARRAY)
        }),
        TasksList { scope, query } => match scope {
            TaskScope::Organization(org) => Ok(Wire::get(org_path(org, "/tasks")).filters(query).read(ARRAY)),
            TaskScope::Project(_) => Err(Error::invalid_argument(
                "organization_id",
                "kaana lists tasks per organization: give organization_id",
            )),
        },
        DocumentsList { organization_id, query } => Wire::get(org_path(organization_id, "/documents"))
            .filters(query)
            .read(ARRAY),
    }

    fn error_parts(&self, body: &Value) -> ErrorParts {
        ErrorParts {
            code: str_at(body, &["code"]).or_else(|| str_at(body, &["error"])),
            message: str_at(body, &["message"]).or_else(|| str_at(body, &["error"])),
            field_errors: field_errors(body.get("errors")),
            ..Default::default()
        }
    }
}
