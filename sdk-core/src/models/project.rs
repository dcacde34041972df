use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Map, Value};

use super::fields::{DecodeResult, Fields};
use super::{FromJson, Id, ProjectStatus};

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

impl FromJson for ProjectSettings {
    fn from_json(value: Value) -> DecodeResult<Self> {
        let mut f = Fields::new(value, "project.settings")?;
        Ok(ProjectSettings {
            is_public: f.bool(&["isPublic", "is_public"])?,
            allow_comments: f.bool(&["allowComments", "allow_comments"])?,
            extra: f.rest(),
        })
    }
}

impl FromJson for Project {
    fn from_json(value: Value) -> DecodeResult<Self> {
        let mut f = Fields::new(value, "project")?;
        let settings = f
            .object(&["settings"])?
            .map(|m| ProjectSettings::from_json(Value::Object(m)))
            .transpose()?;
        let tags = match f.raw(&["tags"]) {
            None => Vec::new(),
            Some(Value::Array(items)) => items
                .into_iter()
                .map(|t| match t {
                    Value::String(s) => Ok(s),
                    Value::Object(o) => Ok(o
                        .get("name")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string()),
                    other => Ok(other.to_string()),
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
