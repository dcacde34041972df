//! Not public API: what the fuzz targets and the fuzz regression tests use
//! to push arbitrary HTTP answers through the exact path a real call takes
//! (argument reading, routing, envelope reading, error mapping, model
//! decoding, paging, token adoption). The answers come from an [`Http`]
//! layer put in with `ClientBuilder::http`; the call from the one generic
//! entry point, [`Client::call`], with sample arguments derived from the
//! operation's description.

use std::sync::Arc;

use bytes::Bytes;
use futures::future::BoxFuture;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::{json, Map, Value};

use crate::api::surface;
use crate::client::Client;
use crate::config::Provider;
use crate::error::{ErrorKind, Result};
use crate::http::{too_large, Http, HttpFailure, HttpRequest, HttpResponse};
use crate::models::describe::Ty;
use crate::operation::{Operation, Output};
use crate::pagination::ListParams;

#[path = "fuzz_paths.rs"]
mod paths;
pub use paths::{args_input, check_route, id_args};

/// Answers every request with the same status, headers and body.
#[derive(Clone, Debug)]
pub struct Canned {
    /// The status.
    pub status: u16,
    /// The headers.
    pub headers: HeaderMap,
    /// The body.
    pub body: Bytes,
}

impl Http for Canned {
    fn send(&self, request: HttpRequest) -> BoxFuture<'static, Result<HttpResponse, HttpFailure>> {
        let answer = self.clone();
        Box::pin(async move {
            if answer.body.len() > request.max_response_bytes {
                return Err(HttpFailure {
                    error: too_large(request.max_response_bytes, answer.status),
                    reached_server: true,
                });
            }
            Ok(HttpResponse {
                status: answer.status,
                headers: answer.headers,
                body: answer.body,
            })
        })
    }
}

/// The response-size cap of the fuzz clients (small, so the cap is exercised).
pub const MAX_RESPONSE_BYTES: usize = 64 * 1024;

/// The token the fuzz clients hold; it must never show in a result or error.
pub const TOKEN: &str = "fuzz-token-5e1f0c";

/// A client of `provider` whose every request is answered by `http`.
pub fn client(provider: Provider, http: Arc<dyn Http>) -> Client {
    client_decoding(provider, http, Decoding::Streamed)
}

/// Which decoders a client reads answers with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decoding {
    /// orgkit's: models read from their text as it streams past.
    Streamed,
    /// The ones before, kept as the reference: the whole body parsed, then
    /// each model read from the parsed value.
    Reference,
}

fn client_decoding(provider: Provider, http: Arc<dyn Http>, decoding: Decoding) -> Client {
    let b = Client::builder(provider)
        .base_url("http://fuzz.invalid/api")
        .token(TOKEN)
        .max_retries(0)
        .max_response_bytes(MAX_RESPONSE_BYTES)
        .from_env(false)
        .http(http);
    match decoding {
        Decoding::Streamed => b,
        Decoding::Reference => b.reference_decode(),
    }
    .build()
    .expect("fuzz client builds")
}

/// The operations `provider` supports, in [`Operation::ALL`] order.
pub fn operations(provider: Provider) -> Vec<Operation> {
    let dialect = crate::providers::dialect(provider);
    Operation::ALL
        .iter()
        .copied()
        .filter(|op| dialect.supports(*op))
        .collect()
}

/// The surface, built once.
fn described() -> &'static crate::api::Surface {
    static SURFACE: std::sync::OnceLock<crate::api::Surface> = std::sync::OnceLock::new();
    SURFACE.get_or_init(surface)
}

/// A sample value for an argument of type `ty` named `name`.
fn sample(name: &str, ty: &Ty) -> Value {
    match ty {
        Ty::Optional(inner) => sample(name, inner),
        Ty::Id => json!(7),
        Ty::Str if name.contains("email") => json!("new@example.com"),
        Ty::Str => json!("Acme 2"),
        Ty::Secret => json!("pw-sample"),
        Ty::Bool => json!(true),
        Ty::Int => json!(1),
        Ty::Time => json!("2024-01-15T10:30:00Z"),
        Ty::Json => json!({"k": 1}),
        Ty::Enum("Role") => json!("admin"),
        Ty::Enum("SortOrder") => json!("desc"),
        Ty::Enum(_) => json!("active"),
        Ty::List(inner) if **inner == Ty::Id => json!([4, "6"]),
        Ty::List(inner) => json!([sample(name, inner)]),
        Ty::Map(_) => json!({}),
        Ty::Model("ProjectSettings") => json!({"is_public": true}),
        Ty::Model(_) => json!({}),
    }
}

