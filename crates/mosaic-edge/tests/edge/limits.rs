//! Clients that are slow, silent or too many, and requests hyper refuses by itself.

use crate::support::*;
use std::time::Duration;
use tokio::io::AsyncWriteExt;

const SHORT: &str = "header_read_timeout: 300ms, body_read_timeout: 300ms, idle_timeout: 300ms";

fn body_of(answer: &str) -> serde_json::Value {
    let (_, body) = answer.split_once("\r\n\r\n").expect("a whole answer");
    serde_json::from_str(body).unwrap_or_else(|error| panic!("{error}: {answer}"))
}

#[tokio::test]
async fn a_slow_loris_trickling_header_bytes_is_closed_at_the_header_timeout() {
    let server = start(options(SHORT)).await;
    let mut stream = connect(server.addr).await;
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n")
        .await
        .unwrap();
    // One header byte every 50 ms never completes the head; 420 bytes would take 21 s.
    let headers = "X-Padding: a\r\n".repeat(30);
    let closed = trickle(&mut stream, headers.as_bytes(), Duration::from_millis(50)).await;
    assert!(closed, "the connection was held while the head trickled in");
}

#[tokio::test]
async fn a_connection_that_sends_nothing_is_closed() {
    let server = start(options(SHORT)).await;
    let mut stream = connect(server.addr).await;
    assert_eq!(read_until_closed(&mut stream).await.as_deref(), Some(""));
}

#[tokio::test]
async fn a_half_sent_body_is_answered_408_in_the_envelope_and_closed() {
    let server = start(options(SHORT)).await;
    let mut stream = connect(server.addr).await;
    stream
        .write_all(b"POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\nabc")
        .await
        .unwrap();
    let answer = read_until_closed(&mut stream).await.expect("closed");
    assert!(answer.starts_with("HTTP/1.1 408 "), "{answer}");
    assert_eq!(body_of(&answer)["error"]["code"], "body_timeout");
}

#[tokio::test]
async fn a_body_trickled_a_byte_at_a_time_is_cut_at_the_body_deadline() {
    let server = start(options(SHORT)).await;
    let mut stream = connect(server.addr).await;
    stream
        .write_all(b"POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2000\r\n\r\n")
        .await
        .unwrap();
    // Never 300 ms between two bytes, yet the body would take 100 s in all.
    let closed = trickle(&mut stream, &[b'x'; 2000], Duration::from_millis(50)).await;
    assert!(closed, "the connection was held while the body trickled in");
}

#[tokio::test]
async fn a_kept_alive_connection_is_closed_after_the_idle_timeout() {
    let server = start(options(SHORT)).await;
    let mut stream = connect(server.addr).await;
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .unwrap();
    let answer = read_until_closed(&mut stream)
        .await
        .expect("closed when idle");
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
    assert!(answer.ends_with("ok"), "{answer}");
}

#[tokio::test]
async fn past_the_connection_cap_clients_wait_until_a_connection_closes() {
    let server = start(options(
        "max_connections: 2, header_read_timeout: 60s, idle_timeout: 60s",
    ))
    .await;
    let first = connect(server.addr).await;
    let _second = connect(server.addr).await;
    let mut third = connect(server.addr).await;
    third
        .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut early = [0u8; 64];
    let waited = tokio::time::timeout(
        Duration::from_millis(300),
        tokio::io::AsyncReadExt::read(&mut third, &mut early),
    )
    .await;
    assert!(
        waited.is_err(),
        "the third connection was served past the cap"
    );
    drop(first);
    let answer = read_until_closed(&mut third)
        .await
        .expect("answered once a slot freed");
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
}

#[tokio::test]
async fn requests_hyper_cannot_parse_are_refused_in_the_envelope() {
    let server = start(options(SHORT)).await;
    let long = format!(
        "GET /?q={} HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "a".repeat(70_000)
    );
    let answer = exchange(server.addr, &long).await;
    assert!(
        answer.starts_with("HTTP/1.1 414 "),
        "{}",
        &answer[..80.min(answer.len())]
    );
    assert_eq!(body_of(&answer)["error"]["code"], "uri_too_long");
    let answer = exchange(server.addr, "GET / HTTP/1.1\r\nHost localhost\r\n\r\n").await;
    assert!(answer.starts_with("HTTP/1.1 400 "), "{answer}");
    assert_eq!(body_of(&answer)["error"]["code"], "malformed_request");
    let huge = format!(
        "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: {}\r\n\r\n",
        "b".repeat(500_000)
    );
    let answer = exchange(server.addr, &huge).await;
    assert!(
        answer.starts_with("HTTP/1.1 431 "),
        "{}",
        &answer[..80.min(answer.len())]
    );
    assert_eq!(body_of(&answer)["error"]["fault"], "caller");
}
