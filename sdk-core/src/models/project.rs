use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Map, Value};

use super::fields::{DecodeResult, Fields, Val};
use super::{Decode, Id, ProjectStatus};

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ProjectSettings {
    pub is_public: Option<bool>,
    pub allow_comments: Option<bool>,
    pub extra: Map<String, Value>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Project {
    pub id: Id,
    pub name: Option<String>,
    pub description: Option<String>,
    pub status: Option<ProjectStatus>,
    pub settings: Option<ProjectSettings>,
    pub organization_id: Option<Id>,
    pub tags: Vec<String>,
    pub created_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    pub extra: Map<String, Value>,
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
