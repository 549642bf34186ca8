//! Notion ids for the wiki's numbers: pages and spaces as `00000000-0000-4000-8000-NNNNNNNNNNNN`,
//! the blocks a truncated body leaves out as `b10c0000-0000-4000-8000-PPPPPPLLLLLL` (page
//! number, first line). Ids are read with or without dashes, as Notion reads them.

/// The id of a page or space.
pub fn page_id(number: u64) -> String {
    format!("00000000-0000-4000-8000-{number:012}")
}

/// The id of the block of page `page` that starts at line `line`.
pub fn block_id(page: u64, line: usize) -> String {
    format!("b10c0000-0000-4000-8000-{page:06}{line:06}")
}

/// What an id names: a page or space number, or a block (page, line).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Named {
    /// A page or space.
    Page(u64),
    /// A block left out of a truncated body.
    Block(u64, usize),
}

/// Reads an id; `None` when it names nothing of the fake's.
pub fn read(id: &str) -> Option<Named> {
    let digits: String = id
        .chars()
        .filter(|c| *c != '-')
        .collect::<String>()
        .to_ascii_lowercase();
    if digits.len() != 32 {
        return None;
    }
    if let Some(number) = digits.strip_prefix("00000000000040008000") {
        return number.parse().ok().map(Named::Page);
    }
    let rest = digits
        .strip_prefix("b10c000000004000800")?
        .strip_prefix('0')?;
    let page = rest.get(..6)?.parse().ok()?;
    let line = rest.get(6..)?.parse().ok()?;
    Some(Named::Block(page, line))
}
