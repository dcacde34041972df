//! pm415: `/api/...` paths, `{success:true, <key>: …}` answers, Boom errors
//! `{statusCode, error, message}`, no paging, bulk member calls with
//! `{usersId: […]}`, and org switching that hands out a new token.

use serde_json::{json, Value};

use super::{camel_body, fill_invite, ids_json, seg, str_at};
use crate::config::Provider;
use crate::error::{Error, Result};
use crate::models::decode::Val;
use crate::models::{Decode, Id, Model, Organization, Role};
use crate::operation::{Call, Output};
use crate::route::{routes, After, Dialect, ErrorParts, Paging, Read, Wire};
use crate::Secret;

pub(crate) struct Pm415;

fn org(id: &Id, rest: &str) -> String {
    format!("/api/org/{}{rest}", seg(id))
}

fn bulk(path: String, people: &[Id]) -> Wire {
    Wire::put(path)
        .body(json!({ "usersId": ids_json(people) }))
        .read(Read::Nothing)
}

const SINGLE: fn(&'static [&'static str]) -> Read = |items| Read::Page {
    items,
    paging: Paging::Single,
};

impl Dialect for Pm415 {
    fn provider(&self) -> Provider {
        Provider::Pm415
    }

    fn default_base_url(&self) -> Option<&'static str> {
        Some("https://pm415.com")
    }

    routes! {
        OrganizationsList => Wire::get("/api/org").read(SINGLE(&["organizations"])),
        OrganizationsCurrent => Wire::get("/api/org").read(Read::At(&["current"])),
        OrganizationsCreate { new } => Wire::post("/api/org")
            .body(json!({ "name": new.name }))
            .read(Read::At(&["organization"])),
        OrganizationsUpdate { id, patch } => match &patch.name {
            Some(name) => Ok(Wire::put(org(id, ""))
                .body(json!({ "name": name }))
                .read(Read::At(&["organization"]))
                .after(fill_name)),
            None => Err(Error::invalid_argument(
                "name",
                "pm415 can only rename an organization",
            )),
        },
        OrganizationsDelete { id } => Wire::delete(org(id, "")).read(Read::Nothing),
        OrganizationsSwitch { id } => Wire::post(format!("/api/org/switch/{}", seg(id)))
            .read(Read::Nothing)
            .after(adopt_switch),
        MembersList { organization_id } => {
            Wire::get(org(organization_id, "/users")).read(SINGLE(&["users"]))
        },
        MembersSetRole { organization_id, person, role } => match role {
            Role::Admin => Ok(bulk(
                org(organization_id, "/admin/grant"),
                std::slice::from_ref(person),
            )),
            Role::Member => Ok(bulk(
                org(organization_id, "/admin/revoke"),
                std::slice::from_ref(person),
            )),
            other => Err(Error::invalid_argument(
                "role",
                format!("pm415 can grant only admin or member, not {:?}", other.as_str()),
            )),
        },
        MembersRemove { organization_id, people } => {
            Wire::post(org(organization_id, "/users/remove"))
                .body(json!({ "usersId": ids_json(people) }))
                .read(Read::Nothing)
        },
        MembersResetPasswords { organization_id, people } => {
            bulk(org(organization_id, "/admin/resetpassword"), people)
        },
        InvitesCreate { new } => match &new.organization_id {
            Some(id) => Ok(Wire::post(org(id, "/invitelink"))
                .body(json!({ "email": new.email }))
                .after(fill_invite)),
            None => Err(Error::invalid_argument(
                "organization_id",
                "pm415 invites need an organization",
            )),
        },
        InvitesValidate { token } => Wire::get("/api/org/invite/")
            .query("token", token.expose())
            .anonymous()
            .after(fill_token),
        InvitesAccept { token, email, password } => Wire::post("/api/account/login")
            .body(json!({ "email": email, "password": password.expose(), "token": token.expose() }))
            .anonymous(),
        UsersMe => Wire::get("/api/user").read(Read::At(&["user"])),
        UsersUpdateMe { patch } => Wire::put("/api/user")
            .body(camel_body(patch.body()))
            .read(Read::At(&["user"])),
        UsersMyOrganizations => Wire::get("/api/user/orgs").read(SINGLE(&[])),
        AuthLogin { login } => Wire::post("/api/account/login")
            .body(json!({ "email": login.identity(), "password": login.password().expose() }))
            .anonymous(),
    }

    fn error_parts(&self, body: &Value) -> ErrorParts {
        ErrorParts {
            code: str_at(body, &["error"]),
            message: str_at(body, &["message"]),
            ..Default::default()
        }
    }
}

/// pm415's rename answers with the id only: fill in the name it was given.
fn fill_name(after: &mut After<'_, '_>) -> Result<()> {
    if let (Call::OrganizationsUpdate { patch, .. }, Output::One(Model::Organization(org))) =
        (after.call, &mut *after.output)
    {
        if org.name.is_none() {
            org.name = patch.name.clone();
        }
    }
    Ok(())
}

/// A switch answers `{organization, token}`: the client adopts the token
/// (scoped to the new organization) for its later calls.
fn adopt_switch(after: &mut After<'_, '_>) -> Result<()> {
    let Call::OrganizationsSwitch { id } = after.call else {
        return Ok(());
    };
    let token = match after.body.get("token") {
        Some(Val::Str(t)) if !t.is_empty() => t.to_string(),
        _ => {
            return Err(Error::new(
                crate::ErrorKind::Decode,
                "the switch response carries no token",
            ))
        }
    };
    let org = match after.body.get("organization") {
        Some(v) if !v.is_null() => Organization::decode(v.clone()).map_err(|e| {
            Error::new(
                crate::ErrorKind::Decode,
                format!("unexpected response: {e}"),
            )
        })?,
        _ => Organization::from_id(id.clone()),
    };
    *after.output = Output::One(Model::Organization(org));
    *after.adopt = Some(Secret::new(token));
    Ok(())
}

/// The invite check does not repeat the token it was asked about.
fn fill_token(after: &mut After<'_, '_>) -> Result<()> {
    if let (Call::InvitesValidate { token }, Output::One(Model::Invite(invite))) =
        (after.call, &mut *after.output)
    {
        invite
            .token
            .get_or_insert_with(|| token.expose().to_string());
    }
    Ok(())
}
