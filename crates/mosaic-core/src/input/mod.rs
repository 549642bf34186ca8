//! Typed inputs of the catalog's operations, one module per service kind.
//!
//! Every input rejects unknown fields and names the resource it addresses, which routes match
//! on and cache tags are built from: `owner/name` for git and ci, `space:KEY` for kb,
//! `project:KEY` for pm.

pub mod ci;
pub mod git;
pub mod kb;
pub mod pm;

use crate::catalog::{ArgumentError, Resource};

/// What every operation input can tell about itself beyond its fields.
pub trait Input {
    /// The resource the call addresses.
    fn resource(&self) -> Resource;

    /// Checks the rules a JSON Schema cannot state well. By default: none.
    fn check(&self) -> Result<(), ArgumentError> {
        Ok(())
    }
}

/// The largest page a caller may ask for; lists are never unbounded.
pub const MAX_PER_PAGE: u32 = 100;

/// The page size used when the caller gives none.
pub const DEFAULT_PER_PAGE: u32 = 30;

pub(crate) fn check_per_page(per_page: Option<u32>) -> Result<(), ArgumentError> {
    match per_page {
        Some(n) if n == 0 || n > MAX_PER_PAGE => Err(ArgumentError::new(
            "per_page",
            format!("must be between 1 and {MAX_PER_PAGE}, got {n}"),
        )),
        _ => Ok(()),
    }
}

pub(crate) fn check_repo(repo: &str) -> Result<(), ArgumentError> {
    let well_formed = repo.split('/').count() >= 2 && repo.split('/').all(|part| !part.is_empty());
    if well_formed {
        Ok(())
    } else {
        Err(ArgumentError::new(
            "repo",
            format!("must be `owner/name` (groups may nest), got {repo:?}"),
        ))
    }
}

pub(crate) fn check_not_blank(field: &str, value: &str) -> Result<(), ArgumentError> {
    if value.trim().is_empty() {
        Err(ArgumentError::new(field, "must not be empty"))
    } else {
        Ok(())
    }
}

pub(crate) fn check_number(field: &str, number: u64) -> Result<(), ArgumentError> {
    if number == 0 {
        Err(ArgumentError::new(field, "must be 1 or more"))
    } else {
        Ok(())
    }
}
