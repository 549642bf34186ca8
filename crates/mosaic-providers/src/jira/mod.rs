//! The ADF conversion and JQL translation of the Jira provider (Jira Cloud platform REST v3).
//!
//! - [`adf`]: descriptions and comments are Atlassian Document Format in Jira and Markdown for
//!   MosAIc's callers; converted both ways without losing headings, lists, code blocks, links
//!   or mentions.
//! - [`jql`]: the unified `pm.issues.search` query as JQL, with every caller value quoted so
//!   that none can change the query.
//! - [`status`]: Jira's three status categories, plus status and resolution, as the five unified
//!   ones — the same rules on the read side and in searches.

pub mod adf;
pub mod jql;
pub mod status;
