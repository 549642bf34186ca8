use super::*;

fn convert(value: &str) -> Result<String, ProviderError> {
    jql_date_time("updated_since", value)
}

#[test]
fn rfc3339_times_become_utc_minutes() {
    let table = [
        ("2026-01-31", "2026-01-31 00:00"),
        ("2026-01-31T12:30:00Z", "2026-01-31 12:30"),
        ("2026-01-31t12:30:59.999z", "2026-01-31 12:30"),
        ("2026-01-31 12:30:00Z", "2026-01-31 12:30"),
        ("2026-01-31T12:30Z", "2026-01-31 12:30"),
        ("2026-01-31T12:30:00+02:00", "2026-01-31 10:30"),
        ("2026-01-31T12:30:00-05:45", "2026-01-31 18:15"),
        // Offsets move across days, months, years and leap days.
        ("2026-01-01T01:00:00+02:00", "2025-12-31 23:00"),
        ("2025-12-31T23:30:00-01:00", "2026-01-01 00:30"),
        ("2024-02-28T23:00:00-02:00", "2024-02-29 01:00"),
        ("2100-03-01T00:00:00+00:01", "2100-02-28 23:59"),
        ("2000-02-29T12:00:00Z", "2000-02-29 12:00"),
        ("2016-12-31T23:59:60Z", "2016-12-31 23:59"),
        ("1970-01-01T00:00:00Z", "1970-01-01 00:00"),
    ];
    for (value, expected) in table {
        assert_eq!(convert(value).unwrap(), expected, "{value}");
    }
}

#[test]
fn anything_else_is_refused_with_the_reason() {
    let table = [
        ("yesterday", "yyyy-mm-dd"),
        ("2026-1-31", "yyyy-mm-dd"),
        ("2026/01/31", "yyyy-mm-dd"),
        ("2026-02-30", "no such day"),
        ("2025-02-29", "no such day"),
        ("2026-13-01", "no such day"),
        ("2026-01-31T12:30:00", "needs Z or an offset"),
        ("2026-01-31X12:30:00Z", "must follow a T"),
        ("2026-01-31T24:00:00Z", "hh:mm:ss"),
        ("2026-01-31T12:60:00Z", "hh:mm:ss"),
        ("2026-01-31T12:30:61Z", "seconds"),
        ("2026-01-31T12:30:00.Z", "fraction"),
        ("2026-01-31T12:30:00+2:00", "offset"),
        ("2026-01-31T12:30:00+24:00", "offset"),
        ("2026-01-31T12:30:00Z trailing", "offset"),
        ("0000-01-01T00:00:00+01:00", "outside 0000 to 9999"),
        ("2026-01-31T12:3é", "hh:mm:ss"),
        ("２０２６-01-31", "yyyy-mm-dd"),
    ];
    for (value, reason) in table {
        let error = convert(value).unwrap_err();
        let message = error.to_string();
        assert_eq!(error.code(), "invalid_input", "{value}");
        assert!(message.contains(reason), "{value}: {message}");
        assert!(message.contains("updated_since"), "{message}");
    }
}
