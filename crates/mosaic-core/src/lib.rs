//! MosAIc's unified model, shared by every stage of the request path and free of I/O:
//! service kinds, the operation catalog (typed inputs and outputs with their JSON Schemas and
//! metadata), the errors a provider can answer with, and the provider contract the gateway calls.
//!
//! The rules for reads and writes (`../../shared/DESIGN.md`, "Operation semantics") are written
//! down once here, as [`OperationSpec`] metadata; the router, cache and executor only read them.

pub mod catalog;
pub mod context;
pub mod error;
pub mod glob;
pub mod input;
pub mod kind;
pub mod meta;
pub mod model;
pub mod provider;
pub mod secret;

pub use catalog::{
    ArgumentError, CATALOG, CacheClass, OpId, Operation, OperationSpec, Output, Resource,
};
pub use context::RequestContext;
pub use error::{Fault, ProviderError};
pub use kind::{Access, ServiceKind};
pub use provider::{
    BuildError, DEFAULT_RUN_POLL_INTERVAL, FieldError, Health, Provider, Quota, Support,
};
pub use secret::Secret;
