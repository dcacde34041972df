//! The bounded, deterministic part of orgkit's fuzzing (the open-ended
//! part is `sdk-core/fuzz/`, see its README): replays every saved fuzz
//! input, then mutates the fixture bodies and the webhook vectors with a
//! seeded xorshift and pushes them through every operation's read path.
//! Each call must end without a panic, as a success only for a 2xx, and
//! otherwise as a Decode error or the API error of the status (see
//! `orgkit::__fuzz::check_decode`) — and give the same result, or the
//! same error, by the streamed decoders and by the reference ones they
//! replaced (`orgkit::__fuzz::check_same`). Runs in a few seconds.

use std::path::{Path, PathBuf};

use orgkit::__fuzz::{
    args_input, check_decode, check_same, decode, decode_input, differential_input, operations,
    webhook_input, TOKEN,
};
use orgkit::{ErrorKind, ListParams, Provider};
use serde_json::Value;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| Some(e.ok()?.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.is_file());
    files.sort();
    files
}

/// xorshift64*: small, seeded, the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const STATUSES: &[u16] = &[200, 200, 200, 201, 204, 400, 401, 404, 422, 429, 500, 503];

const NASTY_VALUES: &[&str] = &[
    "null",
    "true",
    "0",
    "-1",
    "1e400",
    "-1e400",
    "18446744073709551616",
    "-9223372036854775809",
    "9223372036854775807",
    "1.7976931348623157e308",
    "0.5",
    "\"\"",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"2026-13-45T99:99:99Z\"",
    "\"99999999999999999999\"",
    "[]",
    "{}",
    "[null]",
    "[[[]]]",
    "{\"id\":{}}",
    "{\"id\":[]}",
    "\"<script>\"",
];

/// Whole bodies that are wrong in themselves.
fn nasty_bodies() -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = [
        "",
        " \n",
        "null",
        "[]",
        "{}",
        "0",
        "\"text\"",
        "{\"success\":false}",
        "{\"success\":true}",
        "{\"success\":\"false\",\"data\":null}",
        "{\"data\":{\"id\":null}}",
        "{\"data\":[1,2,3]}",
        "{\"data\":[{}],\"meta\":{\"page\":1,\"limit\":18446744073709551615,\"total\":18446744073709551615}}",
        "{\"data\":[{\"id\":1}],\"meta\":{\"limit\":1,\"total\":1e400}}",
        "{\"data\":[{\"id\":1}],\"total\":18446744073709551615,\"limit\":0,\"skip\":0}",
        "{\"data\":[{\"id\":1}],\"pagination\":{\"total\":\"99999999999999999999999\",\"limit\":\"-1\"}}",
        "{\"organizations\":[{\"id\":1,\"roles\":[1]}],\"current\":{}}",
        "{\"token\":\"\",\"organization\":[]}",
        "{\"token\":5}",
        "{\"accessToken\":null,\"authentication\":{\"accessToken\":7}}",
        "{\"confirmUrl\":\"http://[::1\"}",
        "{\"confirmUrl\":\"https://x/?token=a&token=b\",\"organization\":true}",
        "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>",
        "<html><head><title>Just a moment...</title></head></html>",
        "\u{feff}{\"id\":1}",
        "{\"id\":1}{\"id\":2}",
        "{\"id\":1,}",
        "{'id':1}",
        "{\"error\":{\"code\":[],\"message\":{},\"details\":\"x\"},\"success\":false}",
        "{\"data\":{\"retryAfter\":-5,\"limit\":\"x\",\"current\":1e999}}",
        "{\"data\":{\"retryAfter\":1e300,\"limit\":5,\"current\":10}}",
        "{\"errors\":{\"a\":{\"b\":[1,2]}},\"message\":null}",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    out.push(vec![0xff, 0xfe, 0x00, 0x80, b'{', 0xc3, 0x28, b'}']);
    out.push(b"{\"id\":\"\xff\xfe\"}".to_vec());
    out.push(b"{\"name\":\"caf\xe9\",\"id\":1}".to_vec());
    // Deep nesting: serde_json's recursion limit (128) must turn these into
    // errors, never a stack overflow.
    for depth in [127, 128, 129, 100_000] {
        out.push(format!("{}{}", "[".repeat(depth), "]".repeat(depth)).into_bytes());
        out.push(format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth)).into_bytes());
        out.push("[".repeat(depth).into_bytes());
    }
    // Above the fuzz clients' response cap.
    out.push(vec![b' '; orgkit::__fuzz::MAX_RESPONSE_BYTES + 1]);
    let mut big = b"{\"data\":[".to_vec();
    while big.len() <= orgkit::__fuzz::MAX_RESPONSE_BYTES {
        big.extend_from_slice(b"{\"id\":1},");
    }
    big.extend_from_slice(b"{\"id\":2}]}");
    out.push(big);
    out
}

