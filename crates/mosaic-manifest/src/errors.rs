//! [`ManifestErrors`]: every problem of a manifest, each at its path in the file (and its line
//! when it can be found), reported together so an author fixes them in one pass.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem of a manifest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManifestError {
    /// Where in the file: `operations."git.issues.list".response.items`; empty for the file
    /// as a whole.
    pub path: String,
    /// The 1-based line the path starts at, when it could be found.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ManifestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "(the manifest)"
        } else {
            &self.path
        };
        match self.line {
            Some(line) => write!(f, "{path} (line {line}): {}", self.message),
            None => write!(f, "{path}: {}", self.message),
        }
    }
}

/// Every problem of a manifest, in file order of discovery; never empty.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct ManifestErrors {
    origin: PathBuf,
    errors: Vec<ManifestError>,
}

impl ManifestErrors {
    pub(crate) fn new(origin: &Path, errors: Vec<ManifestError>) -> Self {
        Self {
            origin: origin.to_owned(),
            errors,
        }
    }

    /// The file the manifest was read from.
    pub fn origin(&self) -> &Path {
        &self.origin
    }

    /// How many problems there are.
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// Never true: a `ManifestErrors` holds at least one problem.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// The problems.
    pub fn iter(&self) -> std::slice::Iter<'_, ManifestError> {
        self.errors.iter()
    }
}

impl fmt::Display for ManifestErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.errors.len();
        let noun = if count == 1 { "problem" } else { "problems" };
        write!(f, "{}: {count} {noun}", self.origin.display())?;
        for error in &self.errors {
            write!(f, "\n  {error}")?;
        }
        Ok(())
    }
}

impl<'a> IntoIterator for &'a ManifestErrors {
    type Item = &'a ManifestError;
    type IntoIter = std::slice::Iter<'a, ManifestError>;

    fn into_iter(self) -> Self::IntoIter {
        self.errors.iter()
    }
}

impl IntoIterator for ManifestErrors {
    type Item = ManifestError;
    type IntoIter = std::vec::IntoIter<ManifestError>;

    fn into_iter(self) -> Self::IntoIter {
        self.errors.into_iter()
    }
}

/// Collects problems at paths while a manifest is checked.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    found: Vec<(String, Option<usize>, String)>,
}

impl Problems {
    /// A problem at `path`.
    pub(crate) fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.found.push((path.into(), None, message.into()));
    }

    /// A problem of the text itself, at a line the YAML reader named.
    pub(crate) fn push_at_line(&mut self, line: usize, message: impl Into<String>) {
        self.found.push((String::new(), Some(line), message.into()));
    }

    pub(crate) fn len(&self) -> usize {
        self.found.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// The problems, each with the line its path starts at in `text`.
    pub(crate) fn located(self, text: &str) -> Vec<ManifestError> {
        self.found
            .into_iter()
            .map(|(path, line, message)| ManifestError {
                line: line.or_else(|| crate::locate::line_of(text, &path)),
                path,
                message,
            })
            .collect()
    }
}
