//! Replays the kit's fuzz seeds and every input a fuzzer found (`fuzz/seeds/kit_request/`)
//! through its fuzzing entry, on stable, in every test run.
use std::fs;
use std::path::Path;

#[test]
fn every_seed_and_found_input_gets_answers() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/seeds/kit_request");
    let mut replayed = 0;
    for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let data = fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(|| clicksend_testing::fuzz_requests(&data));
        assert!(outcome.is_ok(), "{} panics the kit", path.display());
        replayed += 1;
    }
    assert!(replayed >= 5, "only {replayed} seeds");
}
