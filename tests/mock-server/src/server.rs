//! The accept loop, routing a request to the control API or to a provider,
//! and applying a fault to the way the answer is delivered.

use std::convert::Infallible;
use std::io;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue, CONTENT_LENGTH, CONTENT_TYPE, HOST};
use http::{Request, Response, StatusCode};
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::json;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

use crate::control;
use crate::faults::{normalize_path, FaultAction};
use crate::message::{reason, Reply, Req};
use crate::providers::ProviderId;
use crate::state::{RecordedRequest, World};

pub type Body = UnsyncBoxBody<Bytes, io::Error>;

pub struct Shared {
    world: Mutex<World>,
}

impl Shared {
    pub fn new(world: World) -> Shared {
        Shared {
            world: Mutex::new(world),
        }
    }

    /// The state lock. Handlers never panic while holding it, but should one,
    /// the state is still usable, so poisoning is ignored.
    pub fn world(&self) -> MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Returned by the service to make hyper drop the connection unanswered.
#[derive(Debug)]
struct DropConnection;

impl std::fmt::Display for DropConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by an injected fault")
    }
}

impl std::error::Error for DropConnection {}

/// How a reply's body goes on the wire.
enum Delivery {
    Whole,
    Stalled(Duration),
    Truncated,
}

pub async fn run(listener: TcpListener, shared: Arc<Shared>, mut shutdown: watch::Receiver<bool>) {
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => serve_connection(stream, shared.clone(), shutdown.clone()),
                // Usually out of file descriptors: back off instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            },
            // A send or a dropped sender both mean stop.
            _ = shutdown.changed() => break,
        }
    }
}

fn serve_connection(stream: TcpStream, shared: Arc<Shared>, mut shutdown: watch::Receiver<bool>) {
    tokio::spawn(async move {
        let _ = stream.set_nodelay(true);
        let service = service_fn(move |req| respond(shared.clone(), req));
        let connection = http1::Builder::new().serve_connection(TokioIo::new(stream), service);
        tokio::select! {
            _ = connection => {}
            _ = shutdown.changed() => {}
        }
    });
}

async fn respond(
    shared: Arc<Shared>,
    req: Request<Incoming>,
) -> Result<Response<Body>, DropConnection> {
    let (parts, incoming) = req.into_parts();
    // A client that goes away mid-body gets nothing back anyway.
    let body = incoming
        .collect()
        .await
        .map_err(|_| DropConnection)?
        .to_bytes();
    let full_path = parts.uri.path();
    let trimmed = full_path.trim_start_matches('/');
    let (prefix, rest) = match trimmed.split_once('/') {
        Some((prefix, rest)) => (prefix, format!("/{rest}")),
        None => (trimmed, "/".to_string()),
    };
    let raw_query = parts.uri.query().unwrap_or_default();
    if prefix == "__mock" {
        let reply = control::handle(
            &shared,
            &parts.method,
            &normalize_path(&rest),
            raw_query,
            &body,
        );
        return Ok(into_response(reply, Delivery::Whole));
    }
    let Some(provider) = ProviderId::from_name(prefix) else {
        let names: Vec<&str> = ProviderId::ALL.iter().map(|p| p.name()).collect();
        let message = format!(
            "No provider at /{prefix}; the providers are under /{}",
            names.join(", /")
        );
        return Ok(into_response(
            Reply::json(404, &json!({"error": "Not Found", "message": message})),
            Delivery::Whole,
        ));
    };
    let host = parts
        .headers
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1")
        .to_string();
    let req = Req {
        method: parts.method,
        path: normalize_path(&rest),
        query: url::form_urlencoded::parse(raw_query.as_bytes())
            .into_owned()
            .collect(),
        headers: parts.headers,
        body,
        base_url: format!("http://{host}/{}", provider.name()),
    };
    let action = {
        let mut world = shared.world();
        world
            .log
            .push(RecordedRequest::new(provider, &rest, raw_query, &req));
        world
            .faults
            .take(provider.name(), req.method.as_str(), &req.path)
    };
    let delivery = match action {
        None => Delivery::Whole,
        Some(FaultAction::Close) => return Err(DropConnection),
        Some(FaultAction::Delay(wait)) => {
            tokio::time::sleep(wait).await;
            Delivery::Whole
        }
        Some(FaultAction::StallBody(wait)) => Delivery::Stalled(wait),
        Some(FaultAction::Truncate) => Delivery::Truncated,
        Some(FaultAction::Respond {
            status,
            headers,
            body,
        }) => {
            return Ok(into_response(
                fault_reply(provider, status, headers, body),
                Delivery::Whole,
            ))
        }
        Some(FaultAction::NonJson { status, body }) => {
            let reply = Reply::text(status, "text/html; charset=utf-8", body);
            return Ok(into_response(reply, Delivery::Whole));
        }
    };
    let reply = shared.world().dispatch(provider, &req);
    Ok(into_response(reply, delivery))
}

