//! Lenient reading of one JSON object into a model: each field may go by
//! several names (`created_at`, `createdAt`), a documented field may be
//! missing, a wrong-typed field is a clear error, and whatever is left
//! over is kept in `extra` — minus secrets, which are dropped.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use serde_json::{Map, Value};

use super::Id;

/// Keys whose values are credentials or password hashes: never kept.
const SECRET_KEYS: &[&str] = &[
    "password",
    "passwordhash",
    "apikey",
    "accesstoken",
    "refreshtoken",
    "secret",
];

pub(crate) fn is_secret_key(key: &str) -> bool {
    let k = super::open_enum::normalize(key);
    SECRET_KEYS.contains(&k.as_str())
}

/// Why a model could not be read; becomes a Decode error.
pub type DecodeResult<T> = Result<T, String>;

pub(crate) struct Fields {
    /// The object's fields, in order. A model asks for each field by two or
    /// three names; comparing against a short list is much cheaper than
    /// hashing every candidate name into a map.
    entries: Vec<(String, Value)>,
    model: &'static str,
}

impl Fields {
    pub(crate) fn new(value: Value, model: &'static str) -> DecodeResult<Self> {
        match value {
            Value::Object(map) => Ok(Fields {
                entries: map.into_iter().collect(),
                model,
            }),
            other => Err(format!(
                "expected a {model} object, got {}",
                type_name(&other)
            )),
        }
    }

    /// Removes and returns the first present, non-null field among `names`.
    pub(crate) fn take<'n>(&mut self, names: &[&'n str]) -> Option<(&'n str, Value)> {
        let mut found = None;
        for name in names {
            if let Some(i) = self.entries.iter().position(|(k, _)| k == name) {
                let (_, v) = self.entries.remove(i);
                if found.is_none() && !v.is_null() {
                    found = Some((*name, v));
                }
            }
        }
        found
    }

    fn wrong(&self, field: &str, want: &str, got: &Value) -> String {
        format!(
            "{}.{field}: expected {want}, got {}",
            self.model,
            type_name(got)
        )
    }

    pub(crate) fn id(&mut self, names: &[&str]) -> DecodeResult<Option<Id>> {
        match self.take(names) {
            None => Ok(None),
            Some((name, v)) => match &v {
                // An object where an id is documented: use its id.
                Value::Object(o) => Ok(o.get("id").and_then(Id::from_json)),
                _ => Id::from_json(&v)
                    .map(Some)
                    .ok_or_else(|| self.wrong(name, "an id", &v)),
            },
        }
    }

    pub(crate) fn required_id(&mut self, names: &[&str]) -> DecodeResult<Id> {
        self.id(names)?
            .ok_or_else(|| format!("{}.{}: missing", self.model, names[0]))
    }

    pub(crate) fn string(&mut self, names: &[&str]) -> DecodeResult<Option<String>> {
        match self.take(names) {
            None => Ok(None),
            Some((_, Value::String(s))) => Ok(Some(s)),
            Some((_, Value::Number(n))) => Ok(Some(n.to_string())),
            Some((name, v)) => Err(self.wrong(name, "a string", &v)),
        }
    }

    pub(crate) fn bool(&mut self, names: &[&str]) -> DecodeResult<Option<bool>> {
        match self.take(names) {
            None => Ok(None),
            Some((_, Value::Bool(b))) => Ok(Some(b)),
            // MySQL-backed servers (pm415) send booleans as 0/1.
            Some((_, Value::Number(n))) if n.as_i64().is_some() => Ok(Some(n.as_i64() != Some(0))),
            Some((_, Value::String(s))) if s == "true" || s == "false" => Ok(Some(s == "true")),
            Some((name, v)) => Err(self.wrong(name, "a boolean", &v)),
        }
    }

    pub(crate) fn enumeration<E: From<String>>(
        &mut self,
        names: &[&str],
    ) -> DecodeResult<Option<E>> {
        Ok(self.string(names)?.map(E::from))
    }

    /// A timestamp; an unparseable one is kept in `extra` under its own name
    /// rather than dropped.
    pub(crate) fn time(&mut self, names: &[&str]) -> DecodeResult<Option<DateTime<Utc>>> {
        match self.take(names) {
            None => Ok(None),
            Some((name, v)) => match parse_time(&v) {
                Some(t) => Ok(Some(t)),
                None if v.is_string() || v.is_number() => {
                    self.entries.push((name.to_string(), v));
                    Ok(None)
                }
                None => Err(self.wrong(name, "a date-time", &v)),
            },
        }
    }

    pub(crate) fn object(&mut self, names: &[&str]) -> DecodeResult<Option<Map<String, Value>>> {
        match self.take(names) {
            None => Ok(None),
            Some((_, Value::Object(m))) => Ok(Some(m)),
            Some((name, v)) => Err(self.wrong(name, "an object", &v)),
        }
    }

    pub(crate) fn raw(&mut self, names: &[&str]) -> Option<Value> {
        self.take(names).map(|(_, v)| v)
    }

    pub(crate) fn peek(&self, name: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// What is left, without secrets.
    pub(crate) fn rest(self) -> Map<String, Value> {
        self.entries
            .into_iter()
            .filter(|(k, _)| !is_secret_key(k))
            .collect()
    }
}

pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// RFC 3339, SQL-style `YYYY-MM-DD HH:MM:SS`, a bare date, or unix seconds/milliseconds.
pub fn parse_time(v: &Value) -> Option<DateTime<Utc>> {
    match v {
        Value::String(s) => {
            let s = s.trim();
            if let Ok(t) = DateTime::parse_from_rfc3339(s) {
                return Some(t.with_timezone(&Utc));
            }
            for fmt in ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"] {
                if let Ok(t) = NaiveDateTime::parse_from_str(s, fmt) {
                    return Some(Utc.from_utc_datetime(&t));
                }
            }
            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|t| Utc.from_utc_datetime(&t))
        }
        Value::Number(n) => {
            let n = n.as_i64()?;
            // Past ~2286 in seconds means the number is in milliseconds.
            if n.abs() > 10_000_000_000 {
                Utc.timestamp_millis_opt(n).single()
            } else {
                Utc.timestamp_opt(n, 0).single()
            }
        }
        _ => None,
    }
}
