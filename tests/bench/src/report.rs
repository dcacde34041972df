//! Merges the runners' raw results (`raw/{meta,rust,python,node}.json`) into
//! `latest.json` and `latest.md`: throughput per client × workload, orgkit ÷
//! best peer per language, targets, and the memory table.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::{json, Value};

use crate::rust_clients::Result;
use crate::workloads::WORKLOADS;

const LANGUAGES: [&str; 3] = ["rust", "python", "node"];

/// Cold start (import + one client, in a fresh process) target, ms.
const COLD_START_MS: f64 = 50.0;
/// Binary size target after `strip`, bytes (MB = 10^6 bytes).
const STRIPPED_BYTES: f64 = 5e6;

/// Peak RSS may grow this much from the smallest to the largest list and
/// still count as flat (allocator noise, a bigger decode buffer).
const FLAT_GROWTH: f64 = 1.15;

struct Target {
    /// `None`: the best peer.
    peer: Option<&'static str>,
    ratio: f64,
    conc_ratio: f64,
    text: &'static str,
}

fn target(language: &str) -> Target {
    match language {
        "rust" => Target {
            peer: Some("reqwest"),
            ratio: 0.95,
            conc_ratio: 0.95,
            text: "orgkit ≥ 0.95× raw reqwest + serde on every workload",
        },
        "python" => Target {
            peer: None,
            ratio: 2.0,
            conc_ratio: 3.0,
            text: "best orgkit client ≥ 2× the best typed Python peer (≥ 3× on conc)",
        },
        _ => Target {
            peer: Some("undici.request"),
            ratio: 1.0,
            conc_ratio: 1.0,
            text: "orgkit ≥ 1.0× undici.request on every workload",
        },
    }
}

fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

/// Whether a reported checksum is the expected one (both whole numbers).
fn same_checksum(got: &Value, expected: &Value) -> bool {
    expected.as_u64().is_some() && got.as_u64() == expected.as_u64()
}

/// Rates, median, spread and checksum verdict of one raw result.
pub fn stats(raw: &Value) -> Value {
    let ops = raw["ops"].as_f64().unwrap_or(0.0);
    let mut rates: Vec<f64> = raw["seconds"]
        .as_array()
        .map(|s| {
            s.iter()
                .filter_map(Value::as_f64)
                .map(|s| ops / s)
                .collect()
        })
        .unwrap_or_default();
    let expected = &raw["expected"];
    let checksums = raw["checksums"].as_array().cloned().unwrap_or_default();
    let ok = !checksums.is_empty()
        && checksums.iter().all(|c| same_checksum(c, expected))
        && checksums.len() == rates.len();
    rates.sort_by(f64::total_cmp);
    let med = median(&rates);
    let (min, max) = (
        rates.first().copied().unwrap_or(f64::NAN),
        rates.last().copied().unwrap_or(f64::NAN),
    );
    json!({
        "rates": rates,
        "median": med,
        "min": min,
        "max": max,
        "spread_pct": (max - min) / med * 100.0,
        "reps": rates.len(),
        "checksum_ok": ok,
    })
}

/// Median, min and max of a list of numbers (`null` when there are none).
fn spread(values: &Value) -> Value {
    let mut v: Vec<f64> = values
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default();
    if v.is_empty() {
        return Value::Null;
    }
    v.sort_by(f64::total_cmp);
    json!({"median": median(&v), "min": v[0], "max": v[v.len() - 1], "n": v.len()})
}

fn fmt_ms(s: &Value) -> String {
    match (s["median"].as_f64(), s["min"].as_f64(), s["max"].as_f64()) {
        (Some(m), Some(lo), Some(hi)) => format!("{m:.1} ms ({lo:.1}–{hi:.1})"),
        _ => "–".into(),
    }
}

fn fmt_mb(bytes: Option<f64>) -> String {
    bytes.map_or("–".into(), |b| format!("{:.2} MB", b / 1e6))
}

