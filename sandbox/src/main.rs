//! `cargo run -p clicksend-sandbox -- --port 8787`: serves the sandbox and prints its URL.

use clicksend_sandbox::{Auth, Sandbox};
use tokio::net::TcpListener;

const USAGE: &str = "usage: clicksend-sandbox [--host 127.0.0.1] [--port 8787] [--username NAME] [--api-key KEY] [--control-token TOKEN] [--now UNIX_SECONDS]
  --port 0 picks a free port. Credentials also from SANDBOX_USERNAME / SANDBOX_API_KEY
  (defaults: sandbox / sandbox-key). Basic username:api_key and Bearer api_key are accepted.
  --control-token (or SANDBOX_CONTROL_TOKEN) lets a web page that sends it in X-Sandbox-Control
  use /_sandbox/...; without it, no web page can. --now fixes the clock at that time.";

#[tokio::main]
async fn main() {
    let mut host = "127.0.0.1".to_string();
    let mut port = "8787".to_string();
    let mut auth = Auth::default();
    if let Ok(u) = std::env::var("SANDBOX_USERNAME") {
        auth.username = u;
    }
    if let Ok(k) = std::env::var("SANDBOX_API_KEY") {
        auth.api_key = k;
    }
    let mut control_token = std::env::var("SANDBOX_CONTROL_TOKEN").unwrap_or_default();
    let mut now = String::new();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let slot = match flag.as_str() {
            "--host" => &mut host,
            "--port" => &mut port,
            "--username" => &mut auth.username,
            "--api-key" => &mut auth.api_key,
            "--control-token" => &mut control_token,
            "--now" => &mut now,
            "-h" | "--help" => {
                println!("{USAGE}");
                return;
            }
            other => {
                eprintln!("unknown argument {other:?}\n{USAGE}");
                std::process::exit(2);
            }
        };
        match args.next() {
            Some(v) => *slot = v,
            None => {
                eprintln!("{flag} needs a value\n{USAGE}");
                std::process::exit(2);
            }
        }
    }
    auth.control_token = (!control_token.is_empty()).then_some(control_token);
    let now = match now.as_str() {
        "" => None,
        text => match text.parse::<i64>() {
            Ok(t) => Some(t),
            Err(_) => {
                eprintln!("--now takes Unix seconds, not {text:?}\n{USAGE}");
                std::process::exit(2);
            }
        },
    };
    let listener = match TcpListener::bind(format!("{host}:{port}")).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cannot listen on {host}:{port}: {e}");
            std::process::exit(1);
        }
    };
    let sandbox = Sandbox { addr: listener.local_addr().expect("a bound listener has an address") };
    // Scripts read this first line to learn the port.
    println!("clicksend-sandbox listening on {}", sandbox.url());
    tokio::select! {
        r = Sandbox::serve(listener, auth, now) => if let Err(e) = r { eprintln!("server error: {e}"); std::process::exit(1) },
        _ = tokio::signal::ctrl_c() => {}
    }
}
