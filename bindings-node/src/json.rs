//! The fast path from SDK models to JS: one JSON string per result, built
//! here (off the JS thread, in the call's future) and read with `JSON.parse`
//! by the JS layer (`lib/models.js`), which turns the timestamp fields into
//! `Date`s. Building the same objects property by property through N-API
//! (`#[napi(object)]`, [`crate::models`]) costs several times more.
//!
//! The JSON has exactly the shape the `#[napi(object)]` models have: the
//! same camelCase keys in the same order, `None` fields left out, ids as a
//! number or a string, open enums as strings, and `extra` as given. The
//! timestamps are epoch milliseconds (`new Date(ms)`, as napi's own
//! conversion does). Where `JSON.parse` would read a value differently from
//! the N-API conversion — an integer beyond ±2^53 inside `extra` or
//! `metadata` (N-API makes a `BigInt`), or a `__proto__` key (N-API sets the
//! prototype) — [`to_json`] gives `None` and the caller falls back to
//! [`crate::models`].

use std::fmt::Display;

use chrono::{DateTime, Utc};
use serde::ser::{Error as _, Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{Map, Value};

/// The largest integer a JS number holds exactly.
const MAX_SAFE: u64 = (1 << 53) - 1;

/// `JSON.stringify`-able form of a model, in its JS shape.
pub trait ToJs {
    fn write<M: SerializeMap>(&self, out: &mut Obj<M>) -> Result<(), M::Error>;
}

/// The JSON of `items` (an array) or of one item, or `None` when only the
/// N-API conversion gives the JS value today's API promises.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    serde_json::to_string(value).ok()
}

/// One model, serialized through [`ToJs`].
pub struct Js<'a, T>(pub &'a T);

impl<T: ToJs> Serialize for Js<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = Obj(s.serialize_map(None)?);
        self.0.write(&mut out)?;
        out.0.end()
    }
}

/// A list of models.
pub struct JsList<'a, T>(pub &'a [T]);

impl<T: ToJs> Serialize for JsList<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for item in self.0 {
            seq.serialize_element(&Js(item))?;
        }
        seq.end()
    }
}

/// The object being written; `None` fields are left out, as napi does.
pub struct Obj<M>(M);

impl<M: SerializeMap> Obj<M> {
    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), M::Error> {
        self.0.serialize_entry(key, v)
    }

    fn opt<T: Serialize>(&mut self, key: &'static str, v: &Option<T>) -> Result<(), M::Error> {
        match v {
            Some(v) => self.0.serialize_entry(key, v),
            None => Ok(()),
        }
    }

    fn id(&mut self, key: &'static str, v: &orgkit::Id) -> Result<(), M::Error> {
        self.0.serialize_entry(key, &Id(v))
    }

    fn opt_id(&mut self, key: &'static str, v: &Option<orgkit::Id>) -> Result<(), M::Error> {
        self.opt(key, &v.as_ref().map(Id))
    }

    fn text<T: Display>(&mut self, key: &'static str, v: &Option<T>) -> Result<(), M::Error> {
        self.opt(key, &v.as_ref().map(Text))
    }

    fn time(&mut self, key: &'static str, v: &Option<DateTime<Utc>>) -> Result<(), M::Error> {
        self.opt(key, &v.map(|t| t.timestamp_millis()))
    }

    fn extra(&mut self, v: &Map<String, Value>) -> Result<(), M::Error> {
        self.0.serialize_entry("extra", &SafeMap(v))
    }
}

/// An id: a number (as napi's `i64` conversion rounds it) or a string.
struct Id<'a>(&'a orgkit::Id);

impl Serialize for Id<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            orgkit::Id::Int(n) => s.serialize_i64(*n),
            orgkit::Id::Str(t) => s.serialize_str(t),
        }
    }
}

/// An open enum (or anything `Display`) as its string.
struct Text<'a, T>(&'a T);

impl<T: Display> Serialize for Text<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self.0)
    }
}

/// A JSON value that `JSON.parse` reads exactly as napi's conversion builds it.
struct Safe<'a>(&'a Value);

impl Serialize for Safe<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Number(n) => {
                // napi turns integers beyond ±(2^53 - 1) into BigInts.
                let safe = match (n.as_i64(), n.as_u64()) {
                    (Some(i), _) => i.unsigned_abs() <= MAX_SAFE,
                    (None, Some(_)) => false,
                    (None, None) => true,
                };
                if !safe {
                    return Err(S::Error::custom("integer beyond 2^53"));
                }
                n.serialize(s)
            }
            Value::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&Safe(item))?;
                }
                seq.end()
            }
            Value::Object(map) => SafeMap(map).serialize(s),
            other => other.serialize(s),
        }
    }
}

struct SafeMap<'a>(&'a Map<String, Value>);

