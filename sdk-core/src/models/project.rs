use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::decode::{DecodeResult, Fields, Val};
use super::model::model;
use super::{Decode, Id, ProjectStatus};

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

impl Decode for ProjectSettings {
    fn decode(value: Val<'_>) -> DecodeResult<Self> {
        let mut f = Fields::new(value, "project.settings")?;
        Ok(ProjectSettings {
            is_public: f.bool(&["isPublic", "is_public"])?,
            allow_comments: f.bool(&["allowComments", "allow_comments"])?,
            extra: f.rest(),
        })
    }
}

impl Decode for Project {
    fn decode(value: Val<'_>) -> DecodeResult<Self> {
        let mut f = Fields::new(value, "project")?;
        let settings = f
            .object(&["settings"])?
            .map(ProjectSettings::decode)
            .transpose()?;
        let tags = match f.raw(&["tags"]) {
            None => Vec::new(),
            Some(Val::Arr(items)) => items
                .into_iter()
                .map(|t| match t {
                    Val::Str(s) => Ok(s.into_owned()),
                    o @ Val::Obj(_) => Ok(o
                        .get("name")
                        .and_then(Val::as_str)
                        .unwrap_or_default()
                        .to_string()),
                    other => Ok(other.into_value().to_string()),
                })
                .collect::<DecodeResult<_>>()?,
            Some(_) => return Err("project.tags: expected an array".into()),
        };
        Ok(Project {
            id: f.required_id(&["id", "_id"])?,
            name: f.string(&["name", "title"])?,
            description: f.string(&["description"])?,
            status: f.enumeration(&["status"])?,
            settings,
            organization_id: f.id(&["organization_id", "organizationId", "organization"])?,
            tags,
            created_at: f.time(&["created_at", "createdAt"])?,
            updated_at: f.time(&["updated_at", "updatedAt"])?,
            extra: f.rest(),
        })
    }
}