/// Sample arguments for `op` on `provider`: every argument its description
/// names, with a plausible value, so every route is taken; the list
/// options from `params`.
pub fn sample_args(provider: Provider, op: Operation, params: &ListParams) -> Map<String, Value> {
    let s = described();
    let mut args = Map::new();
    let Some(resource) = s.resources.iter().find(|r| r.name == op.resource()) else {
        return args;
    };
    for p in &resource.scope {
        args.insert(p.name.into(), sample(p.name, &p.ty));
    }
    let Some(spec) = resource.operations.iter().find(|o| o.name == op.as_str()) else {
        return args;
    };
    for p in &spec.params {
        match p.input {
            None => {
                args.insert(p.name.into(), sample(p.name, &p.ty));
            }
            Some("ListParams") => {
                let mut put = |k: &str, v: Option<Value>| {
                    if let Some(v) = v {
                        args.insert(k.into(), v);
                    }
                };
                put("page", params.page.map(Value::from));
                put("skip", params.skip.map(Value::from));
                put("limit", params.limit.map(Value::from));
                // kaana lists projects per organization.
                if op == Operation::ProjectsList {
                    put("organization_id", Some(json!(7)));
                }
            }
            Some("TaskScope") => {
                let key = if provider == Provider::Kaana {
                    "organization_id"
                } else {
                    "project_id"
                };
                args.insert(key.into(), json!(3));
            }
            Some("Login") => {
                let key = if provider == Provider::Orgstack {
                    "username"
                } else {
                    "email"
                };
                args.insert(key.into(), json!("me@example.com"));
                args.insert("password".into(), json!("pw-sample"));
            }
            Some(input) => {
                let fields = s
                    .inputs
                    .iter()
                    .find(|i| i.name == input)
                    .map(|i| i.fields.clone())
                    .unwrap_or_default();
                for f in fields {
                    if f.name != "extra" {
                        args.insert(f.name.into(), sample(f.name, &f.ty));
                    }
                }
            }
        }
    }
    args
}

/// Runs `operation` on a `provider` client whose every request is answered
/// with `status`, `headers` and `body`. Returns the `Debug` text of what the
/// call returned (for leak checks), or its error.
pub fn decode_with(
    provider: Provider,
    operation: Operation,
    status: u16,
    headers: &[(&str, &[u8])],
    body: &[u8],
    params: ListParams,
) -> Result<String> {
    decode_by(
        Decoding::Streamed,
        provider,
        operation,
        status,
        headers,
        body,
        params,
    )
}

/// [`decode_with`] by the given decoders.
pub fn decode_by(
    decoding: Decoding,
    provider: Provider,
    operation: Operation,
    status: u16,
    headers: &[(&str, &[u8])],
    body: &[u8],
    params: ListParams,
) -> Result<String> {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_bytes(value),
        ) {
            map.append(n, v);
        }
    }
    let http = Arc::new(Canned {
        status,
        headers: map,
        body: Bytes::copy_from_slice(body),
    });
    let c = client_decoding(provider, http, decoding);
    let args = sample_args(provider, operation, &params);
    futures::executor::block_on(async move {
        let out = c.call(operation, args).await?;
        Ok(match out {
            // Walk the paging decision too (the next fetch answers the same).
            Output::Page(page) => {
                let next = page.has_next();
                format!("{page:?} next={next}")
            }
            other => format!("{other:?}"),
        })
    })
}

/// [`decode_with`] without response headers and with default list parameters.
pub fn decode(
    provider: Provider,
    operation: Operation,
    status: u16,
    body: &[u8],
) -> Result<String> {
    decode_with(
        provider,
        operation,
        status,
        &[],
        body,
        ListParams::default(),
    )
}

/// Whether `error` is what a bad answer with `status` may produce: a
/// Decode error or the API error of that status, carrying the status.
pub fn is_expected_error(error: &crate::Error, status: u16) -> bool {
    !matches!(
        error.kind(),
        ErrorKind::Connection
            | ErrorKind::InvalidArgument
            | ErrorKind::Unsupported
            | ErrorKind::WebhookVerification
    ) && error.status() == Some(status)
        && error.provider().is_some()
        && error.operation().is_some()
}

