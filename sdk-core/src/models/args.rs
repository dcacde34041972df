//! Arguments as JSON: how every binding, the CLI and the test runners hand
//! an operation its arguments (`{"id": 4, "name": "Hooli"}`), read here
//! once into the typed inputs with a clear error naming any bad argument.
//!
//! Argument names are snake_case; camelCase spellings are accepted too
//! (Node passes its objects as they are), and errors name an argument the
//! way the caller's language spells it.

use std::cell::RefCell;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::describe::{Describe, FieldSpec};
use super::id::marked_integer;
use super::Id;
use crate::error::{Error, Result};
use crate::names::{camel_case, is_camel_case_of};
use crate::Secret;

/// How the caller's language spells argument names in errors.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Style {
    /// `organization_id` (Rust, Python, the CLI).
    #[default]
    Snake,
    /// `organizationId` (Node).
    Camel,
}

impl Style {
    /// `name` as this style spells it.
    pub fn spell(self, name: &str) -> String {
        match self {
            Style::Snake => name.to_string(),
            Style::Camel => camel_case(name),
        }
    }
}

/// The argument being read, for error messages: `settings.is_public`.
#[derive(Clone, Debug)]
pub struct ArgName<'a> {
    /// The enclosing argument (`settings`), if nested.
    pub parent: Option<&'a ArgName<'a>>,
    /// The argument's snake_case name.
    pub name: &'a str,
    /// How the caller spells names.
    pub style: Style,
}

