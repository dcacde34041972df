//! Reading and checking fields of a JSON request body.
//!
//! The checks are shared; the wording is not: each provider turns a
//! [`FieldError`] into its own error body (Boom quotes the label, ourganize
//! capitalizes it, …).

use serde_json::{Map, Value};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    /// `None` when the field is missing; otherwise what it should have been.
    pub expected: Option<String>,
}

impl FieldError {
    fn missing(field: &str) -> FieldError {
        FieldError {
            field: field.to_string(),
            expected: None,
        }
    }

    pub fn invalid(field: &str, expected: impl Into<String>) -> FieldError {
        FieldError {
            field: field.to_string(),
            expected: Some(expected.into()),
        }
    }

    /// `"<label> is required"` or `"<label> must be <expected>"`.
    pub fn describe(&self, label: &str) -> String {
        match &self.expected {
            None => format!("{label} is required"),
            Some(expected) => format!("{label} must be {expected}"),
        }
    }

    /// The field name with its first letter upper-cased (`name` → `Name`).
    pub fn capitalized(&self) -> String {
        let mut chars = self.field.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    }
}

/// A non-empty string (surrounding whitespace removed).
pub fn required_str(body: &Map<String, Value>, field: &str) -> Result<String, FieldError> {
    match body.get(field) {
        None | Some(Value::Null) => Err(FieldError::missing(field)),
        Some(Value::String(s)) if s.trim().is_empty() => Err(FieldError::missing(field)),
        Some(Value::String(s)) => Ok(s.trim().to_string()),
        Some(_) => Err(FieldError::invalid(field, "a string")),
    }
}

/// Absent → `None`; present must be a non-empty string.
pub fn optional_str(body: &Map<String, Value>, field: &str) -> Result<Option<String>, FieldError> {
    match body.get(field) {
        None => Ok(None),
        Some(_) => required_str(body, field).map(Some),
    }
}

/// Absent → `None`; `null` → `Some(Null)` (clears the field); else a string.
pub fn nullable_str(body: &Map<String, Value>, field: &str) -> Result<Option<Value>, FieldError> {
    match body.get(field) {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(Value::Null)),
        Some(Value::String(s)) => Ok(Some(Value::String(s.clone()))),
        Some(_) => Err(FieldError::invalid(field, "a string or null")),
    }
}

/// Absent → `None`; `null` → `Some(Null)`; else a JSON object.
pub fn nullable_object(
    body: &Map<String, Value>,
    field: &str,
) -> Result<Option<Value>, FieldError> {
    match body.get(field) {
        None => Ok(None),
        Some(v @ (Value::Null | Value::Object(_))) => Ok(Some(v.clone())),
        Some(_) => Err(FieldError::invalid(field, "an object or null")),
    }
}

pub fn optional_bool(body: &Map<String, Value>, field: &str) -> Result<Option<bool>, FieldError> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(FieldError::invalid(field, "a boolean")),
    }
}

/// A required id given as a number or a numeric string.
pub fn required_id(body: &Map<String, Value>, field: &str) -> Result<u64, FieldError> {
    match body.get(field) {
        None | Some(Value::Null) => Err(FieldError::missing(field)),
        Some(v) => crate::message::id_from_json(v)
            .filter(|id| *id > 0)
            .ok_or_else(|| FieldError::invalid(field, "a positive integer")),
    }
}

/// A required string from a fixed set (compared case-insensitively; the
/// canonical spelling from `allowed` is returned).
pub fn required_enum(
    body: &Map<String, Value>,
    field: &str,
    allowed: &[&str],
) -> Result<String, FieldError> {
    let value = required_str(body, field)?;
    one_of(field, &value, allowed)
}

pub fn optional_enum(
    body: &Map<String, Value>,
    field: &str,
    allowed: &[&str],
) -> Result<Option<String>, FieldError> {
    match optional_str(body, field)? {
        None => Ok(None),
        Some(value) => one_of(field, &value, allowed).map(Some),
    }
}

fn one_of(field: &str, value: &str, allowed: &[&str]) -> Result<String, FieldError> {
    allowed
        .iter()
        .find(|a| a.eq_ignore_ascii_case(value))
        .map(|a| a.to_string())
        .ok_or_else(|| FieldError::invalid(field, format!("one of: {}", allowed.join(", "))))
}

/// A plausible email: something@something.
pub fn required_email(body: &Map<String, Value>, field: &str) -> Result<String, FieldError> {
    let email = required_str(body, field)?;
    match email.split_once('@') {
        Some((local, domain)) if !local.is_empty() && !domain.is_empty() => Ok(email),
        _ => Err(FieldError::invalid(field, "a valid email address")),
    }
}

/// `?name=` as a positive integer; absent → `default`.
pub fn query_number(value: Option<&str>, name: &str, default: u64) -> Result<u64, FieldError> {
    match value {
        None | Some("") => Ok(default),
        Some(v) => v
            .trim()
            .parse::<u64>()
            .map_err(|_| FieldError::invalid(name, "a non-negative integer")),
    }
}
