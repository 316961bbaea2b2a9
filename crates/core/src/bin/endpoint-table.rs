//! Prints the endpoint table as JSON (`clicksend_core::endpoints::table_json`, the same text the
//! wasm client's `endpoints()` parses), for the scripts that generate from it: the type
//! generator and the lazy entry's table. They read it here, natively, so they need neither a
//! built `pkg/` nor regexes over Rust source.
//!
//!   cargo run --quiet --package clicksend-core --bin endpoint-table

use std::io::Write;

fn main() -> std::io::Result<()> {
    writeln!(std::io::stdout().lock(), "{}", clicksend_core::endpoints::table_json())
}
