//! Arbitrary text as a rule pattern. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        let _ = factcheck::rules::pattern::parse(src);
    }
});
