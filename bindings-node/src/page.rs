//! One page of any list, able to fetch the page after it (the SDK's
//! `Page::next_page`, which walks with the same options). Its items and
//! response are turned into JSON once, in the call's future; the Rust
//! items are dropped right after, so a page held by JS costs its JSON only.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use orgkit::{Model, Page};
use serde::Serialize;

use crate::call::spawn;
use crate::client::response_json;
use crate::error::{encoding, Failure};
use crate::json::Js;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PageJs<'a> {
    items: Js<'a, [Model]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    total: Option<Js<'a, u64>>,
    has_next: bool,
}

/// A page of a list. Use the package's `Paginator` instead.
#[napi]
pub struct NativePage {
    /// What fetches the next page (its items already taken).
    page: Page<Model>,
    /// `response\n{"items": […], "total": n, "hasNext": bool}`.
    text: Option<String>,
}

impl NativePage {
    pub fn new(mut page: Page<Model>) -> std::result::Result<NativePage, Failure> {
        let body = serde_json::to_string(&PageJs {
            items: Js(&page.items),
            total: page.total.as_ref().map(Js),
            has_next: page.has_next(),
        })
        .map_err(encoding)?;
        let mut text = match &page.info {
            Some(info) => response_json(info)?,
            None => "null".to_string(),
        };
        text.push('\n');
        text.push_str(&body);
        page.items = Vec::new();
        Ok(NativePage {
            page,
            text: Some(text),
        })
    }
}

#[napi]
impl NativePage {
    /// The page as `response\npage` JSON; it can be taken once.
    #[napi(catch_unwind)]
    pub fn take(&mut self) -> Option<String> {
        self.text.take()
    }

    /// The page after this one, or `null` after the last.
    #[napi(catch_unwind)]
    pub fn next_page<'env>(
        &self,
        env: &'env Env,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, Option<NativePage>>> {
        let next = self.page.next_page();
        spawn(env, call_id, async move {
            match next.await? {
                Some(page) => NativePage::new(page).map(Some),
                None => Ok(None),
            }
        })
    }
}
