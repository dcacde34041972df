//! The workloads every language runs, their sizes and expected checksums.
//! The Python and Node runners (tests/bench/python, tests/bench/node) use
//! the same numbers; keep them in step.

/// `seq`: sequential GETs of one project.
pub const SEQ_REQUESTS: u64 = 2000;
pub const SEQ_ID: u64 = 42;
/// `conc`: GETs of ids `1 + i % CONC_IDS`, this many in flight.
pub const CONC_REQUESTS: u64 = 5000;
pub const CONC_IN_FLIGHT: usize = 64;
pub const CONC_IDS: u64 = 1000;
/// `paginate`: every item of a list this long, in pages of `PAGE_LIMIT`.
pub const PAGINATE_TOTAL: u64 = 10_000;
pub const PAGE_LIMIT: u32 = 100;
/// `bigpage`: GETs of the first page of `BIGPAGE_LIMIT` items.
pub const BIGPAGE_REQUESTS: u64 = 200;
pub const BIGPAGE_LIMIT: u32 = 1000;
/// `memory`: peak RSS after walking lists of these lengths (pages of `PAGE_LIMIT`).
pub const MEMORY_TOTALS: [u64; 3] = [1_000, 10_000, 100_000];

/// The size of the catalog the shared server must hold.
pub const SERVER_TOTAL: u64 = 100_000;

pub const WORKLOADS: [&str; 4] = ["seq", "conc", "paginate", "bigpage"];

/// 1 + 2 + … + n.
pub fn triangle(n: u64) -> u64 {
    n * (n + 1) / 2
}

/// What a workload measures: operations per run, their unit, and the sum of
/// decoded ids a correct client reports.
pub struct Spec {
    pub ops: u64,
    pub unit: &'static str,
    pub checksum: u64,
}

pub fn spec(workload: &str) -> Spec {
    match workload {
        "seq" => Spec {
            ops: SEQ_REQUESTS,
            unit: "req/s",
            checksum: SEQ_REQUESTS * SEQ_ID,
        },
        "conc" => Spec {
            ops: CONC_REQUESTS,
            unit: "req/s",
            checksum: (0..CONC_REQUESTS).map(|i| 1 + i % CONC_IDS).sum(),
        },
        "paginate" => Spec {
            ops: PAGINATE_TOTAL,
            unit: "items/s",
            checksum: triangle(PAGINATE_TOTAL),
        },
        "bigpage" => Spec {
            ops: BIGPAGE_REQUESTS,
            unit: "req/s",
            checksum: BIGPAGE_REQUESTS * triangle(u64::from(BIGPAGE_LIMIT)),
        },
        other => panic!("unknown workload {other:?}"),
    }
}

/// The base URL whose project list holds only the first `total` projects.
pub fn list_url(base: &str, total: u64) -> String {
    format!("{}/t/{total}", base.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums() {
        assert_eq!(spec("seq").checksum, 84_000);
        assert_eq!(spec("conc").checksum, 2_502_500);
        assert_eq!(spec("paginate").checksum, 50_005_000);
        assert_eq!(spec("bigpage").checksum, 100_100_000);
    }
}
