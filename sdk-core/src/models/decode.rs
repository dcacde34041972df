//! The one way answers are read: the body's bytes are parsed once into a
//! [`Val`] (a JSON value whose strings and keys borrow from the body), the
//! envelope is walked on it, and each model reads its fields leniently from
//! it: a field may go by several names (`created_at`, `createdAt`), a
//! documented field may be missing, a wrong-typed field is a clear error
//! naming it, and whatever is left over is kept in `extra` — minus secrets,
//! which are dropped. Numbers keep their exact text (see [`super::json`]),
//! so an id of any size goes back out unchanged.

use std::borrow::Cow;

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use serde_json::{Map, Value};

pub(crate) use super::json::Num;

use super::Id;
use crate::redact::is_secret_key;

/// Why a model could not be read; becomes a Decode error.
pub type DecodeResult<T> = Result<T, String>;

/// The object entries of a [`Val`], in document order. Built straight from
/// the bytes they may repeat a key; [`Fields::new`] resolves that as a JSON
/// map does (the last value wins, at the first key's place).
pub(crate) type Entries<'de> = Vec<(Cow<'de, str>, Val<'de>)>;

/// A JSON value whose strings may borrow from the body being decoded.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Val<'de> {
    Null,
    Bool(bool),
    Num(Num<'de>),
    Str(Cow<'de, str>),
    Arr(Vec<Val<'de>>),
    Obj(Entries<'de>),
}

impl<'de> Val<'de> {
    /// The `serde_json::Value` this is; a repeated key keeps its last value
    /// at its first place, as parsing the same text into a `Value` does.
    pub(crate) fn into_value(self) -> Value {
        match self {
            Val::Null => Value::Null,
            Val::Bool(b) => Value::Bool(b),
            // An integer beyond 64 bits keeps its digits, as text.
            Val::Num(n) => n
                .to_number()
                .map_or_else(|| Value::String(n.text().to_string()), Value::Number),
            Val::Str(s) => Value::String(s.into_owned()),
            Val::Arr(items) => Value::Array(items.into_iter().map(Val::into_value).collect()),
            Val::Obj(entries) => Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.into_owned(), v.into_value()))
                    .collect::<Map<String, Value>>(),
            ),
        }
    }

    pub(crate) fn is_null(&self) -> bool {
        matches!(self, Val::Null)
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Val::Str(s) => Some(s),
            _ => None,
        }
    }

    /// `Value::get` on an object: the last entry of that key.
    pub(crate) fn get(&self, key: &str) -> Option<&Val<'de>> {
        match self {
            Val::Obj(entries) => entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Parses a whole body, borrowing strings from it; the error says where it broke.
pub(crate) fn parse(body: &[u8]) -> Result<Val<'_>, String> {
    super::json::parse(body)
}

/// The value at a key path (`&[]` is the value itself); the last entry of a repeated key.
pub(crate) fn at<'v, 'de>(value: &'v Val<'de>, path: &[&str]) -> Option<&'v Val<'de>> {
    path.iter().try_fold(value, |v, key| v.get(key))
}

/// `a == b` for the short strings object keys are, without a `memcmp` call.
#[inline]
fn same_key(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

/// Resolves repeated keys as a JSON map does: the last value wins, at the
/// place of the key's first appearance.
pub(crate) fn dedup(entries: &mut Entries<'_>) {
    let n = entries.len();
    let repeated = if n <= 32 {
        (1..n).any(|i| entries[..i].iter().any(|(k, _)| same_key(k, &entries[i].0)))
    } else {
        let mut seen = std::collections::HashSet::with_capacity(n);
        !entries.iter().all(|(k, _)| seen.insert(k.as_ref()))
    };
    if !repeated {
        return;
    }
    let mut out: Entries<'_> = Vec::with_capacity(n);
    let mut index = std::collections::HashMap::with_capacity(n);
    for (k, v) in entries.drain(..) {
        match index.get(&k) {
            Some(&i) => {
                let slot: &mut (Cow<'_, str>, Val<'_>) = &mut out[i];
                slot.1 = v;
            }
            None => {
                index.insert(k.clone(), out.len());
                out.push((k, v));
            }
        }
    }
    *entries = out;
}

/// An object without the keys in `skip` (the others keep their order);
/// anything else as it is.
pub(crate) fn without<'de>(value: Val<'de>, skip: &[&str]) -> Val<'de> {
    match value {
        Val::Obj(mut entries) if !skip.is_empty() => {
            entries.retain(|(k, _)| !skip.contains(&k.as_ref()));
            Val::Obj(entries)
        }
        other => other,
    }
}

pub(crate) struct Fields<'de> {
    /// The object's fields, in order, each key once; `None` once taken. A
    /// model asks for each field by two or three names; comparing against a
    /// short list is much cheaper than hashing every candidate name into a map.
    entries: Vec<Option<(Cow<'de, str>, Val<'de>)>>,
    model: &'static str,
}

