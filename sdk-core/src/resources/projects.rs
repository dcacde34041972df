use std::future::Future;

use super::require_text;
use crate::client::Client;
use crate::error::Result;
use crate::execute::ListOf;
use crate::models::{Id, NewProject, Project, ProjectPatch};
use crate::operation::Call;
use crate::pagination::{ListParams, Page};

/// `client.projects()`.
#[derive(Clone, Debug)]
pub struct Projects {
    client: Client,
}

impl Projects {
    pub(crate) fn new(client: Client) -> Self {
        Projects { client }
    }

    /// kaana lists per organization: set `params.organization_id`.
    pub fn list(
        &self,
        params: ListParams,
    ) -> impl Future<Output = Result<Page<Project>>> + Send + 'static {
        self.client.list(ListOf::Projects, params)
    }

    pub fn get(&self, id: impl Into<Id>) -> impl Future<Output = Result<Project>> + Send + 'static {
        let (client, id) = (self.client.clone(), id.into());
        async move { client.run_decode(Call::ProjectsGet(&id)).await }
    }

    pub fn create(
        &self,
        new: NewProject,
    ) -> impl Future<Output = Result<Project>> + Send + 'static {
        let client = self.client.clone();
        async move {
            require_text("name", &new.name)?;
            client.run_decode(Call::ProjectsCreate(&new)).await
        }
    }

    pub fn update(
        &self,
        id: impl Into<Id>,
        patch: ProjectPatch,
    ) -> impl Future<Output = Result<Project>> + Send + 'static {
        let (client, id) = (self.client.clone(), id.into());
        async move {
            if let Some(name) = &patch.name {
                require_text("name", name)?;
            }
            client.run_decode(Call::ProjectsUpdate(&id, &patch)).await
        }
    }

    pub fn delete(&self, id: impl Into<Id>) -> impl Future<Output = Result<()>> + Send + 'static {
        let (client, id) = (self.client.clone(), id.into());
        async move { client.run(Call::ProjectsDelete(&id)).await.map(drop) }
    }
}