impl ArgName<'_> {
    /// The argument as the caller spells it, with its parents.
    pub fn shown(&self) -> String {
        let own = self.style.spell(self.name);
        match self.parent {
            Some(p) => format!("{}.{own}", p.shown()),
            None => own,
        }
    }

    /// An `InvalidArgument` error naming this argument.
    pub fn invalid(&self, message: impl Into<String>) -> Error {
        Error::invalid_argument(&self.shown(), message)
    }

    /// "expected `want`, got a number" for this argument.
    pub fn wrong(&self, want: &str, got: &Value) -> Error {
        self.invalid(format!("expected {want}, got {}", json_type(got)))
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(s) if marked_integer(s).is_some() => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The text of a JSON string argument; `None` for anything else, including
/// an integer beyond 64 bits a binding marked ([`super::big_integer_arg`]).
pub(crate) fn plain_text(value: &Value) -> Option<&str> {
    match value {
        Value::String(s) if marked_integer(s).is_none() => Some(s),
        _ => None,
    }
}

/// JSON text given as an argument (the CLI's `--data`, `--metadata`, …)
/// as argument JSON: an integer beyond 64 bits is marked
/// ([`super::big_integer_arg`]) so it goes out as the same number, where
/// `serde_json` would round it through a float.
#[cfg(feature = "cli")]
pub(crate) fn json_text_arg(text: &str) -> std::result::Result<Value, String> {
    fn exact(v: super::decode::Val<'_>) -> std::result::Result<Value, String> {
        use super::decode::Val;
        Ok(match v {
            Val::Num(n) => match n.to_number() {
                Some(number) => Value::Number(number),
                None => super::big_integer_arg(n.text())
                    .ok_or_else(|| format!("{n} is beyond what a JSON number can hold"))?,
            },
            Val::Arr(items) => {
                Value::Array(items.into_iter().map(exact).collect::<Result<_, _>>()?)
            }
            Val::Obj(entries) => {
                let mut map = Map::new();
                for (k, v) in entries {
                    // A repeated key: the last value, at the first place.
                    map.insert(k.into_owned(), exact(v)?);
                }
                Value::Object(map)
            }
            scalar => scalar.into_value(),
        })
    }
    exact(super::json::parse(text.as_bytes())?)
}

/// A value one argument can hold, read from JSON and written into a
/// request body.
pub trait Arg: Sized {
    /// Whether it may be left out (then [`Arg::missing`] gives its value).
    const OPTIONAL: bool = false;
    /// Reads the argument from a non-null JSON value.
    fn from_arg(value: &Value, name: &ArgName<'_>) -> Result<Self>;
    /// What an absent (or null) argument means: an error unless optional.
    fn missing(name: &ArgName<'_>) -> Result<Self> {
        Err(name.invalid("is required"))
    }
    /// The value in a request body (snake_case keys; `None` leaves it out).
    fn to_body(&self) -> Option<Value>;
}

impl<T: Arg> Arg for Option<T> {
    const OPTIONAL: bool = true;
    fn from_arg(value: &Value, name: &ArgName<'_>) -> Result<Self> {
        T::from_arg(value, name).map(Some)
    }
    fn missing(_: &ArgName<'_>) -> Result<Self> {
        Ok(None)
    }
    fn to_body(&self) -> Option<Value> {
        self.as_ref().and_then(Arg::to_body)
    }
}

impl Arg for String {
    fn from_arg(value: &Value, name: &ArgName<'_>) -> Result<Self> {
        match plain_text(value) {
            Some(s) => Ok(s.to_string()),
            None => Err(name.wrong("a string", value)),
        }
    }
    fn to_body(&self) -> Option<Value> {
        Some(self.clone().into())
    }
}

impl Arg for Secret {
    fn from_arg(value: &Value, name: &ArgName<'_>) -> Result<Self> {
        String::from_arg(value, name).map(Secret::new)
    }
    fn to_body(&self) -> Option<Value> {
        Some(self.expose().into())
    }
}

impl Arg for bool {
    fn from_arg(value: &Value, name: &ArgName<'_>) -> Result<Self> {
        match value {
            Value::Bool(b) => Ok(*b),
            other => Err(name.wrong("true or false", other)),
        }
    }
    fn to_body(&self) -> Option<Value> {
        Some((*self).into())
    }
}

fn whole_number(value: &Value, name: &ArgName<'_>) -> Result<u64> {
    match value {
        Value::Number(n) => n
            .as_u64()
            .ok_or_else(|| name.invalid(format!("expected a whole number of 0 or more, got {n}"))),
        Value::String(s) => match marked_integer(s) {
            Some(d) if d.starts_with('-') => {
                Err(name.invalid(format!("expected a whole number of 0 or more, got {d}")))
            }
            Some(d) => Err(name.invalid(format!("{d} is too large"))),
            None => Err(name.wrong("a whole number", value)),
        },
        other => Err(name.wrong("a whole number", other)),
    }
}

impl Arg for u64 {
    fn from_arg(value: &Value, name: &ArgName<'_>) -> Result<Self> {
        whole_number(value, name)
    }
    fn to_body(&self) -> Option<Value> {
        Some((*self).into())
    }
}

impl Arg for u32 {
    fn from_arg(value: &Value, name: &ArgName<'_>) -> Result<Self> {
        let n = whole_number(value, name)?;
        u32::try_from(n).map_err(|_| name.invalid(format!("{n} is too large")))
    }
    fn to_body(&self) -> Option<Value> {
        Some((*self).into())
    }
}

impl Arg for Id {
    fn from_arg(value: &Value, name: &ArgName<'_>) -> Result<Self> {
        match value {
            Value::Number(n) => Id::from_json_number(n)
                .ok_or_else(|| name.invalid(format!("an id must be an integer, got {n}"))),
            Value::String(s) => match marked_integer(s) {
                Some(digits) => Ok(Id::BigInt(digits.to_string())),
                None if !s.trim().is_empty() => Ok(Id::Str(s.clone())),
                None => Err(name.invalid("must not be empty")),
            },
            other => Err(name.wrong("an id (an integer or a string)", other)),
        }
    }
    fn to_body(&self) -> Option<Value> {
        Some(self.to_body_json())
    }
}

/// One id or a list of them (`people`): a single id reads as a list of one.
impl Arg for Vec<Id> {
    fn from_arg(value: &Value, name: &ArgName<'_>) -> Result<Self> {
        match value {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let index = i.to_string();
                    Id::from_arg(
                        v,
                        &ArgName {
                            parent: Some(name),
                            name: &index,
                            style: name.style,
                        },
                    )
                })
                .collect(),
            single => Id::from_arg(single, name).map(|id| vec![id]),
        }
    }
    fn to_body(&self) -> Option<Value> {
        Some(Value::Array(self.iter().map(Id::to_body_json).collect()))
    }
}