impl<'de> Fields<'de> {
    pub(crate) fn new(value: Val<'de>, model: &'static str) -> DecodeResult<Self> {
        match value {
            Val::Obj(mut entries) => {
                dedup(&mut entries);
                Ok(Fields {
                    entries: entries.into_iter().map(Some).collect(),
                    model,
                })
            }
            other => Err(format!(
                "expected a {model} object, got {}",
                type_name(&other)
            )),
        }
    }

    /// Removes and returns the first present, non-null field among `names`.
    pub(crate) fn take<'n>(&mut self, names: &[&'n str]) -> Option<(&'n str, Val<'de>)> {
        let mut found = None;
        for name in names {
            let slot = self
                .entries
                .iter_mut()
                .find(|e| matches!(e, Some((k, _)) if same_key(k, name)));
            if let Some((_, v)) = slot.and_then(Option::take) {
                if found.is_none() && !v.is_null() {
                    found = Some((*name, v));
                }
            }
        }
        found
    }

    fn wrong(&self, field: &str, want: &str, got: &Val<'_>) -> String {
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
                Val::Obj(_) => Ok(v.get("id").and_then(Id::from_val)),
                _ => Id::from_val(&v)
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
            Some((_, Val::Str(s))) => Ok(Some(s.into_owned())),
            Some((_, Val::Num(n))) => Ok(Some(n.text().to_string())),
            Some((name, v)) => Err(self.wrong(name, "a string", &v)),
        }
    }

    pub(crate) fn bool(&mut self, names: &[&str]) -> DecodeResult<Option<bool>> {
        match self.take(names) {
            None => Ok(None),
            Some((_, Val::Bool(b))) => Ok(Some(b)),
            // MySQL-backed servers (pm415) send booleans as 0/1.
            Some((_, Val::Num(n))) if n.as_i64().is_some() => Ok(Some(n.as_i64() != Some(0))),
            Some((_, Val::Str(s))) if s == "true" || s == "false" => Ok(Some(s == "true")),
            Some((name, v)) => Err(self.wrong(name, "a boolean", &v)),
        }
    }

    /// An open enumeration (the same as reading a string and parsing it).
    pub(crate) fn enumeration<E: for<'a> From<&'a str>>(
        &mut self,
        names: &[&str],
    ) -> DecodeResult<Option<E>> {
        match self.take(names) {
            None => Ok(None),
            Some((_, Val::Str(s))) => Ok(Some(E::from(&*s))),
            Some((_, Val::Num(n))) => Ok(Some(E::from(n.text()))),
            Some((name, v)) => Err(self.wrong(name, "a string", &v)),
        }
    }

    /// A timestamp; an unparseable one is kept in `extra` under its own name
    /// rather than dropped.
    pub(crate) fn time(&mut self, names: &[&str]) -> DecodeResult<Option<DateTime<Utc>>> {
        match self.take(names) {
            None => Ok(None),
            Some((name, v)) => match parse_time_val(&v) {
                Some(t) => Ok(Some(t)),
                None if matches!(v, Val::Str(_) | Val::Num(_)) => {
                    self.entries.push(Some((Cow::Owned(name.to_string()), v)));
                    Ok(None)
                }
                None => Err(self.wrong(name, "a date-time", &v)),
            },
        }
    }

    /// An object field, as the `Val` to read a nested model from.
    #[cfg_attr(not(feature = "test-http"), allow(dead_code))] // the reference decoders'
    pub(crate) fn object(&mut self, names: &[&str]) -> DecodeResult<Option<Val<'de>>> {
        match self.take(names) {
            None => Ok(None),
            Some((_, v @ Val::Obj(_))) => Ok(Some(v)),
            Some((name, v)) => Err(self.wrong(name, "an object", &v)),
        }
    }

    pub(crate) fn raw(&mut self, names: &[&str]) -> Option<Val<'de>> {
        self.take(names).map(|(_, v)| v)
    }

    pub(crate) fn peek(&self, name: &str) -> Option<&Val<'de>> {
        self.entries
            .iter()
            .flatten()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }

    /// What is left, without secrets.
    pub(crate) fn rest(self) -> Map<String, Value> {
        let mut map = Map::new();
        for (k, v) in self.entries.into_iter().flatten() {
            if !is_secret_key(&k) {
                map.insert(k.into_owned(), v.into_value());
            }
        }
        map
    }
}

