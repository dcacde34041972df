//! The argument side of the fuzzing: arbitrary arguments to every
//! operation must never crash, and never change which resource a request
//! names. Each id goes into its path as one segment; if the URL parser
//! reads the routed path as anything else (a `..` taken as "up", a `.` as
//! "here"), the request would reach another resource with the client's
//! credentials.

use serde_json::{Map, Value};
use url::Url;

use super::{client, operations, sample_args, Canned, TOKEN};
use crate::config::Provider;
use crate::error::{Error, ErrorKind, Result};
use crate::models::args::Style;
use crate::models::describe::Ty;
use crate::operation::{Call, Operation};
use crate::pagination::ListParams;

/// The base URL the routed paths are joined to (as the fuzz clients').
const BASE: &str = "http://fuzz.invalid/api";

/// Routes `operation` with `args` as the engine does (read, check, route,
/// join) and returns the paths the requests would go to, or the error the
/// checks gave. Panics if joining a routed path to the base URL changes
/// it: the URL's path must be the base's path and the route's, exactly.
pub fn check_route(
    provider: Provider,
    operation: Operation,
    args: &Map<String, Value>,
    style: Style,
) -> Result<Vec<String>> {
    let call = Call::from_args(operation, args, style)?;
    call.validate(style)?;
    let route = crate::providers::dialect(provider).route(&call)?;
    let base = Url::parse(BASE).expect("the fuzz base URL parses");
    let mut sent = Vec::with_capacity(route.wires.len());
    for wire in &route.wires {
        let url = crate::request_url::join(&base, &wire.path, &wire.query)
            .map_err(|e| Error::new(ErrorKind::InvalidArgument, e.to_string()))?;
        let routed = format!("/api/{}", wire.path.trim_start_matches('/'));
        assert_eq!(
            url.path(),
            routed,
            "{provider} {operation:?}: the URL parser changed the routed path (args {args:?})"
        );
        assert_eq!(
            url.host_str(),
            Some("fuzz.invalid"),
            "{provider} {operation:?}"
        );
        sent.push(routed);
    }
    Ok(sent)
}

/// The arguments of `operation`'s sample call that hold ids (one or a
/// list), by the operation's description: its resource's scope, its own
/// parameters and the fields of its inputs.
pub fn id_args(provider: Provider, operation: Operation) -> Vec<String> {
    let sample = sample_args(provider, operation, &ListParams::default());
    let s = super::described();
    let is_id = |ty: &Ty| match ty {
        Ty::Optional(inner) | Ty::List(inner) => **inner == Ty::Id,
        ty => *ty == Ty::Id,
    };
    let mut names: Vec<&str> = Vec::new();
    if let Some(resource) = s.resources.iter().find(|r| r.name == operation.resource()) {
        let op = resource
            .operations
            .iter()
            .find(|o| o.name == operation.as_str());
        let params = resource
            .scope
            .iter()
            .chain(op.into_iter().flat_map(|o| &o.params));
        for p in params {
            match p.input {
                None if is_id(&p.ty) => names.push(p.name),
                None => {}
                Some(input) => {
                    let fields = s.inputs.iter().filter(|i| i.name == input);
                    for f in fields.flat_map(|i| &i.fields) {
                        if is_id(&f.ty) {
                            names.push(f.name);
                        }
                    }
                }
            }
        }
    }
    names.sort_unstable();
    names.dedup();
    names
        .into_iter()
        .filter(|n| sample.contains_key(*n))
        .map(String::from)
        .collect()
}

/// One fuzz input for `provider`'s arguments: byte 0 picks the operation,
/// byte 1 the spelling (snake or camel case), the rest is a JSON object
/// whose keys replace or add to the operation's sample arguments. The
/// call is routed ([`check_route`]), then made against a server answering
/// `200 {}`; whatever it returns, it must not panic or show the token.
pub fn args_input(provider: Provider, data: &[u8]) {
    let [op, style, json @ ..] = data else {
        return;
    };
    let ops = operations(provider);
    let operation = ops[usize::from(*op) % ops.len()];
    let style = if style & 1 == 0 {
        Style::Snake
    } else {
        Style::Camel
    };
    let Ok(Value::Object(given)) = serde_json::from_slice::<Value>(json) else {
        return;
    };
    let mut args = sample_args(provider, operation, &ListParams::default());
    if style == Style::Camel {
        args = args
            .into_iter()
            .map(|(k, v)| (style.spell(&k), v))
            .collect();
    }
    args.extend(given);
    // Routing may refuse the arguments; it must not misroute them.
    let _ = check_route(provider, operation, &args, style);
    let http = std::sync::Arc::new(Canned {
        status: 200,
        headers: Default::default(),
        body: bytes::Bytes::from_static(b"{}"),
    });
    let c = client(provider, http);
    let outcome = futures::executor::block_on(c.call(operation, args).arg_style(style));
    if let Err(e) = outcome {
        let shown = format!("{e} {e:?}");
        assert!(
            !shown.contains(TOKEN),
            "{provider} {operation:?}: the error shows the token: {shown}"
        );
    }
}
