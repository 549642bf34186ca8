use super::report;
use mosaic_store::{AnchorCheck, Verified};

#[test]
fn the_report_says_what_was_proved_and_what_was_not() {
    let sealed = Verified {
        records: 12,
        unsealed: 0,
        anchor: AnchorCheck::Matched(12),
    };
    assert_eq!(
        report(&sealed, Some("90389057a2d2971c")),
        "audit log intact: 12 records, HMAC chain verified with key 90389057a2d2971c\n\
         the log reaches its anchor (record 12): no records were cut off the end before it"
    );
    let upgraded = Verified {
        records: 12,
        unsealed: 4,
        anchor: AnchorCheck::NotKept,
    };
    let text = report(&upgraded, Some("90389057a2d2971c"));
    assert!(text.contains("no anchor is kept"), "{text}");
    assert!(
        text.contains("records 1 to 4 are from before the chain was keyed"),
        "{text}"
    );
    let legacy = Verified {
        records: 3,
        unsealed: 3,
        anchor: AnchorCheck::None,
    };
    let text = report(&legacy, None);
    assert!(
        text.starts_with("audit log intact: 3 records, hash chain verified"),
        "{text}"
    );
    assert!(text.contains("no anchor yet"), "{text}");
}
