//! Arbitrary HTTP answers (status, headers, body) to every achieveapex operation.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    orgkit::__fuzz::decode_input(orgkit::Provider::Achieveapex, data);
});
