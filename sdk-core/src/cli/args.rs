//! An operation's arguments on the command line, derived from its
//! description in the surface: the resource's scope and the operation's
//! value parameters are positional, in order; an input's fields are
//! `--flags` (nested ones dotted: `--settings.is-public`); and each typed
//! value is read back into the JSON arguments [`crate::Client::call`] takes.

use std::io::IsTerminal as _;

use clap::ArgMatches;
use serde_json::{Map, Value};

use super::errors::{bad_arg, CliError};
use crate::api::Surface;
use crate::models::args::json_text_arg;
use crate::models::describe::{FieldSpec, ModelSpec, Ty};
use crate::operation::{OperationSpec, ParamSpec, ResourceSpec};

/// Where an argument goes on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    /// A positional after the resource (`members <ORGANIZATION_ID>`).
    Scope,
    /// A positional after the operation.
    Positional,
    /// A `--flag`.
    Flag,
}

/// One argument of a generated command.
#[derive(Clone, Debug)]
pub(crate) struct Slot {
    /// The clap id (`@settings.is_public`).
    pub id: String,
    /// Where the value goes in the JSON arguments (`["settings", "is_public"]`).
    pub path: Vec<&'static str>,
    /// Its type, without `Optional`.
    pub ty: Ty,
    /// Positional or flag.
    pub place: Place,
    /// The flag's long name (`settings.is-public`); empty for positionals.
    pub long: String,
    /// Other spellings of the flag (`organization_id`, `filters`).
    pub aliases: Vec<String>,
    /// `<PERSON>`, `<TIME>`, …
    pub value_name: String,
    /// The surface says it must be given.
    pub required: bool,
    /// A secret: `-` reads it from stdin, flags get `--<flag>-stdin`, and a
    /// missing required one is asked for without echo.
    pub secret: bool,
    /// The help line: the field's doc and what the value looks like.
    pub help: String,
    /// A nested input given whole as one JSON object (`--settings '{…}'`).
    pub whole: bool,
}

impl Slot {
    /// How the user spells it: `--settings.is-public` or `<PERSON>`.
    pub fn shown(&self) -> String {
        match self.place {
            Place::Flag => format!("--{}", self.long),
            _ => format!("<{}>", self.value_name),
        }
    }

    /// The clap id of the `--<flag>-stdin` companion of a secret flag.
    pub fn stdin_id(&self) -> String {
        format!("{}:stdin", self.id)
    }

    /// Whether it takes several values.
    pub fn many(&self) -> bool {
        matches!(self.ty, Ty::List(_) | Ty::Map(_))
    }
}

/// `set_role` → `set-role`.
pub(crate) fn kebab(name: &str) -> String {
    name.replace('_', "-")
}

fn strip_optional(ty: &Ty) -> Ty {
    match ty {
        Ty::Optional(inner) => strip_optional(inner),
        other => other.clone(),
    }
}

/// A model or input of the surface by name.
pub(crate) fn find_model<'s>(surface: &'s Surface, name: &str) -> Option<&'s ModelSpec> {
    surface
        .inputs
        .iter()
        .chain(surface.models.iter())
        .find(|m| m.name == name)
}

/// Doc text for a terminal: code blocks (Rust examples) and Rust call
/// spellings (`: `client.members(org)``) dropped.
pub(crate) fn cli_doc(doc: &str) -> String {
    let mut out = Vec::new();
    let mut in_code = false;
    for line in doc.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if !in_code {
            out.push(without_rust_calls(line.trim_end()));
        }
    }
    let text = out.join("\n");
    let mut squeezed = String::new();
    for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        if !squeezed.is_empty() {
            squeezed.push_str("\n\n");
        }
        squeezed.push_str(para);
    }
    squeezed
}

/// `The people of one organization: `client.members(org)`.` → `The people of one organization.`
fn without_rust_calls(line: &str) -> String {
    let mut s = line.to_string();
    while let Some(start) = s.find("`client.") {
        let Some(len) = s[start + 1..].find('`') else {
            break;
        };
        let end = start + 1 + len + 1;
        let mut from = start;
        for sep in [": ", " "] {
            if s[..from].ends_with(sep) {
                from -= sep.len();
                break;
            }
        }
        s.replace_range(from..end, "");
    }
    s
}

