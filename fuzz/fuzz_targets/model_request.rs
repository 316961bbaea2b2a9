//! The testing kit's request entry: any sequence of requests gets answers, never a panic
//! (`clicksend_model::fuzz::requests`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| clicksend_model::fuzz::requests(data));
