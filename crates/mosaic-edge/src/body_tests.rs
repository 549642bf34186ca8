use super::*;
use futures::stream;
use std::convert::Infallible;

const LIMITS: BodyLimits = BodyLimits {
    max_bytes: 8,
    read_timeout: Duration::from_secs(5),
};

fn chunks(parts: &'static [&'static str]) -> Body {
    Body::from_stream(stream::iter(
        parts
            .iter()
            .map(|part| Ok::<_, Infallible>(Bytes::from(*part))),
    ))
}

#[tokio::test]
async fn a_body_within_the_limit_is_read_whole() {
    let body = read_body(chunks(&["abc", "defgh"]), None, LIMITS, None).await;
    assert_eq!(body, Ok(Bytes::from("abcdefgh")));
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_declared_or_not() {
    let refused = Err(EdgeError::BodyTooLarge { limit: 8 });
    assert_eq!(
        read_body(chunks(&["abcde", "fghij"]), None, LIMITS, None).await,
        refused
    );
    // A declared length over the limit is refused before any byte is read.
    let never = Body::from_stream(stream::pending::<Result<Bytes, Infallible>>());
    assert_eq!(read_body(never, Some(9), LIMITS, None).await, refused);
}

#[tokio::test(start_paused = true)]
async fn a_body_that_trickles_in_is_cut_at_the_deadline_not_reset_by_each_byte() {
    // One byte every second never leaves a gap as long as the timeout, yet the whole body
    // would take longer than it: the deadline counts from the start.
    let trickle = Body::from_stream(stream::unfold(0, |sent| async move {
        tokio::time::sleep(Duration::from_secs(1)).await;
        (sent < 100).then(|| (Ok::<_, Infallible>(Bytes::from_static(b"x")), sent + 1))
    }));
    let limits = BodyLimits {
        max_bytes: 1000,
        read_timeout: Duration::from_secs(5),
    };
    let started = tokio::time::Instant::now();
    assert_eq!(
        read_body(trickle, None, limits, None).await,
        Err(EdgeError::BodyTimeout {
            after: Duration::from_secs(5)
        })
    );
    assert_eq!(started.elapsed(), Duration::from_secs(5));
}
