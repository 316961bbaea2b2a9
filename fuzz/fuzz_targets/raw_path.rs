#![no_main]
// See clicksend_core::invariants::raw_path for what must hold.
libfuzzer_sys::fuzz_target!(|data: &[u8]| clicksend_core::invariants::raw_path(data));
