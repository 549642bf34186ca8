use super::*;

fn ask(max_bytes: Option<u32>, offset: Option<u64>) -> RunLogsGet {
    RunLogsGet {
        repo: "acme/api".into(),
        run_id: "7".into(),
        max_bytes,
        offset,
    }
}

#[test]
fn without_an_offset_the_tail_is_answered() {
    let window = log_window("7", "one\ntwo\nthree\n", &ask(Some(6), None), false).unwrap();
    assert_eq!(window.content, "three\n");
    assert_eq!((window.offset, window.next_offset), (8, 14));
    assert!(window.truncated && !window.complete);
}

#[test]
fn reading_on_from_next_offset_follows_a_growing_log_to_its_end() {
    let first = log_window("7", "one\n", &ask(Some(100), Some(0)), false).unwrap();
    assert_eq!((first.content.as_str(), first.next_offset), ("one\n", 4));
    assert!(!first.complete, "the run is still going");
    let second = log_window(
        "7",
        "one\ntwo\nthree\n",
        &ask(Some(4), Some(first.next_offset)),
        false,
    )
    .unwrap();
    assert_eq!((second.content.as_str(), second.next_offset), ("two\n", 8));
    assert!(second.truncated, "more was there already");
    let last = log_window("7", "one\ntwo\nthree\n", &ask(None, Some(8)), true).unwrap();
    assert_eq!(last.content, "three\n");
    assert!(last.complete && !last.truncated);
    let after = log_window("7", "one\ntwo\nthree\n", &ask(None, Some(14)), true).unwrap();
    assert_eq!((after.content.as_str(), after.next_offset), ("", 14));
    assert!(after.complete);
}

#[test]
fn cuts_never_split_a_character() {
    let log = "aé€b";
    let tail = log_window("7", log, &ask(Some(4), None), true).unwrap();
    assert_eq!(tail.content, "€b", "é is left out whole");
    let from = log_window("7", log, &ask(Some(3), Some(1)), true).unwrap();
    assert_eq!(from.content, "é", "€ does not fit in what is left");
    assert_eq!(from.next_offset, 3);
}

#[test]
fn an_offset_past_the_end_or_inside_a_character_is_refused_naming_it() {
    let past = log_window("7", "one\n", &ask(None, Some(9)), false).unwrap_err();
    assert!(
        matches!(&past, ProviderError::Invalid(message) if message.contains("offset 9") && message.contains("4 bytes")),
        "{past:?}"
    );
    let inside = log_window("7", "é", &ask(None, Some(1)), false).unwrap_err();
    assert!(matches!(inside, ProviderError::Invalid(_)), "{inside:?}");
}
