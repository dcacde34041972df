//! What callers send: new objects, patches, login details. Each is declared
//! once with [`input!`]: the struct, how it is read from JSON arguments
//! (what the bindings and the CLI pass), its checks, its description, and
//! the snake_case body fields a provider renames to its own case.

use std::fmt;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::args::{arg_spec, check, Arg, ArgName, Args, Fields, Style};
use super::describe::{doc_text, FieldSpec, ModelSpec};
use super::{
    Id, OrganizationStatus, OrganizationType, ProjectSettings, ProjectStatus, Role, SortOrder,
    TaskStatus,
};
use crate::error::Result;
use crate::Secret;

/// A request body in snake_case: named fields (a provider may rename them)
/// and fields to send verbatim (`extra`).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Body {
    pub fields: Vec<(&'static str, Value)>,
    pub verbatim: Map<String, Value>,
}

/// Declares an input: a struct whose fields are read from arguments by
/// their wire names. A field is `pub name: Type`, optionally `as "wire"`
/// and `[checks]`: `nonempty`, `email`, `known` (an enum value orgkit knows),
/// `flatten` (a map sent as top-level body fields).
macro_rules! input {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            $(
                $(#[doc = $fdoc:literal])*
                pub $field:ident : $ty:ty $(as $wire:literal)? $([$($flag:ident),*])?
            ),* $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct $name {
            $(
                $(#[doc = $fdoc])*
                pub $field: $ty,
            )*
        }

        impl $crate::models::args::Fields for $name {
            fn from_args(args: &$crate::models::args::Args<'_>) -> $crate::Result<Self> {
                Ok($name {
                    $($field: args.read($crate::models::model::wire_name(stringify!($field), &[$($wire)?]))?,)*
                })
            }
            fn names() -> Vec<&'static str> {
                vec![$($crate::models::model::wire_name(stringify!($field), &[$($wire)?])),*]
            }
            fn specs() -> Vec<$crate::models::describe::FieldSpec> {
                vec![$(
                    $crate::models::args::arg_spec::<$ty>(
                        $crate::models::model::wire_name(stringify!($field), &[$($wire)?]),
                        &[$($fdoc),*],
                        false,
                    ),
                )*]
            }
            #[allow(unused_variables)]
            fn validate(&self, style: $crate::models::args::Style) -> $crate::Result<()> {
                $({
                    let name = $crate::models::args::ArgName {
                        parent: None,
                        name: $crate::models::model::wire_name(stringify!($field), &[$($wire)?]),
                        style,
                    };
                    $($($crate::models::inputs::input!(@check $flag, &name, &self.$field);)*)?
                })*
                Ok(())
            }
        }

        impl $name {
            /// The input's place in the machine-readable description.
            pub fn spec() -> $crate::models::describe::ModelSpec {
                $crate::models::describe::ModelSpec {
                    name: stringify!($name),
                    doc: $crate::models::describe::doc_text(&[$($doc),*]),
                    fields: <Self as $crate::models::args::Fields>::specs(),
                }
            }

            /// The request body: every field that is set, by its wire name.
            #[allow(unused_mut, dead_code)]
            pub(crate) fn body(&self) -> $crate::models::inputs::Body {
                let mut out = $crate::models::inputs::Body::default();
                $(
                    $crate::models::inputs::input!(
                        @body out,
                        $crate::models::model::wire_name(stringify!($field), &[$($wire)?]),
                        &self.$field,
                        [$($($flag),*)?]
                    );
                )*
                out
            }
        }
    };
    (@check nonempty, $name:expr, $v:expr) => { $crate::models::args::check::nonempty($name, $v)?; };
    (@check email, $name:expr, $v:expr) => { $crate::models::args::check::email($name, $v)?; };
    (@check known, $name:expr, $v:expr) => { $crate::models::inputs::known($name, $v)?; };
    (@check path, $name:expr, $v:expr) => { $crate::models::args::check::path_id_if_set($name, $v)?; };
    (@check rfc3339, $name:expr, $v:expr) => { $crate::models::args::check::rfc3339_if_set($name, $v)?; };
    (@check flatten, $name:expr, $v:expr) => {};
    (@body $out:ident, $wire:expr, $v:expr, [flatten]) => {
        if let Some(serde_json::Value::Object(m)) = $crate::models::args::Arg::to_body($v) {
            $out.verbatim.extend(m);
        }
    };
    (@body $out:ident, $wire:expr, $v:expr, [$($other:ident),*]) => {
        if let Some(b) = $crate::models::args::Arg::to_body($v) {
            $out.fields.push(($wire, b));
        }
    };
}

