use std::future::Future;

use super::require_text;
use crate::client::Client;
use crate::error::Result;
use crate::execute::ListOf;
use crate::models::{Id, NewTask, Task, TaskPatch};
use crate::operation::{Call, TaskScope};
use crate::pagination::{ListParams, Page};

/// `client.tasks()`.
#[derive(Clone, Debug)]
pub struct Tasks {
    client: Client,
}

impl Tasks {
    pub(crate) fn new(client: Client) -> Self {
        Tasks { client }
    }

    /// ourganize lists a project's tasks, kaana an organization's.
    pub fn list(
        &self,
        scope: TaskScope,
        params: ListParams,
    ) -> impl Future<Output = Result<Page<Task>>> + Send + 'static {
        self.client.list(ListOf::Tasks(scope), params)
    }

    pub fn get(&self, id: impl Into<Id>) -> impl Future<Output = Result<Task>> + Send + 'static {
        let (client, id) = (self.client.clone(), id.into());
        async move { client.run_decode(Call::TasksGet(&id)).await }
    }

    pub fn create(
        &self,
        project: impl Into<Id>,
        new: NewTask,
    ) -> impl Future<Output = Result<Task>> + Send + 'static {
        let (client, project) = (self.client.clone(), project.into());
        async move {
            require_text("title", &new.title)?;
            client.run_decode(Call::TasksCreate(&project, &new)).await
        }
    }

    pub fn update(
        &self,
        id: impl Into<Id>,
        patch: TaskPatch,
    ) -> impl Future<Output = Result<Task>> + Send + 'static {
        let (client, id) = (self.client.clone(), id.into());
        async move { client.run_decode(Call::TasksUpdate(&id, &patch)).await }
    }

    pub fn delete(&self, id: impl Into<Id>) -> impl Future<Output = Result<()>> + Send + 'static {
        let (client, id) = (self.client.clone(), id.into());
        async move { client.run(Call::TasksDelete(&id)).await.map(drop) }
    }
}
