//! Prints the endpoint table as JSON (`clicksend_core::endpoints::table_json`); scripts/build.sh
//! writes it into the package as `endpoints.js`.
fn main() {
    println!("{}", clicksend_core::endpoints::table_json());
}
