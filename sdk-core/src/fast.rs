//! Decoding an answer straight from its bytes: the envelope is walked along
//! the provider's `Read` path and the result (or each item of a list) is
//! read into a [`Val`] that borrows from the body, then into its model by
//! the same lenient rules as the `serde_json::Value` path. No tree of the
//! whole body is built.
//!
//! Only the usual shapes are handled here: a result at a path that exists
//! (exactly once), a page whose items path holds an array, no `success:
//! false`. Anything else — a missing wrapper, another array to find, an
//! envelope error, invalid JSON, a model that fails to decode — answers
//! `None`, and the caller runs the `Value` path, which gives the result or
//! the exact error it always gave.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::models::fields::{self, KeySeed, Val};
use crate::models::Decode;

/// The result at `path` (`Read::At`), decoded as `T`.
pub(crate) fn at<T: Decode>(body: &[u8], path: &[&str]) -> Option<T> {
    if path.is_empty() {
        // The whole body, minus the envelope's `success` flag.
        let mut de = serde_json::Deserializer::from_slice(body);
        let v: Val<'_> = serde::Deserialize::deserialize(&mut de).ok()?;
        de.end().ok()?;
        let v = match v {
            Val::Obj(mut entries) => {
                fields::dedup(&mut entries);
                if success_is_false(&entries) {
                    return None;
                }
                fields::swap_remove(&mut entries, "success");
                Val::Obj(entries)
            }
            other => other,
        };
        return T::decode(v).ok();
    }
    if path.contains(&"success") {
        return None;
    }
    let mut target = One(None);
    let rest = walk(body, path, &[], &mut target)?;
    if rest_failed(&rest) {
        return None;
    }
    T::decode(target.0?).ok()
}

/// A list page (`Read::Page`): its items decoded as `T`, and the rest of
/// the envelope with only the top-level keys in `keep` (and `success`),
/// each as the `Value` path has it: enough for the paging metadata.
pub(crate) fn page<T: Decode>(
    body: &[u8],
    items: &[&str],
    keep: &[&str],
) -> Option<(Vec<T>, Value)> {
    if items.contains(&"success") {
        return None;
    }
    let mut target = Items(Vec::new());
    let rest = walk(body, items, keep, &mut target)?;
    if rest_failed(&rest) {
        return None;
    }
    Some((target.0, rest))
}

/// Whether an envelope says `success: false` (an error, for the `Value` path).
fn rest_failed(rest: &Value) -> bool {
    rest.get("success") == Some(&Value::Bool(false))
}

fn success_is_false(entries: &fields::Entries<'_>) -> bool {
    entries
        .iter()
        .any(|(k, v)| k == "success" && *v == Val::Bool(false))
}

/// Walks `body` to `path` and hands the value there to `target`; returns
/// the rest of the body.
fn walk<'de, X: Target<'de, T>, T>(
    body: &'de [u8],
    path: &[&str],
    keep: &[&str],
    target: &mut X,
) -> Option<Value> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let rest = Level {
        path,
        keep: Keep::Top(keep),
        target,
        _t: PhantomData,
    }
    .deserialize(&mut de)
    .ok()?;
    de.end().ok()?;
    Some(rest)
}

/// What to do with the value at the end of the path.
trait Target<'de, T> {
    fn take<D: Deserializer<'de>>(&mut self, d: D) -> Result<(), D::Error>;
}

/// One value, read as a `Val` (decoded once the envelope is known good).
struct One<'de>(Option<Val<'de>>);

impl<'de> Target<'de, ()> for One<'de> {
    fn take<D: Deserializer<'de>>(&mut self, d: D) -> Result<(), D::Error> {
        self.0 = Some(serde::Deserialize::deserialize(d)?);
        Ok(())
    }
}

/// An array, each element decoded into `T` as it streams past.
struct Items<T>(Vec<T>);

