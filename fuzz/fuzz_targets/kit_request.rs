//! The testing kit's own front (headers text, tickets, the body apart): any requests get
//! answers, never a panic (`clicksend_testing::fuzz_requests`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| clicksend_testing::fuzz_requests(data));
