//! The `sim` plugin passes the provider conformance suite, whatever kinds and operations an
//! instance serves and however it is scripted to behave: the shared suite declared once
//! (`shared.rs`), then instances serving part of the catalog, or scripted (`conformance.rs`).

mod conformance;
mod shared;
