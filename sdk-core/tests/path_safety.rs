//! Every id argument of every operation of every provider, given hostile
//! text, is either refused before anything is sent (InvalidArgument naming
//! it) or routed to a path the URL parser keeps exactly as routed
//! (`orgkit::__fuzz::check_route` panics otherwise). The open-ended part
//! is the `args` fuzz target in `sdk-core/fuzz/`.

use orgkit::__fuzz::{args_input, check_route, id_args, operations, sample_args};
use orgkit::{ErrorKind, ListParams, Operation, Provider, Style};
use serde_json::{json, Value};

/// Text that URL parsers or servers may read as more (or less) than one
/// path segment, and text that is merely unusual.
const HOSTILE: &[&str] = &[
    ".", "..", "", " ", "./", "../x", "%2e%2e", ".%2E", "%2E.", "a/../b", "/", "//", "?", "#",
    "\\", "..\\", "%", "%zz", "a b", "日本", "\u{0}", "\t", "a\r\nb", "...", "-", "~", ";", "@",
    ":", "+",
];

#[test]
fn hostile_ids_are_refused_or_stay_one_segment() {
    let (mut refused, mut routed) = (0, 0);
    for provider in Provider::ALL {
        for op in operations(provider) {
            for name in id_args(provider, op) {
                for bad in HOSTILE {
                    let mut args = sample_args(provider, op, &ListParams::default());
                    let list = matches!(args.get(&name), Some(Value::Array(_)));
                    let value = if list { json!([4, bad]) } else { json!(bad) };
                    args.insert(name.clone(), value);
                    match check_route(provider, op, &args, Style::Snake) {
                        Ok(_) => routed += 1,
                        Err(e) => {
                            assert_eq!(
                                e.kind(),
                                ErrorKind::InvalidArgument,
                                "{provider} {op:?} {name}={bad:?}: {e}"
                            );
                            // A list's item is named by its index: `people.1`.
                            let named = if list {
                                format!("{name}.1")
                            } else {
                                name.clone()
                            };
                            let field = e.field_errors().first().map(|f| f.field.clone());
                            assert_eq!(field, Some(named), "{e}");
                            refused += 1;
                        }
                    }
                }
            }
        }
    }
    // Every provider has ids in paths: both outcomes must have happened.
    assert!(
        refused >= 100 && routed >= 500,
        "refused {refused}, routed {routed}"
    );
}

#[test]
fn the_ids_in_paths_are_found_for_every_provider() {
    let ids = |p, op| id_args(p, op);
    assert_eq!(ids(Provider::Ourganize, Operation::TasksGet), ["id"]);
    assert_eq!(
        ids(Provider::Ourganize, Operation::TasksList),
        ["project_id"]
    );
    assert_eq!(
        ids(Provider::Kaana, Operation::TasksList),
        ["organization_id"]
    );
    assert_eq!(
        ids(Provider::Kaana, Operation::MembersRemove),
        ["organization_id", "people"]
    );
    assert_eq!(ids(Provider::Pm415, Operation::OrganizationsSwitch), ["id"]);
}

#[test]
fn a_dot_id_is_refused_in_both_spellings() {
    let mut args = sample_args(
        Provider::Kaana,
        Operation::MembersSetRole,
        &ListParams::default(),
    );
    args.insert("organization_id".into(), json!(".."));
    let e = check_route(
        Provider::Kaana,
        Operation::MembersSetRole,
        &args,
        Style::Snake,
    )
    .unwrap_err();
    assert_eq!(e.field_errors()[0].field, "organization_id");
    let camel = args
        .into_iter()
        .map(|(k, v)| (Style::Camel.spell(&k), v))
        .collect();
    let e = check_route(
        Provider::Kaana,
        Operation::MembersSetRole,
        &camel,
        Style::Camel,
    )
    .unwrap_err();
    assert_eq!(e.field_errors()[0].field, "organizationId");
}

#[test]
fn the_args_fuzz_entry_takes_any_bytes() {
    // Whatever it is given, it returns (the fuzz target's contract).
    for data in [
        &b""[..],
        b"\x00",
        b"\x00\x00{}",
        b"\x07\x01{\"organizationId\": \"..\"}",
        b"\x03\x00{\"id\": [1, {\"x\": null}], \"limit\": -1}",
        b"\xff\xff not json",
    ] {
        for provider in Provider::ALL {
            args_input(provider, data);
        }
    }
}
