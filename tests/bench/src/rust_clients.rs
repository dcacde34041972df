//! The Rust clients: orgkit, and what a user would write by hand with
//! reqwest + serde into typed structs.

use futures::{StreamExt, TryStreamExt};
use orgkit::chrono::{DateTime, Datelike, Timelike, Utc};
use orgkit::{Client, ListParams, Provider};
use serde::Deserialize;

use crate::workloads::{
    self, BIGPAGE_LIMIT, BIGPAGE_REQUESTS, CONC_IDS, CONC_IN_FLIGHT, CONC_REQUESTS, PAGE_LIMIT,
    PAGINATE_TOTAL, SEQ_ID, SEQ_REQUESTS,
};

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;
pub type Result<T> = std::result::Result<T, BoxError>;

pub const API_KEY: &str = "bench-key";
pub const CLIENTS: [&str; 2] = ["orgkit", "reqwest"];

#[derive(Deserialize)]
struct Envelope<T> {
    #[allow(dead_code)]
    success: bool,
    data: T,
    #[serde(default)]
    meta: Option<Meta>,
}

#[derive(Deserialize)]
struct Meta {
    #[allow(dead_code)]
    page: u64,
    limit: u64,
    total: u64,
}

/// What a hand-written client decodes a project into.
#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
struct RawProject {
    id: u64,
    name: String,
    description: String,
    status: String,
    settings: RawSettings,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    tags: Vec<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
struct RawSettings {
    is_public: bool,
    allow_comments: bool,
}

// --- the checksum (tests/bench/README.md, "Checksum") ------------------------
// One function per client type, line for line the same rule; the server's
// own is `ServedProject::checksum` in server.rs. A field orgkit left empty
// counts 0, so the sum comes out wrong.

/// A timestamp's part: year + month (1–12) + day + hour + minute + second + millisecond, UTC.
fn stamp(t: &DateTime<Utc>) -> u64 {
    u64::from(t.year() as u32)
        + u64::from(t.month())
        + u64::from(t.day())
        + u64::from(t.hour())
        + u64::from(t.minute())
        + u64::from(t.second())
        + u64::from(t.timestamp_subsec_millis())
}

/// The checksum of one project as reqwest + serde decoded it.
fn checksum_raw(p: &RawProject) -> u64 {
    [
        p.id,
        p.name.len() as u64,
        p.description.len() as u64,
        p.status.len() as u64,
        u64::from(p.settings.is_public),
        2 * u64::from(p.settings.allow_comments),
        stamp(&p.created_at),
        stamp(&p.updated_at),
        p.tags.len() as u64,
        p.tags.iter().map(|t| t.len() as u64).sum(),
    ]
    .into_iter()
    .sum()
}

/// The checksum of one project as orgkit decoded it (public fields only).
fn checksum_orgkit(p: &orgkit::Project) -> u64 {
    let len = |s: &Option<String>| s.as_deref().map_or(0, str::len) as u64;
    let settings = p.settings.as_ref();
    [
        p.id.as_i64().map_or(0, |id| id as u64),
        len(&p.name),
        len(&p.description),
        p.status.as_ref().map_or(0, |s| s.as_str().len()) as u64,
        u64::from(settings.and_then(|s| s.is_public).unwrap_or(false)),
        2 * u64::from(settings.and_then(|s| s.allow_comments).unwrap_or(false)),
        p.created_at.as_ref().map_or(0, stamp),
        p.updated_at.as_ref().map_or(0, stamp),
        p.tags.len() as u64,
        p.tags.iter().map(|t| t.len() as u64).sum(),
    ]
    .into_iter()
    .sum()
}

/// A client bound to a base URL.
#[derive(Clone)]
pub enum Bench {
    Orgkit(Client),
    Reqwest { http: reqwest::Client, base: String },
}

impl Bench {
    pub fn new(kind: &str, base: &str) -> Result<Bench> {
        Ok(match kind {
            "orgkit" => Bench::Orgkit(
                Client::builder(Provider::Ourganize)
                    .base_url(base)
                    .api_key(API_KEY)
                    .build()?,
            ),
            "reqwest" => Bench::Reqwest {
                // The same TLS cryptography as orgkit's (ring).
                http: {
                    orgkit::http::install_crypto_provider();
                    reqwest::Client::new()
                },
                base: base.trim_end_matches('/').to_string(),
            },
            other => return Err(format!("unknown Rust client {other:?}").into()),
        })
    }

    async fn raw<T: serde::de::DeserializeOwned>(
        http: &reqwest::Client,
        url: String,
    ) -> Result<Envelope<T>> {
        Ok(http
            .get(url)
            .bearer_auth(API_KEY)
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?)
    }

