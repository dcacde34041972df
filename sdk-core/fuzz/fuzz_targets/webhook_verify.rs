//! Arbitrary webhook headers, secrets and bodies to `webhooks::verify_at`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    orgkit::__fuzz::webhook_input(data);
});
