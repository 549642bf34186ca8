use super::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

#[test]
fn surrogate_keys_are_digests_of_the_tags() {
    let tags = vec![
        "git:acme/api:issues".to_owned(),
        "kb:space:ENG docs".to_owned(),
    ];
    let keys = surrogate_keys(&tags);
    let parts: Vec<&str> = keys.split(' ').collect();
    assert_eq!(parts.len(), 2, "{keys}");
    assert_eq!(parts[0], surrogate_key("git:acme/api:issues"));
    assert!(
        parts
            .iter()
            .all(|key| key.len() == 16 && key.bytes().all(|b| b.is_ascii_hexdigit()))
    );
    assert_ne!(parts[0], parts[1]);
}

/// One HTTP request as a cache receives it, answered `200`.
async fn receive_one(listener: TcpListener) -> String {
    let (mut stream, _) = listener.accept().await.unwrap();
    let mut request = Vec::new();
    let mut buffer = [0u8; 1024];
    while !request.windows(4).any(|window| window == b"\r\n\r\n") {
        let read = stream.read(&mut buffer).await.unwrap();
        assert!(
            read > 0,
            "the connection closed before the request head ended"
        );
        request.extend_from_slice(&buffer[..read]);
    }
    stream
        .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
        .await
        .unwrap();
    String::from_utf8(request).unwrap()
}

#[tokio::test]
async fn a_purge_names_the_surrogate_keys_of_the_tags() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let received = tokio::spawn(receive_one(listener));
    let purge = HttpPurge::new(vec![format!("http://{address}/")], Duration::from_secs(5)).unwrap();
    let tags = vec!["git:acme/api:issues".to_owned()];
    purge.purge(&tags).await;
    let request = received.await.unwrap().to_ascii_lowercase();
    assert!(request.starts_with("purge / http/1.1\r\n"), "{request}");
    let expected = format!("xkey: {}\r\n", surrogate_key("git:acme/api:issues"));
    assert!(request.contains(&expected), "{request}");
}
