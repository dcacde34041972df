//! Not public API: a way for the fuzz targets and the fuzz regression
//! tests to push arbitrary HTTP answers through the exact code path a
//! real call takes (request building, envelope reading, error mapping,
//! model decoding, paging, token adoption), without a network.
//!
//! A canned answer is set for the current thread; [`crate::transport`]
//! returns it instead of sending while it is set. Nothing else uses it.

use std::cell::RefCell;
use std::sync::OnceLock;

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::client::Client;
use crate::config::Provider;
use crate::error::{ErrorKind, Result};
use crate::models::{
    Id, Login, NewInvite, NewOrganization, NewProject, NewTask, OrganizationPatch, ProjectPatch,
    Role, TaskPatch, UserPatch,
};
use crate::operation::{Operation, TaskScope};
use crate::pagination::ListParams;

/// An HTTP answer standing in for the server's.
#[derive(Clone, Debug)]
pub(crate) struct Canned {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Bytes,
}

thread_local! {
    static CANNED: RefCell<Option<Canned>> = const { RefCell::new(None) };
}

/// The canned answer of this thread, if a fuzz call is running on it.
pub(crate) fn canned() -> Option<Canned> {
    CANNED.with(|c| c.borrow().clone())
}

struct Reset;
impl Drop for Reset {
    fn drop(&mut self) {
        CANNED.with(|c| *c.borrow_mut() = None);
    }
}

/// The response-size cap of the fuzz clients (small, so the cap is exercised).
pub const MAX_RESPONSE_BYTES: usize = 64 * 1024;

fn client(provider: Provider) -> Client {
    static CLIENTS: OnceLock<Vec<(Provider, Client)>> = OnceLock::new();
    let clients = CLIENTS.get_or_init(|| {
        Provider::ALL
            .iter()
            .map(|p| {
                let c = Client::builder(*p)
                    .base_url("http://fuzz.invalid/api")
                    .token("fuzz-token")
                    .max_retries(0)
                    .max_response_bytes(MAX_RESPONSE_BYTES)
                    .build()
                    .expect("fuzz client builds");
                (*p, c)
            })
            .collect()
    });
    let c = &clients
        .iter()
        .find(|(p, _)| *p == provider)
        .expect("every provider")
        .1;
    // A fresh token each time: login and pm415's switch replace it.
    c.set_token("fuzz-token");
    c.clone()
}

/// The operations `provider` supports, in [`Operation::ALL`] order.
pub fn operations(provider: Provider) -> Vec<Operation> {
    let spec = crate::providers::spec(provider);
    Operation::ALL
        .iter()
        .copied()
        .filter(|op| spec.supports(*op))
        .collect()
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
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_bytes(value),
        ) {
            map.append(n, v);
        }
    }
    CANNED.with(|c| {
        *c.borrow_mut() = Some(Canned {
            status,
            headers: map,
            body: Bytes::copy_from_slice(body),
        })
    });
    let _reset = Reset;
    futures::executor::block_on(run(client(provider), provider, operation, params))
}

fn dbg<T: std::fmt::Debug>(r: Result<T>) -> Result<String> {
    r.map(|v| format!("{v:?}"))
}

