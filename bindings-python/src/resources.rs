//! The resource handles (`client.organizations`, `client.members(org)`, …).
//! Each operation is written once, as a method of a `…Core` that checks the
//! arguments and starts the Rust call; the `resource!` macro then makes a
//! blocking class (waits with the GIL released) and an asyncio class
//! (returns a coroutine) from it.

use std::future::Future;
use std::sync::Arc;

use futures::future::BoxFuture;
use orgkit::{
    Id, ListParams, Login, NewInvite, NewOrganization, NewProject, NewTask, OrganizationPatch,
    OrganizationStatus, OrganizationType, ProjectPatch, ProjectSettings, ProjectStatus, Role,
    SortOrder, TaskPatch, TaskScope, TaskStatus, UserPatch,
};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::client::Core;
use crate::convert::{id_from_py, ids_from_py, opt_id_from_py, py_to_json, time_from_py};
use crate::errors::{invalid_argument, to_py};
use crate::models::ToPy;
use crate::pages::{lister, AsyncItemIterator, ItemIterator, Lister};
use crate::runtime::{self, Finish};

/// A started call: the Rust future, ending in what to hand to Python.
pub type Job = BoxFuture<'static, Finish>;

pub fn job<T: ToPy>(fut: impl Future<Output = orgkit::Result<T>> + Send + 'static) -> Job {
    Box::pin(async move {
        match fut.await {
            Ok(value) => Box::new(move |py: Python<'_>| value.to_py(py)) as Finish,
            Err(e) => Box::new(move |py: Python<'_>| Err(to_py(py, e))) as Finish,
        }
    })
}

/// What an operation gives back before it is delivered to Python.
pub enum Out {
    Call(Job),
    List(Lister),
}

#[derive(Clone, Copy)]
pub enum Mode {
    Blocking,
    Async,
}

pub fn deliver(py: Python<'_>, mode: Mode, out: Out) -> PyResult<Py<PyAny>> {
    match (mode, out) {
        (Mode::Blocking, Out::Call(job)) => runtime::wait(py, job)?(py),
        (Mode::Async, Out::Call(job)) => runtime::coroutine(py, job),
        (Mode::Blocking, Out::List(l)) => Ok(Py::new(py, ItemIterator::new(l))?.into_any()),
        (Mode::Async, Out::List(l)) => Ok(Py::new(py, AsyncItemIterator::new(l))?.into_any()),
    }
}

macro_rules! resource {
    (
        $core:ident => $sync:ident, $async_:ident;
        $( $(#[$attr:meta])* fn $name:ident ( $($arg:ident : $ty:ty),* ); )*
    ) => {
        #[pyclass(module = "orgkit._native", frozen)]
        pub struct $sync {
            pub(crate) core: $core,
        }

        #[pyclass(module = "orgkit._native", frozen)]
        pub struct $async_ {
            pub(crate) core: $core,
        }

        #[pymethods]
        #[allow(clippy::too_many_arguments)]
        impl $sync {
            $(
                $(#[$attr])*
                fn $name(&self, py: Python<'_>, $($arg: $ty),*) -> PyResult<Py<PyAny>> {
                    deliver(py, Mode::Blocking, self.core.$name(py, $($arg),*)?)
                }
            )*
            fn __repr__(&self) -> String {
                format!("<{} ({})>", stringify!($sync), self.core.describe())
            }
        }

        #[pymethods]
        #[allow(clippy::too_many_arguments)]
        impl $async_ {
            $(
                $(#[$attr])*
                fn $name(&self, py: Python<'_>, $($arg: $ty),*) -> PyResult<Py<PyAny>> {
                    deliver(py, Mode::Async, self.core.$name(py, $($arg),*)?)
                }
            )*
            fn __repr__(&self) -> String {
                format!("<{} ({})>", stringify!($async_), self.core.describe())
            }
        }
    };
}

fn order(py: Python<'_>, value: Option<String>) -> PyResult<Option<SortOrder>> {
    match value {
        None => Ok(None),
        Some(v) => match SortOrder::parse(&v) {
            SortOrder::Other(_) => Err(invalid_argument(
                py,
                "order",
                format!("{v:?} is neither \"asc\" nor \"desc\""),
            )),
            o => Ok(Some(o)),
        },
    }
}

fn params(py: Python<'_>, limit: Option<i64>) -> PyResult<ListParams> {
    let mut p = ListParams::new();
    if let Some(l) = limit {
        let l = u32::try_from(l).ok().filter(|l| *l > 0).ok_or_else(|| {
            invalid_argument(py, "limit", format!("must be a positive integer, got {l}"))
        })?;
        p.limit = Some(l);
    }
    Ok(p)
}

fn json_arg(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<serde_json::Value>> {
    value.filter(|v| !v.is_none()).map(py_to_json).transpose()
}

fn filters(p: &mut ListParams, extra: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
    if let Some(d) = extra {
        for (k, v) in d.iter() {
            let key: String = k
                .extract()
                .map_err(|_| PyTypeError::new_err("filters keys must be str"))?;
            let value: String = match v.extract::<String>() {
                Ok(s) => s,
                Err(_) => v.str()?.to_str()?.to_string(),
            };
            p.filters.push((key, value));
        }
    }
    Ok(())
}

// ------------------------------------------------------------- organizations

#[derive(Clone)]
pub struct OrganizationsCore {
    pub(crate) core: Arc<Core>,
}

impl OrganizationsCore {
    fn describe(&self) -> String {
        self.core.describe()
    }

    #[allow(clippy::too_many_arguments)]
    fn list(
        &self,
        py: Python<'_>,
        limit: Option<i64>,
        search: Option<String>,
        status: Option<String>,
        sort: Option<String>,
        order_: Option<String>,
        extra: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Out> {
        let mut p = params(py, limit)?;
        p.search = search;
        p.status = status;
        p.sort = sort;
        p.order = order(py, order_)?;
        filters(&mut p, extra)?;
        let core = self.core.clone();
        Ok(Out::List(lister(move || {
            core.client().organizations().list(p.clone())
        })))
    }

    fn get(&self, _py: Python<'_>, id: &Bound<'_, PyAny>) -> PyResult<Out> {
        let id = id_from_py("id", id)?;
        Ok(Out::Call(job(self.core.client().organizations().get(id))))
    }

    #[allow(clippy::too_many_arguments)]
    fn create(
        &self,
        _py: Python<'_>,
        name: String,
        r#type: Option<String>,
        status: Option<String>,
        industry: Option<String>,
        website: Option<String>,
        description: Option<String>,
        metadata: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Out> {
        let new = NewOrganization {
            name,
            org_type: r#type.map(|t| OrganizationType::parse(&t)),
            status: status.map(|s| OrganizationStatus::parse(&s)),
            industry,
            website,
            description,
            metadata: json_arg(metadata)?,
        };
        Ok(Out::Call(job(self
            .core
            .client()
            .organizations()
            .create(new))))
    }

    #[allow(clippy::too_many_arguments)]
    fn update(
        &self,
        _py: Python<'_>,
        id: &Bound<'_, PyAny>,
        name: Option<String>,
        r#type: Option<String>,
        status: Option<String>,
        industry: Option<String>,
        website: Option<String>,
        description: Option<String>,
        metadata: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Out> {
        let id = id_from_py("id", id)?;
        let patch = OrganizationPatch {
            name,
            org_type: r#type.map(|t| OrganizationType::parse(&t)),
            status: status.map(|s| OrganizationStatus::parse(&s)),
            industry,
            website,
            description,
            metadata: json_arg(metadata)?,
        };
        Ok(Out::Call(job(self
            .core
            .client()
            .organizations()
            .update(id, patch))))
    }

    fn delete(&self, _py: Python<'_>, id: &Bound<'_, PyAny>) -> PyResult<Out> {
        let id = id_from_py("id", id)?;
        Ok(Out::Call(job(self
            .core
            .client()
            .organizations()
            .delete(id))))
    }

    fn duplicate(&self, _py: Python<'_>, id: &Bound<'_, PyAny>) -> PyResult<Out> {
        let id = id_from_py("id", id)?;
        Ok(Out::Call(job(self
            .core
            .client()
            .organizations()
            .duplicate(id))))
    }

    fn switch(&self, _py: Python<'_>, id: &Bound<'_, PyAny>) -> PyResult<Out> {
        let id = id_from_py("id", id)?;
        Ok(Out::Call(job(self
            .core
            .client()
            .organizations()
            .switch(id))))
    }

    fn current(&self, _py: Python<'_>) -> PyResult<Out> {
        Ok(Out::Call(job(self.core.client().organizations().current())))
    }
}

resource! {
    OrganizationsCore => Organizations, AsyncOrganizations;
    /// Every organization, fetched page by page as you iterate.
    #[pyo3(signature = (*, limit=None, search=None, status=None, sort=None, order=None, filters=None))]
    fn list(limit: Option<i64>, search: Option<String>, status: Option<String>, sort: Option<String>, order: Option<String>, filters: Option<&Bound<'_, PyDict>>);
    fn get(id: &Bound<'_, PyAny>);
    #[pyo3(signature = (*, name, r#type=None, status=None, industry=None, website=None, description=None, metadata=None))]
    fn create(name: String, r#type: Option<String>, status: Option<String>, industry: Option<String>, website: Option<String>, description: Option<String>, metadata: Option<&Bound<'_, PyAny>>);
    #[pyo3(signature = (id, *, name=None, r#type=None, status=None, industry=None, website=None, description=None, metadata=None))]
    fn update(id: &Bound<'_, PyAny>, name: Option<String>, r#type: Option<String>, status: Option<String>, industry: Option<String>, website: Option<String>, description: Option<String>, metadata: Option<&Bound<'_, PyAny>>);
    fn delete(id: &Bound<'_, PyAny>);
    fn duplicate(id: &Bound<'_, PyAny>);
    fn switch(id: &Bound<'_, PyAny>);
    fn current();
}

// ------------------------------------------------------------------- members

#[derive(Clone)]
pub struct MembersCore {
    pub(crate) core: Arc<Core>,
    pub(crate) organization: Id,
}

impl MembersCore {
    fn describe(&self) -> String {
        format!(
            "{}, organization {}",
            self.core.describe(),
            self.organization
        )
    }

    fn members(&self) -> orgkit::Members {
        self.core.client().members(self.organization.clone())
    }

    fn list(&self, py: Python<'_>, limit: Option<i64>) -> PyResult<Out> {
        let p = params(py, limit)?;
        let this = self.clone();
        Ok(Out::List(lister(move || this.members().list(p.clone()))))
    }

    fn add(&self, _py: Python<'_>, person: &Bound<'_, PyAny>, role: String) -> PyResult<Out> {
        let person = id_from_py("person", person)?;
        Ok(Out::Call(job(self
            .members()
            .add(person, Role::parse(&role)))))
    }

    fn set_role(&self, _py: Python<'_>, person: &Bound<'_, PyAny>, role: String) -> PyResult<Out> {
        let person = id_from_py("person", person)?;
        Ok(Out::Call(job(self
            .members()
            .set_role(person, Role::parse(&role)))))
    }

    fn remove(&self, _py: Python<'_>, people: &Bound<'_, PyAny>) -> PyResult<Out> {
        let people = ids_from_py("people", people)?;
        Ok(Out::Call(job(self.members().remove(&people))))
    }

    fn reset_passwords(&self, _py: Python<'_>, people: &Bound<'_, PyAny>) -> PyResult<Out> {
        let people = ids_from_py("people", people)?;
        Ok(Out::Call(job(self.members().reset_passwords(&people))))
    }
}

resource! {
    MembersCore => Members, AsyncMembers;
    #[pyo3(signature = (*, limit=None))]
    fn list(limit: Option<i64>);
    #[pyo3(signature = (person, role="member".to_string()))]
    fn add(person: &Bound<'_, PyAny>, role: String);
    fn set_role(person: &Bound<'_, PyAny>, role: String);
    fn remove(people: &Bound<'_, PyAny>);
    fn reset_passwords(people: &Bound<'_, PyAny>);
}

// ------------------------------------------------------------------- invites

#[derive(Clone)]
pub struct InvitesCore {
    pub(crate) core: Arc<Core>,
}

impl InvitesCore {
    fn describe(&self) -> String {
        self.core.describe()
    }

    fn create(
        &self,
        _py: Python<'_>,
        email: String,
        organization_id: Option<&Bound<'_, PyAny>>,
        role: Option<String>,
    ) -> PyResult<Out> {
        let new = NewInvite {
            email,
            organization_id: opt_id_from_py("organization_id", organization_id)?,
            role: role.map(|r| Role::parse(&r)),
        };
        Ok(Out::Call(job(self.core.client().invites().create(new))))
    }

    fn validate(&self, _py: Python<'_>, token: String) -> PyResult<Out> {
        Ok(Out::Call(job(self.core.client().invites().validate(token))))
    }

    fn accept(
        &self,
        _py: Python<'_>,
        token: String,
        email: String,
        password: String,
    ) -> PyResult<Out> {
        Ok(Out::Call(job(self
            .core
            .client()
            .invites()
            .accept(token, email, password))))
    }
}

resource! {
    InvitesCore => Invites, AsyncInvites;
    #[pyo3(signature = (*, email, organization_id=None, role=None))]
    fn create(email: String, organization_id: Option<&Bound<'_, PyAny>>, role: Option<String>);
    fn validate(token: String);
    #[pyo3(signature = (token, *, email, password))]
    fn accept(token: String, email: String, password: String);
}

// ------------------------------------------------------------------ projects

#[derive(Clone)]
pub struct ProjectsCore {
    pub(crate) core: Arc<Core>,
}

fn settings(is_public: Option<bool>, allow_comments: Option<bool>) -> Option<ProjectSettings> {
    (is_public.is_some() || allow_comments.is_some()).then(|| ProjectSettings {
        is_public,
        allow_comments,
        ..Default::default()
    })
}

impl ProjectsCore {
    fn describe(&self) -> String {
        self.core.describe()
    }

    fn list(
        &self,
        py: Python<'_>,
        organization_id: Option<&Bound<'_, PyAny>>,
        status: Option<String>,
        limit: Option<i64>,
        search: Option<String>,
    ) -> PyResult<Out> {
        let mut p = params(py, limit)?;
        p.organization_id = opt_id_from_py("organization_id", organization_id)?;
        p.status = status;
        p.search = search;
        let core = self.core.clone();
        Ok(Out::List(lister(move || {
            core.client().projects().list(p.clone())
        })))
    }

    fn get(&self, _py: Python<'_>, id: &Bound<'_, PyAny>) -> PyResult<Out> {
        let id = id_from_py("id", id)?;
        Ok(Out::Call(job(self.core.client().projects().get(id))))
    }

    #[allow(clippy::too_many_arguments)]
    fn create(
        &self,
        _py: Python<'_>,
        name: String,
        description: Option<String>,
        status: Option<String>,
        is_public: Option<bool>,
        allow_comments: Option<bool>,
        organization_id: Option<&Bound<'_, PyAny>>,
        tags: Option<Vec<String>>,
    ) -> PyResult<Out> {
        let new = NewProject {
            name,
            description,
            status: status.map(|s| ProjectStatus::parse(&s)),
            settings: settings(is_public, allow_comments),
            organization_id: opt_id_from_py("organization_id", organization_id)?,
            tags,
        };
        Ok(Out::Call(job(self.core.client().projects().create(new))))
    }

    #[allow(clippy::too_many_arguments)]
    fn update(
        &self,
        _py: Python<'_>,
        id: &Bound<'_, PyAny>,
        name: Option<String>,
        description: Option<String>,
        status: Option<String>,
        is_public: Option<bool>,
        allow_comments: Option<bool>,
        tags: Option<Vec<String>>,
    ) -> PyResult<Out> {
        let id = id_from_py("id", id)?;
        let patch = ProjectPatch {
            name,
            description,
            status: status.map(|s| ProjectStatus::parse(&s)),
            settings: settings(is_public, allow_comments),
            tags,
        };
        Ok(Out::Call(job(self
            .core
            .client()
            .projects()
            .update(id, patch))))
    }

    fn delete(&self, _py: Python<'_>, id: &Bound<'_, PyAny>) -> PyResult<Out> {
        let id = id_from_py("id", id)?;
        Ok(Out::Call(job(self.core.client().projects().delete(id))))
    }
}

resource! {
    ProjectsCore => Projects, AsyncProjects;
    #[pyo3(signature = (*, organization_id=None, status=None, limit=None, search=None))]
    fn list(organization_id: Option<&Bound<'_, PyAny>>, status: Option<String>, limit: Option<i64>, search: Option<String>);
    fn get(id: &Bound<'_, PyAny>);
    #[pyo3(signature = (*, name, description=None, status=None, is_public=None, allow_comments=None, organization_id=None, tags=None))]
    fn create(name: String, description: Option<String>, status: Option<String>, is_public: Option<bool>, allow_comments: Option<bool>, organization_id: Option<&Bound<'_, PyAny>>, tags: Option<Vec<String>>);
    #[pyo3(signature = (id, *, name=None, description=None, status=None, is_public=None, allow_comments=None, tags=None))]
    fn update(id: &Bound<'_, PyAny>, name: Option<String>, description: Option<String>, status: Option<String>, is_public: Option<bool>, allow_comments: Option<bool>, tags: Option<Vec<String>>);
    fn delete(id: &Bound<'_, PyAny>);
}

// --------------------------------------------------------------------- tasks

#[derive(Clone)]
pub struct TasksCore {
    pub(crate) core: Arc<Core>,
}

fn opt_time(
    name: &str,
    value: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<chrono::DateTime<chrono::Utc>>> {
    value
        .filter(|v| !v.is_none())
        .map(|v| time_from_py(name, v))
        .transpose()
}

impl TasksCore {
    fn describe(&self) -> String {
        self.core.describe()
    }

    fn list(
        &self,
        py: Python<'_>,
        project_id: Option<&Bound<'_, PyAny>>,
        organization_id: Option<&Bound<'_, PyAny>>,
        status: Option<String>,
        limit: Option<i64>,
    ) -> PyResult<Out> {
        let project = opt_id_from_py("project_id", project_id)?;
        let organization = opt_id_from_py("organization_id", organization_id)?;
        let scope = match (project, organization) {
            (Some(p), None) => TaskScope::Project(p),
            (None, Some(o)) => TaskScope::Organization(o),
            _ => {
                return Err(invalid_argument(
                    py,
                    "project_id",
                    "give exactly one of project_id and organization_id",
                ))
            }
        };
        let mut p = params(py, limit)?;
        p.status = status;
        let core = self.core.clone();
        Ok(Out::List(lister(move || {
            core.client().tasks().list(scope.clone(), p.clone())
        })))
    }

    fn get(&self, _py: Python<'_>, id: &Bound<'_, PyAny>) -> PyResult<Out> {
        let id = id_from_py("id", id)?;
        Ok(Out::Call(job(self.core.client().tasks().get(id))))
    }

    #[allow(clippy::too_many_arguments)]
    fn create(
        &self,
        _py: Python<'_>,
        project_id: &Bound<'_, PyAny>,
        title: String,
        description: Option<String>,
        status: Option<String>,
        assignee_id: Option<&Bound<'_, PyAny>>,
        due_date: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Out> {
        let project = id_from_py("project_id", project_id)?;
        let new = NewTask {
            title,
            description,
            status: status.map(|s| TaskStatus::parse(&s)),
            assignee_id: opt_id_from_py("assignee_id", assignee_id)?,
            due_date: opt_time("due_date", due_date)?,
        };
        Ok(Out::Call(job(self
            .core
            .client()
            .tasks()
            .create(project, new))))
    }

    #[allow(clippy::too_many_arguments)]
    fn update(
        &self,
        _py: Python<'_>,
        id: &Bound<'_, PyAny>,
        title: Option<String>,
        description: Option<String>,
        status: Option<String>,
        assignee_id: Option<&Bound<'_, PyAny>>,
        due_date: Option<&Bound<'_, PyAny>>,
        completed_at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Out> {
        let id = id_from_py("id", id)?;
        let patch = TaskPatch {
            title,
            description,
            status: status.map(|s| TaskStatus::parse(&s)),
            assignee_id: opt_id_from_py("assignee_id", assignee_id)?,
            due_date: opt_time("due_date", due_date)?,
            completed_at: opt_time("completed_at", completed_at)?,
        };
        Ok(Out::Call(job(self.core.client().tasks().update(id, patch))))
    }

    fn complete(
        &self,
        _py: Python<'_>,
        id: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Out> {
        let id = id_from_py("id", id)?;
        let at = opt_time("at", at)?.unwrap_or_else(chrono::Utc::now);
        Ok(Out::Call(job(self
            .core
            .client()
            .tasks()
            .update(id, TaskPatch::completed(at)))))
    }

    fn delete(&self, _py: Python<'_>, id: &Bound<'_, PyAny>) -> PyResult<Out> {
        let id = id_from_py("id", id)?;
        Ok(Out::Call(job(self.core.client().tasks().delete(id))))
    }
}

resource! {
    TasksCore => Tasks, AsyncTasks;
    #[pyo3(signature = (*, project_id=None, organization_id=None, status=None, limit=None))]
    fn list(project_id: Option<&Bound<'_, PyAny>>, organization_id: Option<&Bound<'_, PyAny>>, status: Option<String>, limit: Option<i64>);
    fn get(id: &Bound<'_, PyAny>);
    #[pyo3(signature = (project_id, *, title, description=None, status=None, assignee_id=None, due_date=None))]
    fn create(project_id: &Bound<'_, PyAny>, title: String, description: Option<String>, status: Option<String>, assignee_id: Option<&Bound<'_, PyAny>>, due_date: Option<&Bound<'_, PyAny>>);
    #[pyo3(signature = (id, *, title=None, description=None, status=None, assignee_id=None, due_date=None, completed_at=None))]
    fn update(id: &Bound<'_, PyAny>, title: Option<String>, description: Option<String>, status: Option<String>, assignee_id: Option<&Bound<'_, PyAny>>, due_date: Option<&Bound<'_, PyAny>>, completed_at: Option<&Bound<'_, PyAny>>);
    /// Marks a task completed (`status="completed"`, `completed_at` now or `at`).
    #[pyo3(signature = (id, *, at=None))]
    fn complete(id: &Bound<'_, PyAny>, at: Option<&Bound<'_, PyAny>>);
    fn delete(id: &Bound<'_, PyAny>);
}

// ----------------------------------------------------------------- documents

#[derive(Clone)]
pub struct DocumentsCore {
    pub(crate) core: Arc<Core>,
    pub(crate) organization: Id,
}

impl DocumentsCore {
    fn describe(&self) -> String {
        format!(
            "{}, organization {}",
            self.core.describe(),
            self.organization
        )
    }

    fn list(&self, py: Python<'_>, limit: Option<i64>) -> PyResult<Out> {
        let p = params(py, limit)?;
        let (core, org) = (self.core.clone(), self.organization.clone());
        Ok(Out::List(lister(move || {
            core.client().documents(org.clone()).list(p.clone())
        })))
    }
}

resource! {
    DocumentsCore => Documents, AsyncDocuments;
    #[pyo3(signature = (*, limit=None))]
    fn list(limit: Option<i64>);
}

// --------------------------------------------------------------------- users

#[derive(Clone)]
pub struct UsersCore {
    pub(crate) core: Arc<Core>,
}

impl UsersCore {
    fn describe(&self) -> String {
        self.core.describe()
    }

    fn list(&self, py: Python<'_>, limit: Option<i64>) -> PyResult<Out> {
        let p = params(py, limit)?;
        let core = self.core.clone();
        Ok(Out::List(lister(move || {
            core.client().users().list(p.clone())
        })))
    }

    fn me(&self, _py: Python<'_>) -> PyResult<Out> {
        Ok(Out::Call(job(self.core.client().users().me())))
    }

    fn update_me(
        &self,
        _py: Python<'_>,
        name: Option<String>,
        first_name: Option<String>,
        last_name: Option<String>,
        email: Option<String>,
    ) -> PyResult<Out> {
        let patch = UserPatch {
            name,
            first_name,
            last_name,
            email,
            ..Default::default()
        };
        Ok(Out::Call(job(self.core.client().users().update_me(patch))))
    }

    fn my_organizations(&self, _py: Python<'_>) -> PyResult<Out> {
        Ok(Out::Call(job(self
            .core
            .client()
            .users()
            .my_organizations())))
    }
}

resource! {
    UsersCore => Users, AsyncUsers;
    #[pyo3(signature = (*, limit=None))]
    fn list(limit: Option<i64>);
    fn me();
    #[pyo3(signature = (*, name=None, first_name=None, last_name=None, email=None))]
    fn update_me(name: Option<String>, first_name: Option<String>, last_name: Option<String>, email: Option<String>);
    fn my_organizations();
}

// ---------------------------------------------------------------------- auth

#[derive(Clone)]
pub struct AuthCore {
    pub(crate) core: Arc<Core>,
}

impl AuthCore {
    fn describe(&self) -> String {
        self.core.describe()
    }

    fn login(
        &self,
        py: Python<'_>,
        password: String,
        email: Option<String>,
        username: Option<String>,
    ) -> PyResult<Out> {
        let login = match (email, username) {
            (Some(e), None) => Login::email(e, password),
            (None, Some(u)) => Login::username(u, password),
            _ => {
                return Err(invalid_argument(
                    py,
                    "email",
                    "give exactly one of email and username",
                ))
            }
        };
        Ok(Out::Call(job(self.core.client().auth().login(login))))
    }
}

resource! {
    AuthCore => Auth, AsyncAuth;
    /// Logs in; the client then sends the returned token.
    #[pyo3(signature = (*, password, email=None, username=None))]
    fn login(password: String, email: Option<String>, username: Option<String>);
}
