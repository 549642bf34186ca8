//! The client against a raw socket, for what an HTTP server framework will not do: answers cut
//! short and connections dropped once the request has arrived.

use super::*;
use serde::Deserialize;
use serde_json::{Value, json};
use std::io::{Read, Write};
use std::net::TcpListener;

/// What the one-shot server does once it has read the whole request.
enum Then {
    /// Writes these bytes, then closes.
    Answer(&'static str),
    /// Closes without a word.
    HangUp,
}

/// A server on a loopback port that serves one request as `then` says; its base URL.
fn serve_once(then: Then) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let (mut socket, _) = listener.accept().unwrap();
        read_request(&mut socket);
        if let Then::Answer(bytes) = then {
            socket.write_all(bytes.as_bytes()).unwrap();
        }
    });
    base
}

/// Reads the head and as much body as `Content-Length` says.
fn read_request(socket: &mut std::net::TcpStream) {
    let mut seen = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let read = socket.read(&mut buffer).unwrap();
        seen.extend_from_slice(&buffer[..read]);
        let text = String::from_utf8_lossy(&seen).to_lowercase();
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text
                .lines()
                .find_map(|line| line.strip_prefix("content-length:"))
                .map_or(0, |value| value.trim().parse::<usize>().unwrap());
            if seen.len() >= end + 4 + length {
                return;
            }
        }
        assert!(read > 0, "the client hung up mid-request");
    }
}

fn client(base: &str) -> ApiClient {
    ApiClient::new(
        &mosaic_plugin::BuildContext::new("under-test"),
        ClientSettings {
            base_url: Url::parse(base).unwrap(),
            auth: Auth::Authorization("Bearer t".into()),
            headers: Vec::new(),
            conditional_requests: false,
            dialect: crate::http::Dialect::STANDARD,
        },
    )
    .unwrap()
}

fn issue() -> Value {
    json!({"title": "Login fails"})
}

/// What the adapters would read a created issue as.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Created {
    number: u64,
    title: String,
}

const GARBLED_CREATE: &str = "HTTP/1.1 201 Created\r\nLocation: https://api.example.com/repos/a/b/issues/12\r\nContent-Type: application/json\r\nContent-Length: 25\r\nConnection: close\r\n\r\n<html>Proxy says hi</html";

#[tokio::test]
async fn a_write_answered_2xx_with_an_unreadable_body_is_unconfirmed_with_its_location() {
    let api = client(&serve_once(Then::Answer(GARBLED_CREATE)));
    let reply = api
        .send(Method::POST, "/repos/a/b/issues", &[], Some(&issue()))
        .await
        .expect("a 201 is an answer");
    let error = reply.json::<Created>().unwrap_err();
    assert!(
        matches!(&error, ProviderError::WriteUnconfirmed { id: Some(id), reason }
            if id == "12" && reason.starts_with("its answer could not be read")),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_write_answer_missing_a_field_is_unconfirmed_with_the_id_it_carries() {
    let answer = "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 26\r\nConnection: close\r\n\r\n{\"id\": 900, \"number\": 12 }";
    let api = client(&serve_once(Then::Answer(answer)));
    let reply = api
        .send(Method::POST, "/repos/a/b/issues", &[], Some(&issue()))
        .await
        .unwrap();
    let error = reply.json::<Created>().unwrap_err();
    assert!(
        matches!(&error, ProviderError::WriteUnconfirmed { id: Some(id), reason }
            if id == "12" && reason.contains("missing field `title`")),
        "{error:?}"
    );
}

#[tokio::test]
async fn the_same_unreadable_answer_to_a_read_is_a_protocol_error() {
    let api = client(&serve_once(Then::Answer(GARBLED_CREATE)));
    let reply = api.get("/repos/a/b/issues/12", &[]).await.unwrap();
    assert!(
        matches!(reply.json::<Created>(), Err(ProviderError::Protocol(_))),
        "nothing was written, so nothing is unconfirmed"
    );
}

#[tokio::test]
async fn a_write_whose_connection_drops_after_it_was_sent_is_unconfirmed() {
    let api = client(&serve_once(Then::HangUp));
    let error = api
        .send(Method::POST, "/repos/a/b/issues", &[], Some(&issue()))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, ProviderError::WriteUnconfirmed { id: None, reason }
            if reason.contains("broke after the request was sent")),
        "{error:?}"
    );
    let read = client(&serve_once(Then::HangUp))
        .get("/repos/a/b/issues/12", &[])
        .await
        .unwrap_err();
    assert!(matches!(read, ProviderError::Unavailable(_)), "{read:?}");
}

#[tokio::test]
async fn a_2xx_write_answer_cut_short_is_unconfirmed_with_its_location() {
    let answer = "HTTP/1.1 201 Created\r\nLocation: /repos/a/b/issues/7\r\nContent-Length: 100\r\n\r\n{\"number\"";
    let api = client(&serve_once(Then::Answer(answer)));
    let error = api
        .send(Method::POST, "/repos/a/b/issues", &[], Some(&issue()))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, ProviderError::WriteUnconfirmed { id: Some(id), .. } if id == "7"),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_write_that_never_left_or_was_refused_is_an_ordinary_error() {
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let refused_connection = client(&base)
        .send(Method::POST, "/repos/a/b/issues", &[], Some(&issue()))
        .await
        .unwrap_err();
    assert!(
        matches!(&refused_connection, ProviderError::Unavailable(message) if message.contains("cannot reach")),
        "{refused_connection:?}"
    );
    let answer = "HTTP/1.1 422 Unprocessable Entity\r\nContent-Type: application/json\r\nContent-Length: 32\r\nConnection: close\r\n\r\n{\"message\": \"Validation Failed\"}";
    let refused = client(&serve_once(Then::Answer(answer)))
        .send(Method::POST, "/repos/a/b/issues", &[], Some(&issue()))
        .await
        .unwrap_err();
    assert_eq!(refused, ProviderError::Invalid("Validation Failed".into()));
}
