//! The value encoding: answers round-trip with their typed output, tags and timing, ages map
//! across clocks, and values this release cannot read are refused with the reason.

use super::*;
use serde_json::json;

fn issues() -> CachedAnswer {
    let output = Output::from_json(
        OpId::GitIssuesList,
        json!({
            "items": [{
                "id": "I_1", "number": 7, "title": "Crash on start", "body": "Steps: ünïcode ✓",
                "state": "open", "author": "alice", "assignees": ["bob"], "labels": ["bug"],
                "comments": 2, "created_at": "2026-01-01T00:00:00Z", "updated_at": null,
                "web_url": "https://forge.example/acme/api/issues/7"
            }],
            "next_cursor": "page-2"
        }),
    )
    .unwrap_or_else(|error| panic!("test output: {error}"));
    CachedAnswer {
        output: Arc::new(output),
        instance: "github-public".into(),
        stored_at: Instant::now(),
        fresh_for: Duration::from_secs(30),
        stale_for: Duration::from_secs(300),
        tags: vec!["git:acme/api:issues".into(), "git:acme/api".into()],
        jurisdiction: None,
        refreshed: false,
    }
}

#[tokio::test(start_paused = true)]
async fn an_answer_round_trips_with_its_output_tags_and_age() {
    let answer = issues();
    tokio::time::advance(Duration::from_secs(4)).await;
    let wall = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    let bytes = encode(&answer, Instant::now(), wall);
    assert_eq!(bytes[0], VERSION);

    // Read on another replica two seconds later by both clocks.
    tokio::time::advance(Duration::from_secs(2)).await;
    let read = decode(&bytes, Instant::now(), wall + Duration::from_secs(2))
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(read.output, answer.output);
    assert_eq!(read.instance, answer.instance);
    assert_eq!(read.tags, answer.tags);
    assert_eq!(read.fresh_for, answer.fresh_for);
    assert_eq!(read.stale_for, answer.stale_for);
    assert_eq!(read.age(Instant::now()), Duration::from_secs(6));
}

#[tokio::test(start_paused = true)]
async fn a_writer_clock_ahead_of_the_reader_counts_as_stored_now() {
    let wall = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    let bytes = encode(&issues(), Instant::now(), wall + Duration::from_secs(5));
    let read = decode(&bytes, Instant::now(), wall).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(read.age(Instant::now()), Duration::ZERO);
}

#[tokio::test(start_paused = true)]
async fn values_this_release_cannot_read_are_refused_with_the_reason() {
    let now = Instant::now();
    let wall = SystemTime::now();
    let mut bytes = encode(&issues(), now, wall);
    assert!(matches!(decode(&[], now, wall), Err(DecodeError::Empty)));

    bytes[0] = VERSION + 1;
    let newer = decode(&bytes, now, wall)
        .err()
        .map(|error| error.to_string());
    assert_eq!(
        newer.as_deref(),
        Some("encoding version 2 is not known to this release (it writes 1)")
    );

    assert!(matches!(
        decode(b"\x01{not json", now, wall),
        Err(DecodeError::Malformed(_))
    ));
    let unknown = format!(
        "\x01{}",
        json!({"op": "git.nothing", "instance": "x", "stored_at_ms": 0, "fresh_ms": 0,
               "stale_ms": 0, "tags": [], "output": {}})
    );
    assert!(matches!(
        decode(unknown.as_bytes(), now, wall),
        Err(DecodeError::UnknownOperation(op)) if op == "git.nothing"
    ));
}
