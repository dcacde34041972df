//! orgkit's benchmarks: a fast ourganize-shaped server, the Rust workloads,
//! and the report that merges every language's results.
//!
//! ```text
//! orgkit-bench serve  [--port 0] [--total 100000]
//! orgkit-bench rust   --url URL [--reps 5] [--out FILE] [--workloads seq,conc,…]
//!                     [--clients orgkit,reqwest] [--memory 1000,10000,100000]
//! orgkit-bench mem    --client orgkit|reqwest --url URL --total N
//! orgkit-bench report --raw DIR --out DIR
//! ```
//!
//! `bash tests/bench/run.sh` runs all of it; see tests/bench/README.md.

mod report;
mod rust_clients;
mod server;
mod workloads;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use serde_json::{json, Value};

use rust_clients::{Bench, Prepared, Result, CLIENTS};
use workloads::{MEMORY_TOTALS, PAGE_LIMIT, SERVER_TOTAL, WORKLOADS};

/// `--key value` pairs after the subcommand.
struct Args(HashMap<String, String>);

impl Args {
    fn parse(args: &[String]) -> Result<Args> {
        let mut map = HashMap::new();
        let mut it = args.iter();
        while let Some(key) = it.next() {
            let name = key
                .strip_prefix("--")
                .ok_or_else(|| format!("unexpected argument {key:?}"))?;
            let value = it.next().ok_or_else(|| format!("--{name} needs a value"))?;
            map.insert(name.to_string(), value.clone());
        }
        Ok(Args(map))
    }
    fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }
    fn required(&self, name: &str) -> Result<&str> {
        self.get(name)
            .ok_or_else(|| format!("--{name} is required").into())
    }
    fn number<T: std::str::FromStr>(&self, name: &str, default: T) -> Result<T> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => v
                .parse()
                .map_err(|_| format!("--{name}: {v:?} is not a number").into()),
        }
    }
    fn list(&self, name: &str, default: &[&str]) -> Vec<String> {
        match self.get(name) {
            None => default.iter().map(|s| s.to_string()).collect(),
            Some(v) => v
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        }
    }
}

fn main() {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = match argv.split_first() {
        Some((c, rest)) => (c.as_str(), rest),
        None => ("help", &[][..]),
    };
    let outcome = Args::parse(rest).and_then(|args| match command {
        "serve" => serve(&args),
        "rust" => rust(&args),
        "mem" => mem(&args),
        "report" => report::run(
            &PathBuf::from(args.required("raw")?),
            &PathBuf::from(args.required("out")?),
        ),
        _ => Err("usage: orgkit-bench serve|rust|mem|report [--options]; see src/main.rs".into()),
    });
    if let Err(e) = outcome {
        eprintln!("orgkit-bench {command}: {e}");
        std::process::exit(1);
    }
}

/// Serves until stdin closes; the URL is the first line on stdout.
fn serve(args: &Args) -> Result<()> {
    let port: u16 = args.number("port", 0)?;
    let total: u64 = args.number("total", SERVER_TOTAL)?;
    let started = Instant::now();
    let catalog = Arc::new(server::Catalog::new(total));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let (addr, serve) = server::bind(port, catalog).await?;
        println!("http://{addr}");
        std::io::stdout().flush()?;
        eprintln!(
            "orgkit-bench serve: {total} projects rendered in {:.2}s, listening on {addr}",
            started.elapsed().as_secs_f64()
        );
        std::thread::spawn(|| {
            let mut sink = [0u8; 256];
            let mut stdin = std::io::stdin();
            while matches!(stdin.read(&mut sink), Ok(n) if n > 0) {}
            std::process::exit(0);
        });
        serve.await;
        Ok(())
    })
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    // The runtime a user gets from #[tokio::main]: as many workers as CPUs
    // this process may use (one, when run.sh pins it).
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}

/// Peak resident set size of this process, from /proc/self/status.
pub fn vmhwm_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Child process of `rust`: walks a list of `--total` items and reports its peak RSS.
fn mem(args: &Args) -> Result<()> {
    let kind = args.required("client")?;
    let url = args.required("url")?;
    let total: u64 = args.number("total", 1000)?;
    let client = Bench::new(kind, &workloads::list_url(url, total))?;
    let started = Instant::now();
    let (count, sum) = runtime()?.block_on(client.walk(PAGE_LIMIT))?;
    let seconds = started.elapsed().as_secs_f64();
    let out = json!({
        "total": total,
        "items": count,
        "checksum": sum,
        "expected": workloads::list_checksum(total),
        "seconds": seconds,
        "vmhwm_kb": vmhwm_kb(),
    });
    println!("{out}");
    Ok(())
}

