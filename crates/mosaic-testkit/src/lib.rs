//! Shared test support: the provider conformance suite that every provider plugin passes
//! (like Vector's component compliance tests), and the small JSON Schema validator it uses
//! to check answers against the catalog's output schemas; and a plugin under another version
//! ([`versioned`]), for versions side by side.

pub mod adapter;
pub mod conformance;
pub mod prism;
pub mod schema;
pub mod versioned;

pub use conformance::{Check, Failure, Fixture, Report, check_provider};
pub use prism::PrismMock;
