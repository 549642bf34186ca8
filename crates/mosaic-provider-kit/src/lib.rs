//! What several provider plugins share, so that each provider's own crate holds only what
//! differs about it.
//!
//! - `http/`: the HTTP client of native adapters (base URLs, conditional requests, rate-limit
//!   readings, pagination cursors, error mapping, write outcomes).
//! - `forge.rs` and `tracker.rs`: what the Git forges and the project trackers share above
//!   their wire protocols.
//! - `github/`: what the GitHub plugins (the forge and Actions) share: settings, client, dialect.
//! - `token_settings.rs`: the settings of a provider reached with one token at one base URL.
//! - `markdown/`: Markdown, the exchange format, and the document model every markup converter
//!   meets in; `adf/` (Jira) and `html/` (Plane) convert their format ⇄ that model, as
//!   Confluence's storage format and Notion's enhanced Markdown do in their providers' crates.
//! - `rfc3339.rs`: calendar arithmetic for provider timestamps.

pub mod adf;
pub mod atlassian;
pub mod forge;
pub mod github;
pub mod html;
pub mod http;
pub mod markdown;
pub mod rfc3339;
pub mod token_settings;
pub mod tracker;