/// A one-line summary for progress output.
pub fn summary(raw: &Value) -> String {
    let s = stats(raw);
    format!(
        "{:>10.0} {} (min {:.0}, max {:.0}, {} reps){}",
        s["median"].as_f64().unwrap_or(f64::NAN),
        raw["unit"].as_str().unwrap_or(""),
        s["min"].as_f64().unwrap_or(f64::NAN),
        s["max"].as_f64().unwrap_or(f64::NAN),
        s["reps"],
        if s["checksum_ok"] == true {
            ""
        } else {
            "  CHECKSUM MISMATCH"
        }
    )
}

fn read_json(path: &Path) -> Option<Value> {
    serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
}

fn fmt_rate(v: f64) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    let digits = (v.round() as u64).to_string();
    let mut groups = Vec::new();
    let mut rest = digits.as_str();
    while rest.len() > 3 {
        let (head, tail) = rest.split_at(rest.len() - 3);
        groups.push(tail);
        rest = head;
    }
    groups.push(rest);
    groups.reverse();
    groups.join(",")
}

/// The median rate of `client` on `workload` in a language's computed results.
fn rate_of(results: &[Value], client: &str, workload: &str) -> Option<f64> {
    results
        .iter()
        .find(|r| r["client"] == client && r["workload"] == workload)
        .filter(|r| r["stats"]["checksum_ok"] == true)
        .and_then(|r| r["stats"]["median"].as_f64())
}