impl Arg for Vec<String> {
    fn from_arg(value: &Value, name: &ArgName<'_>) -> Result<Self> {
        match value {
            Value::Array(items) => items.iter().map(|v| String::from_arg(v, name)).collect(),
            other => Err(name.wrong("a list of strings", other)),
        }
    }
    fn to_body(&self) -> Option<Value> {
        Some(self.clone().into())
    }
}

/// Free-form JSON (metadata), sent as given.
impl Arg for Value {
    fn from_arg(value: &Value, _: &ArgName<'_>) -> Result<Self> {
        Ok(value.clone())
    }
    fn to_body(&self) -> Option<Value> {
        Some(self.clone())
    }
}

/// Anything else a provider accepts, sent verbatim (`extra`); none when left out.
impl Arg for Map<String, Value> {
    const OPTIONAL: bool = true;
    fn missing(_: &ArgName<'_>) -> Result<Self> {
        Ok(Map::new())
    }
    fn from_arg(value: &Value, name: &ArgName<'_>) -> Result<Self> {
        match value {
            Value::Object(m) => Ok(m.clone()),
            other => Err(name.wrong("an object", other)),
        }
    }
    fn to_body(&self) -> Option<Value> {
        Some(Value::Object(self.clone()))
    }
}

/// Query parameters sent verbatim (`filters`): an object of scalars; none when left out.
impl Arg for Vec<(String, String)> {
    const OPTIONAL: bool = true;
    fn missing(_: &ArgName<'_>) -> Result<Self> {
        Ok(Vec::new())
    }
    fn from_arg(value: &Value, name: &ArgName<'_>) -> Result<Self> {
        let Value::Object(m) = value else {
            return Err(name.wrong("an object of query parameters", value));
        };
        m.iter()
            .map(|(k, v)| {
                let text = match v {
                    Value::String(s) => marked_integer(s).unwrap_or(s).to_string(),
                    Value::Number(n) => n.to_string(),
                    Value::Bool(b) => b.to_string(),
                    other => {
                        return Err(ArgName {
                            parent: Some(name),
                            name: k,
                            style: Style::Snake,
                        }
                        .wrong("a string, number or boolean", other))
                    }
                };
                Ok((k.clone(), text))
            })
            .collect()
    }
    fn to_body(&self) -> Option<Value> {
        Some(Value::Object(
            self.iter()
                .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                .collect(),
        ))
    }
}

/// An RFC 3339 date-time with a time zone (`2024-01-15T10:30:00Z`).
impl Arg for DateTime<Utc> {
    fn from_arg(value: &Value, name: &ArgName<'_>) -> Result<Self> {
        match value {
            Value::String(s) if marked_integer(s).is_none() => {
                DateTime::parse_from_rfc3339(s.trim())
                    .map(|t| t.with_timezone(&Utc))
                    .map_err(|_| {
                        name.invalid(format!(
                            "expected an RFC 3339 date-time with a time zone, got {s:?}"
                        ))
                    })
            }
            other => Err(name.wrong("a date-time", other)),
        }
    }
    fn to_body(&self) -> Option<Value> {
        // `2024-01-15T10:30:00Z` for whole seconds, fractions kept when present.
        Some(
            self.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
                .into(),
        )
    }
}

/// A JSON object of arguments being read; remembers which keys were used
/// so that a misspelt one is an error, not silently ignored.
pub struct Args<'a> {
    map: &'a Map<String, Value>,
    parent: Option<&'a ArgName<'a>>,
    style: Style,
    used: RefCell<Vec<bool>>,
}

