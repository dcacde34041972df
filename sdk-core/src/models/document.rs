use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::decode::{DecodeResult, Fields, Val};
use super::model::model;
use super::{Decode, Id};

model! {
    /// A document attached to an organization (kaana publishes no schema, so
    /// only the common fields are named; the rest is in `extra`).
    pub struct Document {
        /// Its id.
        pub id: Id,
        /// Its name or file name.
        pub name: Option<String>,
        /// Where to fetch it.
        pub url: Option<String>,
        /// Its media type.
        pub mime_type: Option<String>,
        /// The organization it belongs to.
        pub organization_id: Option<Id>,
        /// When it was created.
        pub created_at: Option<DateTime<Utc>>,
        /// When it last changed.
        pub updated_at: Option<DateTime<Utc>>,
        /// Provider fields orgkit has no name for.
        pub extra: Map<String, Value>,
    }
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
