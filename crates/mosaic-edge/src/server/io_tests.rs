use super::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const HYPERS_414: &[u8] =
    b"HTTP/1.1 414 URI Too Long\r\ncontent-length: 0\r\ndate: Thu, 01 Oct 2026 10:00:00 GMT\r\n\r\n";

#[test]
fn hypers_empty_parse_error_answers_are_recognised() {
    assert_eq!(
        hypers_refusal(HYPERS_414),
        Some(EdgeError::UriTooLong {
            limit: crate::body::MAX_URI_BYTES
        })
    );
    assert_eq!(
        hypers_refusal(
            b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\n\r\n"
        ),
        Some(EdgeError::HeadTooLarge)
    );
    assert_eq!(
        hypers_refusal(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n"),
        Some(EdgeError::Malformed)
    );
    // Answers with a body are ours, whatever their status.
    assert_eq!(
        hypers_refusal(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 97\r\n\r\n{\"error\""),
        None
    );
    assert_eq!(
        hypers_refusal(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n"),
        None
    );
}

#[tokio::test]
async fn hypers_answer_is_replaced_by_the_envelope_when_no_request_is_served() {
    let (client, server) = tokio::io::duplex(4096);
    let mut watched = Watched::new(server, Arc::new(Activity::new()));
    watched.write_all(HYPERS_414).await.unwrap();
    watched.shutdown().await.unwrap();
    drop(watched);
    let mut written = String::new();
    let mut client = client;
    client.read_to_string(&mut written).await.unwrap();
    let (head, body) = written.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 414 URI Too Long\r\n"), "{head}");
    assert!(head.contains("content-type: application/json"), "{head}");
    assert!(head.contains("connection: close"), "{head}");
    let body: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(body["error"]["code"], "uri_too_long");
    assert_eq!(body["error"]["fault"], "caller");
}

#[tokio::test]
async fn answers_written_while_a_request_is_served_pass_untouched() {
    let (mut client, server) = tokio::io::duplex(4096);
    let activity = Arc::new(Activity::new());
    let mut watched = Watched::new(server, Arc::clone(&activity));
    let _serving = activity.begin();
    let ours = b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n";
    watched.write_all(ours).await.unwrap();
    assert!(!activity.quiet(), "written, not flushed yet");
    watched.flush().await.unwrap();
    drop(watched);
    let mut written = Vec::new();
    client.read_to_end(&mut written).await.unwrap();
    assert_eq!(written, ours);
}