impl<'a> Args<'a> {
    /// Reads the top-level arguments of a call.
    pub fn new(map: &'a Map<String, Value>, style: Style) -> Self {
        Args {
            map,
            parent: None,
            style,
            used: RefCell::new(vec![false; map.len()]),
        }
    }

    /// The arguments of a nested object (`settings`).
    pub fn nested(map: &'a Map<String, Value>, parent: &'a ArgName<'a>) -> Self {
        Args {
            map,
            parent: Some(parent),
            style: parent.style,
            used: RefCell::new(vec![false; map.len()]),
        }
    }

    /// How the caller spells names.
    pub fn style(&self) -> Style {
        self.style
    }

    fn lookup(&self, name: &str) -> Option<&'a Value> {
        let mut found = None;
        for (i, (k, v)) in self.map.iter().enumerate() {
            if k == name || is_camel_case_of(k, name) {
                self.used.borrow_mut()[i] = true;
                if !v.is_null() {
                    found = Some(v);
                }
            }
        }
        found
    }

    /// Reads the argument `name` (snake_case; its camelCase spelling is
    /// accepted too). Absent and null are the same.
    pub fn read<T: Arg>(&self, name: &str) -> Result<T> {
        let arg = ArgName {
            parent: self.parent,
            name,
            style: self.style,
        };
        match self.lookup(name) {
            Some(v) => T::from_arg(v, &arg),
            None => T::missing(&arg),
        }
    }

    /// Whether `name` was given (and is not null).
    pub fn has(&self, name: &str) -> bool {
        self.map
            .iter()
            .any(|(k, v)| (k == name || is_camel_case_of(k, name)) && !v.is_null())
    }

    /// Fails on the first argument that no read asked for.
    pub fn finish(&self, expected: &[&str]) -> Result<()> {
        let used = self.used.borrow();
        if let Some((k, _)) = self
            .map
            .iter()
            .zip(used.iter())
            .find(|(_, used)| !**used)
            .map(|(kv, _)| kv)
        {
            let shown = match self.parent {
                Some(p) => format!("{}.{k}", p.shown()),
                None => k.clone(),
            };
            let expected: Vec<String> = expected.iter().map(|e| self.style.spell(e)).collect();
            return Err(Error::invalid_argument(
                &shown,
                if expected.is_empty() {
                    "unknown argument; this call takes none".to_string()
                } else {
                    format!("unknown argument; expected one of {}", expected.join(", "))
                },
            ));
        }
        Ok(())
    }
}

/// A group of arguments read as one typed input: a struct's fields
/// (`NewOrganization`), or a choice between spellings (`Login`).
pub trait Fields: Sized {
    /// Reads the input from its arguments (flattened: `{"name": …}`).
    fn from_args(args: &Args<'_>) -> Result<Self>;
    /// The argument names it reads, snake_case.
    fn names() -> Vec<&'static str>;
    /// Its fields, for the description.
    fn specs() -> Vec<FieldSpec>;
    /// Checks values the types alone cannot (non-empty names, emails).
    fn validate(&self, _style: Style) -> Result<()> {
        Ok(())
    }
}

/// The checks an input field can ask for (`[nonempty]`, `[email]`, `[path]`,
/// `[rfc3339]`).
pub mod check {
    use super::{ArgName, DateTime, Id, Result, Secret, Utc};

    /// A value that can be checked for blankness.
    pub trait Blank {
        /// `Some(true)` when blank, `None` when absent (nothing to check).
        fn blank(&self) -> Option<bool>;
    }
    impl Blank for String {
        fn blank(&self) -> Option<bool> {
            Some(self.trim().is_empty())
        }
    }
    impl Blank for Secret {
        fn blank(&self) -> Option<bool> {
            Some(self.expose().trim().is_empty())
        }
    }
    impl Blank for Vec<Id> {
        fn blank(&self) -> Option<bool> {
            Some(self.is_empty())
        }
    }
    impl<T: Blank> Blank for Option<T> {
        fn blank(&self) -> Option<bool> {
            self.as_ref().and_then(Blank::blank)
        }
    }

