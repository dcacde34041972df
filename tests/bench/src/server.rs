//! A minimal, fast ourganize-shaped HTTP server for the benchmarks.
//!
//! Every project is rendered to JSON once at start-up, back to back in one
//! buffer separated by commas, so a page's `data` array is one contiguous
//! slice of it: answering is a memcpy, never a serialization. No request
//! log, no locks.
//!
//! Routes (an optional `/t/{N}` prefix makes the list hold only the first
//! `N` projects, so one server serves every total):
//! - `GET [/t/N]/projects/{id}` → `{"success":true,"data":{project}}`
//! - `GET [/t/N]/projects?page=&limit=` →
//!   `{"success":true,"data":[…],"meta":{"page","limit","total"}}`
//! - `GET /bench/expected?list=N,M` → the checksum a correct client reports
//!   for each workload, and for walking lists of N, M items:
//!   `{"success":true,"data":{"seq":…,"conc":…,"paginate":…,"bigpage":…,"list":{"N":…}}}`

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;

use bytes::{Bytes, BytesMut};
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

use crate::workloads;

const STATUSES: [&str; 4] = ["active", "planning", "on_hold", "completed"];
const TAGS: [&str; 6] = ["backend", "frontend", "ops", "design", "q3", "urgent"];

/// Every project's JSON, comma-separated: `{…},{…},…` (no brackets).
pub struct Catalog {
    all: Bytes,
    /// `starts[i]` is where project `i + 1` begins in `all`; one extra entry
    /// marks the end, so project `i + 1` is `all[starts[i]..starts[i + 1] - 1]`
    /// (minus its trailing comma).
    starts: Vec<usize>,
    pub total: u64,
}

/// A UTC timestamp as the server writes it (`YYYY-MM-DDTHH:MM:SS.mmmZ`).
pub struct Stamp {
    pub year: u64,
    pub month: u64,
    pub day: u64,
    pub hour: u64,
    pub minute: u64,
    pub second: u64,
    pub millis: u64,
}

impl Stamp {
    fn iso(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
            self.year, self.month, self.day, self.hour, self.minute, self.second, self.millis
        )
    }

    /// This timestamp's part of the checksum (tests/bench/README.md, "Checksum").
    fn checksum(&self) -> u64 {
        self.year + self.month + self.day + self.hour + self.minute + self.second + self.millis
    }
}

/// Project `id` as the server sends it: the JSON and the checksum are both
/// made from these values, so they cannot disagree.
pub struct ServedProject {
    pub id: u64,
    pub name: String,
    pub description: String,
    pub status: &'static str,
    pub is_public: bool,
    pub allow_comments: bool,
    pub created_at: Stamp,
    pub updated_at: Stamp,
    pub tags: [&'static str; 2],
}

impl ServedProject {
    pub fn new(id: u64) -> ServedProject {
        let stamp = |month, hour, minute| Stamp {
            year: 2024,
            month,
            day: 1 + id % 28,
            hour,
            minute,
            second: id % 60,
            millis: id % 1000,
        };
        let cycle = id % 3; // every third project disallows comments
        ServedProject {
            id,
            name: format!("Project {id}"),
            // ~80 characters, varying with the id.
            description: format!(
                "Quarterly roadmap work item #{id:06} covering planning, delivery and review."
            ),
            status: STATUSES[(id % 4) as usize],
            is_public: id & 1 == 0,
            allow_comments: cycle != 0,
            created_at: stamp(3, 9, 15),
            updated_at: stamp(6, 17, 45),
            tags: [TAGS[(id % 6) as usize], TAGS[((id / 6) % 6) as usize]],
        }
    }

    /// The JSON the server sends (every string is plain ASCII, no escapes).
    pub fn json(&self) -> String {
        format!(
            concat!(
                "{{\"id\":{id},\"name\":\"{name}\",\"description\":\"{description}\",",
                "\"status\":\"{status}\",\"settings\":{{\"isPublic\":{public},\"allowComments\":{comments}}},",
                "\"createdAt\":\"{created}\",\"updatedAt\":\"{updated}\",",
                "\"tags\":[\"{tag0}\",\"{tag1}\"]}}"
            ),
            id = self.id,
            name = self.name,
            description = self.description,
            status = self.status,
            public = self.is_public,
            comments = self.allow_comments,
            created = self.created_at.iso(),
            updated = self.updated_at.iso(),
            tag0 = self.tags[0],
            tag1 = self.tags[1],
        )
    }

