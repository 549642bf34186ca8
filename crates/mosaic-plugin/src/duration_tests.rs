use super::*;

#[test]
fn parses_units_fractions_and_sequences() {
    assert_eq!(parse_duration("20ms"), Ok(Duration::from_millis(20)));
    assert_eq!(parse_duration("1.5s"), Ok(Duration::from_millis(1500)));
    assert_eq!(parse_duration("5m"), Ok(Duration::from_secs(300)));
    assert_eq!(parse_duration("2h"), Ok(Duration::from_secs(7200)));
    assert_eq!(parse_duration("1m30s"), Ok(Duration::from_secs(90)));
    assert_eq!(parse_duration("250us"), Ok(Duration::from_micros(250)));
    assert_eq!(parse_duration("7ns"), Ok(Duration::from_nanos(7)));
    assert_eq!(parse_duration("0.1s"), Ok(Duration::from_millis(100)));
    assert_eq!(parse_duration("0ms"), Ok(Duration::ZERO));
    assert_eq!(parse_duration("  3s "), Ok(Duration::from_secs(3)));
}

#[test]
fn errors_name_the_problem_and_quote_the_text() {
    let cases = [
        ("", "empty duration"),
        ("20", "a unit is missing"),
        ("20 ms", "unknown unit ` ms`"),
        ("5parsecs", "unknown unit `parsecs`"),
        ("-5s", "expected a number"),
        ("ms", "expected a number"),
        ("1..5s", "`1..5` is not a number"),
        ("1.s", "`1.` is not a number"),
        ("0.5ns", "more precise than a nanosecond"),
        ("99999999999999999999999999999999999999h", "too large"),
        ("99999999999999999999h", "too large"),
    ];
    for (text, expected) in cases {
        let error = parse_duration(text).unwrap_err();
        assert!(error.contains(expected), "{text:?}: {error}");
        if !text.is_empty() {
            assert!(error.contains(&format!("`{text}`")), "{text:?}: {error}");
        }
    }
}

#[test]
fn formats_in_the_largest_exact_unit_and_reads_back() {
    for (duration, text) in [
        (Duration::ZERO, "0s"),
        (Duration::from_millis(20), "20ms"),
        (Duration::from_millis(1500), "1500ms"),
        (Duration::from_secs(300), "5m"),
        (Duration::from_secs(90), "90s"),
        (Duration::from_nanos(1_000_001), "1000001ns"),
    ] {
        assert_eq!(format_duration(duration), text);
        assert_eq!(parse_duration(text), Ok(duration));
    }
}

#[test]
fn serde_reads_and_writes_strings_and_rejects_numbers() {
    let parsed: DurationText = serde_json::from_value(serde_json::json!("1.5s")).unwrap();
    assert_eq!(parsed, DurationText::millis(1500));
    assert_eq!(
        serde_json::to_value(DurationText::secs(60)).unwrap(),
        serde_json::json!("1m")
    );
    let error = serde_json::from_value::<DurationText>(serde_json::json!(20)).unwrap_err();
    assert!(
        error.to_string().contains("a duration with a unit"),
        "{error}"
    );
    let error = serde_json::from_value::<DurationText>(serde_json::json!("20")).unwrap_err();
    assert!(error.to_string().contains("a unit is missing"), "{error}");
}
