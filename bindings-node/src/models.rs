//! SDK models as plain JS objects: camelCase fields, `Date` timestamps,
//! ids as the number or string they came as, open enums as strings, and
//! the provider's unnamed fields in `extra`.

use chrono::{DateTime, Utc};
use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::{Map, Value};

use crate::json::{to_json, Js, JsList, ToJs};

/// A model for JS: its JSON (the fast path, see `json.rs`; `lib/models.js`
/// parses it) or, where only napi's conversion gives the same object, the
/// object itself.
pub type Out<T> = Either<String, T>;

pub fn out<S: ToJs, T: From<S>>(model: S) -> Out<T> {
    match to_json(&Js(&model)) {
        Some(json) => Either::A(json),
        None => Either::B(T::from(model)),
    }
}

/// [`out`] for a list of models.
pub fn out_list<S: ToJs, T: From<S>>(models: Vec<S>) -> Out<Vec<T>> {
    match to_json(&JsList(&models)) {
        Some(json) => Either::A(json),
        None => Either::B(models.into_iter().map(T::from).collect()),
    }
}

/// An id as JS sees it: a number or a string, as the provider sent it.
pub type JsId = Either<i64, String>;

pub fn id_to_js(id: orgkit::Id) -> JsId {
    match id {
        orgkit::Id::Int(n) => Either::A(n),
        orgkit::Id::Str(s) => Either::B(s),
    }
}

pub fn id_from_js(id: JsId) -> orgkit::Id {
    match id {
        Either::A(n) => orgkit::Id::Int(n),
        Either::B(s) => orgkit::Id::Str(s),
    }
}

fn opt_id(id: Option<orgkit::Id>) -> Option<JsId> {
    id.map(id_to_js)
}

fn text<T: std::fmt::Display>(v: Option<T>) -> Option<String> {
    v.map(|v| v.to_string())
}

#[napi(object)]
pub struct Organization {
    pub id: Either<i64, String>,
    pub name: Option<String>,
    #[napi(js_name = "type")]
    pub org_type: Option<String>,
    pub status: Option<String>,
    pub subscription_status: Option<String>,
    pub industry: Option<String>,
    pub website: Option<String>,
    pub description: Option<String>,
    pub metadata: Option<Value>,
    /// pm415: the caller's roles in this organization.
    pub roles: Vec<String>,
    pub created_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    /// Provider fields orgkit has no name for.
    pub extra: Map<String, Value>,
}

impl From<orgkit::Organization> for Organization {
    fn from(o: orgkit::Organization) -> Self {
        Organization {
            id: id_to_js(o.id),
            name: o.name,
            org_type: text(o.org_type),
            status: text(o.status),
            subscription_status: text(o.subscription_status),
            industry: o.industry,
            website: o.website,
            description: o.description,
            metadata: o.metadata,
            roles: o.roles.iter().map(ToString::to_string).collect(),
            created_at: o.created_at,
            updated_at: o.updated_at,
            extra: o.extra,
        }
    }
}

#[napi(object)]
pub struct Member {
    /// The person (pm415 `userId`, kaana `contactId`, achieveapex `user_id`).
    pub user_id: Either<i64, String>,
    pub organization_id: Option<Either<i64, String>>,
    pub role: Option<String>,
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub is_active: Option<bool>,
    /// The membership record's own id, where the provider has one.
    pub membership_id: Option<Either<i64, String>>,
    pub created_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    pub extra: Map<String, Value>,
}

impl From<orgkit::Member> for Member {
    fn from(m: orgkit::Member) -> Self {
        Member {
            user_id: id_to_js(m.user_id),
            organization_id: opt_id(m.organization_id),
            role: text(m.role),
            email: m.email,
            first_name: m.first_name,
            last_name: m.last_name,
            is_active: m.is_active,
            membership_id: opt_id(m.membership_id),
            created_at: m.created_at,
            updated_at: m.updated_at,
            extra: m.extra,
        }
    }
}

#[napi(object)]
pub struct Invite {
    pub id: Option<Either<i64, String>>,
    pub email: Option<String>,
    /// The organization invited to, when the answer names it by object or id.
    pub organization: Option<Organization>,
    /// The organization's name when that is all the answer gives (pm415's invite check).
    pub organization_name: Option<String>,
    pub role: Option<String>,
    pub token: Option<String>,
    pub confirm_url: Option<String>,
    pub expires_at: Option<DateTime<Utc>>,
    pub status: Option<String>,
    pub created_at: Option<DateTime<Utc>>,
    pub extra: Map<String, Value>,
}

impl From<orgkit::Invite> for Invite {
    fn from(i: orgkit::Invite) -> Self {
        Invite {
            id: opt_id(i.id),
            email: i.email,
            organization: i.organization.map(Organization::from),
            organization_name: i.organization_name,
            role: text(i.role),
            token: i.token,
            confirm_url: i.confirm_url,
            expires_at: i.expires_at,
            status: text(i.status),
            created_at: i.created_at,
            extra: i.extra,
        }
    }
}

