use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::decode::{DecodeResult, Fields, Val};
use super::model::model;
use super::{Decode, Id, TaskStatus};

model! {
    /// A task (ourganize per project; kaana per organization).
    pub struct Task {
        /// Its id.
        pub id: Id,
        /// The project it belongs to.
        pub project_id: Option<Id>,
        /// The organization it belongs to (kaana).
        pub organization_id: Option<Id>,
        /// Its title.
        pub title: Option<String>,
        /// A description.
        pub description: Option<String>,
        /// todo, active, in_progress, completed, cancelled, or the provider's own.
        pub status: Option<TaskStatus>,
        /// Who it is assigned to.
        pub assignee_id: Option<Id>,
        /// When it is due.
        pub due_date: Option<DateTime<Utc>>,
        /// When it was completed.
        pub completed_at: Option<DateTime<Utc>>,
        /// When it was created.
        pub created_at: Option<DateTime<Utc>>,
        /// When it last changed.
        pub updated_at: Option<DateTime<Utc>>,
        /// Provider fields orgkit has no name for.
        pub extra: Map<String, Value>,
    }
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