    /// One GET of a project: its checksum.
    pub async fn get(&self, id: u64) -> Result<u64> {
        match self {
            Bench::Orgkit(c) => Ok(checksum_orgkit(&c.projects().get(id as i64).await?)),
            Bench::Reqwest { http, base } => {
                let e: Envelope<RawProject> =
                    Self::raw(http, format!("{base}/projects/{id}")).await?;
                Ok(checksum_raw(&e.data))
            }
        }
    }

    /// The first page of `limit` items: the sum of their checksums.
    pub async fn page(&self, limit: u32) -> Result<u64> {
        match self {
            Bench::Orgkit(c) => {
                let page = c.projects().list(ListParams::new().limit(limit)).await?;
                Ok(page.items.iter().map(checksum_orgkit).sum())
            }
            Bench::Reqwest { http, base } => {
                let e: Envelope<Vec<RawProject>> =
                    Self::raw(http, format!("{base}/projects?page=1&limit={limit}")).await?;
                Ok(e.data.iter().map(checksum_raw).sum())
            }
        }
    }

    /// Every item of the list, `limit` at a time: (count, sum of checksums).
    pub async fn walk(&self, limit: u32) -> Result<(u64, u64)> {
        match self {
            Bench::Orgkit(c) => {
                let first = c.projects().list(ListParams::new().limit(limit)).await?;
                first
                    .stream()
                    .try_fold((0u64, 0u64), |(n, sum), p| async move {
                        Ok((n + 1, sum + checksum_orgkit(&p)))
                    })
                    .await
                    .map_err(Into::into)
            }
            Bench::Reqwest { http, base } => {
                let (mut n, mut sum) = (0u64, 0u64);
                let mut page = 1u64;
                loop {
                    let e: Envelope<Vec<RawProject>> =
                        Self::raw(http, format!("{base}/projects?page={page}&limit={limit}"))
                            .await?;
                    n += e.data.len() as u64;
                    sum += e.data.iter().map(checksum_raw).sum::<u64>();
                    let meta = e.meta.ok_or("no meta")?;
                    if e.data.is_empty() || page * meta.limit >= meta.total {
                        break;
                    }
                    page += 1;
                }
                Ok((n, sum))
            }
        }
    }
}

/// The clients one workload needs, built (and connected) before timing.
pub struct Prepared {
    pub client: Bench,
}

impl Prepared {
    pub fn new(kind: &str, base: &str, workload: &str) -> Result<Prepared> {
        let base = if workload == "paginate" {
            workloads::list_url(base, PAGINATE_TOTAL)
        } else {
            base.to_string()
        };
        Ok(Prepared {
            client: Bench::new(kind, &base)?,
        })
    }

    /// Runs `workload` once (`scale` = 1.0 for the real run, less for a
    /// warm-up); returns its checksum.
    pub async fn run(&self, workload: &str, scale: f64) -> Result<u64> {
        let n = |full: u64| ((full as f64 * scale).ceil() as u64).max(1);
        let c = &self.client;
        match workload {
            "seq" => {
                let mut sum = 0;
                for _ in 0..n(SEQ_REQUESTS) {
                    sum += c.get(SEQ_ID).await?;
                }
                Ok(sum)
            }
            "conc" => {
                // The warm-up still runs 64 in flight so every connection exists.
                let total = n(CONC_REQUESTS).max(CONC_IN_FLIGHT as u64);
                futures::stream::iter(0..total)
                    .map(|i| c.get(1 + i % CONC_IDS))
                    .buffer_unordered(CONC_IN_FLIGHT)
                    .try_fold(0u64, |sum, id| async move { Ok(sum + id) })
                    .await
            }
            "paginate" => {
                let (count, sum) = c.walk(PAGE_LIMIT).await?;
                if count != PAGINATE_TOTAL {
                    return Err(format!("walked {count} items, expected {PAGINATE_TOTAL}").into());
                }
                Ok(sum)
            }
            "bigpage" => {
                let mut sum = 0;
                for _ in 0..n(BIGPAGE_REQUESTS) {
                    sum += c.page(BIGPAGE_LIMIT).await?;
                }
                Ok(sum)
            }
            other => Err(format!("unknown workload {other:?}").into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::{project_checksum, project_json};

    #[test]
    fn the_peer_checksum_matches_the_server() {
        for id in [1, 2, 3, 7, 42, 59, 60, 999, 1000, 12_345, 100_000] {
            let p: RawProject = serde_json::from_str(&project_json(id)).unwrap();
            assert_eq!(checksum_raw(&p), project_checksum(id), "project {id}");
        }
    }
}