pub(crate) use input;

/// The `known` check: an enum value this version of orgkit knows (a sort
/// order must be `asc` or `desc`, not a guess).
pub(crate) fn known(name: &ArgName<'_>, v: &Option<SortOrder>) -> Result<()> {
    match v {
        Some(SortOrder::Other(s)) => Err(name.invalid(format!(
            "{s:?} is not one of {}",
            SortOrder::KNOWN.join(", ")
        ))),
        _ => Ok(()),
    }
}

input! {
    /// A new organization.
    pub struct NewOrganization {
        /// Its name.
        pub name: String [nonempty],
        /// kaana: customer, partner, vendor or internal.
        pub org_type: Option<OrganizationType> as "type",
        /// kaana: active or inactive.
        pub status: Option<OrganizationStatus>,
        /// kaana: the industry.
        pub industry: Option<String>,
        /// kaana: the website.
        pub website: Option<String>,
        /// A description.
        pub description: Option<String>,
        /// Free-form JSON to keep with it (kaana).
        pub metadata: Option<Value>,
    }
}

impl NewOrganization {
    /// An organization with just a name.
    ///
    /// ```
    /// let new = orgkit::NewOrganization::named("Acme");
    /// assert_eq!(new.name, "Acme");
    /// ```
    pub fn named(name: impl Into<String>) -> Self {
        NewOrganization {
            name: name.into(),
            ..Default::default()
        }
    }
}

input! {
    /// A partial update of an organization: only the fields that are set are sent.
    pub struct OrganizationPatch {
        /// A new name.
        pub name: Option<String> [nonempty],
        /// kaana: customer, partner, vendor or internal.
        pub org_type: Option<OrganizationType> as "type",
        /// kaana: active or inactive.
        pub status: Option<OrganizationStatus>,
        /// kaana: the industry.
        pub industry: Option<String>,
        /// kaana: the website.
        pub website: Option<String>,
        /// A description.
        pub description: Option<String>,
        /// Free-form JSON to keep with it (kaana).
        pub metadata: Option<Value>,
    }
}

input! {
    /// A new project (ourganize).
    pub struct NewProject {
        /// Its name.
        pub name: String [nonempty],
        /// A description.
        pub description: Option<String>,
        /// Its status.
        pub status: Option<ProjectStatus>,
        /// Visibility and comment settings (`{is_public, allow_comments}`).
        pub settings: Option<ProjectSettings>,
        /// The organization it belongs to.
        pub organization_id: Option<Id>,
        /// Its tags.
        pub tags: Option<Vec<String>>,
    }
}

impl NewProject {
    /// A project with just a name.
    pub fn named(name: impl Into<String>) -> Self {
        NewProject {
            name: name.into(),
            ..Default::default()
        }
    }
}

input! {
    /// A partial update of a project: only the fields that are set are sent.
    pub struct ProjectPatch {
        /// A new name.
        pub name: Option<String> [nonempty],
        /// A description.
        pub description: Option<String>,
        /// Its status.
        pub status: Option<ProjectStatus>,
        /// Visibility and comment settings (`{is_public, allow_comments}`).
        pub settings: Option<ProjectSettings>,
        /// Its tags.
        pub tags: Option<Vec<String>>,
    }
}

input! {
    /// A new task in a project (ourganize).
    pub struct NewTask {
        /// Its title.
        pub title: String [nonempty],
        /// A description.
        pub description: Option<String>,
        /// Its status.
        pub status: Option<TaskStatus>,
        /// Who it is assigned to.
        pub assignee_id: Option<Id>,
        /// When it is due.
        pub due_date: Option<DateTime<Utc>> [rfc3339],
    }
}

