#![no_main]
// See clicksend_core::invariants::path_param for what must hold.
libfuzzer_sys::fuzz_target!(|data: &[u8]| clicksend_core::invariants::path_param(data));