impl<'de, T: Decode> Target<'de, T> for Items<T> {
    fn take<D: Deserializer<'de>>(&mut self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(ItemsVisitor(&mut self.0))
    }
}

struct ItemsVisitor<'a, T>(&'a mut Vec<T>);

impl<'de, T: Decode> Visitor<'de> for ItemsVisitor<'_, T> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of items")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(item) = seq.next_element::<Val<'de>>()? {
            // A bad item sends the whole page to the `Value` path for its error.
            self.0.push(T::decode(item).map_err(de::Error::custom)?);
        }
        Ok(())
    }
}

/// Which keys of an object on the way to the target are kept in the rest.
#[derive(Clone, Copy)]
enum Keep<'k> {
    /// The top level: these keys and `success`.
    Top(&'k [&'k str]),
    /// Below it: everything.
    All,
}

impl Keep<'_> {
    fn keeps(&self, key: &str) -> bool {
        match self {
            Keep::Top(keys) => key == "success" || keys.contains(&key),
            Keep::All => true,
        }
    }
}

/// One object on the way along the path (or, with the path used up, the target).
struct Level<'p, 't, X, T> {
    path: &'p [&'p str],
    keep: Keep<'p>,
    target: &'t mut X,
    _t: PhantomData<T>,
}

impl<'de, X: Target<'de, T>, T> DeserializeSeed<'de> for Level<'_, '_, X, T> {
    /// The object without the value at the path (`null` there).
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        if self.path.is_empty() {
            self.target.take(d)?;
            return Ok(Value::Null);
        }
        d.deserialize_map(self)
    }
}

impl<'de, X: Target<'de, T>, T> Visitor<'de> for Level<'_, '_, X, T> {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let (first, below) = (self.path[0], &self.path[1..]);
        let mut rest = Map::new();
        let mut found = false;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            if key == first {
                if found {
                    // A repeated key: the `Value` path keeps the last one.
                    return Err(de::Error::custom("repeated key on the path"));
                }
                found = true;
                let inner = map.next_value_seed(Level {
                    path: below,
                    keep: Keep::All,
                    target: &mut *self.target,
                    _t: PhantomData::<T>,
                })?;
                if self.keep.keeps(&key) {
                    rest.insert(key.into_owned(), inner);
                }
            } else if self.keep.keeps(&key) {
                let v: Value = map.next_value()?;
                rest.insert(key.into_owned(), v);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        if !found {
            return Err(de::Error::custom("no value on the path"));
        }
        Ok(Value::Object(rest))
    }
}

#[cfg(test)]
mod tests {
    //! The fast path against the `Value` path (`Client::read_rest` and
    //! `list`), on every fixture and fuzz input and on awkward shapes: where
    //! the fast path answers, the answer must be the same, `extra` order
    //! included (compared through `Debug`).

    use std::fmt::Debug;

    use serde_json::{json, Value};

    use super::{at, page};
    use crate::models::{
        Decode, Document, FromJson, Invite, Member, Organization, Project, Session, Task, User,
    };
    use crate::providers::at as value_at;

    fn take_at(body: &mut Value, path: &[&str]) -> Value {
        let mut v = body;
        for key in path {
            match v.get_mut(*key) {
                Some(inner) => v = inner,
                None => return Value::Null,
            }
        }
        std::mem::take(v)
    }

    /// What `read` + `decode` give, or `None` for an error before decoding.
    fn slow_at<T: FromJson>(body: &[u8], path: &[&str]) -> Option<Result<T, String>> {
        let mut body: Value = serde_json::from_slice(body).ok()?;
        if body.get("success") == Some(&Value::Bool(false)) {
            return None;
        }
        let v = match value_at(&body, path) {
            Some(_) if !path.is_empty() => take_at(&mut body, path),
            _ => {
                let mut body = std::mem::take(&mut body);
                if let Value::Object(map) = &mut body {
                    map.remove("success");
                }
                body
            }
        };
        Some(T::from_json(v))
    }

