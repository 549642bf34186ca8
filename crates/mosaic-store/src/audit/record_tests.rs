use super::rfc3339_from_ms;

#[test]
fn unix_milliseconds_format_as_rfc3339() {
    let cases = [
        (0, "1970-01-01T00:00:00.000Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        (1_769_860_800_123, "2026-01-31T12:00:00.123Z"),
        (4_107_542_399_999, "2100-02-28T23:59:59.999Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
    ];
    for (ms, expected) in cases {
        assert_eq!(rfc3339_from_ms(ms), expected, "{ms}");
    }
}
