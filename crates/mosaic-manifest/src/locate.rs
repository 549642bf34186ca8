//! Finding the line a path starts at in a manifest's YAML text, so an error can say where to
//! look. The YAML reader keeps no positions past parsing, so the path's keys are looked up in
//! the text in order, each below the one before it (more indented, further down); a path that
//! cannot be followed to the end gives the line of its deepest key found, or none.

/// The 1-based line where `path` (`operations."git.issues.list".response.items`) starts.
pub(crate) fn line_of(text: &str, path: &str) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let mut from = 0;
    let mut indent: Option<usize> = None;
    let mut found = None;
    for key in keys(path) {
        let Some(index) = key_line(&lines, from, indent, &key) else {
            break;
        };
        found = Some(index + 1);
        indent = Some(indentation(lines[index]));
        from = index + 1;
    }
    found
}

/// The keys of a dotted path; `"…"` quotes a key holding dots; `[n]` (list indexes) are
/// skipped, since list items carry no key to find.
fn keys(path: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        rest = rest.trim_start_matches('.');
        if let Some(quoted) = rest.strip_prefix('"') {
            let end = quoted.find('"').unwrap_or(quoted.len());
            keys.push(quoted[..end].to_owned());
            rest = quoted.get(end + 1..).unwrap_or("");
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            if end > 0 {
                keys.push(rest[..end].to_owned());
            }
            rest = &rest[end..];
            if let Some(index) = rest.strip_prefix('[') {
                rest = index.split_once(']').map_or("", |(_, after)| after);
            }
        }
    }
    keys
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
        let entry = trimmed.trim_start_matches("- ");
        let named = [
            format!("{key}:"),
            format!("\"{key}\":"),
            format!("'{key}':"),
        ];
        if named.iter().any(|name| entry.starts_with(name.as_str())) {
            return Some(index);
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
