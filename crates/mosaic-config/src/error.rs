//! Configuration errors: each names its path in the file (`providers[1].settings.latency.mean`)
//! and what is wrong there. Loading collects every error at once, so one `mosaic config check`
//! shows them all, in the order they appear in the file.

use crate::env::key_text;
use serde::Serialize;
use std::fmt;
use yaml_serde::Value;

/// One problem in the configuration file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ConfigError {
    /// Where in the file: `executor.retry.max_attempts`, `routes[0].targets[1].instance`.
    /// Empty for the file as a whole (a YAML syntax error, a file that cannot be read).
    pub path: String,
    /// What is wrong there.
    pub message: String,
}

impl ConfigError {
    /// An error at `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for ConfigError {}

/// Every problem found in one configuration file; never empty. Displays one error per line,
/// `path: message`, in file order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ConfigErrors(Vec<ConfigError>);

impl ConfigErrors {
    /// The errors, in file order.
    pub fn errors(&self) -> &[ConfigError] {
        &self.0
    }

    /// How many errors there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always false: a `ConfigErrors` holds at least one error.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The errors as they are, in the order given; `None` when there are none.
    pub(crate) fn new(errors: Vec<ConfigError>) -> Option<Self> {
        (!errors.is_empty()).then_some(Self(errors))
    }

    /// A single error for the file as a whole.
    pub(crate) fn whole_file(message: impl Into<String>) -> Self {
        Self(vec![ConfigError::new("", message)])
    }

    /// The collected errors sorted in the order their paths appear in `tree`; `None` when
    /// there are none.
    pub(crate) fn in_file_order(mut errors: Vec<ConfigError>, tree: &Value) -> Option<Self> {
        if errors.is_empty() {
            return None;
        }
        // A stable sort keeps errors at the same place in the order they were found.
        errors.sort_by_cached_key(|error| position(tree, &error.path));
        errors.dedup();
        Some(Self(errors))
    }
}

impl fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, error) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigErrors {}

impl IntoIterator for ConfigErrors {
    type Item = ConfigError;
    type IntoIter = std::vec::IntoIter<ConfigError>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// `parent.child`, `parent[2]`, or either alone when the other is empty.
pub(crate) fn child_path(parent: &str, child: &str) -> String {
    match (parent.is_empty(), child.is_empty()) {
        (_, true) => parent.to_owned(),
        (true, false) => child.to_owned(),
        (false, false) if child.starts_with('[') => format!("{parent}{child}"),
        (false, false) => format!("{parent}.{child}"),
    }
}

/// One step of a path.
#[derive(Debug, PartialEq, Eq)]
enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

fn segments(path: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|part| !part.is_empty()) {
        let (key, mut indices) = part.split_at(part.find('[').unwrap_or(part.len()));
        if !key.is_empty() {
            out.push(Segment::Key(key));
        }
        while let Some(rest) = indices.strip_prefix('[') {
            let Some(close) = rest.find(']') else { break };
            match rest[..close].parse() {
                Ok(index) => out.push(Segment::Index(index)),
                Err(_) => out.push(Segment::Key(&rest[..close])),
            }
            indices = &rest[close + 1..];
        }
    }
    out
}

/// Where a path sits in the file: at each level, the position of its key or index. Paths
/// that leave the tree (a missing field) sort after what exists at that level.
fn position(tree: &Value, path: &str) -> Vec<usize> {
    let mut key = Vec::new();
    let mut node = Some(tree);
    for segment in segments(path) {
        let found = match (node.map(untagged), segment) {
            (Some(Value::Mapping(mapping)), Segment::Key(name)) => mapping
                .iter()
                .position(|(key, _)| key_text(key) == name)
                .map(|index| (index, mapping.iter().nth(index).map(|(_, value)| value))),
            (Some(Value::Sequence(items)), Segment::Index(index)) => {
                Some((index, items.get(index)))
            }
            _ => None,
        };
        match found {
            Some((index, child)) => {
                key.push(index);
                node = child;
            }
            None => {
                key.push(usize::MAX);
                break;
            }
        }
    }
    key
}

fn untagged(value: &Value) -> &Value {
    match value {
        Value::Tagged(tagged) => untagged(&tagged.value),
        other => other,
    }
}

#[cfg(test)]
#[path = "error_tests.rs"]
mod tests;