/// Statuses a fuzz input picks from (its second byte).
const STATUSES: &[u16] = &[
    200, 201, 204, 202, 299, 400, 401, 403, 404, 409, 410, 422, 429, 500, 502, 503, 504, 408, 418,
    302, 501, 505, 599, 206,
];

/// One fuzz input for `provider`'s read paths: byte 0 picks the operation,
/// byte 1 the status, byte 2 the list parameters, byte 3 whether a header
/// block (`name:value` lines up to the first NUL) precedes the body; the
/// rest is the body. Panics if the call panics or fails other than with a
/// Decode error or the API error of the status.
pub fn decode_input(provider: Provider, data: &[u8]) {
    if let Some(input) = Input::read(provider, data) {
        check_decode(
            provider,
            input.operation,
            input.status,
            &input.headers,
            input.body(),
            input.params.clone(),
        );
    }
}

/// One fuzz input read as [`decode_input`] reads it, decoded by the
/// streamed and by the reference decoders: panics unless both give the
/// same result, or the same error.
pub fn differential_input(provider: Provider, data: &[u8]) {
    if let Some(input) = Input::read(provider, data) {
        check_same(
            provider,
            input.operation,
            input.status,
            &input.headers,
            input.body(),
            input.params.clone(),
        );
    }
}

/// Decodes one answer by both decoders; panics unless they agree.
pub fn check_same(
    provider: Provider,
    operation: Operation,
    status: u16,
    headers: &[(&str, &[u8])],
    body: &[u8],
    params: ListParams,
) {
    let by = |d| {
        decode_by(
            d,
            provider,
            operation,
            status,
            headers,
            body,
            params.clone(),
        )
        .map_err(|e| e.to_string())
    };
    let (streamed, reference) = (by(Decoding::Streamed), by(Decoding::Reference));
    assert_eq!(
        streamed,
        reference,
        "{provider} {operation:?} HTTP {status}: the decoders differ on {:?}",
        String::from_utf8_lossy(&body[..body.len().min(400)])
    );
}

/// A fuzz input's parts (see [`decode_input`]).
struct Input<'a> {
    operation: Operation,
    status: u16,
    params: ListParams,
    headers: Vec<(&'a str, &'a [u8])>,
    body: &'a [u8],
    big: Option<Vec<u8>>,
}

impl<'a> Input<'a> {
    fn read(provider: Provider, data: &'a [u8]) -> Option<Self> {
        let ops = operations(provider);
        let [op, status, params, flags, rest @ ..] = data else {
            return None;
        };
        let operation = ops[usize::from(*op) % ops.len()];
        let status = STATUSES[usize::from(*status) % STATUSES.len()];
        let params = ListParams {
            page: [None, Some(1), Some(2), Some(u32::MAX)][usize::from(params & 3)],
            skip: [None, Some(0), Some(5), Some(u64::MAX)][usize::from((params >> 2) & 3)],
            limit: [None, Some(1), Some(20), Some(100)][usize::from((params >> 4) & 3)],
            ..Default::default()
        };
        let (header_block, body) = match (flags & 1, rest.iter().position(|b| *b == 0)) {
            (1, Some(nul)) => (&rest[..nul], &rest[nul + 1..]),
            _ => (&[][..], rest),
        };
        let headers = header_block
            .split(|b| *b == b'\n')
            .filter_map(|line| {
                let colon = line.iter().position(|b| *b == b':')?;
                let name = std::str::from_utf8(&line[..colon]).ok()?;
                Some((name, &line[colon + 1..]))
            })
            .collect();
        // A body the server could send that is larger than the cap: the 4th
        // flag bit repeats the body past it.
        let big = (flags & 2 != 0 && !body.is_empty())
            .then(|| body.repeat(MAX_RESPONSE_BYTES / body.len() + 1));
        Some(Input {
            operation,
            status,
            params,
            headers,
            body,
            big,
        })
    }

    fn body(&self) -> &[u8] {
        self.big.as_deref().unwrap_or(self.body)
    }
}

/// Runs one decode and asserts it ended as a decoder may end.
pub fn check_decode(
    provider: Provider,
    operation: Operation,
    status: u16,
    headers: &[(&str, &[u8])],
    body: &[u8],
    params: ListParams,
) {
    match decode_with(provider, operation, status, headers, body, params) {
        Ok(text) => {
            assert!(
                (200..300).contains(&status),
                "{provider} {operation:?}: HTTP {status} decoded as a success: {text}"
            );
            // A success's data is the server's, kept exactly: a token the
            // server put in it is there (README, "Secrets"). What orgkit
            // adds to it never holds one.
            if !answer_holds(TOKEN, headers, body) {
                assert!(!text.contains(TOKEN), "the client token leaked: {text}");
            }
        }
        Err(e) => {
            let shown = format!("{e} {e:?} {:?}", e.body());
            assert!(
                is_expected_error(&e, status),
                "{provider} {operation:?} HTTP {status}: unexpected error {shown}"
            );
            assert!(!shown.contains(TOKEN), "the client token leaked: {shown}");
        }
    }
}

