use std::future::Future;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::execute::ListOf;
use crate::models::{Id, Member, Role};
use crate::operation::Call;
use crate::pagination::{ListParams, Page};

/// `client.members(org)`: the people of one organization.
#[derive(Clone, Debug)]
pub struct Members {
    client: Client,
    organization: Id,
}

fn require_people(people: &[Id]) -> Result<()> {
    if people.is_empty() {
        return Err(Error::invalid_argument(
            "people",
            "name at least one person",
        ));
    }
    Ok(())
}

impl Members {
    pub(crate) fn new(client: Client, organization: Id) -> Self {
        Members {
            client,
            organization,
        }
    }

    pub fn list(
        &self,
        params: ListParams,
    ) -> impl Future<Output = Result<Page<Member>>> + Send + 'static {
        self.client
            .list(ListOf::Members(self.organization.clone()), params)
    }

    pub fn add(
        &self,
        person: impl Into<Id>,
        role: impl Into<Role>,
    ) -> impl Future<Output = Result<()>> + Send + 'static {
        let (client, org, person, role) = (
            self.client.clone(),
            self.organization.clone(),
            person.into(),
            role.into(),
        );
        async move {
            client
                .run(Call::MembersAdd(&org, &person, &role))
                .await
                .map(drop)
        }
    }

    /// pm415 grants (admin) or revokes (member) admin rights; kaana sets the role.
    pub fn set_role(
        &self,
        person: impl Into<Id>,
        role: impl Into<Role>,
    ) -> impl Future<Output = Result<()>> + Send + 'static {
        let (client, org, person, role) = (
            self.client.clone(),
            self.organization.clone(),
            person.into(),
            role.into(),
        );
        async move {
            client
                .run(Call::MembersSetRole(&org, &person, &role))
                .await
                .map(drop)
        }
    }

    pub fn remove(&self, people: &[Id]) -> impl Future<Output = Result<()>> + Send + 'static {
        let (client, org, people) = (
            self.client.clone(),
            self.organization.clone(),
            people.to_vec(),
        );
        async move {
            require_people(&people)?;
            client
                .run(Call::MembersRemove(&org, &people))
                .await
                .map(drop)
        }
    }

    /// pm415: resets passwords and emails reset links.
    pub fn reset_passwords(
        &self,
        people: &[Id],
    ) -> impl Future<Output = Result<()>> + Send + 'static {
        let (client, org, people) = (
            self.client.clone(),
            self.organization.clone(),
            people.to_vec(),
        );
        async move {
            require_people(&people)?;
            client
                .run(Call::MembersResetPasswords(&org, &people))
                .await
                .map(drop)
        }
    }
}
