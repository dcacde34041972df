//! The decoders of the streamed models as they were before they read
//! their text (`stream.rs`): from a parsed value, field by field. Kept only
//! for the differential test (`tests/stream_decode.rs`), which checks the
//! two give the same models and the same errors on every body it has.

use super::decode::{DecodeResult, Fields, Val};
use super::{Document, Model, Project, ProjectSettings, Task, User};

/// A model's decoder before streaming.
pub(crate) trait Reference: Sized {
    fn reference(value: Val<'_>) -> DecodeResult<Self>;
}

/// The reference decoder of the model named `model`, if it is a streamed
/// one (the others have but one decoder).
pub(crate) fn decoder(model: &str) -> Option<fn(Val<'_>) -> DecodeResult<Model>> {
    Some(match model {
        "Project" => |v| Project::reference(v).map(Model::from),
        "Task" => |v| Task::reference(v).map(Model::from),
        "Document" => |v| Document::reference(v).map(Model::from),
        "User" => |v| User::reference(v).map(Model::from),
        _ => return None,
    })
}

impl Reference for ProjectSettings {
    fn reference(value: Val<'_>) -> DecodeResult<Self> {
        let mut f = Fields::new(value, "project.settings")?;
        Ok(ProjectSettings {
            is_public: f.bool(&["isPublic", "is_public"])?,
            allow_comments: f.bool(&["allowComments", "allow_comments"])?,
            extra: f.rest(),
        })
    }
}

impl Reference for Project {
    fn reference(value: Val<'_>) -> DecodeResult<Self> {
        let mut f = Fields::new(value, "project")?;
        let settings = f
            .object(&["settings"])?
            .map(ProjectSettings::reference)
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

impl Reference for Task {
    fn reference(value: Val<'_>) -> DecodeResult<Self> {
        let mut f = Fields::new(value, "task")?;
        Ok(Task {
            id: f.required_id(&["id", "_id"])?,
            project_id: f.id(&["project_id", "projectId", "project"])?,
            organization_id: f.id(&["organization_id", "organizationId", "organization"])?,
            title: f.string(&["title", "name"])?,
            description: f.string(&["description"])?,
            status: f.enumeration(&["status"])?,
            assignee_id: f.id(&["assignee_id", "assigneeId", "assignee"])?,
            due_date: f.time(&["due_date", "dueDate"])?,
            completed_at: f.time(&["completed_at", "completedAt"])?,
            created_at: f.time(&["created_at", "createdAt"])?,
            updated_at: f.time(&["updated_at", "updatedAt"])?,
            extra: f.rest(),
        })
    }
}

impl Reference for Document {
    fn reference(value: Val<'_>) -> DecodeResult<Self> {
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

impl Reference for User {
    fn reference(value: Val<'_>) -> DecodeResult<Self> {
        let mut f = Fields::new(value, "user")?;
        Ok(User {
            id: f.required_id(&["id", "userId", "user_id", "_id"])?,
            email: f.string(&["email"])?,
            username: f.string(&["username"])?,
            name: f.string(&["name", "fullName"])?,
            first_name: f.string(&["first_name", "firstName"])?,
            last_name: f.string(&["last_name", "lastName"])?,
            role: f.enumeration(&["role"])?,
            is_active: f.bool(&["is_active", "isActive"])?,
            created_at: f.time(&["created_at", "createdAt"])?,
            updated_at: f.time(&["updated_at", "updatedAt"])?,
            extra: f.rest(),
        })
    }
}
