//! Rust models into the dataclasses of `orgkit/models.py`.

use orgkit::webhooks::{WebhookData, WebhookEvent};
use orgkit::{
    Document, Invite, Member, Organization, Project, ProjectSettings, RateLimit, Session, Task,
    User,
};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyModule, PyString};
use serde_json::Value;

use crate::convert::{id_to_py, json_to_py, map_to_py, opt_id_to_py, time_to_py, utc_to_py};

static MODELS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

fn class<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    let module = MODELS.get_or_try_init(py, || -> PyResult<Py<PyModule>> {
        Ok(py.import("orgkit.models")?.unbind())
    })?;
    module.bind(py).getattr(name)
}

/// A class of `orgkit.models`, looked up once per interpreter.
macro_rules! model_class {
    ($py:expr, $name:literal) => {{
        static CLASS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
        CLASS
            .get_or_try_init($py, || class($py, $name).map(Bound::unbind))?
            .bind($py)
    }};
}

/// An open enumeration's class and its known values, made once: a known
/// value is handed out as the (immutable) instance made for it then.
pub struct OpenEnum {
    class: Py<PyAny>,
    known: Vec<(String, Py<PyAny>)>,
}

impl OpenEnum {
    fn load(py: Python<'_>, name: &str) -> PyResult<Self> {
        let class = self::class(py, name)?;
        let mut known = Vec::new();
        for v in class.getattr(intern!(py, "_known"))?.try_iter()? {
            let v: String = v?.extract()?;
            let obj = class.call1((v.as_str(),))?.unbind();
            known.push((v, obj));
        }
        Ok(OpenEnum {
            class: class.unbind(),
            known,
        })
    }

    fn make<'py>(&self, py: Python<'py>, value: &str) -> PyResult<Bound<'py, PyAny>> {
        for (k, obj) in &self.known {
            if k == value {
                return Ok(obj.bind(py).clone());
            }
        }
        self.class.bind(py).call1((value,))
    }
}

macro_rules! open_enum {
    ($py:expr, $name:literal) => {{
        static ENUM: PyOnceLock<OpenEnum> = PyOnceLock::new();
        ENUM.get_or_try_init($py, || OpenEnum::load($py, $name))?
    }};
}

/// Hands out one Rust value as its Python object.
pub trait ToPy: Send + Sync + 'static {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>>;
}

/// `object.__new__`, to make a model without running its `__init__`.
static OBJECT_NEW: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// A model's attributes, in field order, as the instance `__dict__` the
/// dataclass `__init__` would have built (every field is always set).
/// Field names are interned strings, made once.
struct Kw<'py> {
    py: Python<'py>,
    dict: Bound<'py, PyDict>,
}

/// A field name as an interned Python string.
macro_rules! f {
    ($py:expr, $name:literal) => {
        intern!($py, $name)
    };
}

impl<'py> Kw<'py> {
    fn new(py: Python<'py>) -> Self {
        Kw {
            py,
            dict: PyDict::new(py),
        }
    }
    fn set<V: IntoPyObject<'py>>(&self, name: &Bound<'py, PyString>, value: V) -> PyResult<&Self>
    where
        PyErr: From<V::Error>,
    {
        self.dict.set_item(name, value)?;
        Ok(self)
    }
    fn id(&self, name: &Bound<'py, PyString>, id: &orgkit::Id) -> PyResult<&Self> {
        self.set(name, id_to_py(self.py, id)?)
    }
    fn opt_id(&self, name: &Bound<'py, PyString>, id: &Option<orgkit::Id>) -> PyResult<&Self> {
        self.set(name, opt_id_to_py(self.py, id)?)
    }
    fn time(
        &self,
        name: &Bound<'py, PyString>,
        t: &Option<chrono::DateTime<chrono::Utc>>,
    ) -> PyResult<&Self> {
        self.set(name, time_to_py(self.py, t)?)
    }
    /// An open enum, as its Python `str` subclass.
    fn enumeration(
        &self,
        name: &Bound<'py, PyString>,
        e: &OpenEnum,
        value: Option<&str>,
    ) -> PyResult<&Self> {
        match value {
            Some(v) => self.set(name, e.make(self.py, v)?),
            None => self.set(name, self.py.None()),
        }
    }
    fn json(&self, name: &Bound<'py, PyString>, value: &Option<Value>) -> PyResult<&Self> {
        match value {
            Some(v) => self.set(name, json_to_py(self.py, v)?),
            None => self.set(name, self.py.None()),
        }
    }
    fn extra(&self, extra: &serde_json::Map<String, Value>) -> PyResult<&Self> {
        self.set(intern!(self.py, "extra"), map_to_py(self.py, extra)?)
    }
    /// The instance: `object.__new__(cls)` given this `__dict__`, which is
    /// what the dataclass `__init__` would leave (it has no `__post_init__`).
    fn build(&self, class: &Bound<'py, PyAny>) -> PyResult<Py<PyAny>> {
        let py = self.py;
        let new = OBJECT_NEW.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
            Ok(py
                .import("builtins")?
                .getattr("object")?
                .getattr("__new__")?
                .unbind())
        })?;
        let obj = new.bind(py).call1((class,))?;
        obj.setattr(intern!(py, "__dict__"), &self.dict)?;
        Ok(obj.unbind())
    }
}