async fn run(
    client: Client,
    provider: Provider,
    operation: Operation,
    params: ListParams,
) -> Result<String> {
    use Operation as O;
    let org = Id::Int(7);
    let params = ListParams {
        organization_id: params.organization_id.clone().or(Some(org.clone())),
        ..params
    };
    let people = [Id::Int(4), Id::Str("6".into())];
    match operation {
        O::OrganizationsList => {
            let page = client.organizations().list(params).await?;
            // Walk the paging decision too (the next fetch answers the same).
            let next = page.has_next();
            Ok(format!("{page:?} next={next}"))
        }
        O::OrganizationsGet => dbg(client.organizations().get(org).await),
        O::OrganizationsCreate => dbg(client
            .organizations()
            .create(NewOrganization::named("Acme"))
            .await),
        O::OrganizationsUpdate => dbg(client
            .organizations()
            .update(
                org,
                OrganizationPatch {
                    name: Some("Acme 2".into()),
                    ..Default::default()
                },
            )
            .await),
        O::OrganizationsDelete => dbg(client.organizations().delete(org).await),
        O::OrganizationsDuplicate => dbg(client.organizations().duplicate(org).await),
        O::OrganizationsSwitch => dbg(client.organizations().switch(org).await),
        O::OrganizationsCurrent => dbg(client.organizations().current().await),
        O::MembersList => dbg(client.members(org).list(params).await),
        O::MembersAdd => dbg(client.members(org).add(4, Role::Member).await),
        O::MembersSetRole => dbg(client.members(org).set_role(4, Role::Admin).await),
        O::MembersRemove => dbg(client.members(org).remove(&people).await),
        O::MembersResetPasswords => dbg(client.members(org).reset_passwords(&people).await),
        O::InvitesCreate => {
            let invite = NewInvite {
                email: "new@example.com".into(),
                organization_id: Some(org),
                role: Some(Role::Member),
            };
            dbg(client.invites().create(invite).await)
        }
        O::InvitesValidate => dbg(client.invites().validate("invite-token").await),
        O::InvitesAccept => dbg(client
            .invites()
            .accept("invite-token", "new@example.com", "pw")
            .await),
        O::ProjectsList => dbg(client.projects().list(params).await),
        O::ProjectsGet => dbg(client.projects().get(3).await),
        O::ProjectsCreate => dbg(client.projects().create(NewProject::named("P")).await),
        O::ProjectsUpdate => dbg(client.projects().update(3, ProjectPatch::default()).await),
        O::ProjectsDelete => dbg(client.projects().delete(3).await),
        O::TasksList => {
            let scope = if provider == Provider::Kaana {
                TaskScope::Organization(org)
            } else {
                TaskScope::Project(Id::Int(3))
            };
            dbg(client.tasks().list(scope, params).await)
        }
        O::TasksGet => dbg(client.tasks().get(9).await),
        O::TasksCreate => dbg(client.tasks().create(3, NewTask::titled("T")).await),
        O::TasksUpdate => dbg(client.tasks().update(9, TaskPatch::default()).await),
        O::TasksDelete => dbg(client.tasks().delete(9).await),
        O::DocumentsList => dbg(client.documents(org).list(params).await),
        O::UsersList => dbg(client.users().list(params).await),
        O::UsersMe => dbg(client.users().me().await),
        O::UsersUpdateMe => dbg(client.users().update_me(UserPatch::default()).await),
        O::UsersMyOrganizations => dbg(client.users().my_organizations().await),
        O::AuthLogin => {
            let login = if provider == Provider::Orgstack {
                Login::username("me", "pw")
            } else {
                Login::email("me@example.com", "pw")
            };
            dbg(client.auth().login(login).await)
        }
    }
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
    let ops = operations(provider);
    let [op, status, params, flags, rest @ ..] = data else {
        return;
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
    let headers: Vec<(&str, &[u8])> = header_block
        .split(|b| *b == b'\n')
        .filter_map(|line| {
            let colon = line.iter().position(|b| *b == b':')?;
            let name = std::str::from_utf8(&line[..colon]).ok()?;
            Some((name, &line[colon + 1..]))
        })
        .collect();
    check_decode(provider, operation, status, &headers, body, params);
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
            assert!(
                !text.contains("fuzz-token"),
                "the client token leaked: {text}"
            );
        }
        Err(e) => {
            let shown = format!("{e} {e:?}");
            assert!(
                is_expected_error(&e, status),
                "{provider} {operation:?} HTTP {status}: unexpected error {shown}"
            );
            assert!(
                !shown.contains("fuzz-token"),
                "the client token leaked: {shown}"
            );
        }
    }
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
