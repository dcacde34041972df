//! The workloads every language runs, their sizes and expected checksums.
//! The Python and Node runners (tests/bench/python, tests/bench/node) use
//! the same sizes (keep them in step) and ask the server for the expected
//! checksums (`GET /bench/expected`, computed here).

use crate::server::project_checksum;

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

/// The checksum of walking a list of the first `total` projects: the sum of
/// their checksums (tests/bench/README.md, "Checksum").
pub fn list_checksum(total: u64) -> u64 {
    (1..=total).map(project_checksum).sum()
}

/// What a workload measures: operations per run, their unit, and the sum of
/// the decoded items' checksums a correct client reports.
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
            checksum: SEQ_REQUESTS * project_checksum(SEQ_ID),
        },
        "conc" => Spec {
            ops: CONC_REQUESTS,
            unit: "req/s",
            checksum: (0..CONC_REQUESTS)
                .map(|i| project_checksum(1 + i % CONC_IDS))
                .sum(),
        },
        "paginate" => Spec {
            ops: PAGINATE_TOTAL,
            unit: "items/s",
            checksum: list_checksum(PAGINATE_TOTAL),
        },
        "bigpage" => Spec {
            ops: BIGPAGE_REQUESTS,
            unit: "req/s",
            checksum: BIGPAGE_REQUESTS * list_checksum(u64::from(BIGPAGE_LIMIT)),
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
        // Pinned: a change here changes what every runner must report.
        assert_eq!(spec("seq").checksum, 8_986_000);
        assert_eq!(spec("conc").checksum, 29_187_745);
        assert_eq!(spec("paginate").checksum, 103_393_082);
        assert_eq!(spec("bigpage").checksum, 1_167_509_800);
        assert_eq!(list_checksum(100_000), 5_534_038_003);
        // Project 42: 42 + 10 + 75 + 7 + 1 + 0 + (2024+3+15+9+15+42+42) + (2024+6+15+17+45+42+42) + 2 + 15.
        assert_eq!(project_checksum(42), 4_493);
    }
}
