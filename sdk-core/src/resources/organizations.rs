use std::future::Future;

use serde_json::Value;

use super::require_text;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::execute::ListOf;
use crate::models::{FromJson, Id, NewOrganization, Organization, OrganizationPatch};
use crate::operation::Call;
use crate::pagination::{ListParams, Page};

/// `client.organizations()`.
#[derive(Clone, Debug)]
pub struct Organizations {
    client: Client,
}

impl Organizations {
    pub(crate) fn new(client: Client) -> Self {
        Organizations { client }
    }

    pub fn list(
        &self,
        params: ListParams,
    ) -> impl Future<Output = Result<Page<Organization>>> + Send + 'static {
        self.client.list(ListOf::Organizations, params)
    }

    pub fn get(
        &self,
        id: impl Into<Id>,
    ) -> impl Future<Output = Result<Organization>> + Send + 'static {
        let (client, id) = (self.client.clone(), id.into());
        async move { client.run_decode(Call::OrganizationsGet(&id)).await }
    }

    pub fn create(
        &self,
        new: NewOrganization,
    ) -> impl Future<Output = Result<Organization>> + Send + 'static {
        let client = self.client.clone();
        async move {
            require_text("name", &new.name)?;
            client.run_decode(Call::OrganizationsCreate(&new)).await
        }
    }

    pub fn update(
        &self,
        id: impl Into<Id>,
        patch: OrganizationPatch,
    ) -> impl Future<Output = Result<Organization>> + Send + 'static {
        let (client, id) = (self.client.clone(), id.into());
        async move {
            if let Some(name) = &patch.name {
                require_text("name", name)?;
            }
            let mut org: Organization = client
                .run_decode(Call::OrganizationsUpdate(&id, &patch))
                .await?;
            // pm415 answers with the id only: fill in the name it was given.
            if org.name.is_none() {
                org.name = patch.name;
            }
            Ok(org)
        }
    }

    pub fn delete(&self, id: impl Into<Id>) -> impl Future<Output = Result<()>> + Send + 'static {
        let (client, id) = (self.client.clone(), id.into());
        async move { client.run(Call::OrganizationsDelete(&id)).await.map(drop) }
    }

    /// kaana: a copy of the organization.
    pub fn duplicate(
        &self,
        id: impl Into<Id>,
    ) -> impl Future<Output = Result<Organization>> + Send + 'static {
        let (client, id) = (self.client.clone(), id.into());
        async move { client.run_decode(Call::OrganizationsDuplicate(&id)).await }
    }

    /// pm415: makes `id` the current organization. The server answers with a
    /// token scoped to it, which this client (and its clones) use from now on.
    pub fn switch(
        &self,
        id: impl Into<Id>,
    ) -> impl Future<Output = Result<Organization>> + Send + 'static {
        let (client, id) = (self.client.clone(), id.into());
        async move {
            let reply = client.run(Call::OrganizationsSwitch(&id)).await?;
            let raw = reply.raw.clone();
            let status = reply.status;
            let fail = |message: String| {
                let e = Error::decode(message, &raw)
                    .with_context(client.provider(), "organizations.switch");
                match status {
                    Some(s) => e.with_status(s),
                    None => e,
                }
            };
            let mut body = reply.value.unwrap_or(Value::Null);
            let token = match body.get_mut("token").map(Value::take) {
                Some(Value::String(t)) if !t.is_empty() => t,
                _ => return Err(fail("the switch response carries no token".into())),
            };
            let org = match body.get_mut("organization").map(Value::take) {
                Some(v) if !v.is_null() => Organization::from_json(v)
                    .map_err(|e| fail(format!("unexpected response: {e}")))?,
                _ => Organization::from_id(id),
            };
            client.set_token(token);
            Ok(org)
        }
    }

    /// pm415: the organization the current token is scoped to.
    pub fn current(&self) -> impl Future<Output = Result<Organization>> + Send + 'static {
        let client = self.client.clone();
        async move { client.run_decode(Call::OrganizationsCurrent).await }
    }
}