impl Serialize for SafeMap<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            // napi sets properties by assignment: `__proto__` would set the prototype.
            if k == "__proto__" {
                return Err(S::Error::custom("__proto__ key"));
            }
            map.serialize_entry(k, &Safe(v))?;
        }
        map.end()
    }
}

// The field order of each model is the one napi gives its `#[napi(object)]`
// struct in `models.rs`, so that both paths build the same objects: the
// fields that are not `Option`s first, then the others, each in declaration
// order.

impl ToJs for orgkit::Organization {
    fn write<M: SerializeMap>(&self, o: &mut Obj<M>) -> Result<(), M::Error> {
        o.id("id", &self.id)?;
        o.field("roles", &Roles(&self.roles))?;
        o.extra(&self.extra)?;
        o.opt("name", &self.name)?;
        o.text("type", &self.org_type)?;
        o.text("status", &self.status)?;
        o.text("subscriptionStatus", &self.subscription_status)?;
        o.opt("industry", &self.industry)?;
        o.opt("website", &self.website)?;
        o.opt("description", &self.description)?;
        o.opt("metadata", &self.metadata.as_ref().map(Safe))?;
        o.time("createdAt", &self.created_at)?;
        o.time("updatedAt", &self.updated_at)
    }
}

struct Roles<'a>(&'a [orgkit::Role]);

impl Serialize for Roles<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(Text))
    }
}

impl ToJs for orgkit::Member {
    fn write<M: SerializeMap>(&self, o: &mut Obj<M>) -> Result<(), M::Error> {
        o.id("userId", &self.user_id)?;
        o.extra(&self.extra)?;
        o.opt_id("organizationId", &self.organization_id)?;
        o.text("role", &self.role)?;
        o.opt("email", &self.email)?;
        o.opt("firstName", &self.first_name)?;
        o.opt("lastName", &self.last_name)?;
        o.opt("isActive", &self.is_active)?;
        o.opt_id("membershipId", &self.membership_id)?;
        o.time("createdAt", &self.created_at)?;
        o.time("updatedAt", &self.updated_at)
    }
}

impl ToJs for orgkit::ProjectSettings {
    fn write<M: SerializeMap>(&self, o: &mut Obj<M>) -> Result<(), M::Error> {
        o.opt("isPublic", &self.is_public)?;
        o.opt("allowComments", &self.allow_comments)?;
        o.extra(&self.extra)
    }
}

impl ToJs for orgkit::Project {
    fn write<M: SerializeMap>(&self, o: &mut Obj<M>) -> Result<(), M::Error> {
        o.id("id", &self.id)?;
        o.field("tags", &self.tags)?;
        o.extra(&self.extra)?;
        o.opt("name", &self.name)?;
        o.opt("description", &self.description)?;
        o.text("status", &self.status)?;
        o.opt("settings", &self.settings.as_ref().map(Js))?;
        o.opt_id("organizationId", &self.organization_id)?;
        o.time("createdAt", &self.created_at)?;
        o.time("updatedAt", &self.updated_at)
    }
}

impl ToJs for orgkit::Task {
    fn write<M: SerializeMap>(&self, o: &mut Obj<M>) -> Result<(), M::Error> {
        o.id("id", &self.id)?;
        o.extra(&self.extra)?;
        o.opt_id("projectId", &self.project_id)?;
        o.opt_id("organizationId", &self.organization_id)?;
        o.opt("title", &self.title)?;
        o.opt("description", &self.description)?;
        o.text("status", &self.status)?;
        o.opt_id("assigneeId", &self.assignee_id)?;
        o.time("dueDate", &self.due_date)?;
        o.time("completedAt", &self.completed_at)?;
        o.time("createdAt", &self.created_at)?;
        o.time("updatedAt", &self.updated_at)
    }
}

impl ToJs for orgkit::Document {
    fn write<M: SerializeMap>(&self, o: &mut Obj<M>) -> Result<(), M::Error> {
        o.id("id", &self.id)?;
        o.extra(&self.extra)?;
        o.opt("name", &self.name)?;
        o.opt("url", &self.url)?;
        o.opt("mimeType", &self.mime_type)?;
        o.opt_id("organizationId", &self.organization_id)?;
        o.time("createdAt", &self.created_at)?;
        o.time("updatedAt", &self.updated_at)
    }
}

impl ToJs for orgkit::User {
    fn write<M: SerializeMap>(&self, o: &mut Obj<M>) -> Result<(), M::Error> {
        o.id("id", &self.id)?;
        o.extra(&self.extra)?;
        o.opt("email", &self.email)?;
        o.opt("username", &self.username)?;
        o.opt("name", &self.name)?;
        o.opt("firstName", &self.first_name)?;
        o.opt("lastName", &self.last_name)?;
        o.text("role", &self.role)?;
        o.opt("isActive", &self.is_active)?;
        o.time("createdAt", &self.created_at)?;
        o.time("updatedAt", &self.updated_at)
    }
}