#[napi(object)]
pub struct ProjectSettings {
    pub is_public: Option<bool>,
    pub allow_comments: Option<bool>,
    pub extra: Option<Map<String, Value>>,
}

impl From<orgkit::ProjectSettings> for ProjectSettings {
    fn from(s: orgkit::ProjectSettings) -> Self {
        ProjectSettings {
            is_public: s.is_public,
            allow_comments: s.allow_comments,
            extra: Some(s.extra),
        }
    }
}

impl From<ProjectSettings> for orgkit::ProjectSettings {
    fn from(s: ProjectSettings) -> Self {
        orgkit::ProjectSettings {
            is_public: s.is_public,
            allow_comments: s.allow_comments,
            extra: s.extra.unwrap_or_default(),
        }
    }
}

#[napi(object)]
pub struct Project {
    pub id: Either<i64, String>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub status: Option<String>,
    pub settings: Option<ProjectSettings>,
    pub organization_id: Option<Either<i64, String>>,
    pub tags: Vec<String>,
    pub created_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    pub extra: Map<String, Value>,
}

impl From<orgkit::Project> for Project {
    fn from(p: orgkit::Project) -> Self {
        Project {
            id: id_to_js(p.id),
            name: p.name,
            description: p.description,
            status: text(p.status),
            settings: p.settings.map(ProjectSettings::from),
            organization_id: opt_id(p.organization_id),
            tags: p.tags,
            created_at: p.created_at,
            updated_at: p.updated_at,
            extra: p.extra,
        }
    }
}

#[napi(object)]
pub struct Task {
    pub id: Either<i64, String>,
    pub project_id: Option<Either<i64, String>>,
    pub organization_id: Option<Either<i64, String>>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub status: Option<String>,
    pub assignee_id: Option<Either<i64, String>>,
    pub due_date: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    pub created_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    pub extra: Map<String, Value>,
}

impl From<orgkit::Task> for Task {
    fn from(t: orgkit::Task) -> Self {
        Task {
            id: id_to_js(t.id),
            project_id: opt_id(t.project_id),
            organization_id: opt_id(t.organization_id),
            title: t.title,
            description: t.description,
            status: text(t.status),
            assignee_id: opt_id(t.assignee_id),
            due_date: t.due_date,
            completed_at: t.completed_at,
            created_at: t.created_at,
            updated_at: t.updated_at,
            extra: t.extra,
        }
    }
}

#[napi(object)]
pub struct Document {
    pub id: Either<i64, String>,
    pub name: Option<String>,
    pub url: Option<String>,
    pub mime_type: Option<String>,
    pub organization_id: Option<Either<i64, String>>,
    pub created_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    pub extra: Map<String, Value>,
}

impl From<orgkit::Document> for Document {
    fn from(d: orgkit::Document) -> Self {
        Document {
            id: id_to_js(d.id),
            name: d.name,
            url: d.url,
            mime_type: d.mime_type,
            organization_id: opt_id(d.organization_id),
            created_at: d.created_at,
            updated_at: d.updated_at,
            extra: d.extra,
        }
    }
}

#[napi(object)]
pub struct User {
    pub id: Either<i64, String>,
    pub email: Option<String>,
    pub username: Option<String>,
    pub name: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub role: Option<String>,
    pub is_active: Option<bool>,
    pub created_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    pub extra: Map<String, Value>,
}

impl From<orgkit::User> for User {
    fn from(u: orgkit::User) -> Self {
        User {
            id: id_to_js(u.id),
            email: u.email,
            username: u.username,
            name: u.name,
            first_name: u.first_name,
            last_name: u.last_name,
            role: text(u.role),
            is_active: u.is_active,
            created_at: u.created_at,
            updated_at: u.updated_at,
            extra: u.extra,
        }
    }
}

/// What a login returns; the client already uses `token` for later calls.
#[napi(object)]
pub struct Session {
    pub token: String,
    pub user: Option<User>,
    pub extra: Map<String, Value>,
}

impl From<orgkit::Session> for Session {
    fn from(s: orgkit::Session) -> Self {
        Session {
            token: s.token.expose().to_string(),
            user: s.user.map(User::from),
            extra: s.extra,
        }
    }
}

/// Rate-limit state from the last response that carried it.
#[napi(object)]
pub struct RateLimit {
    pub limit: Option<i64>,
    pub remaining: Option<i64>,
    /// When the window resets.
    pub reset: Option<DateTime<Utc>>,
}

fn clamp(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl From<orgkit::RateLimit> for RateLimit {
    fn from(r: orgkit::RateLimit) -> Self {
        RateLimit {
            limit: r.limit.map(clamp),
            remaining: r.remaining.map(clamp),
            reset: r.reset,
        }
    }
}
