//! Resource handles: `client.organizations()`, `client.members(org)`, ….
//! Each method is written once; the provider supplies the wire details.
//! Every returned future owns what it needs (`Send + 'static`).

mod auth;
mod documents;
mod invites;
mod members;
mod organizations;
mod projects;
mod tasks;
mod users;

pub use auth::Auth;
pub use documents::Documents;
pub use invites::Invites;
pub use members::Members;
pub use organizations::Organizations;
pub use projects::Projects;
pub use tasks::Tasks;
pub use users::Users;

use crate::error::{Error, Result};

/// Rejects an empty (or all-blank) required text argument before sending.
pub(crate) fn require_text(field: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid_argument(field, "must not be empty"));
    }
    Ok(())
}

/// A light check that catches the usual mistakes (empty, no `@`, spaces).
pub(crate) fn require_email(field: &str, value: &str) -> Result<()> {
    require_text(field, value)?;
    let v = value.trim();
    match v.split_once('@') {
        Some((user, host))
            if !user.is_empty() && !host.is_empty() && !v.contains(char::is_whitespace) =>
        {
            Ok(())
        }
        _ => Err(Error::invalid_argument(
            field,
            format!("{v:?} is not an email address"),
        )),
    }
}