    /// What `read_rest` + `list` give when the items path holds an array.
    #[allow(clippy::type_complexity)]
    fn slow_page<T: FromJson>(
        body: &[u8],
        items: &[&str],
    ) -> Option<(Result<Vec<T>, String>, Value)> {
        let mut body: Value = serde_json::from_slice(body).ok()?;
        if body.get("success") == Some(&Value::Bool(false)) {
            return None;
        }
        let Some(Value::Array(_)) = value_at(&body, items) else {
            return None;
        };
        let Value::Array(values) = take_at(&mut body, items) else {
            unreachable!()
        };
        let items = values.into_iter().map(T::from_json).collect();
        Some((items, body))
    }

    fn check<T: Decode + Debug>(body: &[u8], hits: &mut usize) {
        let paths: [&[&str]; 7] = [
            &[],
            &["data"],
            &["organization"],
            &["user"],
            &["current"],
            &["organizations"],
            &["data", "items"],
        ];
        for path in paths {
            if let Some(fast) = at::<T>(body, path) {
                *hits += 1;
                let slow = slow_at::<T>(body, path);
                let text = String::from_utf8_lossy(body);
                match slow {
                    Some(Ok(slow)) => {
                        assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{path:?} {text}")
                    }
                    other => panic!("fast path decoded {path:?} of {text}, slow gave {other:?}"),
                }
            }
            let keep = ["meta", "total", "limit"];
            if let Some((fast, rest)) = page::<T>(body, path, &keep) {
                *hits += 1;
                let text = String::from_utf8_lossy(body);
                match slow_page::<T>(body, path) {
                    Some((Ok(slow), slow_rest)) => {
                        assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{path:?} {text}");
                        for k in keep {
                            assert_eq!(rest.get(k), slow_rest.get(k), "{k} of {text}");
                        }
                    }
                    Some((Err(e), _)) => panic!("fast page of {text}; slow failed: {e}"),
                    None => panic!("fast page of {text}; slow found no array at {path:?}"),
                }
            }
        }
    }

    fn check_all(body: &[u8], hits: &mut usize) {
        check::<Project>(body, hits);
        check::<Organization>(body, hits);
        check::<Member>(body, hits);
        check::<Task>(body, hits);
        check::<Document>(body, hits);
        check::<User>(body, hits);
        check::<Invite>(body, hits);
        check::<Session>(body, hits);
        check::<Value>(body, hits);
    }