    /// Text that must not be empty; a list that must name at least one.
    pub fn nonempty(name: &ArgName<'_>, v: &impl Blank) -> Result<()> {
        match v.blank() {
            Some(true) => Err(name.invalid("must not be empty")),
            _ => Ok(()),
        }
    }

    /// An id that goes into a request's path: not blank, and not `.` or
    /// `..`. Percent-encoding cannot make those two safe: URL parsers and
    /// servers read them (and `%2E%2E`) as "this folder" and "the folder
    /// above", so `tasks.get("..")` would be a request to `/`.
    pub fn path_id(name: &ArgName<'_>, id: &Id) -> Result<()> {
        let Id::Str(text) = id else {
            return Ok(());
        };
        if text.trim().is_empty() {
            return Err(name.invalid("must not be empty"));
        }
        if text == "." || text == ".." {
            return Err(name.invalid(format!(
                "{text:?} is not an id: in a URL path it names another resource"
            )));
        }
        Ok(())
    }

    /// A timestamp RFC 3339 can write, in UTC: years 0000 to 9999. A later
    /// one (9999-12-31T23:59-23:00 is 10000-01-01 in UTC) would go out as
    /// `+10000-01-01T…`, which is not RFC 3339.
    pub fn rfc3339_if_set(name: &ArgName<'_>, t: &Option<DateTime<Utc>>) -> Result<()> {
        use chrono::Datelike;
        match t {
            Some(t) if !(0..=9999).contains(&t.year()) => Err(name.invalid(format!(
                "{} is outside the years 0000 to 9999 that an RFC 3339 timestamp can hold",
                t.to_rfc3339()
            ))),
            _ => Ok(()),
        }
    }

    /// [`path_id`] of an optional id, when it is given.
    pub fn path_id_if_set(name: &ArgName<'_>, id: &Option<Id>) -> Result<()> {
        id.as_ref().map_or(Ok(()), |id| path_id(name, id))
    }

    /// A light check that catches the usual mistakes (empty, no `@`, spaces).
    pub fn email(name: &ArgName<'_>, v: &impl AsEmail) -> Result<()> {
        let Some(text) = v.email_text() else {
            return Ok(());
        };
        let t = text.trim();
        match t.split_once('@') {
            Some((user, host))
                if !user.is_empty() && !host.is_empty() && !t.contains(char::is_whitespace) =>
            {
                Ok(())
            }
            _ if t.is_empty() => Err(name.invalid("must not be empty")),
            _ => Err(name.invalid(format!("{t:?} is not an email address"))),
        }
    }

    /// Text checked as an email address.
    pub trait AsEmail {
        /// The text, when present.
        fn email_text(&self) -> Option<&str>;
    }
    impl AsEmail for String {
        fn email_text(&self) -> Option<&str> {
            Some(self)
        }
    }
    impl AsEmail for Option<String> {
        fn email_text(&self) -> Option<&str> {
            self.as_deref()
        }
    }
}

/// The description of a model field (`Option<String>` → optional text).
pub(crate) fn field_spec<T: Describe>(name: &'static str, doc: &[&str], secret: bool) -> FieldSpec {
    let ty = T::ty();
    let required = !matches!(ty, super::describe::Ty::Optional(_));
    FieldSpec {
        name,
        doc: super::describe::doc_text(doc),
        ty,
        secret,
        required,
    }
}

/// The description of an input field: required unless it may be left out.
pub(crate) fn arg_spec<T: Describe + Arg>(
    name: &'static str,
    doc: &[&str],
    secret: bool,
) -> FieldSpec {
    let ty = T::ty();
    let required = !T::OPTIONAL;
    FieldSpec {
        name,
        doc: super::describe::doc_text(doc),
        ty,
        secret,
        required,
    }
}
