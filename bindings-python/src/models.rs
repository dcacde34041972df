//! Rust models into the dataclasses of `orgkit/models.py`.

use orgkit::webhooks::{WebhookData, WebhookEvent};
use orgkit::{
    Document, Invite, Member, Organization, Project, ProjectSettings, RateLimit, Session, Task,
    User,
};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyModule};
use serde_json::Value;

use crate::convert::{id_to_py, json_to_py, map_to_py, opt_id_to_py, time_to_py};

static MODELS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

fn class<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    let module = MODELS.get_or_try_init(py, || -> PyResult<Py<PyModule>> {
        Ok(py.import("orgkit.models")?.unbind())
    })?;
    module.bind(py).getattr(name)
}

/// Something the binding hands to Python (a model, a list, JSON, nothing).
pub trait ToPy: Send + Sync + 'static {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>>;
}

/// Keyword arguments for a model's constructor.
struct Kw<'py> {
    py: Python<'py>,
    dict: Bound<'py, PyDict>,
}

impl<'py> Kw<'py> {
    fn new(py: Python<'py>) -> Self {
        Kw {
            py,
            dict: PyDict::new(py),
        }
    }
    fn set<V: IntoPyObject<'py>>(&self, name: &str, value: V) -> PyResult<&Self>
    where
        PyErr: From<V::Error>,
    {
        self.dict.set_item(name, value)?;
        Ok(self)
    }
    fn id(&self, name: &str, id: &orgkit::Id) -> PyResult<&Self> {
        self.set(name, id_to_py(self.py, id)?)
    }
    fn opt_id(&self, name: &str, id: &Option<orgkit::Id>) -> PyResult<&Self> {
        self.set(name, opt_id_to_py(self.py, id)?)
    }
    fn time(&self, name: &str, t: &Option<chrono::DateTime<chrono::Utc>>) -> PyResult<&Self> {
        self.set(name, time_to_py(self.py, t)?)
    }
    /// An open enum, as its Python `str` subclass.
    fn enumeration(&self, name: &str, class_name: &str, value: Option<&str>) -> PyResult<&Self> {
        match value {
            Some(v) => self.set(name, class(self.py, class_name)?.call1((v,))?),
            None => self.set(name, self.py.None()),
        }
    }
    fn json(&self, name: &str, value: &Option<Value>) -> PyResult<&Self> {
        match value {
            Some(v) => self.set(name, json_to_py(self.py, v)?),
            None => self.set(name, self.py.None()),
        }
    }
    fn extra(&self, extra: &serde_json::Map<String, Value>) -> PyResult<&Self> {
        self.set("extra", map_to_py(self.py, extra)?)
    }
    fn build(&self, class_name: &str) -> PyResult<Py<PyAny>> {
        Ok(class(self.py, class_name)?
            .call((), Some(&self.dict))?
            .unbind())
    }
}

fn role_list<'py>(py: Python<'py>, roles: &[orgkit::Role]) -> PyResult<Bound<'py, PyList>> {
    let cls = class(py, "Role")?;
    let list = PyList::empty(py);
    for r in roles {
        list.append(cls.call1((r.as_str(),))?)?;
    }
    Ok(list)
}

impl ToPy for Organization {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let kw = Kw::new(py);
        kw.id("id", &self.id)?
            .set("name", &self.name)?
            .enumeration(
                "type",
                "OrganizationType",
                self.org_type.as_ref().map(|v| v.as_str()),
            )?
            .enumeration(
                "status",
                "OrganizationStatus",
                self.status.as_ref().map(|v| v.as_str()),
            )?
            .enumeration(
                "subscription_status",
                "SubscriptionStatus",
                self.subscription_status.as_ref().map(|v| v.as_str()),
            )?
            .set("industry", &self.industry)?
            .set("website", &self.website)?
            .set("description", &self.description)?
            .json("metadata", &self.metadata)?
            .set("roles", role_list(py, &self.roles)?)?
            .time("created_at", &self.created_at)?
            .time("updated_at", &self.updated_at)?
            .extra(&self.extra)?
            .build("Organization")
    }
}

impl ToPy for Member {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let kw = Kw::new(py);
        kw.id("user_id", &self.user_id)?
            .opt_id("organization_id", &self.organization_id)?
            .enumeration("role", "Role", self.role.as_ref().map(|v| v.as_str()))?
            .set("email", &self.email)?
            .set("first_name", &self.first_name)?
            .set("last_name", &self.last_name)?
            .set("is_active", self.is_active)?
            .opt_id("membership_id", &self.membership_id)?
            .time("created_at", &self.created_at)?
            .time("updated_at", &self.updated_at)?
            .extra(&self.extra)?
            .build("Member")
    }
}