fn role_list<'py>(py: Python<'py>, roles: &[orgkit::Role]) -> PyResult<Bound<'py, PyList>> {
    let role = open_enum!(py, "Role");
    let list = PyList::empty(py);
    for r in roles {
        list.append(role.make(py, r.as_str())?)?;
    }
    Ok(list)
}

impl ToPy for Organization {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let kw = Kw::new(py);
        kw.id(f!(py, "id"), &self.id)?
            .set(f!(py, "name"), &self.name)?
            .enumeration(
                f!(py, "type"),
                open_enum!(py, "OrganizationType"),
                self.org_type.as_ref().map(|v| v.as_str()),
            )?
            .enumeration(
                f!(py, "status"),
                open_enum!(py, "OrganizationStatus"),
                self.status.as_ref().map(|v| v.as_str()),
            )?
            .enumeration(
                f!(py, "subscription_status"),
                open_enum!(py, "SubscriptionStatus"),
                self.subscription_status.as_ref().map(|v| v.as_str()),
            )?
            .set(f!(py, "industry"), &self.industry)?
            .set(f!(py, "website"), &self.website)?
            .set(f!(py, "description"), &self.description)?
            .json(f!(py, "metadata"), &self.metadata)?
            .set(f!(py, "roles"), role_list(py, &self.roles)?)?
            .time(f!(py, "created_at"), &self.created_at)?
            .time(f!(py, "updated_at"), &self.updated_at)?
            .extra(&self.extra)?
            .build(model_class!(py, "Organization"))
    }
}

impl ToPy for Member {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let kw = Kw::new(py);
        kw.id(f!(py, "user_id"), &self.user_id)?
            .opt_id(f!(py, "organization_id"), &self.organization_id)?
            .enumeration(
                f!(py, "role"),
                open_enum!(py, "Role"),
                self.role.as_ref().map(|v| v.as_str()),
            )?
            .set(f!(py, "email"), &self.email)?
            .set(f!(py, "first_name"), &self.first_name)?
            .set(f!(py, "last_name"), &self.last_name)?
            .set(f!(py, "is_active"), self.is_active)?
            .opt_id(f!(py, "membership_id"), &self.membership_id)?
            .time(f!(py, "created_at"), &self.created_at)?
            .time(f!(py, "updated_at"), &self.updated_at)?
            .extra(&self.extra)?
            .build(model_class!(py, "Member"))
    }
}

impl ToPy for Invite {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let organization = match self.organization {
            Some(o) => o.to_py(py)?,
            None => py.None(),
        };
        let kw = Kw::new(py);
        kw.opt_id(f!(py, "id"), &self.id)?
            .set(f!(py, "email"), &self.email)?
            .set(f!(py, "organization"), organization)?
            .set(f!(py, "organization_name"), &self.organization_name)?
            .enumeration(
                f!(py, "role"),
                open_enum!(py, "Role"),
                self.role.as_ref().map(|v| v.as_str()),
            )?
            .set(f!(py, "token"), &self.token)?
            .set(f!(py, "confirm_url"), &self.confirm_url)?
            .time(f!(py, "expires_at"), &self.expires_at)?
            .enumeration(
                f!(py, "status"),
                open_enum!(py, "InviteStatus"),
                self.status.as_ref().map(|v| v.as_str()),
            )?
            .time(f!(py, "created_at"), &self.created_at)?
            .extra(&self.extra)?
            .build(model_class!(py, "Invite"))
    }
}

impl ToPy for ProjectSettings {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let kw = Kw::new(py);
        kw.set(f!(py, "is_public"), self.is_public)?
            .set(f!(py, "allow_comments"), self.allow_comments)?
            .extra(&self.extra)?
            .build(model_class!(py, "ProjectSettings"))
    }
}

impl ToPy for Project {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let settings = match self.settings {
            Some(s) => s.to_py(py)?,
            None => py.None(),
        };
        let kw = Kw::new(py);
        kw.id(f!(py, "id"), &self.id)?
            .set(f!(py, "name"), &self.name)?
            .set(f!(py, "description"), &self.description)?
            .enumeration(
                f!(py, "status"),
                open_enum!(py, "ProjectStatus"),
                self.status.as_ref().map(|v| v.as_str()),
            )?
            .set(f!(py, "settings"), settings)?
            .opt_id(f!(py, "organization_id"), &self.organization_id)?
            .set(f!(py, "tags"), &self.tags)?
            .time(f!(py, "created_at"), &self.created_at)?
            .time(f!(py, "updated_at"), &self.updated_at)?
            .extra(&self.extra)?
            .build(model_class!(py, "Project"))
    }
}

