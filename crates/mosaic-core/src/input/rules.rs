//! The rules arguments follow, each written once as the JSON Schema keywords of its field
//! (`#[schemars(pattern(REPO))]`, `#[schemars(range(min = 1, max = MAX_PER_PAGE))]`). The
//! gateway enforces exactly what an input's schema states (`catalog/enforce.rs`), so the schema
//! that MCP clients and the OpenAPI document show is the rule itself, never a summary of it.
//!
//! Patterns are written in the part of regular-expression syntax on which ECMA-262 (what JSON
//! Schema specifies, and what clients built on JavaScript run), Python's `re` and Rust's `regex`
//! agree: explicit character classes instead of `\s` or `\d` (whose meaning differs between
//! them), `$` only at the very end, no look-around.

/// A repository: `owner/name`, or `group/sub/name` where groups nest (GitLab); no part empty.
pub const REPO: &str = "^[^/]+(/[^/]+)+$";

/// A work item key, `PROJECT-NUMBER` (`PROJ-12`): a project key, a dash, digits. The project is
/// everything before the last dash (`project_of_key`).
pub const WORK_ITEM_KEY: &str = "^.+-[0-9]+$";

/// Text with something other than whitespace in it. The class is the Unicode `White_Space`
/// property spelled out, which is what Rust's `str::trim` removes; `\s` would mean a different
/// set in each of the three dialects.
pub const NOT_BLANK: &str =
    r"[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]";

/// An RFC 3339 date (`2026-01-31`, midnight UTC) or date-time (`2026-01-31T12:00:00Z`,
/// `2026-01-31 12:00:00.5+02:00`), with each month's days; February takes 29 whatever the year,
/// and a provider refuses the 29th of a common year as no such day.
pub const DATE_OR_TIME: &str = concat!(
    "^[0-9]{4}-",
    "((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)|02-(0[1-9]|1[0-9]|2[0-9]))",
    r"([Tt ]([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9]))?$",
);

/// Every pattern with what it asks for, in the words of the error a value that does not match
/// gets ("must be `owner/name` ..., got \"x\"").
pub const PATTERNS: &[(&str, &str)] = &[
    (REPO, "be `owner/name` (groups may nest: `group/sub/name`)"),
    (WORK_ITEM_KEY, "be `PROJECT-NUMBER` such as `PROJ-12`"),
    (NOT_BLANK, "not be blank"),
    (
        DATE_OR_TIME,
        "be an RFC 3339 date or date-time such as 2026-01-31 or 2026-01-31T12:00:00Z",
    ),
];

/// What `pattern` asks for, when it is one of [`PATTERNS`].
pub fn meaning(pattern: &str) -> Option<&'static str> {
    PATTERNS
        .iter()
        .find(|(known, _)| *known == pattern)
        .map(|(_, meaning)| *meaning)
}
