//! `orgkit.Client` (blocking) and `orgkit.AsyncClient` (asyncio).

use std::str::FromStr;
use std::sync::{Arc, Mutex, PoisonError};

use orgkit::{ClientBuilder, Method, Provider};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{id_from_py, py_to_json, seconds};
use crate::errors::{invalid_argument, to_py};
use crate::models::ToPy;
use crate::resources::{
    deliver, job, AsyncAuth, AsyncDocuments, AsyncInvites, AsyncMembers, AsyncOrganizations,
    AsyncProjects, AsyncTasks, AsyncUsers, Auth, AuthCore, Documents, DocumentsCore, Invites,
    InvitesCore, Members, MembersCore, Mode, Organizations, OrganizationsCore, Out, Projects,
    ProjectsCore, Tasks, TasksCore, Users, UsersCore,
};

/// What both client classes share: the core client, rebuilt in a forked
/// child (the parent's pooled connections belong to the parent's runtime).
pub struct Core {
    builder: ClientBuilder,
    provider: Provider,
    base_url: String,
    current: Mutex<(u32, orgkit::Client)>,
}

impl Core {
    /// The core client for this process.
    pub fn client(&self) -> orgkit::Client {
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        let pid = std::process::id();
        if current.0 != pid {
            let credentials = current.1.current_credentials();
            if let Ok(fresh) = self.builder.clone().credentials(credentials).build() {
                // Dropping the parent's client here could deregister sockets
                // from the epoll instance the parent still shares: leak it.
                std::mem::forget(std::mem::replace(&mut current.1, fresh));
                current.0 = pid;
            }
        }
        current.1.clone()
    }

    pub fn describe(&self) -> String {
        format!("{}, {}", self.provider, self.base_url)
    }
}

#[allow(clippy::too_many_arguments)]
fn build_core(
    py: Python<'_>,
    provider: &str,
    base_url: Option<String>,
    token: Option<String>,
    api_key: Option<String>,
    session_cookie: Option<String>,
    timeout: Option<f64>,
    deadline: Option<f64>,
    max_retries: i64,
    user_agent: Option<String>,
    headers: Option<&Bound<'_, PyDict>>,
    idempotency_keys: bool,
    system_roots: bool,
) -> PyResult<Arc<Core>> {
    let provider = Provider::from_str(provider).map_err(|e| to_py(py, e))?;
    let mut b = ClientBuilder::new(provider);
    if let Some(url) = base_url {
        b = b.base_url(url);
    }
    if let Some(t) = token {
        b = b.token(t);
    }
    if let Some(k) = api_key {
        b = b.api_key(k);
    }
    if let Some(c) = session_cookie {
        b = b.session_cookie(c);
    }
    if let Some(t) = seconds(py, "timeout", timeout)? {
        b = b.timeout(t);
    }
    if let Some(d) = seconds(py, "deadline", deadline)? {
        b = b.deadline(d);
    }
    let retries = u32::try_from(max_retries).map_err(|_| {
        invalid_argument(
            py,
            "max_retries",
            format!("must be 0 or more, got {max_retries}"),
        )
    })?;
    b = b.max_retries(retries);
    let user_agent_unset = user_agent.is_none();
    if let Some(ua) = user_agent {
        b = b.user_agent(ua);
    }
    if let Some(h) = headers {
        for (k, v) in h.iter() {
            let (k, v): (String, String) = (k.extract()?, v.extract()?);
            b = b.header(k, v);
        }
    }
    b = b
        .idempotency_keys(idempotency_keys)
        .system_roots(system_roots);
    if user_agent_unset {
        b = b.user_agent(concat!("orgkit-python/", env!("CARGO_PKG_VERSION")));
    }
    let client = b.clone().build().map_err(|e| to_py(py, e))?;
    Ok(Arc::new(Core {
        builder: b,
        provider,
        base_url: client.base_url().to_string(),
        current: Mutex::new((std::process::id(), client)),
    }))
}

fn request(
    py: Python<'_>,
    core: &Core,
    method: &str,
    path: &str,
    json: Option<&Bound<'_, PyAny>>,
) -> PyResult<Out> {
    let method = Method::from_bytes(method.trim().to_ascii_uppercase().as_bytes())
        .map_err(|_| invalid_argument(py, "method", format!("{method:?} is not an HTTP method")))?;
    let body = json.filter(|j| !j.is_none()).map(py_to_json).transpose()?;
    Ok(Out::Call(job(core.client().request(method, path, body))))
}

fn rate_limit(py: Python<'_>, core: &Core) -> PyResult<Py<PyAny>> {
    match core.client().rate_limit() {
        Some(r) => r.to_py(py),
        None => Ok(py.None()),
    }
}

