//! JS argument objects into SDK inputs. Types are checked by napi on the
//! way in; ranges and required fields here, as InvalidArgument errors.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use napi::bindgen_prelude::Either;
use napi_derive::napi;
use orgkit::{Error as SdkError, ListParams, SortOrder, TaskScope};
use serde_json::{Map, Value};

use crate::error::invalid;
use crate::models::{id_from_js, ProjectSettings};

fn count(field: &str, v: Option<f64>, min: f64) -> Result<Option<u64>, SdkError> {
    match v {
        None => Ok(None),
        Some(n) if n.is_finite() && n.fract() == 0.0 && n >= min && n <= 9.0e15 => {
            Ok(Some(n as u64))
        }
        Some(n) => Err(invalid(
            field,
            format!("must be an integer of at least {min}, got {n}"),
        )),
    }
}

fn count32(field: &str, v: Option<f64>, min: f64) -> Result<Option<u32>, SdkError> {
    count(field, v, min)?
        .map(|n| u32::try_from(n).map_err(|_| invalid(field, "is too large")))
        .transpose()
}

/// Options of a list call; each provider sends those it understands.
#[napi(object)]
pub struct ListOptions {
    /// Items per page.
    pub limit: Option<f64>,
    /// 1-based page to start from (providers that page by number).
    pub page: Option<f64>,
    /// Items to skip first (providers that page by offset).
    pub skip: Option<f64>,
    pub search: Option<String>,
    pub status: Option<String>,
    pub sort: Option<String>,
    /// `asc` or `desc`.
    pub order: Option<String>,
    /// Scope for lists that are per organization on some providers (kaana projects).
    pub organization_id: Option<Either<i64, String>>,
    /// Further query parameters, sent verbatim.
    pub filters: Option<HashMap<String, String>>,
}

impl ListOptions {
    pub fn into_params(self) -> Result<ListParams, SdkError> {
        let mut filters: Vec<(String, String)> =
            self.filters.unwrap_or_default().into_iter().collect();
        filters.sort();
        let order = match self
            .order
            .as_deref()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            None => None,
            Some("asc") => Some(SortOrder::Asc),
            Some("desc") => Some(SortOrder::Desc),
            Some(other) => {
                return Err(invalid(
                    "order",
                    format!("must be \"asc\" or \"desc\", got {other:?}"),
                ))
            }
        };
        Ok(ListParams {
            limit: count32("limit", self.limit, 1.0)?,
            page: count32("page", self.page, 1.0)?,
            skip: count("skip", self.skip, 0.0)?,
            search: self.search,
            status: self.status,
            sort: self.sort,
            order,
            organization_id: self.organization_id.map(id_from_js),
            filters,
        })
    }
}

/// `tasks.list({ projectId | organizationId, status, limit, … })`.
#[napi(object)]
pub struct TaskListOptions {
    /// ourganize lists one project's tasks.
    pub project_id: Option<Either<i64, String>>,
    /// kaana lists one organization's tasks.
    pub organization_id: Option<Either<i64, String>>,
    pub limit: Option<f64>,
    pub page: Option<f64>,
    pub status: Option<String>,
    pub search: Option<String>,
    pub filters: Option<HashMap<String, String>>,
}

impl TaskListOptions {
    pub fn into_scope(self) -> Result<(TaskScope, ListParams), SdkError> {
        let scope = match (self.project_id, self.organization_id) {
            (Some(p), None) => TaskScope::Project(id_from_js(p)),
            (None, Some(o)) => TaskScope::Organization(id_from_js(o)),
            (Some(_), Some(_)) => {
                return Err(invalid(
                    "projectId",
                    "give projectId or organizationId, not both",
                ))
            }
            (None, None) => {
                return Err(invalid(
                    "projectId",
                    "give projectId (ourganize) or organizationId (kaana)",
                ))
            }
        };
        let params = ListOptions {
            limit: self.limit,
            page: self.page,
            skip: None,
            search: self.search,
            status: self.status,
            sort: None,
            order: None,
            organization_id: None,
            filters: self.filters,
        }
        .into_params()?;
        Ok((scope, params))
    }
}

#[napi(object)]
pub struct NewOrganization {
    pub name: String,
    /// kaana: customer, partner, vendor, internal, …
    #[napi(js_name = "type")]
    pub org_type: Option<String>,
    pub status: Option<String>,
    pub industry: Option<String>,
    pub website: Option<String>,
    pub description: Option<String>,
    pub metadata: Option<Value>,
}

impl From<NewOrganization> for orgkit::NewOrganization {
    fn from(n: NewOrganization) -> Self {
        orgkit::NewOrganization {
            name: n.name,
            org_type: n.org_type.map(Into::into),
            status: n.status.map(Into::into),
            industry: n.industry,
            website: n.website,
            description: n.description,
            metadata: n.metadata,
        }
    }
}

