//! Operation metadata and the small value types the catalog is made of.

use crate::kind::{Access, ServiceKind};
use std::fmt;

/// How long answers of an operation may be cached, and whether they may be served stale.
/// The durations per class come from configuration; the class is the operation's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CacheClass {
    /// Never cached (writes).
    NoStore,
    /// Changes by the second (CI runs and logs).
    Volatile,
    /// Ordinary lists and items (issues, pull requests, pages).
    Standard,
    /// Rarely changes (repository metadata, spaces, projects).
    Stable,
}

impl CacheClass {
    /// Every class, in order.
    pub const ALL: [CacheClass; 4] = [Self::NoStore, Self::Volatile, Self::Standard, Self::Stable];

    /// The snake_case name used in configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NoStore => "no_store",
            Self::Volatile => "volatile",
            Self::Standard => "standard",
            Self::Stable => "stable",
        }
    }
}

/// The resource a call addresses: `owner/name`, `space:KEY`, `project:KEY`, or nothing in
/// particular for listings across resources.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Resource(String);

impl Resource {
    /// One resource.
    pub fn new(key: &str) -> Self {
        Self(key.to_owned())
    }

    /// A listing across resources.
    pub fn across() -> Self {
        Self(String::new())
    }

    /// The given resource, or across resources when there is none.
    pub fn across_or(key: Option<&str>) -> Self {
        key.map(Self::new).unwrap_or_default()
    }

    /// The key; empty for a listing across resources.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this addresses no resource in particular.
    pub fn is_across(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_across() {
            f.write_str("*")
        } else {
            f.write_str(&self.0)
        }
    }
}

/// What an operation is, as the rest of the gateway needs to know it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OperationSpec {
    /// Dotted id, `git.issues.list`.
    pub name: &'static str,
    /// The service kind.
    pub kind: ServiceKind,
    /// Read or write.
    pub access: Access,
    /// Whether repeating the call has no further effect, so it may be retried.
    pub idempotent: bool,
    /// Whether the call may change or remove existing data (not only add).
    pub destructive: bool,
    /// How answers may be cached.
    pub cache: CacheClass,
    /// The collection a read's answer belongs to, for cache tags (`issues`, `pulls`, ...).
    pub collection: &'static str,
    /// The collections a write makes stale.
    pub invalidates: &'static [&'static str],
    /// One line for tool descriptions and docs.
    pub summary: &'static str,
}

impl OperationSpec {
    /// The MCP tool name: the id with `.` replaced by `_`.
    pub fn tool_name(&self) -> String {
        self.name.replace('.', "_")
    }

    /// Whether the operation reads.
    pub fn is_read(&self) -> bool {
        self.access == Access::Read
    }

    /// The cache tag of a read's answer: `{kind}:{resource}:{collection}`, with `*` for
    /// listings across resources.
    pub fn read_tag(&self, resource: &Resource) -> String {
        format!("{}:{}:{}", self.kind, resource, self.collection)
    }

    /// The cache tags a write makes stale: each invalidated collection of the resource, and
    /// the same collection in listings across resources (which may contain it too).
    pub fn write_tags(&self, resource: &Resource) -> Vec<String> {
        let across = Resource::across();
        let mut tags = Vec::with_capacity(self.invalidates.len() * 2);
        for collection in self.invalidates {
            tags.push(format!("{}:{}:{}", self.kind, resource, collection));
            if !resource.is_across() {
                tags.push(format!("{}:{}:{}", self.kind, across, collection));
            }
        }
        tags
    }
}

/// Arguments that do not fit an operation's input, with the path of the offending field.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid argument `{path}`: {message}")]
pub struct ArgumentError {
    /// JSON path of the field (`labels[0]`), or `.` for the arguments as a whole.
    pub path: String,
    /// What is wrong with it.
    pub message: String,
}

impl ArgumentError {
    /// An error for one field.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// Builders for the metadata table in `entries.rs`, so each entry states only what differs.
pub(crate) mod meta {
    use super::*;

    pub(crate) const fn read(
        kind: ServiceKind,
        cache: CacheClass,
        collection: &'static str,
        summary: &'static str,
    ) -> OperationSpec {
        OperationSpec {
            name: "",
            kind,
            access: Access::Read,
            idempotent: true,
            destructive: false,
            cache,
            collection,
            invalidates: &[],
            summary,
        }
    }

    /// A write that adds something new; repeating it adds it twice.
    pub(crate) const fn create(
        kind: ServiceKind,
        invalidates: &'static [&'static str],
        summary: &'static str,
    ) -> OperationSpec {
        OperationSpec {
            name: "",
            kind,
            access: Access::Write,
            idempotent: false,
            destructive: false,
            cache: CacheClass::NoStore,
            collection: "",
            invalidates,
            summary,
        }
    }

    /// A write that changes existing data to a stated value; repeating it changes nothing more.
    pub(crate) const fn change(
        kind: ServiceKind,
        invalidates: &'static [&'static str],
        summary: &'static str,
    ) -> OperationSpec {
        OperationSpec {
            name: "",
            kind,
            access: Access::Write,
            idempotent: true,
            destructive: true,
            cache: CacheClass::NoStore,
            collection: "",
            invalidates,
            summary,
        }
    }

    pub(crate) const fn named(name: &'static str, spec: OperationSpec) -> OperationSpec {
        OperationSpec { name, ..spec }
    }
}