impl ToPy for Task {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let kw = Kw::new(py);
        kw.id(f!(py, "id"), &self.id)?
            .opt_id(f!(py, "project_id"), &self.project_id)?
            .opt_id(f!(py, "organization_id"), &self.organization_id)?
            .set(f!(py, "title"), &self.title)?
            .set(f!(py, "description"), &self.description)?
            .enumeration(
                f!(py, "status"),
                open_enum!(py, "TaskStatus"),
                self.status.as_ref().map(|v| v.as_str()),
            )?
            .opt_id(f!(py, "assignee_id"), &self.assignee_id)?
            .time(f!(py, "due_date"), &self.due_date)?
            .time(f!(py, "completed_at"), &self.completed_at)?
            .time(f!(py, "created_at"), &self.created_at)?
            .time(f!(py, "updated_at"), &self.updated_at)?
            .extra(&self.extra)?
            .build(model_class!(py, "Task"))
    }
}

impl ToPy for Document {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let kw = Kw::new(py);
        kw.id(f!(py, "id"), &self.id)?
            .set(f!(py, "name"), &self.name)?
            .set(f!(py, "url"), &self.url)?
            .set(f!(py, "mime_type"), &self.mime_type)?
            .opt_id(f!(py, "organization_id"), &self.organization_id)?
            .time(f!(py, "created_at"), &self.created_at)?
            .time(f!(py, "updated_at"), &self.updated_at)?
            .extra(&self.extra)?
            .build(model_class!(py, "Document"))
    }
}

impl ToPy for User {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let kw = Kw::new(py);
        kw.id(f!(py, "id"), &self.id)?
            .set(f!(py, "email"), &self.email)?
            .set(f!(py, "username"), &self.username)?
            .set(f!(py, "name"), &self.name)?
            .set(f!(py, "first_name"), &self.first_name)?
            .set(f!(py, "last_name"), &self.last_name)?
            .enumeration(
                f!(py, "role"),
                open_enum!(py, "Role"),
                self.role.as_ref().map(|v| v.as_str()),
            )?
            .set(f!(py, "is_active"), self.is_active)?
            .time(f!(py, "created_at"), &self.created_at)?
            .time(f!(py, "updated_at"), &self.updated_at)?
            .extra(&self.extra)?
            .build(model_class!(py, "User"))
    }
}

impl ToPy for Session {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let user = match self.user {
            Some(u) => u.to_py(py)?,
            None => py.None(),
        };
        let kw = Kw::new(py);
        kw.set(f!(py, "token"), self.token.expose())?
            .set(f!(py, "user"), user)?
            .extra(&self.extra)?
            .build(model_class!(py, "Session"))
    }
}

impl ToPy for RateLimit {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let kw = Kw::new(py);
        kw.set(f!(py, "limit"), self.limit)?
            .set(f!(py, "remaining"), self.remaining)?
            .time(f!(py, "reset"), &self.reset)?
            .build(model_class!(py, "RateLimit"))
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
        kw.set(f!(py, "id"), &self.id)?
            .enumeration(
                f!(py, "event_type"),
                open_enum!(py, "WebhookEventType"),
                Some(self.event_type.as_str()),
            )?
            .set(f!(py, "timestamp"), utc_to_py(py, &self.timestamp)?)?
            .set(f!(py, "data"), data)?
            .set(f!(py, "payload"), json_to_py(py, &self.payload)?)?
            .build(model_class!(py, "WebhookEvent"))
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
        let items = convert_all(py, self)?;
        Ok(PyList::new(py, items)?.into_any().unbind())
    }
}

/// Converts many values. A big batch runs with the cyclic garbage collector
/// paused: the new objects hold no cycles, and collections triggered by
/// thousands of fresh containers would otherwise scan them again and again.
pub fn convert_all<T: ToPy>(py: Python<'_>, values: Vec<T>) -> PyResult<Vec<Py<PyAny>>> {
    let _paused = (values.len() >= 64).then(|| GcPause::new(py));
    values.into_iter().map(|v| v.to_py(py)).collect()
}

/// Pauses the cyclic GC until dropped, if it was running (a caller's
/// `gc.disable()` is left alone).
pub struct GcPause<'py> {
    _py: Python<'py>,
    was_enabled: bool,
}

impl<'py> GcPause<'py> {
    pub fn new(py: Python<'py>) -> Self {
        // SAFETY: the GIL is held (`py`).
        let was_enabled = unsafe { pyo3::ffi::PyGC_Disable() } != 0;
        GcPause {
            _py: py,
            was_enabled,
        }
    }
}

impl Drop for GcPause<'_> {
    fn drop(&mut self) {
        if self.was_enabled {
            // SAFETY: the GIL is held for 'py, which outlives self.
            unsafe { pyo3::ffi::PyGC_Enable() };
        }
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
    kw.set(f!(py, "items"), PyList::new(py, items)?)?
        .set(f!(py, "total"), total)?
        .set(f!(py, "has_next"), has_next)?
        .build(model_class!(py, "Page"))
}
