//! Pages and lazy iteration across them.

use std::fmt;
use std::sync::Arc;

use futures::future::BoxFuture;
use futures::stream::{self, Stream, StreamExt};

use crate::error::{Error, ErrorKind, Result};
use crate::models::inputs::input;
use crate::models::{Id, SortOrder};
use crate::response::ResponseInfo;

input! {
    /// Options of a list call. Each provider sends the ones it understands in
    /// its own dialect (`page/limit`, `$limit/$skip`, …) and ignores the rest.
    pub struct ListParams {
        /// Items per page.
        pub limit: Option<u32>,
        /// 1-based page number, for providers that page by number.
        pub page: Option<u32>,
        /// Items to skip, for providers that page by offset (achieveapex).
        pub skip: Option<u64>,
        /// A search term (orgstack, achieveapex).
        pub search: Option<String>,
        /// Only items with this status.
        pub status: Option<String>,
        /// The field to sort by (orgstack, achieveapex).
        pub sort: Option<String>,
        /// `asc` or `desc`.
        pub order: Option<SortOrder> [known],
        /// The organization, for lists that are per organization on some
        /// providers (kaana projects).
        pub organization_id: Option<Id> [path],
        /// Further query parameters, sent verbatim.
        pub filters: Vec<(String, String)>,
    }
}

impl ListParams {
    /// No options: the provider's defaults.
    pub fn new() -> Self {
        Self::default()
    }
    /// Items per page.
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }
    /// 1-based page number.
    pub fn page(mut self, page: u32) -> Self {
        self.page = Some(page);
        self
    }
    /// Items to skip.
    pub fn skip(mut self, skip: u64) -> Self {
        self.skip = Some(skip);
        self
    }
    /// A search term.
    pub fn search(mut self, term: impl Into<String>) -> Self {
        self.search = Some(term.into());
        self
    }
    /// Only items with this status.
    pub fn status(mut self, status: impl Into<String>) -> Self {
        self.status = Some(status.into());
        self
    }
    /// Sort by `field` in `order`.
    pub fn sort(mut self, field: impl Into<String>, order: SortOrder) -> Self {
        self.sort = Some(field.into());
        self.order = Some(order);
        self
    }
    /// The organization (kaana projects).
    pub fn organization(mut self, id: impl Into<Id>) -> Self {
        self.organization_id = Some(id.into());
        self
    }
    /// One more query parameter, sent verbatim.
    pub fn filter(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.filters.push((key.into(), value.into()));
        self
    }
}

pub(crate) type FetchPage<T> =
    Arc<dyn Fn(ListParams) -> BoxFuture<'static, Result<Page<T>>> + Send + Sync>;

/// Where [`Page::pages`] is: a page in hand, a fetch not yet started, or the end.
enum Step<T> {
    Yield(Box<Page<T>>),
    Fetch(BoxFuture<'static, Result<Option<Page<T>>>>),
    Done,
}

/// One page of a list, able to fetch the ones after it.
pub struct Page<T> {
    /// This page's items.
    pub items: Vec<T>,
    /// Total items across all pages, when the provider says.
    pub total: Option<u64>,
    /// The parameters that fetch the next page; `None` on the last page.
    pub next: Option<ListParams>,
    /// The HTTP answer this page came in (`None` for [`Page::single`]).
    pub info: Option<ResponseInfo>,
    fetch: Option<FetchPage<T>>,
}

impl<T: fmt::Debug> fmt::Debug for Page<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Page")
            .field("items", &self.items)
            .field("total", &self.total)
            .field("next", &self.next)
            .field("info", &self.info)
            .finish()
    }
}

impl<T: Send + 'static> Page<T> {
    pub(crate) fn new(
        items: Vec<T>,
        total: Option<u64>,
        next: Option<ListParams>,
        info: ResponseInfo,
        fetch: FetchPage<T>,
    ) -> Self {
        Page {
            items,
            total,
            next,
            info: Some(info),
            fetch: Some(fetch),
        }
    }

    /// The same page with every item (of this and later pages) mapped by `f`.
    pub fn try_map<U: Send + 'static>(self, f: fn(T) -> Result<U>) -> Result<Page<U>> {
        let items = self.items.into_iter().map(f).collect::<Result<Vec<U>>>()?;
        let fetch: Option<FetchPage<U>> = self.fetch.map(|fetch| {
            Arc::new(move |p: ListParams| {
                let fut = fetch(p);
                Box::pin(async move { fut.await?.try_map(f) })
                    as BoxFuture<'static, Result<Page<U>>>
            }) as FetchPage<U>
        });
        Ok(Page {
            items,
            total: self.total,
            next: self.next,
            info: self.info,
            fetch,
        })
    }

    /// A page that is all there is (no fetcher needed).
    pub fn single(items: Vec<T>) -> Self {
        let total = Some(items.len() as u64);
        Page {
            items,
            total,
            next: None,
            info: None,
            fetch: None,
        }
    }

    /// Whether a page follows this one.
    pub fn has_next(&self) -> bool {
        self.next.is_some() && self.fetch.is_some()
    }

    /// Fetches the page after this one, or `None` after the last.
    pub fn next_page(&self) -> BoxFuture<'static, Result<Option<Page<T>>>> {
        match (&self.next, &self.fetch) {
            (Some(params), Some(fetch)) => {
                let fut = fetch(params.clone());
                Box::pin(async move { fut.await.map(Some) })
            }
            _ => Box::pin(async { Ok(None) }),
        }
    }

    /// This page and every one after it, fetched one at a time as consumed.
    pub fn pages(self) -> impl Stream<Item = Result<Page<T>>> + Send + 'static {
        // The next page is fetched only when the caller asks for it, never
        // ahead: a consumer that stops early sends no extra request.
        stream::unfold(Step::Yield(Box::new(self)), |step| async move {
            let page = match step {
                Step::Done => return None,
                Step::Yield(page) => *page,
                Step::Fetch(fut) => match fut.await {
                    Ok(Some(page)) => page,
                    Ok(None) => return None,
                    Err(e) => return Some((Err(e), Step::Done)),
                },
            };
            // An empty page ends the walk even if the server claims more,
            // so a server that ignores paging cannot loop us forever.
            let next = if page.items.is_empty() || !page.has_next() {
                Step::Done
            } else {
                Step::Fetch(page.next_page())
            };
            Some((Ok(page), next))
        })
        .filter_map(|p| async move {
            match p {
                Ok(page) if page.items.is_empty() => None,
                other => Some(other),
            }
        })
    }

    /// Every item across every page, fetched lazily: at most one page is held.
    pub fn stream(self) -> impl Stream<Item = Result<T>> + Send + 'static {
        self.pages().flat_map(|page| match page {
            Ok(p) => stream::iter(p.items.into_iter().map(Ok).collect::<Vec<_>>()).left_stream(),
            Err(e) => stream::iter(vec![Err(e)]).right_stream(),
        })
    }

    /// All items, failing with `InvalidArgument` once more than `cap` arrive.
    pub async fn collect_all(self, cap: usize) -> Result<Vec<T>> {
        let mut out = Vec::new();
        let mut items = std::pin::pin!(self.stream());
        while let Some(item) = items.next().await {
            let item = item?;
            if out.len() == cap {
                return Err(Error::new(
                    ErrorKind::InvalidArgument,
                    format!("collect_all: more than {cap} items; raise the cap or use stream()"),
                ));
            }
            out.push(item);
        }
        Ok(out)
    }
}
