use super::*;

#[test]
fn the_burst_defaults_to_the_requests_and_the_interval_spreads_them() {
    let notion = RateLimit::new(3, Duration::from_secs(1));
    assert_eq!((notion.requests(), notion.burst()), (3, 3));
    assert_eq!(notion.interval(), Duration::from_nanos(333_333_334));
    let bookstack = RateLimit::new(180, Duration::from_secs(60)).with_burst(10);
    assert_eq!(bookstack.interval(), Duration::from_nanos(333_333_334));
    assert_eq!(
        RateLimit::new(2, Duration::from_secs(1)).interval(),
        Duration::from_millis(500)
    );
    assert_eq!(bookstack.to_string(), "180 requests per 1m (burst 10)");
    assert_eq!(
        RateLimit::new(1, Duration::from_millis(1500)).to_string(),
        "1 request per 1500ms (burst 1)"
    );
}

#[test]
fn checked_reports_every_bad_field_at_once() {
    let problems = RateLimit::checked(0, Duration::ZERO, Some(0)).unwrap_err();
    let fields: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(fields, ["requests", "per", "burst"]);
    assert_eq!(
        RateLimit::checked(3, Duration::from_secs(1), None),
        Ok(RateLimit::new(3, Duration::from_secs(1)))
    );
    assert_eq!(
        RateLimit::checked(3, Duration::from_secs(1), Some(5)).map(|limit| limit.burst()),
        Ok(5)
    );
}

#[test]
#[should_panic(expected = "at least one request")]
fn a_zero_written_in_code_is_a_bug() {
    let _ = RateLimit::new(0, Duration::from_secs(1));
}
