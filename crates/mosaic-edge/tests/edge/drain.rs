//! The drain at shutdown: requests in progress are answered, half-sent ones and idle
//! connections are closed at once, and a request that never finishes is cut at the deadline.

use crate::support::*;
use std::time::Duration;
use tokio::io::AsyncWriteExt;

#[tokio::test]
async fn a_request_in_progress_is_answered_and_half_sent_ones_do_not_hold_the_drain() {
    let mut server = start(options("header_read_timeout: 60s, shutdown_timeout: 30s")).await;
    // A head that will never be finished, and a request being served.
    let mut half = connect(server.addr).await;
    half.write_all(b"GET / HTTP/1.1\r\nHost: loc")
        .await
        .unwrap();
    let mut slow = connect(server.addr).await;
    slow.write_all(b"GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    server.stop();
    let answer = read_until_closed(&mut slow)
        .await
        .expect("answered, then closed");
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
    assert!(answer.ends_with("slow"), "{answer}");
    assert_eq!(read_until_closed(&mut half).await.as_deref(), Some(""));
    assert_eq!(server.drained().await, mosaic_edge::Drained { cut: 0 });
}

#[tokio::test]
async fn a_body_still_arriving_when_the_drain_begins_is_refused_at_once() {
    let mut server = start(options("body_read_timeout: 60s, shutdown_timeout: 60s")).await;
    let mut half = connect(server.addr).await;
    half.write_all(b"POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\nab")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    server.stop();
    let answer = read_until_closed(&mut half)
        .await
        .expect("answered, then closed");
    assert!(answer.starts_with("HTTP/1.1 503 "), "{answer}");
    assert!(answer.contains("\"code\":\"shutting_down\""), "{answer}");
    assert_eq!(server.drained().await, mosaic_edge::Drained { cut: 0 });
}

#[tokio::test]
async fn a_request_that_never_finishes_is_cut_at_the_shutdown_deadline() {
    let mut server = start(options("shutdown_timeout: 200ms")).await;
    let mut stuck = connect(server.addr).await;
    stuck
        .write_all(b"GET /never HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    server.stop();
    assert_eq!(server.drained().await, mosaic_edge::Drained { cut: 1 });
    assert_eq!(read_until_closed(&mut stuck).await.as_deref(), Some(""));
}

#[tokio::test]
async fn nothing_is_accepted_once_the_drain_began() {
    let mut server = start(options("")).await;
    let addr = server.addr;
    server.stop();
    server.drained().await;
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
}
