use super::*;

#[test]
fn seconds_count_when_the_time_carries_them_and_are_zero_when_it_does_not() {
    let minute = unix_minutes("2026-01-31T12:30Z").unwrap();
    assert_eq!(unix_seconds("2026-01-31T12:30Z"), Ok(minute * 60));
    assert_eq!(unix_seconds("2026-01-31T12:30:15Z"), Ok(minute * 60 + 15));
    assert_eq!(
        unix_seconds("2026-01-31T12:30:15.75Z"),
        Ok(minute * 60 + 15)
    );
    assert_eq!(
        unix_seconds("2026-01-31T14:30:15+02:00"),
        Ok(minute * 60 + 15)
    );
    assert!(unix_seconds("2026-01-31T12:30:9Z").is_err());
}
