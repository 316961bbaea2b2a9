//! Delivering what ClickSend pushes to a callback URL (delivery receipts, inbound SMS), as a
//! form post, a JSON post or a GET with a query string. Only `http://` (the tests' local
//! receivers); a small HTTP/1.1 client over a TCP stream is all that needs.

use serde_json::{Map, Value};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub use clicksend_model::{Callback, CallbackFormat as Format};

/// A pushed object's fields as strings (`null` as empty), in order.
pub fn fields(object: &Value) -> Vec<(String, String)> {
    let empty = Map::new();
    object
        .as_object()
        .unwrap_or(&empty)
        .iter()
        .map(|(k, v)| {
            let text = match v {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            (k.clone(), text)
        })
        .collect()
}

fn form(fields: &[(String, String)]) -> String {
    fields.iter().map(|(k, v)| format!("{}={}", clicksend_core::query::percent_encode(k), clicksend_core::query::percent_encode(v))).collect::<Vec<_>>().join("&")
}

/// At most this many callbacks in flight: a bulk send of thousands of messages must not open
/// thousands of connections to the receiver at once (ClickSend spreads its pushes too).
static IN_FLIGHT: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(16);

/// Sends one callback; errors are printed, not raised (as ClickSend, which retries later).
pub async fn deliver(callback: Callback, fields: Vec<(String, String)>) {
    let Ok(_slot) = IN_FLIGHT.acquire().await else { return };
    if let Err(e) = tokio::time::timeout(Duration::from_secs(10), send(&callback, &fields)).await.unwrap_or_else(|_| Err(std::io::Error::other("timed out"))) {
        eprintln!("sandbox: callback to {} failed: {e}", callback.url);
    }
}

async fn send(callback: &Callback, fields: &[(String, String)]) -> std::io::Result<()> {
    let rest = callback.url.strip_prefix("http://").ok_or_else(|| std::io::Error::other("only http:// callbacks"))?;
    let (authority, path) = rest.split_once('/').map_or((rest, "/".to_string()), |(a, p)| (a, format!("/{p}")));
    let (method, target, content_type, body) = match callback.format {
        Format::Form => ("POST", path, "application/x-www-form-urlencoded", form(fields)),
        Format::Json => {
            let object: Map<String, Value> = fields.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect();
            ("POST", path, "application/json", Value::Object(object).to_string())
        }
        Format::Get => {
            let sep = if path.contains('?') { '&' } else { '?' };
            ("GET", format!("{path}{sep}{}", form(fields)), "", String::new())
        }
    };
    let mut stream = TcpStream::connect(authority).await?;
    let mut head = format!("{method} {target} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\nUser-Agent: clicksend-sandbox\r\n");
    if !body.is_empty() {
        head.push_str(&format!("Content-Type: {content_type}\r\nContent-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body.as_bytes()).await?;
    read_response(&mut stream).await
}

/// Reads one response to its end. Not to EOF: some servers (workerd) keep the connection
/// open for seconds despite `Connection: close`.
async fn read_response(stream: &mut TcpStream) -> std::io::Result<()> {
    let mut answer = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = answer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&answer[..end]).to_ascii_lowercase();
            let body = &answer[end + 4..];
            let complete = match head.lines().find_map(|l| l.strip_prefix("content-length:")) {
                Some(n) => body.len() >= n.trim().parse::<usize>().unwrap_or(0),
                None => !head.contains("chunked") || body.ends_with(b"0\r\n\r\n"),
            };
            if complete {
                return Ok(());
            }
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        answer.extend_from_slice(&chunk[..n]);
    }
}
