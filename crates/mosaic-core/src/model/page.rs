//! One page of a list answer with the cursor for the next.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One page of results. Lists are never unbounded: callers ask for a page size and follow
/// `next_cursor` until it is absent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Page<T> {
    /// The items of this page, in the provider's order.
    pub items: Vec<T>,
    /// Opaque cursor for the next page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}