    fn corpus() -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
        let mut dirs = vec![root.join("fixtures"), root.join("fuzz-inputs")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_none_or(|e| e == "json") {
                    out.push(std::fs::read(&path).unwrap());
                }
            }
        }
        let awkward = [
            json!({"id": 1, "createdAt": "yesterday", "updated_at": 1700000000, "password": "x",
                   "apiKey": "k", "zeta": 1, "alpha": [1, {"b": null}], "is_active": 1,
                   "isActive": "true", "organization": {"id": "o1", "name": "n"}, "name": 12,
                   "tags": ["a", {"name": "b"}, 3, null, [1]], "settings": {"isPublic": 0, "x": 1},
                   "status": "On-Hold", "role": "ADMIN", "roles": [{"role": "Owner"}, "member"]}),
            json!({"_id": "abc", "title": "t", "user": {"id": 7, "email": "e", "first_name": "f",
                   "secret": "s", "extra": true}, "orgId": "9", "contactId": null}),
            json!({"id": 5, "user": 8}),
            json!({"id": 5, "user": "u-8", "success": true, "token": "t", "organization": "acme"}),
            json!({"id": 1.5, "createdAt": -5, "dueDate": 99999999999999i64, "big": 18446744073709551615u64}),
            json!({"id": -0.0, "name": "x", "metadata": {"k": [1, 2]}, "website": null}),
            json!({"id": 3, "tags": "nope"}),
            json!({"id": 3, "settings": [1]}),
            json!({"id": {"id": 4}, "roles": [1]}),
            json!({"name": "no id"}),
            json!({"accessToken": "tok", "user": {"id": 1, "passwordHash": "h"}, "authentication": {"accessToken": "n"}}),
            json!({"authentication": {"accessToken": "nested"}, "success": true}),
            json!({"jwt": 5}),
            json!(42),
            json!("org-7"),
            json!(null),
            json!([]),
            json!({}),
        ];
        let mut values: Vec<Value> = awkward.to_vec();
        for body in out.clone() {
            if let Ok(v) = serde_json::from_slice::<Value>(&body) {
                values.push(v);
            }
        }
        for v in values {
            let list = json!([v.clone(), v.clone()]);
            for wrapped in [
                v.clone(),
                json!({"success": true, "data": v.clone()}),
                json!({"data": v.clone(), "success": true, "meta": {"total": 9, "limit": "2"}}),
                json!({"success": false, "data": v.clone()}),
                json!({"data": list.clone(), "total": 4, "limit": 2, "skip": 0}),
                json!({"success": true, "data": list.clone(), "meta": {"page": 1}}),
                json!({"data": {"items": list.clone(), "total": 3}}),
                json!({"organization": v.clone(), "token": "t"}),
                json!({"user": v.clone()}),
                json!({"organizations": list.clone()}),
                list.clone(),
            ] {
                out.push(serde_json::to_vec(&wrapped).unwrap());
            }
        }
        // Text a `Value` cannot show: repeated keys, escapes, odd spacing.
        for text in [
            r#"{"data": {"id": 1, "name": "a", "id": 2, "name": null}}"#,
            r#"{"data": {"id": 1, "name": "a"}, "data": {"id": 2}}"#,
            r#"{"success": false, "success": true, "data": {"id": 1}}"#,
            r#"{"success": true, "success": false, "data": {"id": 1}}"#,
            r#"{"success": true, "id": 1, "a": 1, "b": 2, "success": true}"#,
            r#"{"id": 1, "a": 1, "success": true, "b": 2, "c": 3}"#,
            r#"{"data": [{"id": 1, "created\u005fat": "2024-01-01", "na\u006de": "\u00e9t\u00e9"}]}"#,
            r#"{"data": [{"id": 1}, {"id": "x", "id": 2, "x": 1, "x": 2}], "meta": {"total": 5}, "meta": {"total": 6}}"#,
            r#" {"data" : [ {"id":1} ] , "total" : "7" } "#,
            r#"{"data": [{"id": 1}]} trailing"#,
            r#"{"data": [{"id": 1}, ]}"#,
            r#"{"data": [{"id": 1e400}]}"#,
            r#"{"data": {"id": 1, "createdAt": "2024-02-30T00:00:00Z", "updatedAt": " 2024-02-03 04:05:06.7 "}}"#,
            r#"{"data": {"user_id": 4, "user": {"id": 5, "lastName": "L"}, "id": 9, "is_active": 2}}"#,
            "",
            "   ",
            "nul",
        ] {
            out.push(text.as_bytes().to_vec());
        }
        out
    }

    #[test]
    fn the_fast_path_agrees_with_the_value_path() {
        let mut hits = 0;
        for body in corpus() {
            check_all(&body, &mut hits);
        }
        // The fast path does take the usual shapes.
        assert!(hits > 500, "{hits}");
    }

    #[test]
    fn the_usual_shapes_take_the_fast_path() {
        let project = br#"{"success":true,"data":{"id":42,"name":"P","createdAt":"2024-03-01T09:15:00.000Z","tags":["a"],"settings":{"isPublic":true}}}"#;
        assert!(at::<Project>(project, &["data"]).is_some());
        let page_body = br#"{"success":true,"data":[{"id":1},{"id":2}],"meta":{"page":1,"limit":2,"total":10}}"#;
        let (items, rest) = page::<Project>(page_body, &["data"], &["meta"]).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(rest["meta"]["total"], 10);
        // Shapes left to the `Value` path.
        assert!(at::<Project>(br#"{"id":1}"#, &["data"]).is_none());
        assert!(at::<Project>(br#"{"success":false,"data":{"id":1}}"#, &["data"]).is_none());
        assert!(page::<Project>(br#"{"items":[{"id":1}]}"#, &["data"], &[]).is_none());
        assert!(page::<Project>(br#"{"data":[{"id":true}]}"#, &["data"], &[]).is_none());
    }
}

#[cfg(test)]
mod bench {
    //! `cargo test --release -p orgkit --lib fast::bench -- --ignored --nocapture`:
    //! a 1000-project page decoded by the fast path, by the `Value` path and
    //! by serde-derive structs (what the benchmark's raw reqwest client does).

    use std::time::Instant;

    use chrono::{DateTime, Utc};
    use serde::Deserialize;
    use serde_json::Value;

    use crate::models::{FromJson, Project};

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct RawProject {
        id: u64,
        name: String,
        description: String,
        status: String,
        settings: RawSettings,
        created_at: DateTime<Utc>,
        updated_at: DateTime<Utc>,
        tags: Vec<String>,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct RawSettings {
        is_public: bool,
        allow_comments: bool,
    }
    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Envelope {
        success: bool,
        data: Vec<RawProject>,
        meta: Value,
    }

    fn body() -> Vec<u8> {
        let items: Vec<String> = (1..=1000u64)
            .map(|id| {
                format!(
                    concat!(
                        "{{\"id\":{id},\"name\":\"Project {id}\",\"description\":\"Quarterly roadmap work item #{id:06} covering planning, delivery and review.\",",
                        "\"status\":\"active\",\"settings\":{{\"isPublic\":true,\"allowComments\":false}},",
                        "\"createdAt\":\"2024-03-01T09:15:00.{ms:03}Z\",\"updatedAt\":\"2024-06-01T17:45:00.{ms:03}Z\",",
                        "\"tags\":[\"alpha\",\"beta\"]}}"
                    ),
                    id = id,
                    ms = id % 1000
                )
            })
            .collect();
        format!(
            "{{\"success\":true,\"data\":[{}],\"meta\":{{\"page\":1,\"limit\":1000,\"total\":100000}}}}",
            items.join(",")
        )
        .into_bytes()
    }

    fn time(name: &str, mut f: impl FnMut() -> u64) -> f64 {
        let mut best = f64::MAX;
        for _ in 0..150 {
            let t = Instant::now();
            std::hint::black_box(f());
            best = best.min(t.elapsed().as_secs_f64());
        }
        eprintln!("{name:>8}: {:.3} ms", best * 1e3);
        best
    }

    /// For `perf record`: the fast path alone.
    #[test]
    #[ignore]
    fn bigpage_fast_only() {
        let body = body();
        time("fast", || {
            let (items, _) = super::page::<Project>(&body, &["data"], &["meta"]).unwrap();
            items.iter().map(|p| p.id.as_i64().unwrap() as u64).sum()
        });
    }

    #[test]
    #[ignore]
    fn bigpage_decode() {
        let body = body();
        let derive = time("derive", || {
            let e: Envelope = serde_json::from_slice(&body).unwrap();
            e.data.iter().map(|p| p.id).sum()
        });
        let value = time("value", || {
            let mut v: Value = serde_json::from_slice(&body).unwrap();
            let Value::Array(items) = v["data"].take() else {
                panic!()
            };
            items
                .into_iter()
                .map(|p| Project::from_json(p).unwrap().id.as_i64().unwrap() as u64)
                .sum()
        });
        let fast = time("fast", || {
            let (items, _) = super::page::<Project>(&body, &["data"], &["meta"]).unwrap();
            items.iter().map(|p| p.id.as_i64().unwrap() as u64).sum()
        });
        eprintln!(
            "fast ÷ derive speed: {:.2}×, value ÷ derive: {:.2}×",
            derive / fast,
            derive / value
        );
    }
}