/// A canned answer; without a body it is the provider's own error body, so
/// that a test of "503 then success" exercises the real error decoding.
fn fault_reply(
    provider: ProviderId,
    status: u16,
    headers: Vec<(String, String)>,
    body: Option<String>,
) -> Reply {
    let mut reply = match body {
        Some(text) => {
            let is_json = serde_json::from_str::<serde_json::Value>(&text).is_ok();
            let content_type = if is_json {
                "application/json; charset=utf-8"
            } else {
                "text/plain; charset=utf-8"
            };
            Reply::text(status, content_type, text)
        }
        None => {
            let retry_after = headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("retry-after"))
                .and_then(|(_, v)| v.trim().parse().ok());
            let message = format!("{} (injected fault)", reason(status));
            provider.error(status, &message, retry_after)
        }
    };
    for (name, value) in headers {
        reply = reply.with_header(&name, value);
    }
    reply
}

fn into_response(reply: Reply, delivery: Delivery) -> Response<Body> {
    let status = reply.status;
    let bodiless = status.is_informational()
        || status == StatusCode::NO_CONTENT
        || status == StatusCode::NOT_MODIFIED;
    let length = reply.body.len();
    let body = if bodiless {
        whole(Bytes::new())
    } else {
        match delivery {
            Delivery::Whole => whole(reply.body),
            Delivery::Stalled(wait) => stalled(reply.body, wait),
            Delivery::Truncated => truncated(reply.body),
        }
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    for (name, value) in reply.headers {
        // Headers from a test's fault JSON may be invalid; skip those rather than fail.
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            headers.insert(name, value);
        }
    }
    if bodiless {
        headers.remove(CONTENT_TYPE);
        headers.remove(CONTENT_LENGTH);
    } else {
        headers.insert(CONTENT_LENGTH, HeaderValue::from(length));
    }
    response
}

fn whole(bytes: Bytes) -> Body {
    Full::new(bytes)
        .map_err(|never: Infallible| match never {})
        .boxed_unsync()
}

fn stalled(bytes: Bytes, wait: Duration) -> Body {
    let chunk = futures::stream::once(async move {
        tokio::time::sleep(wait).await;
        Ok::<_, io::Error>(Frame::data(bytes))
    });
    StreamBody::new(chunk).boxed_unsync()
}

/// Half the body, a pause long enough for hyper to flush it, then an error
/// so hyper aborts the connection short of the advertised Content-Length.
fn truncated(bytes: Bytes) -> Body {
    let half = bytes.slice(..bytes.len() / 2);
    let first = futures::stream::once(async move { Ok::<_, io::Error>(Frame::data(half)) });
    let abort = futures::stream::once(async {
        tokio::time::sleep(Duration::from_millis(20)).await;
        Err::<Frame<Bytes>, _>(io::Error::other("body truncated by an injected fault"))
    });
    StreamBody::new(futures::StreamExt::chain(first, abort)).boxed_unsync()
}
