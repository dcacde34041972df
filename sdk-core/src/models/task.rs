use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Map, Value};

use super::fields::{DecodeResult, Fields, Val};
use super::{Decode, Id, TaskStatus};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Task {
    pub id: Id,
    pub project_id: Option<Id>,
    pub organization_id: Option<Id>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub status: Option<TaskStatus>,
    pub assignee_id: Option<Id>,
    pub due_date: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    pub created_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    pub extra: Map<String, Value>,
}

impl Decode for Task {
    fn decode(value: Val<'_>) -> DecodeResult<Self> {
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
