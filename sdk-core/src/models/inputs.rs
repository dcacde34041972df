//! What callers send: new objects, patches, login details. Each turns into
//! snake_case body fields; the provider renames them to its own case.

use std::fmt;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::{
    Id, OrganizationStatus, OrganizationType, ProjectSettings, ProjectStatus, Role, TaskStatus,
};

/// Body fields in snake_case, in order; `None` values are left out.
pub(crate) type BodyFields = Vec<(&'static str, Value)>;

fn push<T: Into<Value>>(out: &mut BodyFields, key: &'static str, v: Option<T>) {
    if let Some(v) = v {
        out.push((key, v.into()));
    }
}

fn text<T: fmt::Display>(v: &Option<T>) -> Option<String> {
    v.as_ref().map(|s| s.to_string())
}

fn time(v: &Option<DateTime<Utc>>) -> Option<String> {
    // AutoSi: `2024-01-15T10:30:00Z` for whole seconds, fractions kept when present.
    v.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewOrganization {
    pub name: String,
    pub org_type: Option<OrganizationType>,
    pub status: Option<OrganizationStatus>,
    pub industry: Option<String>,
    pub website: Option<String>,
    pub description: Option<String>,
    pub metadata: Option<Value>,
}

impl NewOrganization {
    pub fn named(name: impl Into<String>) -> Self {
        NewOrganization {
            name: name.into(),
            ..Default::default()
        }
    }
    pub(crate) fn body(&self) -> BodyFields {
        let mut out = vec![("name", Value::from(self.name.clone()))];
        push(&mut out, "type", text(&self.org_type));
        push(&mut out, "status", text(&self.status));
        push(&mut out, "industry", self.industry.clone());
        push(&mut out, "website", self.website.clone());
        push(&mut out, "description", self.description.clone());
        push(&mut out, "metadata", self.metadata.clone());
        out
    }
}

/// A partial update: only the fields that are `Some` are sent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OrganizationPatch {
    pub name: Option<String>,
    pub org_type: Option<OrganizationType>,
    pub status: Option<OrganizationStatus>,
    pub industry: Option<String>,
    pub website: Option<String>,
    pub description: Option<String>,
    pub metadata: Option<Value>,
}

impl OrganizationPatch {
    pub(crate) fn body(&self) -> BodyFields {
        let mut out = Vec::new();
        push(&mut out, "name", self.name.clone());
        push(&mut out, "type", text(&self.org_type));
        push(&mut out, "status", text(&self.status));
        push(&mut out, "industry", self.industry.clone());
        push(&mut out, "website", self.website.clone());
        push(&mut out, "description", self.description.clone());
        push(&mut out, "metadata", self.metadata.clone());
        out
    }
}

fn settings_json(s: &ProjectSettings) -> Value {
    let mut m = Map::new();
    if let Some(v) = s.is_public {
        m.insert("is_public".into(), v.into());
    }
    if let Some(v) = s.allow_comments {
        m.insert("allow_comments".into(), v.into());
    }
    m.extend(s.extra.clone());
    Value::Object(m)
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewProject {
    pub name: String,
    pub description: Option<String>,
    pub status: Option<ProjectStatus>,
    pub settings: Option<ProjectSettings>,
    pub organization_id: Option<Id>,
    pub tags: Option<Vec<String>>,
}

impl NewProject {
    pub fn named(name: impl Into<String>) -> Self {
        NewProject {
            name: name.into(),
            ..Default::default()
        }
    }
    pub(crate) fn body(&self) -> BodyFields {
        let mut out = vec![("name", Value::from(self.name.clone()))];
        push(&mut out, "description", self.description.clone());
        push(&mut out, "status", text(&self.status));
        push(
            &mut out,
            "settings",
            self.settings.as_ref().map(settings_json),
        );
        push(
            &mut out,
            "organization_id",
            self.organization_id.as_ref().map(Id::to_body_json),
        );
        push(&mut out, "tags", self.tags.clone());
        out
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProjectPatch {
    pub name: Option<String>,
    pub description: Option<String>,
    pub status: Option<ProjectStatus>,
    pub settings: Option<ProjectSettings>,
    pub tags: Option<Vec<String>>,
}

impl ProjectPatch {
    pub(crate) fn body(&self) -> BodyFields {
        let mut out = Vec::new();
        push(&mut out, "name", self.name.clone());
        push(&mut out, "description", self.description.clone());
        push(&mut out, "status", text(&self.status));
        push(
            &mut out,
            "settings",
            self.settings.as_ref().map(settings_json),
        );
        push(&mut out, "tags", self.tags.clone());
        out
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewTask {
    pub title: String,
    pub description: Option<String>,
    pub status: Option<TaskStatus>,
    pub assignee_id: Option<Id>,
    pub due_date: Option<DateTime<Utc>>,
}

impl NewTask {
    pub fn titled(title: impl Into<String>) -> Self {
        NewTask {
            title: title.into(),
            ..Default::default()
        }
    }
    pub(crate) fn body(&self) -> BodyFields {
        let mut out = vec![("title", Value::from(self.title.clone()))];
        push(&mut out, "description", self.description.clone());
        push(&mut out, "status", text(&self.status));
        push(
            &mut out,
            "assignee_id",
            self.assignee_id.as_ref().map(Id::to_body_json),
        );
        push(&mut out, "due_date", time(&self.due_date));
        out
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct TaskPatch {
    pub title: Option<String>,
    pub description: Option<String>,
    pub status: Option<TaskStatus>,
    pub assignee_id: Option<Id>,
    pub due_date: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
}

impl TaskPatch {
    /// `{status: "completed", completedAt: <at>}`, as ourganize's docs show.
    pub fn completed(at: DateTime<Utc>) -> Self {
        TaskPatch {
            status: Some(TaskStatus::Completed),
            completed_at: Some(at),
            ..Default::default()
        }
    }
    pub(crate) fn body(&self) -> BodyFields {
        let mut out = Vec::new();
        push(&mut out, "title", self.title.clone());
        push(&mut out, "description", self.description.clone());
        push(&mut out, "status", text(&self.status));
        push(
            &mut out,
            "assignee_id",
            self.assignee_id.as_ref().map(Id::to_body_json),
        );
        push(&mut out, "due_date", time(&self.due_date));
        push(&mut out, "completed_at", time(&self.completed_at));
        out
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct UserPatch {
    pub name: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    /// Anything else the provider accepts, sent verbatim.
    pub extra: Map<String, Value>,
}

impl UserPatch {
    pub(crate) fn body(&self) -> BodyFields {
        let mut out = Vec::new();
        push(&mut out, "name", self.name.clone());
        push(&mut out, "first_name", self.first_name.clone());
        push(&mut out, "last_name", self.last_name.clone());
        push(&mut out, "email", self.email.clone());
        out
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewInvite {
    pub email: String,
    pub organization_id: Option<Id>,
    pub role: Option<Role>,
}

impl NewInvite {
    pub fn new(email: impl Into<String>) -> Self {
        NewInvite {
            email: email.into(),
            ..Default::default()
        }
    }
}

/// How to log in: by email (pm415, achieveapex) or username (orgstack).
#[derive(Clone, PartialEq)]
pub enum Login {
    Email {
        email: String,
        password: crate::Secret,
    },
    Username {
        username: String,
        password: crate::Secret,
    },
}

impl Login {
    pub fn email(email: impl Into<String>, password: impl Into<crate::Secret>) -> Self {
        Login::Email {
            email: email.into(),
            password: password.into(),
        }
    }
    pub fn username(username: impl Into<String>, password: impl Into<crate::Secret>) -> Self {
        Login::Username {
            username: username.into(),
            password: password.into(),
        }
    }
    pub(crate) fn identity(&self) -> &str {
        match self {
            Login::Email { email, .. } => email,
            Login::Username { username, .. } => username,
        }
    }
    pub(crate) fn password(&self) -> &str {
        match self {
            Login::Email { password, .. } | Login::Username { password, .. } => password.expose(),
        }
    }
}

impl fmt::Debug for Login {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Login::Email { email, .. } => f
                .debug_struct("Login::Email")
                .field("email", email)
                .field("password", &"[redacted]")
                .finish(),
            Login::Username { username, .. } => f
                .debug_struct("Login::Username")
                .field("username", username)
                .field("password", &"[redacted]")
                .finish(),
        }
    }
}