/// The first paragraph as one line (a command's short help).
pub(crate) fn summary(doc: &str) -> String {
    let doc = cli_doc(doc);
    let first = doc.split("\n\n").next().unwrap_or("");
    first.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a value of `ty` looks like, for help text.
fn hint(surface: &Surface, ty: &Ty) -> String {
    match ty {
        Ty::Enum(name) => match surface.enums.iter().find(|e| e.name == *name) {
            Some(e) => format!(" [known: {}]", e.values.join(", ")),
            None => String::new(),
        },
        Ty::Time => " (RFC 3339, e.g. 2024-01-15T10:30:00Z, or a date 2024-01-15)".into(),
        Ty::Json => " (JSON)".into(),
        Ty::Bool => " (true or false)".into(),
        Ty::Int => " (a whole number)".into(),
        Ty::List(inner) => {
            let inner = hint(surface, inner);
            format!(" (several: repeat it or separate with commas){inner}")
        }
        Ty::Map(_) => " (KEY=VALUE; repeat for more)".into(),
        Ty::Model(_) => " (a JSON object)".into(),
        Ty::Optional(inner) => hint(surface, inner),
        Ty::Secret => " (secret: `-` reads it from stdin; asked for when left out)".into(),
        Ty::Id | Ty::Str => String::new(),
    }
}

fn value_name(ty: &Ty, name: &str) -> String {
    match ty {
        Ty::Bool => "true|false".into(),
        Ty::Map(_) => "KEY=VALUE".into(),
        Ty::Json | Ty::Model(_) => "JSON".into(),
        Ty::Time => "TIME".into(),
        _ => name.to_ascii_uppercase(),
    }
}

fn first_line(doc: &str) -> String {
    summary(doc)
}

fn value_slot(surface: &Surface, p: &ParamSpec, place: Place) -> Slot {
    let ty = strip_optional(&p.ty);
    let mut help = first_line(&p.doc);
    help.push_str(&hint(surface, &ty));
    if let Some(d) = p.default {
        help.push_str(&format!(" [default: {d}]"));
    }
    Slot {
        id: format!("@{}", p.name),
        path: vec![p.name],
        secret: ty == Ty::Secret,
        value_name: value_name(&ty, p.name),
        ty,
        place,
        long: if place == Place::Flag {
            kebab(p.name)
        } else {
            String::new()
        },
        aliases: if place == Place::Flag && p.name.contains('_') {
            vec![p.name.to_string()]
        } else {
            Vec::new()
        },
        required: p.required,
        help,
        whole: false,
    }
}

/// The flags of one input field (and, for a nested model, of its fields).
fn field_slots(surface: &Surface, out: &mut Vec<Slot>, prefix: &[&'static str], f: &FieldSpec) {
    let ty = strip_optional(&f.ty);
    let mut path = prefix.to_vec();
    path.push(f.name);
    let dotted = path.join(".");
    let long: String = path.iter().map(|p| kebab(p)).collect::<Vec<_>>().join(".");
    let mut aliases = Vec::new();
    if dotted != long {
        aliases.push(dotted.clone());
    }
    let secret = f.secret || ty == Ty::Secret;
    let mut help = first_line(&f.doc);
    let nested = match &ty {
        Ty::Model(name) if prefix.len() < 3 => find_model(surface, name),
        _ => None,
    };
    let (long, ty) = match (&ty, nested) {
        (_, Some(model)) => {
            help.push_str(&format!(
                " (a JSON object; or give its fields one by one: --{long}.<field>)"
            ));
            out.push(Slot {
                id: format!("@{dotted}"),
                path: path.clone(),
                ty: Ty::Json,
                place: Place::Flag,
                long,
                aliases,
                value_name: "JSON".into(),
                required: false,
                secret,
                help,
                whole: true,
            });
            for sub in &model.fields {
                field_slots(surface, out, &path, sub);
            }
            return;
        }
        (Ty::Map(_), None) => {
            // `filters` → `--filter k=v`, repeated.
            match long.strip_suffix('s') {
                Some(singular) if !singular.ends_with('.') && !singular.is_empty() => {
                    aliases.push(long.clone());
                    (singular.to_string(), ty)
                }
                _ => (long, ty),
            }
        }
        _ => (long, ty),
    };
    help.push_str(&hint(surface, &ty));
    out.push(Slot {
        id: format!("@{dotted}"),
        path,
        value_name: value_name(&ty, f.name),
        ty,
        place: Place::Flag,
        long,
        aliases,
        required: f.required && prefix.is_empty(),
        secret,
        help,
        whole: false,
    });
}

/// Every argument of `op` on `resource`, in command-line order: the
/// scope, the positionals, then the flags.
pub(crate) fn op_slots(
    surface: &Surface,
    resource: &ResourceSpec,
    op: &OperationSpec,
) -> Vec<Slot> {
    let mut out: Vec<Slot> = resource
        .scope
        .iter()
        .map(|p| value_slot(surface, p, Place::Scope))
        .collect();
    for p in &op.params {
        if p.shape == "value" {
            let place = if p.named {
                Place::Flag
            } else {
                Place::Positional
            };
            out.push(value_slot(surface, p, place));
        } else if let Some(input) = p.input.and_then(|name| find_model(surface, name)) {
            for f in &input.fields {
                field_slots(surface, &mut out, &[], f);
            }
        }
    }
    // clap takes several values only in the last positional.
    let positionals: Vec<usize> = (0..out.len())
        .filter(|&i| out[i].place == Place::Positional)
        .collect();
    for (n, &i) in positionals.iter().enumerate() {
        if out[i].many() && n + 1 != positionals.len() {
            out[i].place = Place::Flag;
            out[i].long = kebab(out[i].path[0]);
        }
    }
    // Two inputs may share a field (`tasks list`: the scope's and the list
    // options' organization_id): one flag, read once.
    let mut seen = std::collections::HashSet::new();
    out.retain(|s| seen.insert(s.id.clone()));
    out
}

/// Reads the arguments of a call from what clap matched: `scope` holds the
/// resource's positionals, `op` the operation's arguments.
pub(crate) fn read_args(
    slots: &[Slot],
    scope: &ArgMatches,
    op: &ArgMatches,
) -> Result<Map<String, Value>, CliError> {
    let mut args = Map::new();
    let mut given: Vec<&Slot> = Vec::new();
    for slot in slots {
        let m = if slot.place == Place::Scope {
            scope
        } else {
            op
        };
        let raw: Option<Vec<String>> = m
            .get_many::<String>(&slot.id)
            .map(|vals| vals.cloned().collect());
        let raw = match raw {
            Some(v) => Some(v),
            None if slot.secret => secret_value(slot, m)?,
            None => None,
        };
        let Some(raw) = raw else { continue };
        let value = convert_all(slot, raw)?;
        if let Err(field) = insert(&mut args, &slot.path, value) {
            // Only a whole object and one of its dotted fields can meet.
            let other = given
                .iter()
                .rev()
                .find(|g| slot.path.starts_with(&g.path) || g.path.starts_with(&slot.path))
                .map(|g| g.shown())
                .unwrap_or_default();
            return Err(bad_arg(
                &slot.shown(),
                format!("gives {field} another value than {other} does; give it once"),
            ));
        }
        given.push(slot);
    }
    Ok(args)
}

/// A secret that was not given on the command line: from stdin with
/// `--<flag>-stdin`, else asked for without echo when it is required and
/// there is a terminal to ask on.
fn secret_value(slot: &Slot, m: &ArgMatches) -> Result<Option<Vec<String>>, CliError> {
    let from_stdin = slot.place == Place::Flag
        && m.try_get_one::<bool>(&slot.stdin_id())
            .ok()
            .flatten()
            .copied()
            .unwrap_or(false);
    if from_stdin {
        return read_stdin_line(&slot.shown()).map(|v| Some(vec![v]));
    }
    if !slot.required {
        return Ok(None);
    }
    if !std::io::stdin().is_terminal() {
        let how = if slot.place == Place::Flag {
            format!(
                "pass it, use --{}-stdin, or run in a terminal to be asked",
                slot.long
            )
        } else {
            "pass it (`-` reads it from stdin), or run in a terminal to be asked".into()
        };
        return Err(bad_arg(&slot.shown(), format!("is required: {how}")));
    }
    let label = slot
        .path
        .last()
        .map(|p| {
            let mut s = p.replace('_', " ");
            if let Some(c) = s.get_mut(0..1) {
                c.make_ascii_uppercase();
            }
            s
        })
        .unwrap_or_default();
    let value = rpassword::prompt_password(format!("{label}: "))
        .map_err(|e| CliError::Failed(format!("cannot read {}: {e}", slot.shown())))?;
    Ok(Some(vec![value]))
}

/// The first line of stdin, without its line ending.
pub(crate) fn read_stdin_line(shown: &str) -> Result<String, CliError> {
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| CliError::Failed(format!("cannot read {shown} from stdin: {e}")))?;
    let value = line.trim_end_matches(['\n', '\r']).to_string();
    if value.is_empty() {
        return Err(bad_arg(shown, "stdin gave an empty value"));
    }
    Ok(value)
}

/// Puts `value` at `path`, merging into an object already there. A field
/// that already holds another value is not overwritten: the error is its
/// dotted name, so neither of two values the user gave is dropped unseen.
fn insert(map: &mut Map<String, Value>, path: &[&str], value: Value) -> Result<(), String> {
    let Some((last, parents)) = path.split_last() else {
        return Ok(());
    };
    let mut cur = map;
    for (depth, p) in parents.iter().enumerate() {
        let entry = cur
            .entry(p.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        cur = match entry {
            Value::Object(m) => m,
            _ => return Err(parents[..=depth].join(".")),
        };
    }
    match (cur.get_mut(*last), value) {
        (None, value) => {
            cur.insert(last.to_string(), value);
        }
        (Some(Value::Object(old)), Value::Object(new)) => {
            for (k, v) in new {
                let mut at = path.to_vec();
                at.push(&k);
                match old.get(&k) {
                    Some(was) if *was != v => return Err(at.join(".")),
                    _ => {
                        old.insert(k, v);
                    }
                }
            }
        }
        (Some(was), value) if *was == value => {}
        (Some(_), _) => return Err(path.join(".")),
    }
    Ok(())
}

fn convert_all(slot: &Slot, raw: Vec<String>) -> Result<Value, CliError> {
    let shown = slot.shown();
    let raw: Vec<String> = if slot.secret {
        raw.into_iter()
            .map(|v| {
                if v == "-" {
                    read_stdin_line(&shown)
                } else {
                    Ok(v)
                }
            })
            .collect::<Result<_, _>>()?
    } else {
        raw
    };
    match &slot.ty {
        Ty::List(inner) => {
            if let [one] = raw.as_slice() {
                if one.trim_start().starts_with('[') {
                    return json_text_arg(one)
                        .map_err(|e| bad_arg(&shown, format!("not a JSON list: {e}")));
                }
            }
            let mut items = Vec::new();
            for v in &raw {
                let parts: Vec<&str> = if matches!(**inner, Ty::Json) {
                    vec![v.as_str()]
                } else {
                    v.split(',')
                        .map(str::trim)
                        .filter(|p| !p.is_empty())
                        .collect()
                };
                for part in parts {
                    items.push(convert(inner, part, &shown)?);
                }
            }
            Ok(Value::Array(items))
        }
        Ty::Map(inner) => {
            let mut map = Map::new();
            for v in &raw {
                let (k, val) = v
                    .split_once('=')
                    .ok_or_else(|| bad_arg(&shown, format!("expected KEY=VALUE, got {v:?}")))?;
                let key = k.trim();
                if key.is_empty() {
                    return Err(bad_arg(&shown, format!("expected KEY=VALUE, got {v:?}")));
                }
                let value = match **inner {
                    // Free-form values: JSON when they read as JSON, else text.
                    Ty::Json => json_text_arg(val).unwrap_or_else(|_| Value::String(val.into())),
                    ref other => convert(other, val, &shown)?,
                };
                match map.get(key) {
                    Some(was) if *was != value => {
                        return Err(bad_arg(
                            &shown,
                            format!("{key} is given twice, with two values; give it once"),
                        ))
                    }
                    _ => {
                        map.insert(key.to_string(), value);
                    }
                }
            }
            Ok(Value::Object(map))
        }
        ty => {
            let v = raw.last().map(String::as_str).unwrap_or_default();
            let value = convert(ty, v, &shown)?;
            if slot.whole && !value.is_object() {
                return Err(bad_arg(&shown, "expected a JSON object"));
            }
            Ok(value)
        }
    }
}

/// One value of type `ty` from the command line, as JSON; a bad one is an
/// error naming `shown` (the flag or positional).
pub(crate) fn convert(ty: &Ty, raw: &str, shown: &str) -> Result<Value, CliError> {
    match ty {
        Ty::Id => {
            let t = raw.trim();
            if t.is_empty() {
                Err(bad_arg(shown, "must not be empty"))
            } else if let Ok(n) = t.parse::<u64>() {
                Ok(Value::Number(n.into()))
            } else {
                // Beyond 64 bits as its digits: an id argument's text stays
                // exact (`Id::BigInt`) and goes out as the number it spells.
                Ok(Value::String(t.into()))
            }
        }
        Ty::Bool => match raw.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" | "on" | "1" => Ok(Value::Bool(true)),
            "false" | "no" | "n" | "off" | "0" => Ok(Value::Bool(false)),
            _ => Err(bad_arg(shown, format!("expected true or false, got {raw:?}"))),
        },
        Ty::Int => raw
            .trim()
            .parse::<u64>()
            .map(|n| Value::Number(n.into()))
            .map_err(|_| bad_arg(shown, format!("expected a whole number of 0 or more, got {raw:?}"))),
        Ty::Time => parse_time(raw)
            .map(Value::String)
            .ok_or_else(|| {
                bad_arg(
                    shown,
                    format!("expected an RFC 3339 date-time (2024-01-15T10:30:00Z) or a date (2024-01-15), got {raw:?}"),
                )
            }),
        Ty::Json | Ty::Model(_) => {
            json_text_arg(raw).map_err(|e| bad_arg(shown, format!("not valid JSON: {e}")))
        }
        Ty::Optional(inner) => convert(inner, raw, shown),
        Ty::List(inner) => convert(inner, raw, shown).map(|v| Value::Array(vec![v])),
        Ty::Map(_) => Err(bad_arg(shown, "expected KEY=VALUE")),
        Ty::Str | Ty::Enum(_) | Ty::Secret => Ok(Value::String(raw.to_string())),
    }
}

/// An RFC 3339 date-time, or a plain date (midnight UTC), as RFC 3339.
fn parse_time(raw: &str) -> Option<String> {
    use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
    let t = raw.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Some(
            dt.with_timezone(&Utc)
                .to_rfc3339_opts(SecondsFormat::AutoSi, true),
        );
    }
    let date = NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()?;
    let dt = date.and_hms_opt(0, 0, 0)?.and_utc();
    Some(dt.to_rfc3339_opts(SecondsFormat::AutoSi, true))
}

