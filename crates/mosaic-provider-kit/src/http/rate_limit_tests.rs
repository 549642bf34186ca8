use super::*;
use reqwest::header::HeaderValue;

fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.insert(*name, HeaderValue::from_str(value).unwrap());
    }
    map
}

fn at(unix: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(unix)
}

#[test]
fn github_style_reset_is_a_unix_time() {
    let map = headers(&[
        ("x-ratelimit-limit", "5000"),
        ("x-ratelimit-remaining", "4999"),
        ("x-ratelimit-reset", "1800000060"),
    ]);
    let reading = RateReading::from_headers(&map, at(1_800_000_000)).unwrap();
    assert_eq!(
        reading,
        RateReading {
            remaining: 4999,
            limit: 5000,
            resets_in: Some(Duration::from_secs(60)),
        }
    );
}

#[test]
fn gitlab_and_draft_style_headers_are_read_too() {
    let gitlab = headers(&[
        ("ratelimit-limit", "600"),
        ("ratelimit-remaining", "0"),
        ("ratelimit-reset", "1800000030"),
    ]);
    let reading = RateReading::from_headers(&gitlab, at(1_800_000_000)).unwrap();
    assert!(reading.exhausted());
    assert_eq!(reading.resets_in, Some(Duration::from_secs(30)));

    let draft = headers(&[("ratelimit-remaining", "7"), ("ratelimit-reset", "12")]);
    let reading = RateReading::from_headers(&draft, at(1_800_000_000)).unwrap();
    assert_eq!(reading.limit, 7);
    assert_eq!(reading.resets_in, Some(Duration::from_secs(12)));
}

#[test]
fn linear_style_headers_reset_in_milliseconds() {
    let reading = RateReading::from_headers(
        &headers(&[
            ("x-ratelimit-requests-limit", "1500"),
            ("x-ratelimit-requests-remaining", "1499"),
            ("x-ratelimit-requests-reset", "1800000060000"),
        ]),
        at(1_800_000_000),
    )
    .expect("a reading");
    assert_eq!(reading.remaining, 1499);
    assert_eq!(reading.limit, 1500);
    assert_eq!(reading.resets_in, Some(Duration::from_secs(60)));
}

#[test]
fn jira_style_reset_is_a_time() {
    let reading = RateReading::from_headers(
        &headers(&[
            ("x-ratelimit-limit", "100"),
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "2027-01-15T08:02Z"),
        ]),
        at(1_800_000_000), // 2027-01-15T08:00:00Z
    )
    .expect("a reading");
    assert_eq!(reading.remaining, 0);
    assert_eq!(reading.resets_in, Some(Duration::from_secs(120)));
}

#[test]
fn no_or_garbled_headers_are_no_reading() {
    assert_eq!(RateReading::from_headers(&HeaderMap::new(), at(0)), None);
    let garbled = headers(&[("x-ratelimit-remaining", "lots")]);
    assert_eq!(RateReading::from_headers(&garbled, at(0)), None);
}

#[test]
fn retry_after_is_seconds_or_a_date() {
    let now = at(1_800_000_000);
    assert_eq!(
        retry_after(&headers(&[("retry-after", "7")]), now),
        Some(Duration::from_secs(7))
    );
    let date = httpdate::fmt_http_date(at(1_800_000_090));
    assert_eq!(
        retry_after(&headers(&[("retry-after", &date)]), now),
        Some(Duration::from_secs(90))
    );
    assert_eq!(retry_after(&headers(&[("retry-after", "soon")]), now), None);
}

#[tokio::test(start_paused = true)]
async fn a_spent_quota_comes_back_when_its_window_resets() {
    let tracker = QuotaTracker::default();
    assert_eq!(tracker.quota(), None);
    tracker.record(Some(RateReading {
        remaining: 0,
        limit: 60,
        resets_in: Some(Duration::from_secs(30)),
    }));
    let spent = tracker.quota().unwrap();
    assert_eq!(spent.remaining, 0);
    assert_eq!(spent.resets_in, Some(Duration::from_secs(30)));

    tokio::time::advance(Duration::from_secs(31)).await;
    let renewed = tracker.quota().unwrap();
    assert_eq!((renewed.remaining, renewed.limit), (60, 60));
    assert_eq!(renewed.resets_in, None);
}
