//! Linear's ids are UUIDs; the tracker's are numbers. The fake writes each number in UUID
//! shape and reads it back; labels, which the tracker keeps as names, get one from their team
//! and place.

/// The UUID of a tracker number (a person, team, state, issue or comment).
pub fn uuid(number: u64) -> String {
    format!("00000000-0000-4000-8000-{number:012x}")
}

/// The tracker number a UUID of [`uuid`] stands for.
pub fn number(text: &str) -> Option<u64> {
    hex_tail(text, "00000000-0000-4000-8000-")
}

/// The UUID of label `index` of the team with id `team`.
pub fn label_uuid(team: u64, index: usize) -> String {
    format!(
        "00000000-0000-4000-9000-{:012x}",
        team * 1000 + index as u64
    )
}

/// The team and label index a UUID of [`label_uuid`] stands for.
pub fn label(text: &str) -> Option<(u64, usize)> {
    let n = hex_tail(text, "00000000-0000-4000-9000-")?;
    Some((n / 1000, (n % 1000) as usize))
}

fn hex_tail(text: &str, prefix: &str) -> Option<u64> {
    let tail = text.strip_prefix(prefix)?;
    if tail.len() != 12 || !tail.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u64::from_str_radix(tail, 16).ok()
}
