use std::future::Future;

use crate::client::Client;
use crate::error::Result;
use crate::execute::ListOf;
use crate::models::{Organization, User, UserPatch};
use crate::operation::Call;
use crate::pagination::{ListParams, Page};

/// `client.users()`.
#[derive(Clone, Debug)]
pub struct Users {
    client: Client,
}

impl Users {
    pub(crate) fn new(client: Client) -> Self {
        Users { client }
    }

    /// ourganize: every user (admin keys only).
    pub fn list(
        &self,
        params: ListParams,
    ) -> impl Future<Output = Result<Page<User>>> + Send + 'static {
        self.client.list(ListOf::Users, params)
    }

    pub fn me(&self) -> impl Future<Output = Result<User>> + Send + 'static {
        let client = self.client.clone();
        async move { client.run_decode(Call::UsersMe).await }
    }

    pub fn update_me(
        &self,
        patch: UserPatch,
    ) -> impl Future<Output = Result<User>> + Send + 'static {
        let client = self.client.clone();
        async move { client.run_decode(Call::UsersUpdateMe(&patch)).await }
    }

    /// pm415: the organizations the caller belongs to, with the caller's role in each.
    pub fn my_organizations(
        &self,
    ) -> impl Future<Output = Result<Vec<Organization>>> + Send + 'static {
        let client = self.client.clone();
        async move {
            Ok(client
                .list::<Organization>(ListOf::MyOrganizations, ListParams::default())
                .await?
                .items)
        }
    }
}
