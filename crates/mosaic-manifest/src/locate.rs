//! Finding the line a path starts at in a manifest's YAML text, so an error can say where to
//! look. The YAML reader keeps no positions past parsing, so the path's keys are looked up in
//! the text in order, each below the one before it (more indented, further down), and a list
//! index (`lookups[2]`) counts the items of a block list; a path that cannot be followed to
//! the end gives the line of its deepest step found, or none.

/// The 1-based line where `path` (`operations."git.issues.list".response.items`) starts.
pub(crate) fn line_of(text: &str, path: &str) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let mut from = 0;
    let mut indent: Option<usize> = None;
    // The line of the list item the path is in, whose own line may hold its first key.
    let mut item: Option<usize> = None;
    let mut found = None;
    for step in steps(path) {
        let index = match &step {
            Step::Key(key) => item
                .filter(|at| entry_is(lines[*at], key))
                .or_else(|| key_line(&lines, from, indent, key)),
            Step::Index(n) => item_line(&lines, from, indent, *n),
        };
        let Some(index) = index else {
            break;
        };
        found = Some(index + 1);
        indent = Some(indentation(lines[index]));
        from = index + 1;
        item = matches!(step, Step::Index(_)).then_some(index);
    }
    found
}

/// One step of a path: a key, or an index into a block list.
enum Step {
    Key(String),
    Index(usize),
}

/// The steps of a dotted path; `"…"` quotes a key holding dots; `[n]` is a list index.
fn steps(path: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        rest = rest.trim_start_matches('.');
        if let Some(quoted) = rest.strip_prefix('"') {
            let end = quoted.find('"').unwrap_or(quoted.len());
            steps.push(Step::Key(quoted[..end].to_owned()));
            rest = quoted.get(end + 1..).unwrap_or("");
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            if end > 0 {
                steps.push(Step::Key(rest[..end].to_owned()));
            }
            rest = &rest[end..];
        }
        if let Some(index) = rest.strip_prefix('[') {
            let (number, after) = index.split_once(']').unwrap_or((index, ""));
            if let Ok(number) = number.parse() {
                steps.push(Step::Index(number));
            }
            rest = after;
        }
    }
    steps
}

/// Whether `line`'s entry (after a list item's `- `) starts with `key:`.
fn entry_is(line: &str, key: &str) -> bool {
    let entry = line.trim_start().trim_start_matches("- ");
    [
        format!("{key}:"),
        format!("\"{key}\":"),
        format!("'{key}':"),
    ]
    .iter()
    .any(|name| entry.starts_with(name.as_str()))
}

/// The index of the first line from `from` on that holds `key:` deeper than `parent`, before
/// the parent's block ends.
fn key_line(lines: &[&str], from: usize, parent: Option<usize>, key: &str) -> Option<usize> {
    for (index, line) in lines.iter().enumerate().skip(from) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let depth = indentation(line);
        if parent.is_some_and(|parent| depth <= parent) {
            return None;
        }
        if entry_is(line, key) {
            return Some(index);
        }
    }
    None
}

/// The index of the line of item `n` of the block list that starts from `from` on, deeper
/// than `parent` (`- ` items at one indentation); `None` for a flow list (`[a, b]`).
fn item_line(lines: &[&str], from: usize, parent: Option<usize>, n: usize) -> Option<usize> {
    let mut column = None;
    let mut count = 0;
    for (index, line) in lines.iter().enumerate().skip(from) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let depth = indentation(line);
        if parent.is_some_and(|parent| depth <= parent) && !trimmed.starts_with("- ") {
            return None;
        }
        if !trimmed.starts_with("- ") && !trimmed.starts_with('-') {
            // Before the first item, a line that is none means the list is not a block list;
            // after it, it is the inside of an item.
            column?;
            continue;
        }
        let column = *column.get_or_insert(depth);
        if depth < column {
            return None;
        }
        if depth == column {
            if count == n {
                return Some(index);
            }
            count += 1;
        }
    }
    None
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

#[cfg(test)]
#[path = "locate_tests.rs"]
mod tests;
