use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::model::model;
use super::stream::streamed;
use super::Id;

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

streamed! { Document as "document" {
    id: ["id", "_id"],
    name: ["name", "title", "filename", "fileName"],
    url: ["url", "link"],
    mime_type: ["mime_type", "mimeType", "contentType"],
    organization_id: ["organization_id", "organizationId", "organization"],
    created_at: ["created_at", "createdAt"],
    updated_at: ["updated_at", "updatedAt"],
} }
