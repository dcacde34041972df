use std::future::Future;

use crate::client::Client;
use crate::error::Result;
use crate::execute::ListOf;
use crate::models::{Document, Id};
use crate::pagination::{ListParams, Page};

/// `client.documents(org)`.
#[derive(Clone, Debug)]
pub struct Documents {
    client: Client,
    organization: Id,
}

impl Documents {
    pub(crate) fn new(client: Client, organization: Id) -> Self {
        Documents {
            client,
            organization,
        }
    }

    pub fn list(
        &self,
        params: ListParams,
    ) -> impl Future<Output = Result<Page<Document>>> + Send + 'static {
        self.client
            .list(ListOf::Documents(self.organization.clone()), params)
    }
}
