//! The Node package's generated files.

use orgkit::api::Surface;

use crate::Generated;

pub fn generate(_surface: &Surface) -> Vec<Generated> {
    Vec::new()
}
