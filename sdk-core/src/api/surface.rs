//! The machine-readable description of orgkit's whole public surface:
//! every resource and operation with its parameters and docs, every model
//! and input with its fields and types, the enumerations, the error kinds
//! and what each provider supports. `cargo xtask codegen` turns it into
//! the Python and Node bindings' generated files; the CLI builds its
//! commands from it.

use serde::Serialize;

use crate::config::Provider;
use crate::error::ErrorKind;
use crate::models::describe::{EnumSpec, ModelSpec};
use crate::models::{
    Login, NewInvite, NewOrganization, NewProject, NewTask, OrganizationPatch, ProjectPatch,
    TaskPatch, TaskScope, UserPatch,
};
use crate::operation::{self, Operation, ResourceSpec};
use crate::pagination::ListParams;
use crate::providers;

/// One error kind.
#[derive(Clone, Debug, Serialize)]
pub struct ErrorKindSpec {
    /// `"NotFound"`.
    pub name: &'static str,
    /// What it means.
    pub doc: &'static str,
}

/// One provider.
#[derive(Clone, Debug, Serialize)]
pub struct ProviderSpec {
    /// `"pm415"`.
    pub name: &'static str,
    /// Its default base URL, if it has a public one.
    pub default_base_url: Option<&'static str>,
    /// The operations it supports.
    pub capabilities: Vec<&'static str>,
}

/// The whole surface.
#[derive(Clone, Debug, Serialize)]
pub struct Surface {
    /// The crate version.
    pub version: &'static str,
    /// Resources and their operations, in declaration order.
    pub resources: Vec<ResourceSpec>,
    /// The models operations return.
    pub models: Vec<ModelSpec>,
    /// The inputs operations take.
    pub inputs: Vec<ModelSpec>,
    /// The open enumerations.
    pub enums: Vec<EnumSpec>,
    /// The error kinds.
    pub error_kinds: Vec<ErrorKindSpec>,
    /// The providers.
    pub providers: Vec<ProviderSpec>,
}

/// The description of everything public, derived from the declarations.
///
/// ```
/// let s = orgkit::api::surface();
/// let members = s.resources.iter().find(|r| r.name == "members").unwrap();
/// assert!(members.operations.iter().any(|o| o.name == "members.set_role"));
/// assert!(s.models.iter().any(|m| m.name == "Organization"));
/// ```
pub fn surface() -> Surface {
    let mut enums = crate::models::enum_specs();
    enums.push(crate::webhooks::WebhookEventType::spec());
    Surface {
        version: env!("CARGO_PKG_VERSION"),
        resources: operation::specs(),
        models: crate::models::specs(),
        inputs: vec![
            NewOrganization::spec(),
            OrganizationPatch::spec(),
            NewProject::spec(),
            ProjectPatch::spec(),
            NewTask::spec(),
            TaskPatch::spec(),
            UserPatch::spec(),
            NewInvite::spec(),
            Login::spec(),
            TaskScope::spec(),
            ListParams::spec(),
        ],
        enums,
        error_kinds: ErrorKind::ALL
            .iter()
            .map(|k| ErrorKindSpec {
                name: k.as_str(),
                doc: k.doc(),
            })
            .collect(),
        providers: Provider::ALL
            .iter()
            .map(|p| {
                let d = providers::dialect(*p);
                ProviderSpec {
                    name: p.as_str(),
                    default_base_url: d.default_base_url(),
                    capabilities: Operation::ALL
                        .iter()
                        .filter(|op| d.supports(**op))
                        .map(|op| op.as_str())
                        .collect(),
                }
            })
            .collect(),
    }
}
