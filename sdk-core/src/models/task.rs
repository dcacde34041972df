use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::model::model;
use super::stream::streamed;
use super::{Id, TaskStatus};

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

streamed! { Task as "task" {
    id: ["id", "_id"],
    project_id: ["project_id", "projectId", "project"],
    organization_id: ["organization_id", "organizationId", "organization"],
    title: ["title", "name"],
    description: ["description"],
    status: ["status"],
    assignee_id: ["assignee_id", "assigneeId", "assignee"],
    due_date: ["due_date", "dueDate"],
    completed_at: ["completed_at", "completedAt"],
    created_at: ["created_at", "createdAt"],
    updated_at: ["updated_at", "updatedAt"],
} }
