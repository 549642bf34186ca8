//! Conditional GETs against a loopback server whose one answer carries an `ETag`: a repeated
//! read is revalidated under the instance's scope and answered from the kept body; another
//! scope, or an instance with conditional requests off, never sends the kept validator.

use super::*;
use mosaic_plugin::ValidatorKey;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

const ETAG_V1: &str = "\"v1\"";
const BODY: &str = "{\"n\":1}";

/// A server that answers every GET with `BODY` tagged `ETAG_V1`, or `304` when the request
/// carries that tag; what it saw: whether each request was conditional.
fn serve_tagged() -> (String, Arc<Mutex<Vec<bool>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for socket in listener.incoming() {
            let mut socket = socket.unwrap();
            let head = read_head(&mut socket);
            let conditional = head.contains(&format!("if-none-match: {ETAG_V1}"));
            log.lock().unwrap().push(conditional);
            let answer = if conditional {
                format!("HTTP/1.1 304 Not Modified\r\nETag: {ETAG_V1}\r\nConnection: close\r\n\r\n")
            } else {
                format!(
                    "HTTP/1.1 200 OK\r\nETag: {ETAG_V1}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{BODY}",
                    BODY.len()
                )
            };
            socket.write_all(answer.as_bytes()).unwrap();
        }
    });
    (base, seen)
}

/// The request head, lower case (a GET has no body).
fn read_head(socket: &mut std::net::TcpStream) -> String {
    let mut seen = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let read = socket.read(&mut buffer).unwrap();
        assert!(read > 0, "the client hung up mid-request");
        seen.extend_from_slice(&buffer[..read]);
        let text = String::from_utf8_lossy(&seen).to_lowercase();
        if text.contains("\r\n\r\n") {
            return text;
        }
    }
}

/// A store as the cache layer keeps one, counting confirmations.
#[derive(Default)]
struct Kept {
    answers: Mutex<HashMap<ValidatorKey, Arc<Validated>>>,
    revalidated: AtomicUsize,
}

#[async_trait::async_trait]
impl Validators for Kept {
    async fn get(&self, key: &ValidatorKey) -> Option<Arc<Validated>> {
        self.answers.lock().unwrap().get(key).cloned()
    }

    async fn keep(&self, key: ValidatorKey, validated: Validated) {
        self.answers
            .lock()
            .unwrap()
            .insert(key, Arc::new(validated));
    }

    async fn forget(&self, key: &ValidatorKey) {
        self.answers.lock().unwrap().remove(key);
    }

    fn revalidated(&self, _key: &ValidatorKey) {
        self.revalidated.fetch_add(1, Ordering::SeqCst);
    }
}

fn client(base: &str, kept: &Arc<Kept>, fingerprint: &str, conditional: bool) -> ApiClient {
    let context = BuildContext::new("forge")
        .with_validators(Arc::clone(kept) as Arc<dyn Validators>)
        .with_scope_fingerprint(fingerprint);
    let settings = ClientSettings {
        base_url: Url::parse(base).unwrap(),
        auth: Auth::Authorization("Bearer t".into()),
        headers: Vec::new(),
        conditional_requests: conditional,
        dialect: crate::http::Dialect::STANDARD,
    };
    ApiClient::new(&context, settings).unwrap()
}

#[tokio::test]
async fn a_repeated_get_is_revalidated_under_its_scope_only() {
    let (base, seen) = serve_tagged();
    let kept = Arc::new(Kept::default());
    let api = client(&base, &kept, "token-a", true);

    let first = api.get("/issues/1", &[]).await.unwrap();
    let second = api.get("/issues/1", &[]).await.unwrap();
    assert_eq!(
        (&first.body[..], &second.body[..]),
        (BODY.as_bytes(), BODY.as_bytes())
    );
    assert_eq!(kept.revalidated.load(Ordering::SeqCst), 1);

    let rebuilt = client(&base, &kept, "token-a", true);
    rebuilt.get("/issues/1", &[]).await.unwrap();
    let other_token = client(&base, &kept, "token-b", true);
    other_token.get("/issues/1", &[]).await.unwrap();
    assert_eq!(*seen.lock().unwrap(), [false, true, true, false]);
}

#[tokio::test]
async fn with_conditional_requests_off_no_validator_is_sent_or_kept() {
    let (base, seen) = serve_tagged();
    let kept = Arc::new(Kept::default());
    client(&base, &kept, "token-a", true)
        .get("/issues/1", &[])
        .await
        .unwrap();

    let off = client(&base, &kept, "token-a", false);
    off.get("/issues/1", &[]).await.unwrap();
    off.get("/issues/2", &[]).await.unwrap();
    assert_eq!(*seen.lock().unwrap(), [false, false, false]);
    assert_eq!(
        kept.answers.lock().unwrap().len(),
        1,
        "only the first client's"
    );
}
