//! The progress bar of `--all` on stderr: items, pages and the rate limit
//! left. Hidden when stderr is not a terminal (or with `--quiet`).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::models::RateLimit;

/// Progress across the pages of a list.
pub(crate) struct Progress {
    bar: ProgressBar,
    pages: u64,
}

const SPINNER: &str = "{spinner} {pos} items · {msg}";
const BAR: &str = "{bar:30} {pos}/{len} items · {msg}";

impl Progress {
    /// A bar on stderr when `show`, else one that draws nothing.
    pub fn new(show: bool) -> Progress {
        let bar = if show {
            ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
        } else {
            ProgressBar::hidden()
        };
        if let Ok(style) = ProgressStyle::with_template(SPINNER) {
            bar.set_style(style);
        }
        Progress { bar, pages: 0 }
    }

    /// A page of `items` arrived; `total` items in all, when known.
    pub fn page(&mut self, items: usize, total: Option<u64>, rate: Option<RateLimit>) {
        self.pages += 1;
        if let (Some(total), None) = (total, self.bar.length()) {
            self.bar.set_length(total);
            if let Ok(style) = ProgressStyle::with_template(BAR) {
                self.bar.set_style(style.progress_chars("█▉▊▋▌▍▎▏ "));
            }
        }
        self.bar.set_message(message(self.pages, rate));
        self.bar.inc(items as u64);
    }

    /// Runs `f` (which writes to the terminal) with the bar out of the way.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        self.bar.suspend(f)
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// `3 pages · rate limit 997/1000`.
fn message(pages: u64, rate: Option<RateLimit>) -> String {
    let mut m = format!("{pages} page{}", if pages == 1 { "" } else { "s" });
    if let Some(RateLimit {
        remaining: Some(left),
        limit,
        ..
    }) = rate
    {
        m.push_str(&format!(" · rate limit {left}"));
        if let Some(limit) = limit {
            m.push_str(&format!("/{limit}"));
        }
        m.push_str(" left");
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_shows_pages_and_rate_limit() {
        let rate = RateLimit {
            limit: Some(1000),
            remaining: Some(997),
            reset: None,
        };
        assert_eq!(message(3, Some(rate)), "3 pages · rate limit 997/1000 left");
        assert_eq!(message(1, None), "1 page");
        let mut hidden = Progress::new(false);
        hidden.page(20, Some(45), Some(rate));
        assert_eq!(hidden.bar.position(), 20);
        assert_eq!(hidden.bar.length(), Some(45));
    }
}