    /// The checksum a client must compute from its decoded object
    /// (tests/bench/README.md, "Checksum"); the clients' own versions are
    /// `checksum_*` in rust_clients.rs, `checksum` in python/bench.py and
    /// node/bench.mjs.
    pub fn checksum(&self) -> u64 {
        [
            self.id,
            self.name.len() as u64,
            self.description.len() as u64,
            self.status.len() as u64,
            u64::from(self.is_public),
            2 * u64::from(self.allow_comments),
            self.created_at.checksum(),
            self.updated_at.checksum(),
            self.tags.len() as u64,
            self.tags.iter().map(|t| t.len() as u64).sum(),
        ]
        .into_iter()
        .sum()
    }
}

/// The JSON of project `id`, as the server sends it.
pub fn project_json(id: u64) -> String {
    ServedProject::new(id).json()
}

/// The checksum of project `id` (tests/bench/README.md, "Checksum").
pub fn project_checksum(id: u64) -> u64 {
    ServedProject::new(id).checksum()
}

impl Catalog {
    pub fn new(total: u64) -> Catalog {
        let mut all = Vec::with_capacity(total as usize * 330);
        let mut starts = Vec::with_capacity(total as usize + 1);
        for id in 1..=total {
            starts.push(all.len());
            all.extend_from_slice(project_json(id).as_bytes());
            all.push(b',');
        }
        starts.push(all.len());
        Catalog {
            all: Bytes::from(all),
            starts,
            total,
        }
    }

    /// Projects `first..=last` (1-based, `first <= last <= total`) as `{…},{…}`.
    fn range(&self, first: u64, last: u64) -> &[u8] {
        let start = self.starts[first as usize - 1];
        let end = self.starts[last as usize] - 1;
        &self.all[start..end]
    }

    fn get(&self, id: u64, total: u64) -> Response<Full<Bytes>> {
        if id == 0 || id > total {
            return error(
                StatusCode::NOT_FOUND,
                "NOT_FOUND",
                &format!("project {id} not found"),
            );
        }
        let item = self.range(id, id);
        let mut body = BytesMut::with_capacity(item.len() + 32);
        body.extend_from_slice(b"{\"success\":true,\"data\":");
        body.extend_from_slice(item);
        body.extend_from_slice(b"}");
        json(StatusCode::OK, body.freeze())
    }

    fn page(&self, page: u64, limit: u64, total: u64) -> Response<Full<Bytes>> {
        let first = (page - 1).saturating_mul(limit) + 1;
        let last = page.saturating_mul(limit).min(total);
        let items: &[u8] = if first <= last {
            self.range(first, last)
        } else {
            b""
        };
        let meta = format!("],\"meta\":{{\"page\":{page},\"limit\":{limit},\"total\":{total}}}}}");
        let mut body = BytesMut::with_capacity(items.len() + meta.len() + 32);
        body.extend_from_slice(b"{\"success\":true,\"data\":[");
        body.extend_from_slice(items);
        body.extend_from_slice(meta.as_bytes());
        json(StatusCode::OK, body.freeze())
    }

