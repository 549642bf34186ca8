//! What the two GitHub fakes (the forge and Actions, one REST API) share of GitHub's wire:
//! how it authenticates, meters and tags answers, and how it reads a page's parameters.

use crate::server::Style;
use axum::http::StatusCode;
use std::collections::HashMap;

/// Items per page when none is asked.
pub const DEFAULT_PER_PAGE: u32 = 30;

/// The largest page GitHub serves; a bigger `per_page` is served as this.
pub const MAX_PER_PAGE: u32 = 100;

/// How GitHub speaks (both GitHub fakes: the forge's and Actions'): no prefix (GitHub Enterprise Server's `/api/v3` is a prefix a
/// test may set), bearer tokens, a 5000-request quota answered with 403 when spent.
pub fn style(token: &str) -> Style {
    Style {
        prefix: String::new(),
        auth_header: "authorization",
        accepted: vec![format!("Bearer {token}"), format!("token {token}")],
        rate_limit_prefix: "x-ratelimit-",
        quota_status: StatusCode::FORBIDDEN,
        quota: Some(5000),
        etags: true,
        // "Accessing this endpoint does not count against your REST API rate limit."
        unmetered: vec!["/rate_limit"],
        error_body: crate::server::message_body,
        reset: crate::server::ResetWritten::UnixSeconds,
        writes: crate::server::method_writes,
    }
}

/// The page asked for: `page` from 1, `per_page` capped at 100.
pub fn page_params(params: &HashMap<String, String>) -> Result<(u32, u32), String> {
    let number = |name: &str, default: u32| -> Result<u32, String> {
        match params.get(name) {
            None => Ok(default),
            Some(text) => text.parse().map_err(|_| format!("{name} must be a number")),
        }
    };
    let per_page = number("per_page", DEFAULT_PER_PAGE)?.clamp(1, MAX_PER_PAGE);
    Ok((number("page", 1)?.max(1), per_page))
}
