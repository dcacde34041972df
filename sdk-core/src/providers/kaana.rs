//! kaana: plain JSON and JSON arrays (one page), `connect.sid` session
//! cookie or Bearer API key, `{error, message}` errors, 204 on delete.

use reqwest::header::{HeaderMap, AUTHORIZATION, COOKIE};
use serde_json::{json, Value};

use super::{
    bearer, camel_body, field_errors, seg, sensitive_header, str_at, unsupported, ErrorParts,
    Paging, Read, Spec, Wire,
};
use crate::config::{Credentials, Provider};
use crate::error::{Error, Result};
use crate::models::Id;
use crate::operation::{Call, Operation, TaskScope};
use crate::pagination::ListParams;

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

impl Spec for Kaana {
    fn provider(&self) -> Provider {
        Provider::Kaana
    }

    fn default_base_url(&self) -> Option<&'static str> {
        Some("https://app.kaana.com/api")
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
                | O::OrganizationsDuplicate
                | O::MembersList
                | O::MembersAdd
                | O::MembersSetRole
                | O::MembersRemove
                | O::ProjectsList
                | O::TasksList
                | O::DocumentsList
        )
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

    fn requests(&self, call: &Call<'_>) -> Result<Vec<Wire>> {
        match call {
            Call::OrganizationsList(p) => Wire::get("/organizations").filters(p).read(ARRAY).one(),
            Call::OrganizationsGet(id) => Wire::get(org_path(id, "")).one(),
            Call::OrganizationsCreate(new) => Wire::post("/organizations")
                .body(camel_body(new.body()))
                .one(),
            Call::OrganizationsUpdate(id, patch) => Wire::put(org_path(id, ""))
                .body(camel_body(patch.body()))
                .one(),
            Call::OrganizationsDelete(id) => {
                Wire::delete(org_path(id, "")).read(Read::Nothing).one()
            }
            Call::OrganizationsDuplicate(id) => Wire::post(org_path(id, "/duplicate")).one(),
            Call::MembersList(org, p) => Wire::get(org_path(org, "/members"))
                .filters(p)
                .read(ARRAY)
                .one(),
            Call::MembersAdd(org, person, role) => Wire::post(org_path(org, "/members"))
                .body(json!({ "contactId": person.to_body_json(), "role": role.as_str() }))
                .read(Read::Nothing)
                .one(),
            Call::MembersSetRole(org, person, role) => {
                Wire::patch(org_path(org, &format!("/members/{}", seg(person))))
                    .body(json!({ "role": role.as_str() }))
                    .read(Read::Nothing)
                    .one()
            }
            // kaana removes one contact per request.
            Call::MembersRemove(org, people) => Ok(people
                .iter()
                .map(|person| {
                    Wire::delete(org_path(org, &format!("/members/{}", seg(person))))
                        .read(Read::Nothing)
                })
                .collect()),
            Call::ProjectsList(p) => Wire::get(org_path(scope(p)?, "/projects"))
                .filters(p)
                .read(ARRAY)
                .one(),
            Call::TasksList(TaskScope::Organization(org), p) => Wire::get(org_path(org, "/tasks"))
                .filters(p)
                .read(ARRAY)
                .one(),
            Call::TasksList(TaskScope::Project(_), _) => Err(Error::invalid_argument(
                "scope",
                "kaana lists tasks per organization: use TaskScope::Organization",
            )),
            Call::DocumentsList(org, p) => Wire::get(org_path(org, "/documents"))
                .filters(p)
                .read(ARRAY)
                .one(),
            other => Err(unsupported(self.provider(), other)),
        }
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