/// The Rust runner: every client × workload, then the memory table.
fn rust(args: &Args) -> Result<()> {
    let url = args.required("url")?.to_string();
    let reps: usize = args.number("reps", 5)?;
    let workloads = args.list("workloads", &WORKLOADS);
    let clients = args.list("clients", &CLIENTS);
    let default_totals: Vec<String> = MEMORY_TOTALS.iter().map(u64::to_string).collect();
    let default_totals: Vec<&str> = default_totals.iter().map(String::as_str).collect();
    let totals = args.list("memory", &default_totals);
    let rt = runtime()?;
    let mut results = Vec::new();
    let mut errors = Vec::new();
    for workload in &workloads {
        let spec = workloads::spec(workload);
        // Repetitions are interleaved across clients (a, b, a, b, …) so that
        // load from elsewhere on the machine drifts over all of them alike.
        let mut live = Vec::new();
        for kind in &clients {
            let prepared: Result<Prepared> = rt.block_on(async {
                let prepared = Prepared::new(kind, &url, workload)?;
                // Warm-up: connections, allocator, caches.
                prepared.run(workload, 0.25).await?;
                Ok(prepared)
            });
            match prepared {
                Ok(p) => live.push((kind, p, Vec::new(), Vec::new())),
                Err(e) => {
                    eprintln!("rust {kind:>8} {workload:>9}: FAILED {e}");
                    errors.push(
                        json!({"client": kind, "workload": workload, "error": e.to_string()}),
                    );
                }
            }
        }
        for _ in 0..reps {
            let mut failed = Vec::new();
            for (i, (kind, prepared, seconds, checksums)) in live.iter_mut().enumerate() {
                let start = Instant::now();
                match rt.block_on(prepared.run(workload, 1.0)) {
                    Ok(sum) => {
                        seconds.push(start.elapsed().as_secs_f64());
                        checksums.push(sum);
                    }
                    Err(e) => {
                        eprintln!("rust {kind:>8} {workload:>9}: FAILED {e}");
                        errors.push(
                            json!({"client": kind, "workload": workload, "error": e.to_string()}),
                        );
                        failed.push(i);
                    }
                }
            }
            for i in failed.into_iter().rev() {
                live.remove(i);
            }
        }
        for (kind, _, seconds, checksums) in live {
            let v = json!({
                "client": kind,
                "workload": workload,
                "ops": spec.ops,
                "unit": spec.unit,
                "seconds": seconds,
                "checksums": checksums,
                "expected": spec.checksum,
            });
            eprintln!("rust {kind:>8} {workload:>9}: {}", report::summary(&v));
            results.push(v);
        }
    }
    let exe = std::env::current_exe()?;
    let mut memory = Vec::new();
    for kind in &clients {
        for total in &totals {
            let out = std::process::Command::new(&exe)
                .args(["mem", "--client", kind, "--url", &url, "--total", total])
                .stderr(std::process::Stdio::inherit())
                .output()?;
            let parsed: Option<Value> = out
                .status
                .success()
                .then(|| serde_json::from_slice(&out.stdout).ok())
                .flatten();
            match parsed {
                Some(mut v) => {
                    v["client"] = json!(kind);
                    eprintln!("rust {kind:>8} memory {total:>6}: {v}");
                    memory.push(v);
                }
                None => errors.push(json!({
                    "client": kind,
                    "workload": format!("memory {total}"),
                    "error": format!("child failed: {}", out.status),
                })),
            }
        }
    }
    let doc = json!({
        "language": "rust",
        "runtime": format!("rustc, tokio multi-thread, reqwest {}", "0.13"),
        "clients": [
            {"name": "orgkit", "orgkit": true, "description": "orgkit::Client (projects().get / list().stream())"},
            {"name": "reqwest", "orgkit": false, "description": "reqwest + serde into typed structs (chrono timestamps)"},
        ],
        "results": results,
        "memory": memory,
        "errors": errors,
    });
    let text = serde_json::to_string_pretty(&doc)?;
    match args.get("out") {
        Some(path) => std::fs::write(path, text + "\n")?,
        None => println!("{text}"),
    }
    Ok(())
}