impl NewTask {
    /// A task with just a title.
    pub fn titled(title: impl Into<String>) -> Self {
        NewTask {
            title: title.into(),
            ..Default::default()
        }
    }
}

input! {
    /// A partial update of a task: only the fields that are set are sent.
    pub struct TaskPatch {
        /// A new title.
        pub title: Option<String> [nonempty],
        /// A description.
        pub description: Option<String>,
        /// Its status.
        pub status: Option<TaskStatus>,
        /// Who it is assigned to.
        pub assignee_id: Option<Id>,
        /// When it is due.
        pub due_date: Option<DateTime<Utc>> [rfc3339],
        /// When it was completed.
        pub completed_at: Option<DateTime<Utc>> [rfc3339],
    }
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
}

input! {
    /// A partial update of the caller's own profile.
    pub struct UserPatch {
        /// The full name.
        pub name: Option<String> [nonempty],
        /// First name.
        pub first_name: Option<String>,
        /// Last name.
        pub last_name: Option<String>,
        /// The email address.
        pub email: Option<String>,
        /// Anything else the provider accepts, sent verbatim at the top level.
        pub extra: Map<String, Value> [flatten],
    }
}

input! {
    /// An invitation to send.
    pub struct NewInvite {
        /// Who to invite.
        pub email: String [email],
        /// The organization (achieveapex and pm415 need it).
        pub organization_id: Option<Id> [path],
        /// The role the invitee gets.
        pub role: Option<Role>,
    }
}

impl NewInvite {
    /// An invitation for `email`.
    pub fn new(email: impl Into<String>) -> Self {
        NewInvite {
            email: email.into(),
            ..Default::default()
        }
    }
}

/// A nested `settings` argument: `{is_public, allow_comments, extra}`.
impl Arg for ProjectSettings {
    fn from_arg(value: &Value, name: &ArgName<'_>) -> Result<Self> {
        let Value::Object(map) = value else {
            return Err(name.wrong("an object of settings", value));
        };
        let args = Args::nested(map, name);
        let settings = ProjectSettings {
            is_public: args.read("is_public")?,
            allow_comments: args.read("allow_comments")?,
            extra: args.read("extra")?,
        };
        args.finish(&["is_public", "allow_comments", "extra"])?;
        Ok(settings)
    }
    fn to_body(&self) -> Option<Value> {
        let mut m = Map::new();
        if let Some(v) = self.is_public {
            m.insert("is_public".into(), v.into());
        }
        if let Some(v) = self.allow_comments {
            m.insert("allow_comments".into(), v.into());
        }
        m.extend(self.extra.clone());
        Some(Value::Object(m))
    }
}

/// How to log in: by email (pm415, achieveapex) or username (orgstack).
#[derive(Clone, PartialEq)]
pub enum Login {
    /// By email address and password.
    Email {
        /// The email address.
        email: String,
        /// The password (a secret).
        password: Secret,
    },
    /// By username and password (orgstack).
    Username {
        /// The username.
        username: String,
        /// The password (a secret).
        password: Secret,
    },
}

impl Default for Login {
    fn default() -> Self {
        Login::email("", "")
    }
}