/// Replaces one random node of `v` with a value of another type.
fn swap_type(v: &mut Value, rng: &mut Rng) {
    let children = match v {
        Value::Array(items) if !items.is_empty() => items.len(),
        Value::Object(map) if !map.is_empty() => map.len(),
        _ => 0,
    };
    if children == 0 || rng.below(4) == 0 {
        let text: &str = NASTY_VALUES[rng.below(NASTY_VALUES.len())];
        *v = serde_json::from_str(text).unwrap_or(Value::Null);
        return;
    }
    let i = rng.below(children);
    match v {
        Value::Array(items) => swap_type(&mut items[i], rng),
        Value::Object(map) => {
            if let Some((_, child)) = map.iter_mut().nth(i) {
                swap_type(child, rng);
            }
        }
        _ => {}
    }
}

fn mutate(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut data = seed.to_vec();
    match rng.below(8) {
        // Truncation.
        0 => data.truncate(rng.below(data.len() + 1)),
        // Byte flips, including bytes that break UTF-8.
        1 => {
            for _ in 0..=rng.below(4) {
                if !data.is_empty() {
                    let i = rng.below(data.len());
                    data[i] = *rng.pick(&[0xff, 0xc3, 0x80, 0x00, b'"', b'\\', b'{', b']', b'9']);
                }
            }
        }
        // A nasty value spliced in at a random point.
        2 => {
            let at = rng.below(data.len() + 1);
            let value = rng.pick(NASTY_VALUES).as_bytes().to_vec();
            data.splice(at..at, value);
        }
        // Duplicate a random slice (repeated keys, doubled objects).
        3 => {
            if !data.is_empty() {
                let a = rng.below(data.len());
                let b = (a + rng.below(64)).min(data.len());
                let piece = data[a..b].to_vec();
                let at = rng.below(data.len() + 1);
                data.splice(at..at, piece);
            }
        }
        // Structural type swaps (when the seed is JSON at all).
        _ => {
            if let Ok(mut v) = serde_json::from_slice::<Value>(seed) {
                for _ in 0..=rng.below(3) {
                    swap_type(&mut v, rng);
                }
                data = serde_json::to_vec(&v).expect("a Value serializes");
            }
        }
    }
    data
}