/// Whether the answer itself carries `secret`: in a header's name or value,
/// or in the body, as it is or once its JSON escapes are read.
fn answer_holds(secret: &str, headers: &[(&str, &[u8])], body: &[u8]) -> bool {
    let holds = |bytes: &[u8]| String::from_utf8_lossy(bytes).contains(secret);
    headers
        .iter()
        .any(|(name, value)| name.contains(secret) || holds(value))
        || holds(body)
        || serde_json::from_slice::<Value>(body).is_ok_and(|v| v.to_string().contains(secret))
}

/// One fuzz input for webhook verification. Byte 0: flags (bit 0-1 the
/// secret, bit 2-4 which headers are present, bit 5 add a valid signature
/// so the payload is reached, bit 6 `now` = the timestamp); the rest is
/// `id NUL timestamp NUL signature NUL body`. Panics if verification
/// panics or fails with anything but a typed verification error.
pub fn webhook_input(data: &[u8]) {
    use crate::webhooks::{sign, verify_at};
    let Some((flags, rest)) = data.split_first() else {
        return;
    };
    let secret = [
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "plain-secret",
        "whsec_not base64!",
        "",
    ][usize::from(flags & 3)];
    let mut parts = rest.splitn(4, |b| *b == 0);
    let id = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let ts = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let mut sig = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let body = parts.next().unwrap_or_default();
    let parsed = ts.trim().parse::<i64>().ok();
    let when = parsed.and_then(|s| chrono::DateTime::from_timestamp(s, 0));
    let mut signed = false;
    if flags & 0x20 != 0 {
        if let Some(when) = when {
            if let Ok(h) = sign(secret, &id, body, Some(when)) {
                // `sign` writes the canonical timestamp; verify against the same text.
                if h.timestamp == ts {
                    sig = format!("{sig} {}", h.signature);
                    signed = true;
                }
            }
        }
    }
    let now = match (flags & 0x40 != 0, when) {
        (true, Some(w)) => w,
        _ => chrono::DateTime::from_timestamp(1_767_225_600, 0).expect("a valid time"),
    };
    let mut headers = Vec::new();
    if flags & 0x04 == 0 {
        headers.push(("webhook-id", id.as_str()));
    }
    if flags & 0x08 == 0 {
        headers.push(("Webhook-Timestamp", ts.as_str()));
    }
    if flags & 0x10 == 0 {
        headers.push(("WEBHOOK-SIGNATURE", sig.as_str()));
    }
    match verify_at(secret, headers.iter().copied(), body, now) {
        Ok(event) => {
            let _ = format!("{event:?}");
            assert!(flags & 0x1c == 0, "verified with a header missing");
        }
        Err(e) => {
            let _ = format!("{e} {e:?}");
            let code = e.code().unwrap_or_default();
            match e.kind() {
                ErrorKind::WebhookVerification => assert!(
                    [
                        "missing_header",
                        "invalid_timestamp",
                        "timestamp_too_old",
                        "timestamp_too_new",
                        "invalid_signature",
                        "invalid_payload",
                    ]
                    .contains(&code),
                    "unknown verification code {code:?}"
                ),
                ErrorKind::InvalidArgument => {
                    assert!(flags & 3 >= 2, "a usable secret was refused: {e}")
                }
                other => panic!("webhook verification failed with {other}: {e}"),
            }
            // A delivery we signed ourselves, checked at its own time, fails
            // only on its payload.
            if signed && flags & 0x5c == 0x40 {
                assert_eq!(
                    code, "invalid_payload",
                    "a valid signature was refused: {e}"
                );
            }
        }
    }
}

/// The body reader's view of `body` as a `serde_json` value (integers
/// beyond 64 bits as their digits in a string), for the differential test
/// against `serde_json`.
pub fn read_json(body: &[u8]) -> std::result::Result<Value, String> {
    crate::models::decode::parse(body).map(crate::models::decode::Val::into_value)
}