pub(crate) fn type_name(v: &Val<'_>) -> &'static str {
    match v {
        Val::Null => "null",
        Val::Bool(_) => "a boolean",
        Val::Num(_) => "a number",
        Val::Str(_) => "a string",
        Val::Arr(_) => "an array",
        Val::Obj(_) => "an object",
    }
}

/// RFC 3339, SQL-style `YYYY-MM-DD HH:MM:SS`, a bare date, or unix seconds/milliseconds.
pub fn parse_time(v: &Value) -> Option<DateTime<Utc>> {
    match v {
        Value::String(s) => parse_time_str(s),
        Value::Number(n) => n.as_i64().and_then(parse_time_seconds),
        _ => None,
    }
}

/// A timestamp out of a scalar the lenient decoder read.
pub(crate) fn parse_time_val(v: &Val<'_>) -> Option<DateTime<Utc>> {
    match v {
        Val::Str(s) => parse_time_str(s),
        Val::Num(n) => parse_time_number(n),
        _ => None,
    }
}

fn parse_time_str(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Some(t) = parse_rfc3339_common(s) {
        return Some(t);
    }
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

/// The common shape `YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM)`, read
/// directly; `None` for anything else, which chrono's parser then reads
/// (answers carry two or three timestamps per item, and chrono's general
/// parser was a fifth of a list's decode). Same result as chrono's
/// `parse_from_rfc3339` wherever this gives one (tested against it).
fn parse_rfc3339_common(s: &str) -> Option<DateTime<Utc>> {
    use chrono::{FixedOffset, NaiveDate};
    let b = s.as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<u32> {
        b.get(range)?.iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if second > 59 {
        return None; // a leap second: chrono's rules
    }
    let mut at = 19;
    let mut nanos = 0;
    if b[at] == b'.' {
        let digits = b[at + 1..]
            .iter()
            .take_while(|d| d.is_ascii_digit())
            .count();
        if digits == 0 || digits > 9 {
            return None;
        }
        nanos = num(at + 1..at + 1 + digits)? * 10u32.pow(9 - digits as u32);
        at += 1 + digits;
    }
    let offset_seconds = match &b[at..] {
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (h, m) = (num(at + 1..at + 3)?, num(at + 4..at + 6)?);
            if h > 23 || m > 59 {
                return None;
            }
            let secs = (h * 3600 + m * 60) as i32;
            if *sign == b'-' {
                -secs
            } else {
                secs
            }
        }
        _ => return None,
    };
    let naive = NaiveDate::from_ymd_opt(year as i32, month, day)?
        .and_hms_nano_opt(hour, minute, second, nanos)?;
    let offset = FixedOffset::east_opt(offset_seconds)?;
    Some(
        naive
            .and_local_timezone(offset)
            .single()?
            .with_timezone(&Utc),
    )
}

fn parse_time_number(n: &Num<'_>) -> Option<DateTime<Utc>> {
    parse_time_seconds(n.as_i64()?)
}

fn parse_time_seconds(n: i64) -> Option<DateTime<Utc>> {
    // Past ~2286 in seconds means the number is in milliseconds.
    if n.abs() > 10_000_000_000 {
        Utc.timestamp_millis_opt(n).single()
    } else {
        Utc.timestamp_opt(n, 0).single()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The direct reader of the common shape gives what chrono gives, and
    /// leaves every other text to chrono.
    #[test]
    fn the_common_timestamp_reader_agrees_with_chrono() {
        let mut texts = vec![
            "2024-03-09T15:04:05Z".to_string(),
            "2024-03-09T15:04:05.1Z".into(),
            "2024-03-09T15:04:05.123456789Z".into(),
            "2024-03-09T15:04:05.1234567891Z".into(),
            "2024-02-29T23:59:59+14:00".into(),
            "2023-02-29T00:00:00Z".into(),
            "2024-12-31T23:59:60Z".into(),
            "2024-03-09T24:00:00Z".into(),
            "2024-03-09T15:04:05-00:30".into(),
            "2024-03-09T15:04:05+24:00".into(),
            "2024-03-09T15:04:05+0100".into(),
            "2024-03-09t15:04:05z".into(),
            "2024-03-09 15:04:05Z".into(),
            "0000-01-01T00:00:00Z".into(),
            "9999-12-31T23:59:59.999Z".into(),
            "2024-3-09T15:04:05Z".into(),
            "2024-03-09T15:04:05.Z".into(),
            "2024-03-09T15:04:05".into(),
            "2024-03-09T15:04:05Zjunk".into(),
            "２０２4-03-09T15:04:05Z".into(),
        ];
        for (y, mo, d, h, mi, s) in [
            (1970, 1, 1, 0, 0, 0),
            (2000, 13, 1, 0, 0, 0),
            (2001, 4, 31, 12, 60, 0),
        ] {
            for frac in ["", ".5", ".000", ".987654"] {
                for off in ["Z", "+05:45", "-12:00", "+23:59"] {
                    texts.push(format!(
                        "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{frac}{off}"
                    ));
                }
            }
        }
        for t in &texts {
            let chrono = DateTime::parse_from_rfc3339(t)
                .ok()
                .map(|t| t.with_timezone(&Utc));
            match parse_rfc3339_common(t) {
                Some(ours) => assert_eq!(Some(ours), chrono, "{t}"),
                None => assert!(
                    parse_time_str(t) == chrono || chrono.is_none(),
                    "{t}: left to chrono, which reads it"
                ),
            }
        }
        assert!(parse_rfc3339_common("2024-03-09T15:04:05.5+01:00").is_some());
    }
}
