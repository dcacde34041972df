//! Subset matching of an actual JSON value against a scenario's expectation
//! (the rules are in README.md, "Matching").

use serde_json::Value;

/// Whether `actual` matches `expected`; each mismatch is pushed to `errors`
/// with its JSON path (`result.items[0].name`).
pub fn check(expected: &Value, actual: &Value, path: &str, errors: &mut Vec<String>) {
    if let Some(ops) = operator(expected) {
        for (op, arg) in ops {
            check_operator(op, arg, actual, path, errors);
        }
        return;
    }
    match (expected, actual) {
        (Value::Null, Value::Null) => {}
        (Value::Object(want), Value::Object(have)) => {
            for (key, want_value) in want {
                let found = have.get(key).or_else(|| have.get(&camel(key)));
                let child = format!("{path}.{key}");
                match found {
                    Some(v) => check(want_value, v, &child, errors),
                    None if want_value.is_null() => {}
                    None if is_absent_ok(want_value) => {}
                    None => errors.push(format!("{child}: missing (expected {want_value})")),
                }
            }
        }
        (Value::Array(want), Value::Array(have)) => {
            if want.len() != have.len() {
                errors.push(format!(
                    "{path}: expected {} elements, got {}: {}",
                    want.len(),
                    have.len(),
                    short(actual)
                ));
                return;
            }
            for (i, (w, h)) in want.iter().zip(have).enumerate() {
                check(w, h, &format!("{path}[{i}]"), errors);
            }
        }
        (Value::Number(w), Value::Number(h)) => {
            if w.as_f64() != h.as_f64() {
                errors.push(format!("{path}: expected {w}, got {h}"));
            }
        }
        (Value::String(w), Value::String(h)) => {
            if w != h && !same_instant(w, h) {
                errors.push(format!("{path}: expected {w:?}, got {h:?}"));
            }
        }
        (w, h) if w == h => {}
        (w, h) => errors.push(format!("{path}: expected {w}, got {}", short(h))),
    }
}

/// The matcher names; an object whose keys are all among them is a matcher,
/// any other object (say a Feathers query `{"$limit": "10"}`) a literal.
pub const OPERATORS: &[&str] = &[
    "$present",
    "$not",
    "$contains",
    "$prefix",
    "$len",
    "$gte",
    "$lte",
];

/// The operators of a matcher object (`{"$contains": "x"}`), if it is one.
fn operator(expected: &Value) -> Option<Vec<(&str, &Value)>> {
    let map = expected.as_object()?;
    if map.is_empty() || !map.keys().all(|k| OPERATORS.contains(&k.as_str())) {
        return None;
    }
    Some(map.iter().map(|(k, v)| (k.as_str(), v)).collect())
}

/// `{"$present": false}` and `{"$absent": true}` accept a missing key.
fn is_absent_ok(expected: &Value) -> bool {
    operator(expected).is_some_and(|ops| {
        ops.iter()
            .all(|(op, arg)| (*op == "$present" && **arg == Value::Bool(false)) || *op == "$not")
    })
}

fn check_operator(op: &str, arg: &Value, actual: &Value, path: &str, errors: &mut Vec<String>) {
    let fail = |errors: &mut Vec<String>, what: String| {
        errors.push(format!("{path}: expected {what}, got {}", short(actual)))
    };
    match op {
        "$present" => {
            if arg.as_bool() != Some(!actual.is_null()) {
                fail(errors, format!("present = {arg}"));
            }
        }
        "$not" => {
            let mut sub = Vec::new();
            check(arg, actual, path, &mut sub);
            if sub.is_empty() {
                fail(errors, format!("anything but {arg}"));
            }
        }
        "$contains" => {
            let ok = match (actual, arg) {
                (Value::String(s), Value::String(needle)) => s.contains(needle.as_str()),
                (Value::Array(items), want) => items.iter().any(|item| {
                    let mut sub = Vec::new();
                    check(want, item, path, &mut sub);
                    sub.is_empty()
                }),
                _ => false,
            };
            if !ok {
                fail(errors, format!("something containing {arg}"));
            }
        }
        "$prefix" => {
            let ok = matches!((actual, arg), (Value::String(s), Value::String(p)) if s.starts_with(p.as_str()));
            if !ok {
                fail(errors, format!("a string starting with {arg}"));
            }
        }
        "$len" => {
            let len = match actual {
                Value::Array(a) => Some(a.len()),
                Value::String(s) => Some(s.chars().count()),
                Value::Object(o) => Some(o.len()),
                _ => None,
            };
            if len.map(|n| n as u64) != arg.as_u64() {
                fail(errors, format!("length {arg}"));
            }
        }
        "$gte" | "$lte" => {
            let (Some(a), Some(b)) = (actual.as_f64(), arg.as_f64()) else {
                return fail(errors, format!("a number {op} {arg}"));
            };
            if (op == "$gte" && a < b) || (op == "$lte" && a > b) {
                fail(errors, format!("a number {op} {arg}"));
            }
        }
        other => errors.push(format!("{path}: unknown matcher {other:?}")),
    }
}

/// Two RFC 3339 date-times naming the same instant (`Z` vs `+00:00`, fractions).
fn same_instant(a: &str, b: &str) -> bool {
    use orgkit::chrono::DateTime;
    match (
        DateTime::parse_from_rfc3339(a),
        DateTime::parse_from_rfc3339(b),
    ) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// `first_name` → `firstName`, for results whose keys are camelCase (Node).
pub fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// A value cut short for a failure message.
pub fn short(v: &Value) -> String {
    let text = v.to_string();
    if text.chars().count() > 300 {
        let cut: String = text.chars().take(300).collect();
        format!("{cut}…")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ok(expected: Value, actual: Value) -> bool {
        let mut e = Vec::new();
        check(&expected, &actual, "r", &mut e);
        e.is_empty()
    }

    #[test]
    fn subset_rules() {
        assert!(ok(json!({"id": 1}), json!({"id": 1, "name": "x"})));
        assert!(ok(json!({"first_name": "A"}), json!({"firstName": "A"})));
        assert!(!ok(json!({"id": 1}), json!({"id": "1"})));
        assert!(ok(json!({"x": null}), json!({})));
        assert!(ok(json!([1, 2]), json!([1, 2])));
        assert!(!ok(json!([1]), json!([1, 2])));
        assert!(ok(json!(1), json!(1.0)));
        assert!(ok(
            json!("2024-01-01T00:00:00Z"),
            json!("2024-01-01T00:00:00.000+00:00")
        ));
        assert!(ok(json!({"$contains": "b"}), json!("abc")));
        assert!(ok(
            json!({"$contains": {"id": 2}}),
            json!([{"id": 1}, {"id": 2}])
        ));
        assert!(ok(json!({"$prefix": "Bearer "}), json!("Bearer x")));
        assert!(ok(json!({"$not": "a"}), json!("b")));
        assert!(!ok(json!({"$not": "a"}), json!("a")));
        assert!(ok(json!({"$present": true}), json!(0)));
        assert!(!ok(json!({"$present": true}), json!(null)));
        assert!(ok(json!({"k": {"$present": false}}), json!({})));
        assert!(ok(json!({"$len": 2}), json!([0, 0])));
        assert!(ok(json!({"$gte": 1, "$lte": 2}), json!(1.5)));
        assert!(ok(
            json!({"$limit": "10"}),
            json!({"$limit": "10", "$skip": "0"})
        ));
        assert!(!ok(json!({"$limit": "10"}), json!({"$limit": "20"})));
    }
}
