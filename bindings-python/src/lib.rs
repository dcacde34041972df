//! `orgkit._native`: the Python skin over the Rust `orgkit` crate. The
//! public, typed surface is the `orgkit` package around it.

use pyo3::prelude::*;

mod client;
mod convert;
mod errors;
mod models;
mod pages;
mod resources;
mod runtime;
mod webhooks;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<client::Client>()?;
    m.add_class::<client::AsyncClient>()?;
    m.add_class::<resources::Organizations>()?;
    m.add_class::<resources::AsyncOrganizations>()?;
    m.add_class::<resources::Members>()?;
    m.add_class::<resources::AsyncMembers>()?;
    m.add_class::<resources::Invites>()?;
    m.add_class::<resources::AsyncInvites>()?;
    m.add_class::<resources::Projects>()?;
    m.add_class::<resources::AsyncProjects>()?;
    m.add_class::<resources::Tasks>()?;
    m.add_class::<resources::AsyncTasks>()?;
    m.add_class::<resources::Documents>()?;
    m.add_class::<resources::AsyncDocuments>()?;
    m.add_class::<resources::Users>()?;
    m.add_class::<resources::AsyncUsers>()?;
    m.add_class::<resources::Auth>()?;
    m.add_class::<resources::AsyncAuth>()?;
    m.add_class::<pages::ItemIterator>()?;
    m.add_class::<pages::PageIterator>()?;
    m.add_class::<pages::AsyncItemIterator>()?;
    m.add_class::<pages::AsyncPageIterator>()?;
    m.add_class::<pages::Ready>()?;
    m.add_class::<runtime::Call>()?;
    m.add_class::<runtime::Hub>()?;
    m.add_function(wrap_pyfunction!(webhooks::sign, m)?)?;
    m.add_function(wrap_pyfunction!(webhooks::verify, m)?)?;
    let shutdown = wrap_pyfunction!(runtime::_shutdown, m)?;
    m.add_function(shutdown.clone())?;
    // Stop the runtime's threads before the interpreter finalizes.
    py.import("atexit")?.call_method1("register", (shutdown,))?;
    Ok(())
}