pub fn run(raw_dir: &Path, out_dir: &Path) -> Result<()> {
    std::fs::create_dir_all(out_dir)?;
    let meta = read_json(&raw_dir.join("meta.json")).unwrap_or(json!({}));
    let mut languages = serde_json::Map::new();
    let mut ratios = Vec::new();
    let mut memory = Vec::new();
    let mut md = String::new();
    let mut throughput_md = String::new();
    let mut ratio_md = String::new();
    let mut memory_md = String::new();
    let mut notes = Vec::<String>::new();

    writeln!(
        throughput_md,
        "| language | client | seq req/s | conc req/s | paginate items/s | bigpage req/s |"
    )?;
    writeln!(throughput_md, "|---|---|---:|---:|---:|---:|")?;
    writeln!(
        ratio_md,
        "| language | orgkit client | seq | conc | paginate | bigpage |"
    )?;
    writeln!(ratio_md, "|---|---|---:|---:|---:|---:|")?;
    writeln!(
        memory_md,
        "| language | client | 1k items | 10k items | 100k items | 1k → 100k | flat? |"
    )?;
    writeln!(memory_md, "|---|---|---:|---:|---:|---:|---|")?;
    let mut target_lines = Vec::new();
    let mut coldstart = Vec::new();
    let mut coldstart_md = String::new();
    writeln!(
        coldstart_md,
        "| language | what | import + client, in process | whole process | target ≤ {COLD_START_MS} ms |"
    )?;
    writeln!(coldstart_md, "|---|---|---:|---:|---|")?;

    for language in LANGUAGES {
        let Some(mut doc) = read_json(&raw_dir.join(format!("{language}.json"))) else {
            let why = read_json(&raw_dir.join(format!("{language}.skipped.json")))
                .and_then(|v| v["reason"].as_str().map(str::to_string))
                .unwrap_or_else(|| "no results".into());
            notes.push(format!("**{language}: skipped** — {why}"));
            languages.insert(language.into(), json!({"skipped": why}));
            continue;
        };
        let results: Vec<Value> = doc["results"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .map(|mut r| {
                r["stats"] = stats(&r);
                r
            })
            .collect();
        doc["results"] = json!(results);
        let clients: Vec<Value> = doc["clients"].as_array().cloned().unwrap_or_default();
        for e in doc["errors"].as_array().cloned().unwrap_or_default() {
            notes.push(format!(
                "{language} {} {}: {}",
                e["client"].as_str().unwrap_or("?"),
                e["workload"].as_str().unwrap_or("?"),
                e["error"].as_str().unwrap_or("?")
            ));
        }

        // Throughput rows.
        for c in &clients {
            let name = c["name"].as_str().unwrap_or("?");
            let mut row = format!(
                "| {language} | {}{name}{} |",
                if c["orgkit"] == true { "**" } else { "" },
                if c["orgkit"] == true { "**" } else { "" }
            );
            for w in WORKLOADS {
                let cell = match results
                    .iter()
                    .find(|r| r["client"] == name && r["workload"] == w)
                {
                    None => "–".to_string(),
                    Some(r) => {
                        let s = &r["stats"];
                        if s["checksum_ok"] != true {
                            "✗ wrong checksum".to_string()
                        } else {
                            format!(
                                "{} ±{:.0}%",
                                fmt_rate(s["median"].as_f64().unwrap_or(f64::NAN)),
                                s["spread_pct"].as_f64().unwrap_or(f64::NAN) / 2.0
                            )
                        }
                    }
                };
                write!(row, " {cell} |")?;
            }
            writeln!(throughput_md, "{row}")?;
        }

        // orgkit ÷ best peer, and the target check.
        let t = target(language);
        let orgkit_clients: Vec<&str> = clients
            .iter()
            .filter(|c| c["orgkit"] == true)
            .filter_map(|c| c["name"].as_str())
            .collect();
        let peers: Vec<&str> = clients
            .iter()
            .filter(|c| c["orgkit"] != true)
            .filter_map(|c| c["name"].as_str())
            .collect();
        for ok_client in &orgkit_clients {
            let mut row = format!("| {language} | {ok_client} |");
            for w in WORKLOADS {
                let mine = rate_of(&results, ok_client, w);
                let best = peers
                    .iter()
                    .filter_map(|p| rate_of(&results, p, w).map(|r| (*p, r)))
                    .max_by(|a, b| a.1.total_cmp(&b.1));
                let cell = match (mine, best) {
                    (Some(m), Some((peer, b))) => {
                        ratios.push(json!({
                            "language": language, "orgkit_client": ok_client, "workload": w,
                            "best_peer": peer, "ratio": m / b,
                        }));
                        format!("{:.2}× (vs {peer})", m / b)
                    }
                    _ => "–".to_string(),
                };
                write!(row, " {cell} |")?;
            }
            writeln!(ratio_md, "{row}")?;
        }
        let mut verdicts = Vec::new();
        for w in WORKLOADS {
            let mine = orgkit_clients
                .iter()
                .filter_map(|c| rate_of(&results, c, w).map(|r| (*c, r)))
                .max_by(|a, b| a.1.total_cmp(&b.1));
            let peer = match t.peer {
                Some(p) => rate_of(&results, p, w).map(|r| (p, r)),
                None => peers
                    .iter()
                    .filter_map(|p| rate_of(&results, p, w).map(|r| (*p, r)))
                    .max_by(|a, b| a.1.total_cmp(&b.1)),
            };
            let want = if w == "conc" { t.conc_ratio } else { t.ratio };
            if let (Some((mc, m)), Some((pc, p))) = (mine, peer) {
                let ratio = m / p;
                let met = ratio >= want;
                verdicts.push(json!({
                    "workload": w, "orgkit_client": mc, "peer": pc, "ratio": ratio,
                    "target": want, "met": met,
                }));
                target_lines.push(format!(
                    "| {language} | {w} | {mc} ÷ {pc} | {ratio:.2}× | ≥ {want}× | {} |",
                    if met { "met" } else { "**missed**" }
                ));
            } else {
                target_lines.push(format!(
                    "| {language} | {w} | – | – | ≥ {want}× | no data |"
                ));
            }
        }
        doc["targets"] = json!({"text": t.text, "verdicts": verdicts});

        // Memory.
        let mem: Vec<Value> = doc["memory"].as_array().cloned().unwrap_or_default();
        for c in &clients {
            let name = c["name"].as_str().unwrap_or("?");
            let mut rows: Vec<&Value> = mem.iter().filter(|m| m["client"] == name).collect();
            if rows.is_empty() {
                continue;
            }
            // The list length asked for (`total`; older raw files only had `items`).
            let total = |m: &Value| m["total"].as_u64().or_else(|| m["items"].as_u64());
            let ok = |m: &Value| same_checksum(&m["checksum"], &m["expected"]);
            rows.sort_by_key(|m| total(m).unwrap_or(0));
            let mib = |m: &Value| m["vmhwm_kb"].as_f64().map(|k| k / 1024.0);
            let cell = |items: u64| -> String {
                match rows.iter().find(|m| total(m) == Some(items)) {
                    Some(m) if !ok(m) => "✗ wrong checksum".into(),
                    Some(m) => mib(m).map(|v| format!("{v:.1} MiB")).unwrap_or("–".into()),
                    None => "–".into(),
                }
            };
            let (first, last) = (
                rows.first().and_then(|m| mib(m)),
                rows.last().and_then(|m| mib(m)),
            );
            let all_ok = rows.iter().all(|m| ok(m));
            let (growth, flat) = match (first, last) {
                (Some(a), Some(b)) if a > 0.0 => (
                    format!("{:+.1} MiB ({:.2}×)", b - a, b / a),
                    all_ok && b / a <= FLAT_GROWTH,
                ),
                _ => ("–".into(), false),
            };
            memory.push(json!({
                "language": language, "client": name,
                "points": rows.iter().map(|m| json!({"total": total(m), "items": m["items"], "vmhwm_kb": m["vmhwm_kb"], "checksum_ok": ok(m), "seconds": m["seconds"]})).collect::<Vec<_>>(),
                "flat": flat,
            }));
            writeln!(
                memory_md,
                "| {language} | {name} | {} | {} | {} | {growth} | {} |",
                cell(1000),
                cell(10_000),
                cell(100_000),
                if flat { "yes" } else { "**no**" }
            )?;
        }

        // Cold start: fresh processes, each importing one library and building one client.
        for c in doc["coldstart"].as_array().cloned().unwrap_or_default() {
            let inproc = spread(&c["inproc_ms"]);
            let process = spread(&c["process_ms"]);
            let is_orgkit = c["orgkit"] == true;
            let verdict = match (is_orgkit, inproc["median"].as_f64()) {
                (true, Some(m)) if m <= COLD_START_MS => "met",
                (true, Some(_)) => "**missed**",
                (true, None) => "no data",
                (false, _) => "(reference)",
            };
            let name = c["name"].as_str().unwrap_or("?");
            writeln!(
                coldstart_md,
                "| {language} | {}{name}{}: `{}` | {} | {} | {verdict} |",
                if is_orgkit { "**" } else { "" },
                if is_orgkit { "**" } else { "" },
                match c["code"].as_str() {
                    Some("") => "(nothing)",
                    Some(code) => code,
                    None => "?",
                },
                fmt_ms(&inproc),
                fmt_ms(&process),
            )?;
            if let Some(e) = c["error"].as_str() {
                notes.push(format!("{language} cold start {name}: {e}"));
            }
            coldstart.push(json!({
                "language": language, "name": name, "orgkit": is_orgkit, "code": c["code"],
                "inproc_ms": inproc, "process_ms": process,
                "target_ms": is_orgkit.then_some(COLD_START_MS),
                "met": is_orgkit.then(|| inproc["median"].as_f64().is_some_and(|m| m <= COLD_START_MS)),
            }));
        }
        languages.insert(language.into(), doc);
    }

    // Binary sizes (run.sh measures them: the file as built, and a stripped copy).
    let mut sizes = Vec::new();
    let mut sizes_md = String::new();
    writeln!(
        sizes_md,
        "| language | file | as built | stripped | target ≤ {} stripped |",
        fmt_mb(Some(STRIPPED_BYTES))
    )?;
    writeln!(sizes_md, "|---|---|---:|---:|---|")?;
    for row in read_json(&raw_dir.join("sizes.json"))
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default()
    {
        let stripped = row["stripped_bytes"].as_f64();
        let met = stripped.map(|b| b <= STRIPPED_BYTES);
        writeln!(
            sizes_md,
            "| {} | `{}` | {} | {} | {} |",
            row["language"].as_str().unwrap_or("?"),
            row["file"].as_str().unwrap_or("?"),
            fmt_mb(row["bytes"].as_f64()),
            fmt_mb(stripped),
            match met {
                Some(true) => "met",
                Some(false) => "**missed**",
                None => "no data",
            }
        )?;
        if let Some(e) = row["error"].as_str() {
            notes.push(format!(
                "size of {}: {e}",
                row["file"].as_str().unwrap_or("?")
            ));
        }
        let mut row = row.clone();
        row["target_bytes"] = json!(STRIPPED_BYTES);
        row["met"] = json!(met);
        sizes.push(row);
    }

    writeln!(md, "# orgkit benchmarks — latest run\n")?;
    writeln!(
        md,
        "Generated by `bash tests/bench/run.sh`; raw numbers in `latest.json`.\n"
    )?;
    if let Some(m) = meta.as_object() {
        for (k, v) in m {
            let v = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            writeln!(md, "- {k}: {v}")?;
        }
        writeln!(md)?;
    }
    writeln!(md, "Each cell: median over the timed repetitions (after a warm-up), ± half the min–max spread as % of the median. Every repetition's checksum (per item: id, the lengths of name, description and status, the two settings booleans, both timestamps' date and time fields, the tags; see the bench README) is checked against the server's; a wrong one shows ✗ and never counts as a win.\n")?;
    writeln!(md, "## Throughput\n\n{throughput_md}")?;
    writeln!(md, "## orgkit ÷ best peer\n\n{ratio_md}")?;
    writeln!(md, "## Targets\n")?;
    for l in LANGUAGES {
        writeln!(md, "- {l}: {}", target(l).text)?;
    }
    writeln!(md, "\n| language | workload | compared | ratio | target | verdict |\n|---|---|---|---:|---:|---|")?;
    for l in &target_lines {
        writeln!(md, "{l}")?;
    }
    writeln!(md, "\n## Memory: peak RSS (VmHWM) after paging through N items, 100 per page\n\nEach point is a fresh child process; flat means ≤ {FLAT_GROWTH}× from 1k to 100k items.\n\n{memory_md}")?;
    if !coldstart.is_empty() {
        writeln!(md, "## Cold start: import + one client in a fresh process\n\nMedian (min–max) over fresh processes, run interleaved after one warm-up each. *In process*: from the first line of the `-c`/`-e` code to the client built (what the library costs); *whole process*: spawn to exit, as the runner timed it (interpreter start included; the bare interpreter's row is the floor).\n\n{coldstart_md}")?;
    }
    if !sizes.is_empty() {
        writeln!(md, "## Binary size\n\nThe native library as the bench built it (release profile, as packaged), and a stripped copy (`strip`); MB = 10^6 bytes.\n\n{sizes_md}")?;
    }
    if !notes.is_empty() {
        writeln!(md, "## Notes\n")?;
        for n in &notes {
            writeln!(md, "- {n}")?;
        }
    }
    let out = json!({
        "meta": meta,
        "languages": languages,
        "ratios": ratios,
        "memory": memory,
        "coldstart": coldstart,
        "sizes": sizes,
        "notes": notes,
    });
    std::fs::write(
        out_dir.join("latest.json"),
        serde_json::to_string_pretty(&out)? + "\n",
    )?;
    std::fs::write(out_dir.join("latest.md"), md)?;
    eprintln!(
        "wrote {} and latest.md",
        out_dir.join("latest.json").display()
    );
    Ok(())
}