fn fixtures(provider: Provider) -> Vec<Vec<u8>> {
    let dir = manifest().join("tests/fixtures").join(provider.as_str());
    files_in(&dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter_map(|p| std::fs::read(p).ok())
        .collect()
}

#[test]
fn saved_fuzz_inputs_replay_cleanly() {
    let root = manifest().join("tests/fuzz-inputs");
    let mut replayed = 0;
    for provider in Provider::ALL {
        for file in files_in(&root.join(format!("decode_{provider}"))) {
            let data = std::fs::read(&file).unwrap();
            decode_input(provider, &data);
            differential_input(provider, &data);
            replayed += 1;
        }
    }
    for file in files_in(&root.join("webhook_verify")) {
        webhook_input(&std::fs::read(&file).unwrap());
        replayed += 1;
    }
    for file in files_in(&root.join("args")) {
        // As the `args` target reads it: byte 0 picks the provider.
        let data = std::fs::read(&file).unwrap();
        if let [p, rest @ ..] = &data[..] {
            args_input(Provider::ALL[usize::from(*p) % Provider::ALL.len()], rest);
            replayed += 1;
        }
    }
    eprintln!("replayed {replayed} saved fuzz inputs");
}

fn mutation_loop(provider: Provider, seed: u64) {
    let ops = operations(provider);
    let mut seeds = fixtures(provider);
    seeds.extend(nasty_bodies());
    let mut rng = Rng(seed);
    let mut runs = 0;
    // Every seed as it is, through every operation, at a few statuses.
    for body in &seeds {
        for op in &ops {
            for status in [200, 204, 404, 500] {
                check_decode(provider, *op, status, &[], body, ListParams::default());
                check_same(provider, *op, status, &[], body, ListParams::default());
                runs += 1;
            }
        }
    }
    // Then mutants.
    for _ in 0..3000 {
        let base = rng.pick(&seeds).clone();
        let body = mutate(&base, &mut rng);
        let op = *rng.pick(&ops);
        let status = *rng.pick(STATUSES);
        let params = ListParams {
            page: *rng.pick(&[None, Some(1), Some(2), Some(u32::MAX)]),
            skip: *rng.pick(&[None, Some(0), Some(5), Some(u64::MAX)]),
            limit: *rng.pick(&[None, Some(1), Some(20), Some(100)]),
            ..Default::default()
        };
        let retry_after = *rng.pick(&[
            &b"3"[..],
            b"-1",
            b"1e999",
            b"Wed, 21 Oct 2015 07:28:00 GMT",
            b"\xff",
        ]);
        let reset = *rng.pick(&[
            &b"60"[..],
            b"1767225600",
            b"18446744073709551615",
            b"-3",
            b"1e30",
        ]);
        let headers: &[(&str, &[u8])] = &[
            ("retry-after", retry_after),
            ("x-ratelimit-limit", b"100"),
            ("x-ratelimit-remaining", b"99999999999999999999999"),
            ("x-ratelimit-reset", reset),
            ("x-request-id", b"req-1"),
        ];
        let headers = if rng.below(2) == 0 { headers } else { &[] };
        check_decode(provider, op, status, headers, &body, params.clone());
        check_same(provider, op, status, headers, &body, params);
        runs += 1;
    }
    eprintln!("{provider}: {runs} decodes");
}

#[test]
fn mutated_ourganize_answers_fail_cleanly() {
    mutation_loop(Provider::Ourganize, 0x6f75_7267_616e_697a);
}

#[test]
fn mutated_orgstack_answers_fail_cleanly() {
    mutation_loop(Provider::Orgstack, 0x6f72_6773_7461_636b);
}

#[test]
fn mutated_achieveapex_answers_fail_cleanly() {
    mutation_loop(Provider::Achieveapex, 0x6163_6869_6576_6561);
}

#[test]
fn mutated_kaana_answers_fail_cleanly() {
    mutation_loop(Provider::Kaana, 0x6b61_616e_6100_0001);
}

#[test]
fn mutated_pm415_answers_fail_cleanly() {
    mutation_loop(Provider::Pm415, 0x706d_3431_3500_0001);
}

#[test]
fn deep_nesting_is_a_decode_error_not_a_stack_overflow() {
    for provider in Provider::ALL {
        for op in operations(provider) {
            let body = "[".repeat(200_000);
            match decode(provider, op, 200, body.as_bytes()) {
                Ok(_) => {} // Read::Nothing operations ignore unreadable bodies.
                Err(e) => assert_eq!(e.kind(), ErrorKind::Decode, "{provider} {op:?}: {e}"),
            }
        }
    }
}

#[test]
fn html_and_non_utf8_error_pages_keep_their_status() {
    for provider in Provider::ALL {
        for op in operations(provider) {
            for body in [
                &b"<html><body>502 Bad Gateway</body></html>"[..],
                b"\xff\xfe\x00garbage",
            ] {
                let e = decode(provider, op, 502, body).expect_err("a 502 is an error");
                assert_eq!(e.kind(), ErrorKind::Server, "{provider} {op:?}");
                assert_eq!(e.status(), Some(502));
                assert!(e.body().is_some());
            }
        }
    }
}

#[test]
fn oversized_answers_are_decode_errors() {
    let body = vec![b' '; orgkit::__fuzz::MAX_RESPONSE_BYTES + 1];
    for provider in Provider::ALL {
        for op in operations(provider) {
            for status in [200, 500] {
                let e = decode(provider, op, status, &body).expect_err("over the cap");
                assert_eq!(
                    e.kind(),
                    ErrorKind::Decode,
                    "{provider} {op:?} {status}: {e}"
                );
                assert_eq!(e.status(), Some(status));
            }
        }
    }
}

#[test]
fn mutated_webhooks_fail_cleanly() {
    let path = manifest().join("../tests/conformance/webhooks.json");
    let vectors: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let mut seeds = Vec::new();
    for case in vectors["cases"].as_array().unwrap() {
        let header = |name: &str| {
            case["headers"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p[0].as_str().unwrap().eq_ignore_ascii_case(name))
                .map(|p| p[1].as_str().unwrap().to_string())
                .unwrap_or_default()
        };
        let mut rest = Vec::new();
        for part in [
            header("webhook-id"),
            header("webhook-timestamp"),
            header("webhook-signature"),
        ] {
            rest.extend_from_slice(part.as_bytes());
            rest.push(0);
        }
        rest.extend_from_slice(case["body"].as_str().unwrap().as_bytes());
        seeds.push(rest);
    }
    for extra in [
        &b"msg\x00-9223372036854775808\x00v1,\x00{}"[..],
        b"msg\x009223372036854775807\x00v1,AAAA\x00{\"type\":1}",
        b"msg\x0099999999999999999999\x00v1\x00null",
        b"\x00\x00\x00",
        b"m.s g\x001767225600\x00v1,=\x00{\"type\":\"task.created\",\"data\":[]}",
        b"msg\x00+1767225600\x00 v1,x  v1,y \x00\xff",
    ] {
        seeds.push(extra.to_vec());
    }
    let mut rng = Rng(0x7765_6268_6f6f_6b73);
    let mut runs = 0;
    for seed in &seeds {
        for flags in [
            0x00, 0x01, 0x02, 0x03, 0x04, 0x08, 0x10, 0x20, 0x21, 0x60, 0x61,
        ] {
            let mut data = vec![flags];
            data.extend_from_slice(seed);
            webhook_input(&data);
            runs += 1;
        }
    }
    for _ in 0..5000 {
        let seed = rng.pick(&seeds).clone();
        let mut data = vec![rng.next() as u8];
        data.extend(mutate(&seed, &mut rng));
        webhook_input(&data);
        runs += 1;
    }
    eprintln!("webhooks: {runs} verifications");
}

/// What the fuzzers found when they put the client's token into an answer
/// (tests/fuzz-inputs/*/echoed-token-*): the data of a success is the
/// server's and is kept exactly, token included; an error made of the same
/// answer shows the token nowhere.
#[test]
fn an_echoed_token_is_kept_in_data_and_scrubbed_from_errors() {
    let op = operations(Provider::Kaana)
        .into_iter()
        .find(|op| op.as_str() == "organizations.get")
        .expect("kaana gets organizations");
    let name = format!("Acme {TOKEN} Corporation");
    let body = serde_json::json!({ "id": 1, "name": name, "message": name }).to_string();
    let text = decode(Provider::Kaana, op, 200, body.as_bytes()).expect("a 200 decodes");
    assert!(text.contains(&format!("name: Some({name:?})")), "{text}");
    let e = decode(Provider::Kaana, op, 500, body.as_bytes()).expect_err("a 500 fails");
    let shown = format!("{e} {e:?} {:?} {}", e.body(), e.message());
    assert!(!shown.contains(TOKEN), "{shown}");
    assert!(shown.contains("[redacted]"), "{shown}");
}
