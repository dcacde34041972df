//! The five emulated providers and the dispatch from a path prefix to one.

pub mod achieveapex;
pub mod kaana;
pub mod orgstack;
pub mod ourganize;
pub mod pm415;

use crate::message::{Reply, Req};

/// A provider, named by the path prefix it is served under (`/{name}/…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProviderId {
    Ourganize,
    Orgstack,
    Achieveapex,
    Kaana,
    Pm415,
}

impl ProviderId {
    pub const ALL: [ProviderId; 5] = [
        ProviderId::Ourganize,
        ProviderId::Orgstack,
        ProviderId::Achieveapex,
        ProviderId::Kaana,
        ProviderId::Pm415,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ProviderId::Ourganize => "ourganize",
            ProviderId::Orgstack => "orgstack",
            ProviderId::Achieveapex => "achieveapex",
            ProviderId::Kaana => "kaana",
            ProviderId::Pm415 => "pm415",
        }
    }

    pub fn from_name(name: &str) -> Option<ProviderId> {
        ProviderId::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name))
    }

    /// An error reply in this provider's own shape, for faults that give a
    /// status but no body.
    pub fn error(self, status: u16, message: &str, retry_after: Option<u64>) -> Reply {
        match self {
            ProviderId::Ourganize => ourganize::error(status, message),
            ProviderId::Orgstack => orgstack::error(status, message),
            ProviderId::Achieveapex if status == 429 => achieveapex::error_with_data(
                status,
                message,
                Some(achieveapex::rate_limit_data(retry_after.unwrap_or(1))),
            ),
            ProviderId::Achieveapex => achieveapex::error(status, message),
            ProviderId::Kaana => kaana::error(status, message),
            ProviderId::Pm415 => pm415::error(status, message),
        }
    }
}

/// The mutable world of all five providers.
#[derive(Debug, Clone)]
pub struct Providers {
    pub ourganize: ourganize::State,
    pub orgstack: orgstack::State,
    pub achieveapex: achieveapex::State,
    pub kaana: kaana::State,
    pub pm415: pm415::State,
}

impl Providers {
    pub fn seeded(ourganize_rate_limit: u32, ourganize_rate_window_secs: u64) -> Providers {
        Providers {
            ourganize: ourganize::State::seeded(ourganize_rate_limit, ourganize_rate_window_secs),
            orgstack: orgstack::State::seeded(),
            achieveapex: achieveapex::State::seeded(),
            kaana: kaana::State::seeded(),
            pm415: pm415::State::seeded(),
        }
    }

    pub fn handle(&mut self, provider: ProviderId, req: &Req) -> Reply {
        match provider {
            ProviderId::Ourganize => self.ourganize.handle(req),
            ProviderId::Orgstack => self.orgstack.handle(req),
            ProviderId::Achieveapex => self.achieveapex.handle(req),
            ProviderId::Kaana => self.kaana.handle(req),
            ProviderId::Pm415 => self.pm415.handle(req),
        }
    }
}
