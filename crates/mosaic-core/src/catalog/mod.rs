//! The operation catalog: the one list of unified operations with their typed inputs and
//! outputs, JSON Schemas and metadata. MCP tools, REST routes, docs and the coverage matrix are
//! all generated from it.

mod define;
mod enforce;
mod entries;
pub mod schema;
mod spec;

pub use entries::{CATALOG, OpId, Operation, Output};
pub use spec::{ArgumentError, CacheClass, OperationSpec, Resource};

#[cfg(test)]
mod tests;
