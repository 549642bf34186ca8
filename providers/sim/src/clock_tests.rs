use super::*;

#[test]
fn base_is_the_documented_instant() {
    assert_eq!(format(BASE), "2026-03-02T09:00:00Z");
    assert_eq!(seed_time(90), "2026-03-02T10:30:00Z");
    assert_eq!(seed_time(-60 * 24), "2026-03-01T09:00:00Z");
    assert_eq!(format(0), "1970-01-01T00:00:00Z");
    assert_eq!(format(951_782_400), "2000-02-29T00:00:00Z");
}

#[test]
fn parses_dates_date_times_fractions_and_offsets() {
    assert_eq!(parse("2026-03-02T09:00:00Z"), Some(BASE));
    assert_eq!(parse("2026-03-02t09:00:00z"), Some(BASE));
    assert_eq!(parse("2026-03-02"), Some(BASE - 9 * 3600));
    assert_eq!(parse("2026-03-02T10:00:00+01:00"), Some(BASE));
    assert_eq!(parse("2026-03-02T08:30:00.250-00:30"), Some(BASE));
    assert_eq!(
        parse(&now()).map(|now| now > BASE - 365 * 86_400),
        Some(true)
    );
}

#[test]
fn rejects_what_is_not_rfc_3339() {
    for text in [
        "",
        "2026",
        "2026-13-01",
        "2026-02-30",
        "2026-03-02T25:00:00Z",
        "2026-03-02T09:00:00",
        "2026-03-02T09:00:00.Z",
        "2026-03-02T09:00:00+0100",
        "2026-03-02X09:00:00Z",
        "yesterday",
    ] {
        assert_eq!(parse(text), None, "{text:?}");
    }
}

#[test]
fn formatting_and_parsing_agree_over_centuries() {
    for seconds in [
        -86_400 * 365 * 300,
        -1,
        0,
        1,
        BASE,
        4_102_444_800,
        253_402_300_799,
    ] {
        assert_eq!(parse(&format(seconds)), Some(seconds), "{seconds}");
    }
}
