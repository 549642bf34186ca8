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

/// Headers named `x-quota-*`, with the reset written as `reset`.
fn quota_headers(reset: ResetFormat) -> RateHeaders {
    RateHeaders {
        prefix: "x-quota-",
        reset,
    }
}

#[test]
fn the_three_numbers_are_read_under_the_dialects_prefix() {
    let map = headers(&[
        ("x-quota-limit", "5000"),
        ("x-quota-remaining", "4999"),
        ("x-quota-reset", "60"),
    ]);
    let reading =
        RateReading::from_headers(&map, quota_headers(ResetFormat::DelaySeconds), at(0)).unwrap();
    assert_eq!(
        reading,
        RateReading {
            remaining: 4999,
            limit: 5000,
            resets_in: Some(Duration::from_secs(60)),
        }
    );
    assert!(!reading.exhausted());
    let other_prefix = RateHeaders {
        prefix: "x-ratelimit-",
        reset: ResetFormat::DelaySeconds,
    };
    assert_eq!(RateReading::from_headers(&map, other_prefix, at(0)), None);
}

#[test]
fn each_reset_format_reads_its_own_writing() {
    let now = at(1_800_000_000); // 2027-01-15T08:00:00Z
    let wait = |format: ResetFormat, text: &str| format.wait(text, now);
    let minute = Some(Duration::from_secs(60));
    assert_eq!(wait(ResetFormat::DelaySeconds, "60"), minute);
    assert_eq!(wait(ResetFormat::UnixSeconds, "1800000060"), minute);
    assert_eq!(wait(ResetFormat::UnixMillis, "1800000060000"), minute);
    assert_eq!(
        wait(ResetFormat::AtlassianTimestamp, "2027-01-15T08:01Z"),
        minute
    );
    // Nothing is guessed from a value's size: a small Unix time has long passed.
    assert_eq!(wait(ResetFormat::UnixSeconds, "60"), Some(Duration::ZERO));
    assert_eq!(wait(ResetFormat::DelaySeconds, "2027-01-15T08:01Z"), None);
    assert_eq!(wait(ResetFormat::AtlassianTimestamp, "1800000060"), None);
    assert_eq!(wait(ResetFormat::UnixMillis, "-5"), None);
}

#[test]
fn a_missing_limit_is_the_remaining_count_and_an_unreadable_reset_none() {
    let map = headers(&[("x-quota-remaining", "7"), ("x-quota-reset", "soon")]);
    let reading =
        RateReading::from_headers(&map, quota_headers(ResetFormat::UnixSeconds), at(0)).unwrap();
    assert_eq!(
        reading,
        RateReading {
            remaining: 7,
            limit: 7,
            resets_in: None,
        }
    );
}

#[test]
fn no_or_garbled_headers_are_no_reading() {
    let sent = quota_headers(ResetFormat::UnixSeconds);
    assert_eq!(
        RateReading::from_headers(&HeaderMap::new(), sent, at(0)),
        None
    );
    let garbled = headers(&[("x-quota-remaining", "lots")]);
    assert_eq!(RateReading::from_headers(&garbled, sent, at(0)), None);
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
