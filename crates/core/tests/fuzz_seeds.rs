//! Replays the fuzz seeds and every input a fuzzer found (`fuzz/seeds/<target>/`) through
//! the same invariants the fuzz targets check, on stable, in every test run.
use std::fs;
use std::path::Path;

#[test]
fn every_seed_and_found_input_keeps_the_invariants() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/seeds");
    let mut replayed = 0;
    for (target, check) in clicksend_core::invariants::TARGETS {
        let dir = seeds.join(target);
        let entries = fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.unwrap().path();
            let data = fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(outcome.is_ok(), "{target}: {} breaks an invariant", path.display());
            replayed += 1;
        }
    }
    assert!(replayed >= 8 * 5, "only {replayed} seeds");
}