    fn handle(
        &self,
        method: &hyper::Method,
        path: &str,
        query: Option<&str>,
    ) -> Response<Full<Bytes>> {
        if method != hyper::Method::GET {
            return error(
                StatusCode::METHOD_NOT_ALLOWED,
                "METHOD_NOT_ALLOWED",
                "GET only",
            );
        }
        if path.trim_end_matches('/') == "/bench/expected" {
            return expected(query, self.total);
        }
        let (total, rest) = match path.strip_prefix("/t/") {
            Some(rest) => {
                let (n, rest) = rest.split_once('/').unwrap_or((rest, ""));
                match n.parse::<u64>() {
                    Ok(n) if n <= self.total => (n, rest),
                    _ => {
                        return error(
                            StatusCode::BAD_REQUEST,
                            "VALIDATION_ERROR",
                            &format!("total must be at most {}", self.total),
                        )
                    }
                }
            }
            None => (self.total, path.strip_prefix('/').unwrap_or(path)),
        };
        let rest = rest.trim_end_matches('/');
        if rest == "projects" {
            let mut page = 1u64;
            let mut limit = 20u64;
            for pair in query.unwrap_or("").split('&') {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                let slot = match k {
                    "page" => &mut page,
                    "limit" => &mut limit,
                    _ => continue,
                };
                match v.parse::<u64>() {
                    Ok(n) if n >= 1 => *slot = n,
                    _ => {
                        return error(
                            StatusCode::BAD_REQUEST,
                            "VALIDATION_ERROR",
                            &format!("{k} must be a positive integer"),
                        )
                    }
                }
            }
            return self.page(page, limit.min(10_000), total);
        }
        if let Some(id) = rest.strip_prefix("projects/") {
            return match id.parse::<u64>() {
                Ok(id) => self.get(id, total),
                Err(_) => error(StatusCode::NOT_FOUND, "NOT_FOUND", "no such project"),
            };
        }
        error(StatusCode::NOT_FOUND, "NOT_FOUND", "no such route")
    }
}

/// `GET /bench/expected?list=…`: what every runner checks its checksums against.
fn expected(query: Option<&str>, catalog_total: u64) -> Response<Full<Bytes>> {
    let mut data = serde_json::Map::new();
    for w in workloads::WORKLOADS {
        data.insert(w.into(), workloads::spec(w).checksum.into());
    }
    let mut lists = serde_json::Map::new();
    for pair in query.unwrap_or("").split('&') {
        let Some(totals) = pair.strip_prefix("list=") else {
            continue;
        };
        for n in totals.split(',').filter(|n| !n.is_empty()) {
            match n.parse::<u64>() {
                Ok(n) if n <= catalog_total => {
                    lists.insert(n.to_string(), workloads::list_checksum(n).into());
                }
                _ => {
                    return error(
                        StatusCode::BAD_REQUEST,
                        "VALIDATION_ERROR",
                        &format!("list: {n:?} is not a total up to {catalog_total}"),
                    )
                }
            }
        }
    }
    data.insert("list".into(), lists.into());
    let body = serde_json::json!({"success": true, "data": data});
    json(StatusCode::OK, Bytes::from(body.to_string()))
}

fn json(status: StatusCode, body: Bytes) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = status;
    response.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("application/json; charset=utf-8"),
    );
    response
}

fn error(status: StatusCode, code: &str, message: &str) -> Response<Full<Bytes>> {
    let body = serde_json::json!({
        "success": false,
        "error": {"code": code, "message": message},
    });
    json(status, Bytes::from(body.to_string()))
}

/// Binds `127.0.0.1:port` (0: any free port) and serves `catalog` until the
/// returned future is dropped. Returns the bound address first.
pub async fn bind(
    port: u16,
    catalog: Arc<Catalog>,
) -> std::io::Result<(SocketAddr, impl std::future::Future<Output = ()>)> {
    let listener = TcpListener::bind(("127.0.0.1", port)).await?;
    let addr = listener.local_addr()?;
    let serve = async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let _ = stream.set_nodelay(true);
            let catalog = catalog.clone();
            tokio::spawn(async move {
                let service = service_fn(move |req: Request<Incoming>| {
                    let response =
                        catalog.handle(req.method(), req.uri().path(), req.uri().query());
                    async move { Ok::<_, Infallible>(response) }
                });
                let _ = http1::Builder::new()
                    .keep_alive(true)
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    };
    Ok((addr, serve))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_valid_json_with_the_right_ids() {
        let c = Catalog::new(250);
        let r = c.handle(
            &hyper::Method::GET,
            "/t/120/projects",
            Some("page=2&limit=100"),
        );
        assert_eq!(r.status(), StatusCode::OK);
        let body = futures::executor::block_on(http_body_util::BodyExt::collect(r.into_body()))
            .unwrap()
            .to_bytes();
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        let ids: Vec<u64> = v["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_u64().unwrap())
            .collect();
        assert_eq!(ids, (101..=120).collect::<Vec<_>>());
        assert_eq!(v["meta"]["total"], 120);
        assert_eq!(v["meta"]["page"], 2);

        let r = c.handle(&hyper::Method::GET, "/projects/7", None);
        let body = futures::executor::block_on(http_body_util::BodyExt::collect(r.into_body()))
            .unwrap()
            .to_bytes();
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["data"]["id"], 7);
        assert_eq!(v["data"]["settings"]["allowComments"], true);
        let description = v["data"]["description"].as_str().unwrap();
        assert!((70..=90).contains(&description.len()), "{description}");

        let r = c.handle(&hyper::Method::GET, "/projects", Some("page=99&limit=100"));
        let body = futures::executor::block_on(http_body_util::BodyExt::collect(r.into_body()))
            .unwrap()
            .to_bytes();
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["data"].as_array().unwrap().len(), 0);

        let r = c.handle(&hyper::Method::GET, "/projects/251", None);
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }
}
