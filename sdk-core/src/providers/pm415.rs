//! pm415: `/api/...` paths, `{success:true, <key>: …}` answers, Boom errors
//! `{statusCode, error, message}`, no paging, bulk member calls with
//! `{usersId: […]}`, and org switching that hands out a new token.

use serde_json::{json, Value};

use super::{camel_body, ids_json, seg, str_at, unsupported, ErrorParts, Paging, Read, Spec, Wire};
use crate::config::Provider;
use crate::error::{Error, Result};
use crate::models::{Id, Role};
use crate::operation::{Call, Operation};

pub(crate) struct Pm415;

fn org(id: &Id, rest: &str) -> String {
    format!("/api/org/{}{rest}", seg(id))
}

fn bulk(path: String, people: &[Id]) -> Wire {
    Wire::put(path)
        .body(json!({ "usersId": ids_json(people) }))
        .read(Read::Nothing)
}

impl Spec for Pm415 {
    fn provider(&self) -> Provider {
        Provider::Pm415
    }

    fn default_base_url(&self) -> Option<&'static str> {
        Some("https://pm415.com")
    }

    fn supports(&self, op: Operation) -> bool {
        use Operation as O;
        matches!(
            op,
            O::OrganizationsList
                | O::OrganizationsCreate
                | O::OrganizationsUpdate
                | O::OrganizationsDelete
                | O::OrganizationsSwitch
                | O::OrganizationsCurrent
                | O::MembersList
                | O::MembersSetRole
                | O::MembersRemove
                | O::MembersResetPasswords
                | O::InvitesCreate
                | O::InvitesValidate
                | O::InvitesAccept
                | O::UsersMe
                | O::UsersUpdateMe
                | O::UsersMyOrganizations
                | O::AuthLogin
        )
    }

    fn requests(&self, call: &Call<'_>) -> Result<Vec<Wire>> {
        match call {
            Call::OrganizationsList(_) => Wire::get("/api/org")
                .read(Read::Page {
                    items: &["organizations"],
                    paging: Paging::Single,
                })
                .one(),
            Call::OrganizationsCurrent => Wire::get("/api/org").read(Read::At(&["current"])).one(),
            Call::OrganizationsCreate(new) => Wire::post("/api/org")
                .body(json!({ "name": new.name }))
                .read(Read::At(&["organization"]))
                .one(),
            Call::OrganizationsUpdate(id, patch) => {
                let name = patch.name.as_ref().ok_or_else(|| {
                    Error::invalid_argument("name", "pm415 can only rename an organization")
                })?;
                Wire::put(org(id, ""))
                    .body(json!({ "name": name }))
                    .read(Read::At(&["organization"]))
                    .one()
            }
            Call::OrganizationsDelete(id) => Wire::delete(org(id, "")).read(Read::Nothing).one(),
            // The whole body: `{organization, token}`; the client adopts the token.
            Call::OrganizationsSwitch(id) => {
                Wire::post(format!("/api/org/switch/{}", seg(id))).one()
            }
            Call::MembersList(id, _) => Wire::get(org(id, "/users"))
                .read(Read::Page {
                    items: &["users"],
                    paging: Paging::Single,
                })
                .one(),
            Call::MembersSetRole(id, person, role) => match role {
                Role::Admin => bulk(org(id, "/admin/grant"), std::slice::from_ref(person)).one(),
                Role::Member => bulk(org(id, "/admin/revoke"), std::slice::from_ref(person)).one(),
                other => Err(Error::invalid_argument(
                    "role",
                    format!("pm415 can grant only admin or member, not {other:?}"),
                )),
            },
            Call::MembersRemove(id, people) => Wire::post(org(id, "/users/remove"))
                .body(json!({ "usersId": ids_json(people) }))
                .read(Read::Nothing)
                .one(),
            Call::MembersResetPasswords(id, people) => {
                bulk(org(id, "/admin/resetpassword"), people).one()
            }
            Call::InvitesCreate(invite) => {
                let id = invite.organization_id.as_ref().ok_or_else(|| {
                    Error::invalid_argument("organization_id", "pm415 invites need an organization")
                })?;
                Wire::post(org(id, "/invitelink"))
                    .body(json!({ "email": invite.email }))
                    .one()
            }
            Call::InvitesValidate(token) => Wire::get("/api/org/invite/")
                .query("token", token)
                .anonymous()
                .one(),
            Call::InvitesAccept {
                token,
                email,
                password,
            } => Wire::post("/api/account/login")
                .body(json!({ "email": email, "password": password, "token": token }))
                .anonymous()
                .one(),
            Call::UsersMe => Wire::get("/api/user").read(Read::At(&["user"])).one(),
            Call::UsersUpdateMe(patch) => {
                let mut b = camel_body(patch.body());
                if let Value::Object(m) = &mut b {
                    m.extend(patch.extra.clone());
                }
                Wire::put("/api/user")
                    .body(b)
                    .read(Read::At(&["user"]))
                    .one()
            }
            Call::UsersMyOrganizations => Wire::get("/api/user/orgs")
                .read(Read::Page {
                    items: &[],
                    paging: Paging::Single,
                })
                .one(),
            Call::AuthLogin(login) => Wire::post("/api/account/login")
                .body(json!({ "email": login.identity(), "password": login.password() }))
                .anonymous()
                .one(),
            other => Err(unsupported(self.provider(), other)),
        }
    }

    fn error_parts(&self, body: &Value) -> ErrorParts {
        ErrorParts {
            code: str_at(body, &["error"]),
            message: str_at(body, &["message"]),
            ..Default::default()
        }
    }
}