/// The flag or positional the SDK means by an argument name
/// (`settings.is_public` → `--settings.is-public`, `people.1` → `<PEOPLE>`).
pub(crate) fn shown_for(slots: &[Slot], field: &str) -> String {
    // The CLI's own checks already name the argument as typed.
    if field.starts_with("--") || field.starts_with('<') {
        return field.to_string();
    }
    let best = slots
        .iter()
        .filter(|s| {
            let p = s.path.join(".");
            field == p || field.starts_with(&format!("{p}."))
        })
        .max_by_key(|s| s.path.len());
    match best {
        Some(s) => s.shown(),
        None => {
            // Options of the client itself (`base_url`, `timeout`, …).
            let flag = kebab(field);
            if flag.is_empty() {
                field.to_string()
            } else {
                format!("--{flag}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slots_of(op: &str) -> Vec<Slot> {
        let s = crate::api::surface();
        let (r, o) = s
            .resources
            .iter()
            .find_map(|r| r.operations.iter().find(|o| o.name == op).map(|o| (r, o)))
            .unwrap();
        op_slots(&s, r, o)
    }

    #[test]
    fn scope_and_values_are_positional_inputs_are_flags() {
        let set_role = slots_of("members.set_role");
        let shown: Vec<String> = set_role.iter().map(Slot::shown).collect();
        assert_eq!(shown, ["<ORGANIZATION_ID>", "<PERSON>", "<ROLE>"]);
        assert_eq!(set_role[0].place, Place::Scope);

        let create = slots_of("projects.create");
        let flags: Vec<String> = create.iter().map(Slot::shown).collect();
        for f in [
            "--name",
            "--settings",
            "--settings.is-public",
            "--settings.allow-comments",
            "--tags",
            "--organization-id",
        ] {
            assert!(flags.contains(&f.to_string()), "{f} in {flags:?}");
        }
        let name = create.iter().find(|s| s.long == "name").unwrap();
        assert!(name.required);

        let list = slots_of("tasks.list");
        let org = list.iter().filter(|s| s.long == "organization-id").count();
        assert_eq!(org, 1, "one flag for the shared organization_id");
        let filter = list.iter().find(|s| s.long == "filter").unwrap();
        assert_eq!(filter.aliases, ["filters"]);

        let accept = slots_of("invites.accept");
        let password = accept.iter().find(|s| s.long == "password").unwrap();
        assert!(password.secret && password.required);
        assert_eq!(accept[0].shown(), "<TOKEN>");
        assert!(accept[0].secret);
    }

    #[test]
    fn values_are_read_per_type_and_errors_name_the_flag() {
        assert_eq!(
            convert(&Ty::Id, "12", "<ID>").unwrap(),
            serde_json::json!(12)
        );
        assert_eq!(
            convert(&Ty::Id, "org_01", "<ID>").unwrap(),
            serde_json::json!("org_01")
        );
        let digits = "123456789012345678901234567890";
        let big = convert(&Ty::Id, digits, "<ID>").unwrap();
        assert_eq!(big, Value::String(digits.into()));
        assert_eq!(
            digits.parse::<crate::Id>().unwrap(),
            crate::Id::BigInt(digits.into())
        );
        assert_eq!(convert(&Ty::Bool, "no", "--x").unwrap(), Value::Bool(false));
        assert_eq!(
            convert(&Ty::Time, "2024-01-15", "--due-date").unwrap(),
            Value::String("2024-01-15T00:00:00Z".into())
        );
        assert_eq!(
            convert(&Ty::Json, r#"{"a":[1]}"#, "--metadata").unwrap(),
            serde_json::json!({"a": [1]})
        );
        for (ty, raw, flag) in [
            (Ty::Bool, "maybe", "--settings.is-public"),
            (Ty::Int, "-3", "--limit"),
            (Ty::Time, "tuesday", "--due-date"),
            (Ty::Json, "{nope", "--metadata"),
        ] {
            let Err(CliError::Api(e)) = convert(&ty, raw, flag) else {
                panic!("{raw}")
            };
            assert_eq!(e.kind(), crate::ErrorKind::InvalidArgument);
            assert!(e.message().starts_with(&format!("{flag}: ")), "{e}");
        }
    }

    #[test]
    fn nested_and_dotted_values_merge() {
        let mut m = Map::new();
        let whole = serde_json::json!({"allow_comments": true, "extra": {"a": 1}});
        insert(&mut m, &["settings"], whole).unwrap();
        insert(&mut m, &["settings", "is_public"], Value::Bool(false)).unwrap();
        insert(&mut m, &["settings", "allow_comments"], Value::Bool(true)).unwrap();
        let extra = serde_json::json!({"a": 1, "b": 2});
        insert(&mut m, &["settings", "extra"], extra).unwrap();
        insert(&mut m, &["name"], Value::String("X".into())).unwrap();
        assert_eq!(
            Value::Object(m.clone()),
            serde_json::json!({"settings": {"allow_comments": true, "is_public": false,
                "extra": {"a": 1, "b": 2}}, "name": "X"})
        );
        // Two values for one field: neither is dropped in silence.
        let is_public = insert(&mut m, &["settings", "is_public"], Value::Bool(true));
        assert_eq!(is_public, Err("settings.is_public".into()));
        let a = insert(&mut m, &["settings", "extra"], serde_json::json!({"a": 2}));
        assert_eq!(a, Err("settings.extra.a".into()));
        let below_a_value = insert(&mut m, &["name", "first"], Value::Bool(true));
        assert_eq!(below_a_value, Err("name".into()));
        assert_eq!(m["settings"]["is_public"], false);
    }

    #[test]
    fn sdk_argument_names_map_back_to_flags() {
        let slots = slots_of("projects.create");
        assert_eq!(
            shown_for(&slots, "settings.is_public"),
            "--settings.is-public"
        );
        assert_eq!(shown_for(&slots, "name"), "--name");
        assert_eq!(shown_for(&slots, "base_url"), "--base-url");
        let remove = slots_of("members.remove");
        assert_eq!(shown_for(&remove, "people.1"), "<PEOPLE>");
        // Names the CLI's own checks give are already flags.
        assert_eq!(shown_for(&slots, "--settings"), "--settings");
        assert_eq!(shown_for(&remove, "<PEOPLE>"), "<PEOPLE>");
    }

    #[test]
    fn docs_lose_their_code_blocks() {
        let doc = "Organizations (tenants).\n\n```no_run\nlet x = 1;\n```\n\nMore.";
        assert_eq!(cli_doc(doc), "Organizations (tenants).\n\nMore.");
        assert_eq!(
            summary("One line\ncontinued.\n\nSecond."),
            "One line continued."
        );
        assert_eq!(
            cli_doc("The people of one organization: `client.members(org)`."),
            "The people of one organization."
        );
    }
}
