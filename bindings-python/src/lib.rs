//! `orgkit._native`: the Python skin over the Rust `orgkit` crate. One
//! generic client (`NativeClient.call(operation, args)`) and the lazy
//! iterators; the typed surface is the `orgkit` package around it, whose
//! resources and models are generated from the core's surface.

use pyo3::prelude::*;

mod client;
mod convert;
mod errors;
mod log;
mod pages;
mod raw;
mod runtime;
mod ser;
mod testing;
mod webhooks;

/// Runs the `orgkit` command line (`argv` with the program name first)
/// with the GIL released; returns its exit code.
#[pyfunction]
fn run_cli(py: Python<'_>, argv: Vec<String>) -> i32 {
    py.detach(|| orgkit::cli::run(argv))
}

/// The core's machine-readable surface, as JSON text.
#[pyfunction]
fn surface() -> String {
    serde_json::to_string(&orgkit::api::surface()).unwrap_or_default()
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<client::NativeClient>()?;
    m.add_class::<pages::ItemIterator>()?;
    m.add_class::<pages::PageIterator>()?;
    m.add_class::<pages::AsyncItemIterator>()?;
    m.add_class::<pages::AsyncPageIterator>()?;
    m.add_class::<pages::Ready>()?;
    m.add_class::<raw::RawResponse>()?;
    m.add_class::<testing::NativeMock>()?;
    m.add_class::<runtime::Call>()?;
    m.add_class::<runtime::Hub>()?;
    m.add_function(wrap_pyfunction!(webhooks::sign, m)?)?;
    m.add_function(wrap_pyfunction!(webhooks::verify, m)?)?;
    m.add_function(wrap_pyfunction!(surface, m)?)?;
    m.add_function(wrap_pyfunction!(run_cli, m)?)?;
    let shutdown = wrap_pyfunction!(runtime::_shutdown, m)?;
    m.add_function(shutdown.clone())?;
    // Stop the runtime's threads before the interpreter finalizes.
    py.import("atexit")?.call_method1("register", (shutdown,))?;
    Ok(())
}
