//! The body reader (`models/json.rs`) against `serde_json`, on every
//! fixture, saved fuzz input, webhook vector, answer of the mock server,
//! their mutations and hand-made edge cases: both accept the same texts,
//! and give the same values — numbers compared exactly where `serde_json`
//! holds them exactly (beyond 64 bits, the reader keeps the digits where
//! `serde_json` rounds to a float).

use std::path::{Path, PathBuf};

mod common;

use serde_json::Value;

fn files(dir: &Path, out: &mut Vec<Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if let Ok(bytes) = std::fs::read(&p) {
            out.push(bytes);
        }
    }
}

/// Whether two values are the same, numbers by value.
fn same(ours: &Value, theirs: &Value) -> bool {
    match (ours, theirs) {
        (Value::Number(a), Value::Number(b)) => {
            match (a.as_i64(), b.as_i64(), a.as_u64(), b.as_u64()) {
                (Some(x), Some(y), _, _) => x == y,
                (_, _, Some(x), Some(y)) => x == y,
                // serde_json's float parsing (without `float_roundtrip`) can be an
                // ulp off the correctly rounded value the reader gives.
                _ => match (a.as_f64(), b.as_f64()) {
                    (Some(x), Some(y)) => x == y || ((x - y) / y).abs() < 1e-15,
                    _ => false,
                },
            }
        }
        // An integer beyond 64 bits: its digits, where serde_json has a float.
        // (serde_json's own rounding of such an integer can be an ulp off.)
        (Value::String(digits), Value::Number(b)) if b.is_f64() => {
            let want = b.as_f64().unwrap_or(f64::NAN);
            digits
                .parse::<f64>()
                .is_ok_and(|f| ((f - want) / want).abs() < 1e-15)
        }
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|((ka, va), (kb, vb))| ka == kb && same(va, vb))
        }
        (a, b) => a == b,
    }
}

fn check(input: &[u8], compared: &mut usize) {
    let ours = orgkit::__fuzz::read_json(input);
    let theirs: Result<Value, _> = serde_json::from_slice(input);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => {
            assert!(
                same(a, b),
                "values differ for {:?}:\n ours {a}\n serde {b}",
                String::from_utf8_lossy(input)
            );
            *compared += 1;
        }
        (Err(_), Err(_)) => {}
        // serde_json refuses a float out of its range; the reader keeps its text.
        (Ok(_), Err(e)) if e.to_string().contains("number out of range") => {}
        _ => panic!(
            "accepted by one only for {:?}: ours {ours:?}, serde {theirs:?}",
            String::from_utf8_lossy(&input[..input.len().min(300)])
        ),
    }
}

/// A seeded xorshift: the same mutations every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn corpus() -> Vec<Vec<u8>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    files(&root.join("tests/fixtures"), &mut out);
    files(&root.join("tests/fuzz-inputs"), &mut out);
    if let Ok(v) = std::fs::read(root.join("../tests/conformance/webhooks.json")) {
        out.push(v.clone());
        if let Ok(Value::Object(m)) = serde_json::from_slice::<Value>(&v) {
            for vector in m
                .values()
                .flat_map(|x| x.as_array().cloned().unwrap_or_default())
            {
                if let Some(body) = vector.get("body").and_then(Value::as_str) {
                    out.push(body.as_bytes().to_vec());
                }
            }
        }
    }
    for text in [
        r#"{"id": 18446744073709551617, "n": -9223372036854775809, "f": 1.5e-3, "z": -0}"#,
        r#"[0, -0.0, 1E+2, 1e-2, 123456789012345678901234567890]"#,
        r#"{"a": "\u00e9\ud83d\ude00\n\t\"\\\/", "a": 2}"#,
        "  \n {\"dup\": 1, \"dup\": 2, \"x\": [ ] , \"y\": { } }\r\n",
        "\"\\ud800\\u0041\"",
        "[1e400]",
        "{\"a\":}",
        "\t",
        "[\"\u{7f}\"]",
    ] {
        out.push(text.as_bytes().to_vec());
    }
    out
}

#[test]
fn the_reader_agrees_with_serde_json_on_the_corpus_and_its_mutations() {
    let bodies = corpus();
    assert!(bodies.len() > 50, "only {} bodies", bodies.len());
    let mut compared = 0;
    let mut rng = Rng(0x5eed_1234_9876_abcd);
    let specials = b"{}[],:\"\\ -0123456789eE.+tfnul\x00\xff";
    for body in &bodies {
        check(body, &mut compared);
        for _ in 0..40 {
            let mut m = body.clone();
            if m.is_empty() {
                continue;
            }
            for _ in 0..=(rng.next() % 3) {
                let at = (rng.next() as usize) % m.len();
                match rng.next() % 3 {
                    0 => m[at] = specials[(rng.next() as usize) % specials.len()],
                    1 => {
                        m.remove(at);
                        if m.is_empty() {
                            break;
                        }
                    }
                    _ => m.insert(at, specials[(rng.next() as usize) % specials.len()]),
                }
            }
            check(&m, &mut compared);
        }
    }
    assert!(compared > 200, "compared only {compared} accepted texts");
}

#[tokio::test]
async fn the_reader_agrees_with_serde_json_on_the_mock_servers_answers() {
    let answers = common::mock_answers().await;
    let mut compared = 0;
    for (_, body) in &answers {
        check(body, &mut compared);
    }
    assert!(compared >= 15, "{compared}");
}
