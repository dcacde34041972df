//! One class per list type. A page holds its items and knows how to fetch
//! the page after it (the SDK's `Page::next_page`); the JS layer walks
//! pages lazily with an async generator.

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::call::spawn;
use crate::error::Failure;
use crate::json::{to_json, JsList};
use crate::models;

macro_rules! page_class {
    ($doc:literal, $name:ident, $sdk:ty, $js:ty) => {
        #[doc = $doc]
        #[napi]
        pub struct $name {
            page: orgkit::Page<$sdk>,
            /// The items as JSON (see `json.rs`), built in the call's future.
            json: Option<String>,
        }

        impl From<orgkit::Page<$sdk>> for $name {
            fn from(page: orgkit::Page<$sdk>) -> Self {
                let json = to_json(&JsList(&page.items));
                $name { page, json }
            }
        }

        #[napi]
        impl $name {
            /// The items of this page.
            #[napi(getter, catch_unwind)]
            pub fn items(&self) -> Vec<$js> {
                self.page.items.iter().cloned().map(<$js>::from).collect()
            }

            /// The items as a JSON array with epoch-millisecond timestamps
            /// (`lib/models.js` reads it), or `null` when only `items` gives
            /// them exactly (integers beyond 2^53 in `extra`, …).
            #[napi(getter, catch_unwind)]
            pub fn items_json(&self) -> Option<String> {
                self.json.clone()
            }

            /// Total items across all pages, when the provider says.
            #[napi(getter, catch_unwind)]
            pub fn total(&self) -> Option<i64> {
                self.page
                    .total
                    .map(|t| i64::try_from(t).unwrap_or(i64::MAX))
            }

            /// Whether a page follows this one.
            #[napi(getter, catch_unwind)]
            pub fn has_next(&self) -> bool {
                self.page.has_next()
            }

            /// The page after this one, or `null` after the last.
            #[napi(catch_unwind)]
            pub fn next_page<'env>(
                &self,
                env: &'env Env,
                call_id: Option<u32>,
            ) -> Result<PromiseRaw<'env, Option<$name>>> {
                let next = self.page.next_page();
                spawn(env, call_id, async move {
                    Ok(next.await.map_err(Failure::from)?.map($name::from))
                })
            }
        }
    };
}

page_class!(
    "A page of organizations.",
    OrganizationPage,
    orgkit::Organization,
    models::Organization
);
page_class!(
    "A page of an organization's members.",
    MemberPage,
    orgkit::Member,
    models::Member
);
page_class!(
    "A page of projects.",
    ProjectPage,
    orgkit::Project,
    models::Project
);
page_class!("A page of tasks.", TaskPage, orgkit::Task, models::Task);
page_class!(
    "A page of documents.",
    DocumentPage,
    orgkit::Document,
    models::Document
);
page_class!("A page of users.", UserPage, orgkit::User, models::User);