impl ToPy for Invite {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let organization = match self.organization {
            Some(o) => o.to_py(py)?,
            None => py.None(),
        };
        let kw = Kw::new(py);
        kw.opt_id("id", &self.id)?
            .set("email", &self.email)?
            .set("organization", organization)?
            .set("organization_name", &self.organization_name)?
            .enumeration("role", "Role", self.role.as_ref().map(|v| v.as_str()))?
            .set("token", &self.token)?
            .set("confirm_url", &self.confirm_url)?
            .time("expires_at", &self.expires_at)?
            .enumeration(
                "status",
                "InviteStatus",
                self.status.as_ref().map(|v| v.as_str()),
            )?
            .time("created_at", &self.created_at)?
            .extra(&self.extra)?
            .build("Invite")
    }
}

impl ToPy for ProjectSettings {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let kw = Kw::new(py);
        kw.set("is_public", self.is_public)?
            .set("allow_comments", self.allow_comments)?
            .extra(&self.extra)?
            .build("ProjectSettings")
    }
}

impl ToPy for Project {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let settings = match self.settings {
            Some(s) => s.to_py(py)?,
            None => py.None(),
        };
        let kw = Kw::new(py);
        kw.id("id", &self.id)?
            .set("name", &self.name)?
            .set("description", &self.description)?
            .enumeration(
                "status",
                "ProjectStatus",
                self.status.as_ref().map(|v| v.as_str()),
            )?
            .set("settings", settings)?
            .opt_id("organization_id", &self.organization_id)?
            .set("tags", &self.tags)?
            .time("created_at", &self.created_at)?
            .time("updated_at", &self.updated_at)?
            .extra(&self.extra)?
            .build("Project")
    }
}

impl ToPy for Task {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let kw = Kw::new(py);
        kw.id("id", &self.id)?
            .opt_id("project_id", &self.project_id)?
            .opt_id("organization_id", &self.organization_id)?
            .set("title", &self.title)?
            .set("description", &self.description)?
            .enumeration(
                "status",
                "TaskStatus",
                self.status.as_ref().map(|v| v.as_str()),
            )?
            .opt_id("assignee_id", &self.assignee_id)?
            .time("due_date", &self.due_date)?
            .time("completed_at", &self.completed_at)?
            .time("created_at", &self.created_at)?
            .time("updated_at", &self.updated_at)?
            .extra(&self.extra)?
            .build("Task")
    }
}

impl ToPy for Document {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let kw = Kw::new(py);
        kw.id("id", &self.id)?
            .set("name", &self.name)?
            .set("url", &self.url)?
            .set("mime_type", &self.mime_type)?
            .opt_id("organization_id", &self.organization_id)?
            .time("created_at", &self.created_at)?
            .time("updated_at", &self.updated_at)?
            .extra(&self.extra)?
            .build("Document")
    }
}

impl ToPy for User {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let kw = Kw::new(py);
        kw.id("id", &self.id)?
            .set("email", &self.email)?
            .set("username", &self.username)?
            .set("name", &self.name)?
            .set("first_name", &self.first_name)?
            .set("last_name", &self.last_name)?
            .enumeration("role", "Role", self.role.as_ref().map(|v| v.as_str()))?
            .set("is_active", self.is_active)?
            .time("created_at", &self.created_at)?
            .time("updated_at", &self.updated_at)?
            .extra(&self.extra)?
            .build("User")
    }
}

impl ToPy for Session {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let user = match self.user {
            Some(u) => u.to_py(py)?,
            None => py.None(),
        };
        let kw = Kw::new(py);
        kw.set("token", self.token.expose())?
            .set("user", user)?
            .extra(&self.extra)?
            .build("Session")
    }
}

impl ToPy for RateLimit {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let kw = Kw::new(py);
        kw.set("limit", self.limit)?
            .set("remaining", self.remaining)?
            .time("reset", &self.reset)?
            .build("RateLimit")
    }
}

impl ToPy for WebhookEvent {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let data = match self.data {
            WebhookData::Project(p) => p.to_py(py)?,
            WebhookData::Task(t) => t.to_py(py)?,
            WebhookData::Invite(i) => i.to_py(py)?,
            WebhookData::Other(v) => json_to_py(py, &v)?.unbind(),
            #[allow(unreachable_patterns)]
            _ => py.None(),
        };
        let kw = Kw::new(py);
        kw.set("id", &self.id)?
            .enumeration(
                "event_type",
                "WebhookEventType",
                Some(self.event_type.as_str()),
            )?
            .set("timestamp", self.timestamp)?
            .set("data", data)?
            .set("payload", json_to_py(py, &self.payload)?)?
            .build("WebhookEvent")
    }
}

impl ToPy for () {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(py.None())
    }
}

impl ToPy for Value {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(json_to_py(py, &self)?.unbind())
    }
}

impl<T: ToPy> ToPy for Vec<T> {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let list = PyList::empty(py);
        for item in self {
            list.append(item.to_py(py)?)?;
        }
        Ok(list.into_any().unbind())
    }
}

/// A page as the `orgkit.models.Page` dataclass.
pub fn page_to_py(
    py: Python<'_>,
    items: Vec<Py<PyAny>>,
    total: Option<u64>,
    has_next: bool,
) -> PyResult<Py<PyAny>> {
    let kw = Kw::new(py);
    kw.set("items", PyList::new(py, items)?)?
        .set("total", total)?
        .set("has_next", has_next)?
        .build("Page")
}
