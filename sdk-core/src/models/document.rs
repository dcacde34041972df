use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Map, Value};

use super::fields::{DecodeResult, Fields, Val};
use super::{Decode, Id};

/// A document attached to an organization (kaana publishes no schema, so
/// only the common fields are named; the rest is in `extra`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Document {
    pub id: Id,
    pub name: Option<String>,
    pub url: Option<String>,
    pub mime_type: Option<String>,
    pub organization_id: Option<Id>,
    pub created_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    pub extra: Map<String, Value>,
}

impl Decode for Document {
    fn decode(value: Val<'_>) -> DecodeResult<Self> {
        let mut f = Fields::new(value, "document")?;
        Ok(Document {
            id: f.required_id(&["id", "_id"])?,
            name: f.string(&["name", "title", "filename", "fileName"])?,
            url: f.string(&["url", "link"])?,
            mime_type: f.string(&["mime_type", "mimeType", "contentType"])?,
            organization_id: f.id(&["organization_id", "organizationId", "organization"])?,
            created_at: f.time(&["created_at", "createdAt"])?,
            updated_at: f.time(&["updated_at", "updatedAt"])?,
            extra: f.rest(),
        })
    }
}