impl Login {
    /// Logs in by email.
    ///
    /// ```
    /// let login = orgkit::Login::email("me@example.com", "hunter2");
    /// assert!(!format!("{login:?}").contains("hunter2"));
    /// ```
    pub fn email(email: impl Into<String>, password: impl Into<Secret>) -> Self {
        Login::Email {
            email: email.into(),
            password: password.into(),
        }
    }
    /// Logs in by username (orgstack).
    pub fn username(username: impl Into<String>, password: impl Into<Secret>) -> Self {
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
    pub(crate) fn password(&self) -> &Secret {
        match self {
            Login::Email { password, .. } | Login::Username { password, .. } => password,
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

const LOGIN_DOC: [&str; 1] = [" Exactly one of `email` and `username`, and the password."];

/// `{email, password}` or `{username, password}`: exactly one of the two.
impl Fields for Login {
    fn from_args(args: &Args<'_>) -> Result<Self> {
        let password: Secret = args.read("password")?;
        let email: Option<String> = args.read("email")?;
        let username: Option<String> = args.read("username")?;
        match (email, username) {
            (Some(email), None) => Ok(Login::Email { email, password }),
            (None, Some(username)) => Ok(Login::Username { username, password }),
            _ => Err(ArgName {
                parent: None,
                name: "email",
                style: args.style(),
            }
            .invalid(format!(
                "give exactly one of {} and {}",
                args.style().spell("email"),
                args.style().spell("username")
            ))),
        }
    }
    fn names() -> Vec<&'static str> {
        vec!["email", "username", "password"]
    }
    fn specs() -> Vec<FieldSpec> {
        let optional = |name, doc: &[&str]| FieldSpec {
            required: false,
            ..arg_spec::<Option<String>>(name, doc, false)
        };
        vec![
            optional("email", &[" The email address (pm415, achieveapex)."]),
            optional("username", &[" The username (orgstack)."]),
            arg_spec::<Secret>("password", &[" The password."], true),
        ]
    }
    fn validate(&self, style: Style) -> Result<()> {
        let name = |n| ArgName {
            parent: None,
            name: n,
            style,
        };
        // The provider judges the address itself (pm415 answers a bad one with 400).
        match self {
            Login::Email { email, .. } => check::nonempty(&name("email"), email)?,
            Login::Username { username, .. } => check::nonempty(&name("username"), username)?,
        }
        check::nonempty(&name("password"), self.password())
    }
}

impl Login {
    /// The input's place in the machine-readable description.
    pub fn spec() -> ModelSpec {
        ModelSpec {
            name: "Login",
            doc: doc_text(&LOGIN_DOC),
            fields: <Login as Fields>::specs(),
        }
    }
}

/// Where tasks are listed from: ourganize lists per project, kaana per organization.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TaskScope {
    /// A project's tasks (ourganize).
    Project(Id),
    /// An organization's tasks (kaana).
    Organization(Id),
}

impl Default for TaskScope {
    fn default() -> Self {
        TaskScope::Project(Id::Int(0))
    }
}

/// `{project_id}` or `{organization_id}`: exactly one of the two.
impl Fields for TaskScope {
    fn from_args(args: &Args<'_>) -> Result<Self> {
        let project: Option<Id> = args.read("project_id")?;
        let org: Option<Id> = args.read("organization_id")?;
        match (project, org) {
            (Some(p), None) => Ok(TaskScope::Project(p)),
            (None, Some(o)) => Ok(TaskScope::Organization(o)),
            _ => Err(ArgName {
                parent: None,
                name: "project_id",
                style: args.style(),
            }
            .invalid(format!(
                "give exactly one of {} (ourganize) and {} (kaana)",
                args.style().spell("project_id"),
                args.style().spell("organization_id")
            ))),
        }
    }
    fn names() -> Vec<&'static str> {
        vec!["project_id", "organization_id"]
    }
    fn specs() -> Vec<FieldSpec> {
        vec![
            arg_spec::<Option<Id>>("project_id", &[" The project (ourganize)."], false),
            arg_spec::<Option<Id>>("organization_id", &[" The organization (kaana)."], false),
        ]
    }
    /// Either id is a path segment (`/projects/{id}/tasks`).
    fn validate(&self, style: Style) -> Result<()> {
        let (name, id) = match self {
            TaskScope::Project(id) => ("project_id", id),
            TaskScope::Organization(id) => ("organization_id", id),
        };
        let name = ArgName {
            parent: None,
            name,
            style,
        };
        check::path_id(&name, id)
    }
}

impl TaskScope {
    /// The input's place in the machine-readable description.
    pub fn spec() -> ModelSpec {
        ModelSpec {
            name: "TaskScope",
            doc: doc_text(&[
                " Exactly one of `project_id` (ourganize) and `organization_id` (kaana).",
            ]),
            fields: <TaskScope as Fields>::specs(),
        }
    }
}