macro_rules! client_class {
    ($name:ident, $mode:expr, $orgs:ident, $members:ident, $invites:ident, $projects:ident,
     $tasks:ident, $documents:ident, $users:ident, $auth:ident) => {
        #[pymethods]
        impl $name {
            #[new]
            #[pyo3(signature = (provider, base_url=None, *, token=None, api_key=None,
                                session_cookie=None, timeout=None, deadline=None, max_retries=2,
                                user_agent=None, headers=None, idempotency_keys=false,
                                system_roots=false))]
            #[allow(clippy::too_many_arguments)]
            fn new(
                py: Python<'_>,
                provider: &str,
                base_url: Option<String>,
                token: Option<String>,
                api_key: Option<String>,
                session_cookie: Option<String>,
                timeout: Option<f64>,
                deadline: Option<f64>,
                max_retries: i64,
                user_agent: Option<String>,
                headers: Option<&Bound<'_, PyDict>>,
                idempotency_keys: bool,
                system_roots: bool,
            ) -> PyResult<Self> {
                Ok($name {
                    core: build_core(
                        py,
                        provider,
                        base_url,
                        token,
                        api_key,
                        session_cookie,
                        timeout,
                        deadline,
                        max_retries,
                        user_agent,
                        headers,
                        idempotency_keys,
                        system_roots,
                    )?,
                })
            }

            /// The provider id: `"pm415"`, `"ourganize"`, ….
            #[getter]
            fn provider(&self) -> &'static str {
                self.core.provider.as_str()
            }

            #[getter]
            fn base_url(&self) -> String {
                self.core.base_url.clone()
            }

            /// The rate-limit state the last response reported, or `None`.
            #[getter]
            fn rate_limit(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                rate_limit(py, &self.core)
            }

            /// The operations this provider supports, like `"organizations.list"`.
            fn capabilities(&self) -> Vec<&'static str> {
                self.core.client().capabilities()
            }

            /// Any request the typed surface lacks, with the same auth,
            /// retries and errors; returns the JSON answer.
            #[pyo3(signature = (method, path, json=None))]
            fn request(
                &self,
                py: Python<'_>,
                method: &str,
                path: &str,
                json: Option<&Bound<'_, PyAny>>,
            ) -> PyResult<Py<PyAny>> {
                deliver(py, $mode, request(py, &self.core, method, path, json)?)
            }

            #[getter]
            fn organizations(&self) -> $orgs {
                $orgs {
                    core: OrganizationsCore {
                        core: self.core.clone(),
                    },
                }
            }

            /// The people of one organization.
            fn members(&self, organization: &Bound<'_, PyAny>) -> PyResult<$members> {
                Ok($members {
                    core: MembersCore {
                        core: self.core.clone(),
                        organization: id_from_py("organization", organization)?,
                    },
                })
            }

            #[getter]
            fn invites(&self) -> $invites {
                $invites {
                    core: InvitesCore {
                        core: self.core.clone(),
                    },
                }
            }

            #[getter]
            fn projects(&self) -> $projects {
                $projects {
                    core: ProjectsCore {
                        core: self.core.clone(),
                    },
                }
            }

            #[getter]
            fn tasks(&self) -> $tasks {
                $tasks {
                    core: TasksCore {
                        core: self.core.clone(),
                    },
                }
            }

            /// The documents of one organization.
            fn documents(&self, organization: &Bound<'_, PyAny>) -> PyResult<$documents> {
                Ok($documents {
                    core: DocumentsCore {
                        core: self.core.clone(),
                        organization: id_from_py("organization", organization)?,
                    },
                })
            }

            #[getter]
            fn users(&self) -> $users {
                $users {
                    core: UsersCore {
                        core: self.core.clone(),
                    },
                }
            }

            #[getter]
            fn auth(&self) -> $auth {
                $auth {
                    core: AuthCore {
                        core: self.core.clone(),
                    },
                }
            }

            fn __repr__(&self) -> String {
                format!(
                    "{}(provider='{}', base_url='{}')",
                    stringify!($name),
                    self.core.provider.as_str(),
                    self.core.base_url
                )
            }
        }
    };
}

/// A blocking client: every call waits with the GIL released.
#[pyclass(module = "orgkit._native", frozen)]
pub struct Client {
    core: Arc<Core>,
}

/// An asyncio client: every call returns a coroutine; lists are async iterators.
#[pyclass(module = "orgkit._native", frozen)]
pub struct AsyncClient {
    core: Arc<Core>,
}

client_class!(
    Client,
    Mode::Blocking,
    Organizations,
    Members,
    Invites,
    Projects,
    Tasks,
    Documents,
    Users,
    Auth
);
client_class!(
    AsyncClient,
    Mode::Async,
    AsyncOrganizations,
    AsyncMembers,
    AsyncInvites,
    AsyncProjects,
    AsyncTasks,
    AsyncDocuments,
    AsyncUsers,
    AsyncAuth
);
