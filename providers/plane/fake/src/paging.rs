//! Plane's cursor pages (`plane/utils/paginator.py`): `per_page` items (default and cap 100),
//! a cursor `LIMIT:PAGE:IS_PREV` whose page starts at `PAGE × per_page` (the cursor's own
//! limit is not used for the offset), and an answer carrying the paginator's fields around
//! `results`.

use super::detail;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};
use std::collections::HashMap;

/// The default and the largest page.
pub const MAX_PER_PAGE: usize = 100;

/// One page asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ask {
    /// Items per page.
    pub limit: usize,
    /// 0-based page number.
    pub page: usize,
}

/// Reads `per_page` and `cursor` as Plane does; malformed ones are 400 with Plane's `detail`.
pub fn ask(params: &HashMap<String, String>) -> Result<Ask, Response> {
    let limit = match params.get("per_page") {
        None => MAX_PER_PAGE,
        Some(text) => text
            .trim()
            .parse::<i64>()
            .map_err(|_| detail(StatusCode::BAD_REQUEST, "Invalid per_page parameter."))?
            .clamp(1, MAX_PER_PAGE as i64) as usize,
    };
    let page = match params.get("cursor") {
        None => 0,
        Some(text) => parse_cursor(text)
            .ok_or_else(|| detail(StatusCode::BAD_REQUEST, "Invalid cursor parameter."))?,
    };
    let page =
        usize::try_from(page).map_err(|_| detail(StatusCode::BAD_REQUEST, "Error in parsing"))?;
    Ok(Ask { limit, page })
}

/// The page number of `VALUE:OFFSET:IS_PREV`, where VALUE is an integer or a decimal number.
fn parse_cursor(text: &str) -> Option<i64> {
    let bits: Vec<&str> = text.split(':').collect();
    let [value, offset, is_prev] = bits.as_slice() else {
        return None;
    };
    let value_ok = if value.contains('.') {
        value.parse::<f64>().is_ok()
    } else {
        value.parse::<i64>().is_ok()
    };
    let is_prev_ok = is_prev.parse::<i64>().is_ok();
    if !(value_ok && is_prev_ok) {
        return None;
    }
    offset.parse().ok()
}

/// The page of `items` (every item of the list, in order) that `ask` names, as Plane answers it.
pub fn answer(items: &[Value], ask: Ask) -> Value {
    let total = items.len();
    let offset = ask.page.saturating_mul(ask.limit).min(total);
    let end = (offset + ask.limit).min(total);
    let results = &items[offset..end];
    let limit = ask.limit;
    json!({
        "grouped_by": null,
        "sub_grouped_by": null,
        "total_count": total,
        "next_cursor": format!("{limit}:{}:0", ask.page + 1),
        "prev_cursor": format!("{limit}:{}:1", ask.page as i64 - 1),
        "next_page_results": end < total,
        "prev_page_results": ask.page > 0,
        "count": results.len(),
        "total_pages": total.div_ceil(limit),
        "total_results": total,
        "extra_stats": null,
        "results": results,
    })
}
