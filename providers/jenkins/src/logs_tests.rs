//! Console windows: from an offset within the bound, the tail, character boundaries, and a
//! start past the end.

use super::*;

fn console(start: u64, text: &str, size: u64, more: bool) -> Console {
    Console {
        start,
        text: text.as_bytes().to_vec(),
        size,
        more,
    }
}

#[test]
fn a_read_from_an_offset_answers_at_most_the_bound_and_where_to_go_on() {
    let log = console(4, "two\nthree\n", 14, true);
    let first = window("job/ci#1", &log, true, 4).unwrap();
    assert_eq!(
        (first.content.as_str(), first.offset, first.next_offset),
        ("two\n", 4, 8)
    );
    assert!(first.truncated && !first.complete);
    let rest = window("job/ci#1", &log, true, 100).unwrap();
    assert_eq!(
        (rest.next_offset, rest.truncated, rest.complete),
        (14, false, false)
    );
    let done = window(
        "job/ci#1",
        &console(4, "two\nthree\n", 14, false),
        true,
        100,
    )
    .unwrap();
    assert!(done.complete);
}

#[test]
fn a_tail_read_starts_on_a_character_and_says_it_left_some_out() {
    // "é" is two bytes; the tail read started in its middle.
    let started_inside = Console {
        text: vec![0xA9, b'x', b'\n'],
        ..console(3, "", 6, false)
    };
    let tail = window("job/ci#1", &started_inside, false, 3).unwrap();
    assert_eq!(
        (tail.content.as_str(), tail.offset, tail.next_offset),
        ("x\n", 4, 6)
    );
    assert!(tail.truncated && tail.complete);
    let cut = window("job/ci#1", &console(0, "a\u{e9}", 3, false), true, 2).unwrap();
    assert_eq!((cut.content.as_str(), cut.next_offset), ("a", 1));
}

#[test]
fn an_offset_past_the_end_or_inside_a_character_is_refused() {
    let past = window("job/ci#1", &console(99, "whole log\n", 10, false), true, 10).unwrap_err();
    assert!(matches!(past, ProviderError::Invalid(message) if message.contains("past the end")));
    // The text from byte 1 of "é" starts with its second byte.
    let inside_text = Console {
        text: vec![0xA9],
        ..console(1, "", 2, false)
    };
    let inside = window("job/ci#1", &inside_text, true, 10).unwrap_err();
    assert!(
        matches!(inside, ProviderError::Invalid(message) if message.contains("inside a character"))
    );
}
