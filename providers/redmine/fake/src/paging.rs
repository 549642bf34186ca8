//! Redmine's pages (`ApplicationController#api_offset_and_limit`): `offset` (negative or
//! unreadable is 0, as Ruby's `to_i` reads it), `limit` (default 25, at most 100, below 1 the
//! default), or `page` when no offset is given; the answer carries `total_count`, `offset` and
//! `limit` beside the list.

use serde_json::{Value, json};
use std::collections::HashMap;

/// The page size without a `limit`.
pub const DEFAULT_LIMIT: usize = 25;

/// The largest page.
pub const MAX_LIMIT: usize = 100;

/// One page asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ask {
    /// Items skipped.
    pub offset: usize,
    /// Items at most.
    pub limit: usize,
}

/// Ruby's `String#to_i`: the leading integer, 0 when there is none.
fn to_i(text: &str) -> i64 {
    let text = text.trim_start();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, text.strip_prefix('+').unwrap_or(text)),
    };
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    digits[..end].parse::<i64>().map_or(0, |n| sign * n)
}

/// Reads `offset`, `limit` and `page` as Redmine does.
pub fn ask(params: &HashMap<String, String>) -> Ask {
    let limit = match params.get("limit").map(|text| to_i(text)) {
        Some(limit) if limit >= 1 => (limit as usize).min(MAX_LIMIT),
        _ => DEFAULT_LIMIT,
    };
    let offset = match (params.get("offset"), params.get("page")) {
        (Some(offset), _) if !offset.is_empty() => to_i(offset).max(0) as usize,
        (_, Some(page)) => (to_i(page).max(1) as usize - 1) * limit,
        _ => 0,
    };
    Ask { offset, limit }
}

/// The page of `all` under `name` (`issues`, `projects`), with Redmine's counts.
pub fn answer(name: &str, all: Vec<Value>, ask: Ask) -> Value {
    let total = all.len();
    let page: Vec<Value> = all.into_iter().skip(ask.offset).take(ask.limit).collect();
    json!({
        name: page,
        "total_count": total,
        "offset": ask.offset,
        "limit": ask.limit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect()
    }

    #[test]
    fn offsets_and_limits_are_read_as_ruby_reads_them() {
        assert_eq!(
            ask(&params(&[])),
            Ask {
                offset: 0,
                limit: 25
            }
        );
        let read = ask(&params(&[("offset", "-3"), ("limit", "500")]));
        assert_eq!(
            read,
            Ask {
                offset: 0,
                limit: 100
            }
        );
        let read = ask(&params(&[("offset", "forged"), ("limit", "0")]));
        assert_eq!(
            read,
            Ask {
                offset: 0,
                limit: 25
            }
        );
        let read = ask(&params(&[("page", "3"), ("limit", "10")]));
        assert_eq!(
            read,
            Ask {
                offset: 20,
                limit: 10
            }
        );
        assert_eq!(to_i("12abc"), 12);
    }

    #[test]
    fn an_answer_counts_the_whole_list() {
        let all: Vec<Value> = (1..=5).map(|n| json!(n)).collect();
        let page = answer(
            "issues",
            all,
            Ask {
                offset: 4,
                limit: 2,
            },
        );
        assert_eq!(
            page,
            json!({"issues": [5], "total_count": 5, "offset": 4, "limit": 2})
        );
    }
}
