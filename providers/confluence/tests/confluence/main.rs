//! The `confluence` plugin against a stateful fake of Confluence Cloud — the shared provider
//! suite declared once (`shared.rs`), then what only Confluence does: cursors taken out of
//! `_links.next` (under the OAuth gateway too), its refusals and quota, CQL, versioned writes
//! that refuse to destroy what Markdown cannot carry — and against Confluence's own v2 API
//! description under Prism (contract).

mod behaviour;
mod conformance;
mod contract;
mod shared;
mod writes;
