//! Typed inputs of the catalog's operations, one module per service kind.
//!
//! Every input rejects unknown fields and names the resource it addresses, which routes match
//! on and cache tags are built from: `owner/name` for git and ci, `space:KEY` for kb,
//! `project:KEY` for pm.
//!
//! What a field must be (a pattern, a length, a range, a set of values) is written once, as a
//! schemars attribute with a rule from [`rules`]: the JSON Schema says it, and the catalog
//! enforces what the schema says, so the two cannot drift apart.

pub mod ci;
pub mod git;
pub mod kb;
pub mod pm;
pub mod rules;

use crate::catalog::{ArgumentError, Resource};

/// What every operation input can tell about itself beyond its fields.
pub trait Input {
    /// The resource the call addresses.
    fn resource(&self) -> Resource;

    /// Checks rules that relate fields to each other, which a JSON Schema cannot state well.
    /// Rules on one field belong in its schema instead, where clients can read them. By
    /// default: none.
    fn check(&self) -> Result<(), ArgumentError> {
        Ok(())
    }
}

/// The largest page a caller may ask for; lists are never unbounded.
pub const MAX_PER_PAGE: u32 = 100;

/// The page size used when the caller gives none.
pub const DEFAULT_PER_PAGE: u32 = 30;
