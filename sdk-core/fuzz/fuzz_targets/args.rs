//! Arbitrary arguments to every operation of every provider: byte 0 picks
//! the provider, the rest is `orgkit::__fuzz::args_input`'s (operation,
//! spelling, a JSON object of arguments).
#![no_main]

use libfuzzer_sys::fuzz_target;
use orgkit::Provider;

fuzz_target!(|data: &[u8]| {
    if let [p, rest @ ..] = data {
        let provider = Provider::ALL[usize::from(*p) % Provider::ALL.len()];
        orgkit::__fuzz::args_input(provider, rest);
    }
});
