use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::model::model;
use super::stream::streamed;
use super::{Id, ProjectStatus};

model! {
    /// A project's settings (ourganize). Also what `projects.create` and
    /// `projects.update` take as `settings`.
    pub struct ProjectSettings {
        /// Whether people outside the project can see it.
        pub is_public: Option<bool>,
        /// Whether comments are allowed.
        pub allow_comments: Option<bool>,
        /// Settings orgkit has no name for (sent and kept verbatim).
        pub extra: Map<String, Value>,
    }
}

impl Default for ProjectSettings {
    fn default() -> Self {
        ProjectSettings {
            is_public: None,
            allow_comments: None,
            extra: Map::new(),
        }
    }
}

model! {
    /// A project (ourganize; kaana lists them per organization).
    pub struct Project {
        /// Its id.
        pub id: Id,
        /// Its name.
        pub name: Option<String>,
        /// A description.
        pub description: Option<String>,
        /// active, archived, completed, on_hold, or the provider's own.
        pub status: Option<ProjectStatus>,
        /// Visibility and comment settings.
        pub settings: Option<ProjectSettings>,
        /// The organization it belongs to.
        pub organization_id: Option<Id>,
        /// Its tags.
        pub tags: Vec<String>,
        /// When it was created.
        pub created_at: Option<DateTime<Utc>>,
        /// When it last changed.
        pub updated_at: Option<DateTime<Utc>>,
        /// Provider fields orgkit has no name for.
        pub extra: Map<String, Value>,
    }
}

streamed! { ProjectSettings as "project.settings" {
    is_public: ["isPublic", "is_public"],
    allow_comments: ["allowComments", "allow_comments"],
} }

// Field order is the order problems are reported in.
streamed! { Project as "project" {
    settings: ["settings"],
    tags: ["tags"],
    id: ["id", "_id"],
    name: ["name", "title"],
    description: ["description"],
    status: ["status"],
    organization_id: ["organization_id", "organizationId", "organization"],
    created_at: ["created_at", "createdAt"],
    updated_at: ["updated_at", "updatedAt"],
} }