#[napi(object)]
pub struct OrganizationPatch {
    pub name: Option<String>,
    #[napi(js_name = "type")]
    pub org_type: Option<String>,
    pub status: Option<String>,
    pub industry: Option<String>,
    pub website: Option<String>,
    pub description: Option<String>,
    pub metadata: Option<Value>,
}

impl From<OrganizationPatch> for orgkit::OrganizationPatch {
    fn from(p: OrganizationPatch) -> Self {
        orgkit::OrganizationPatch {
            name: p.name,
            org_type: p.org_type.map(Into::into),
            status: p.status.map(Into::into),
            industry: p.industry,
            website: p.website,
            description: p.description,
            metadata: p.metadata,
        }
    }
}

#[napi(object)]
pub struct NewProject {
    pub name: String,
    pub description: Option<String>,
    pub status: Option<String>,
    pub settings: Option<ProjectSettings>,
    pub organization_id: Option<Either<i64, String>>,
    pub tags: Option<Vec<String>>,
}

impl From<NewProject> for orgkit::NewProject {
    fn from(n: NewProject) -> Self {
        orgkit::NewProject {
            name: n.name,
            description: n.description,
            status: n.status.map(Into::into),
            settings: n.settings.map(Into::into),
            organization_id: n.organization_id.map(id_from_js),
            tags: n.tags,
        }
    }
}

#[napi(object)]
pub struct ProjectPatch {
    pub name: Option<String>,
    pub description: Option<String>,
    pub status: Option<String>,
    pub settings: Option<ProjectSettings>,
    pub tags: Option<Vec<String>>,
}

impl From<ProjectPatch> for orgkit::ProjectPatch {
    fn from(p: ProjectPatch) -> Self {
        orgkit::ProjectPatch {
            name: p.name,
            description: p.description,
            status: p.status.map(Into::into),
            settings: p.settings.map(Into::into),
            tags: p.tags,
        }
    }
}

#[napi(object)]
pub struct NewTask {
    pub title: String,
    pub description: Option<String>,
    pub status: Option<String>,
    pub assignee_id: Option<Either<i64, String>>,
    pub due_date: Option<DateTime<Utc>>,
}

impl From<NewTask> for orgkit::NewTask {
    fn from(n: NewTask) -> Self {
        orgkit::NewTask {
            title: n.title,
            description: n.description,
            status: n.status.map(Into::into),
            assignee_id: n.assignee_id.map(id_from_js),
            due_date: n.due_date,
        }
    }
}

#[napi(object)]
pub struct TaskPatch {
    pub title: Option<String>,
    pub description: Option<String>,
    /// e.g. `completed`.
    pub status: Option<String>,
    pub assignee_id: Option<Either<i64, String>>,
    pub due_date: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
}

impl From<TaskPatch> for orgkit::TaskPatch {
    fn from(p: TaskPatch) -> Self {
        orgkit::TaskPatch {
            title: p.title,
            description: p.description,
            status: p.status.map(Into::into),
            assignee_id: p.assignee_id.map(id_from_js),
            due_date: p.due_date,
            completed_at: p.completed_at,
        }
    }
}

#[napi(object)]
pub struct UserPatch {
    pub name: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    /// Anything else the provider accepts, sent verbatim.
    pub extra: Option<Map<String, Value>>,
}

impl From<UserPatch> for orgkit::UserPatch {
    fn from(p: UserPatch) -> Self {
        orgkit::UserPatch {
            name: p.name,
            first_name: p.first_name,
            last_name: p.last_name,
            email: p.email,
            extra: p.extra.unwrap_or_default(),
        }
    }
}

#[napi(object)]
pub struct NewInvite {
    pub email: String,
    pub organization_id: Option<Either<i64, String>>,
    /// `admin`, `member`, … (case-insensitive).
    pub role: Option<String>,
}

impl From<NewInvite> for orgkit::NewInvite {
    fn from(n: NewInvite) -> Self {
        orgkit::NewInvite {
            email: n.email,
            organization_id: n.organization_id.map(id_from_js),
            role: n.role.map(Into::into),
        }
    }
}

/// `{ email, password }` (pm415, achieveapex) or `{ username, password }` (orgstack).
#[napi(object)]
pub struct LoginInput {
    pub email: Option<String>,
    pub username: Option<String>,
    pub password: String,
}

impl LoginInput {
    pub fn into_login(self) -> Result<orgkit::Login, SdkError> {
        match (self.email, self.username) {
            (Some(e), None) => Ok(orgkit::Login::email(e, self.password)),
            (None, Some(u)) => Ok(orgkit::Login::username(u, self.password)),
            (Some(_), Some(_)) => Err(invalid("email", "give email or username, not both")),
            (None, None) => Err(invalid("email", "give email or username")),
        }
    }
}
