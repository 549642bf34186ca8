//! Caller values inside JQL: string literals, and the text query inside `text ~`.
//!
//! Every value goes into a double-quoted JQL string literal, where `\"` and `\\` stand for a
//! quote and a backslash. Inside the quotes JQL's keywords (`AND`, `OR`, `ORDER BY`), its
//! operators (`=`, `!=`, `~`) and its reserved characters are plain characters, so no value can
//! change the query around it. Control characters have no place in a key, name or label and are
//! refused rather than passed to Jira's parser.
//!
//! `text ~` hands its string to Jira's text search, which reads it as a Lucene query: there
//! `+ - & | ! ( ) { } [ ] ^ ~ * ? : \ / "` are operators, and so are the words `AND`, `OR` and
//! `NOT` in capitals. Jira's "Search syntax for text fields" page says to escape such a
//! character with a backslash, written as two backslashes in JQL (`text ~ "\\[x\\]"`): one for
//! the JQL literal, one for the search. The operator words are lower-cased, which removes their
//! meaning without changing what matches, as text search ignores case.

use mosaic_core::ProviderError;

/// Characters the text search reads as operators.
const SEARCH_SPECIAL: &[char] = &[
    '+', '-', '&', '|', '!', '(', ')', '{', '}', '[', ']', '^', '~', '*', '?', ':', '\\', '/', '"',
];

/// `value` as a JQL string literal, quotes included. `field` names the input for the error.
pub(crate) fn string_literal(field: &str, value: &str) -> Result<String, ProviderError> {
    if let Some(control) = value.chars().find(|c| c.is_control()) {
        return Err(ProviderError::Invalid(format!(
            "{field} must not contain control characters, found U+{:04X}",
            u32::from(control)
        )));
    }
    let mut literal = String::with_capacity(value.len() + 2);
    literal.push('"');
    for c in value.chars() {
        if c == '"' || c == '\\' {
            literal.push('\\');
        }
        literal.push(c);
    }
    literal.push('"');
    Ok(literal)
}

/// `text` as a text-search query matching its words literally (before JQL quoting). Line breaks
/// and tabs separate words like spaces do, so they become spaces.
pub(crate) fn literal_search_terms(text: &str) -> String {
    let mut words = Vec::new();
    for word in text
        .split(char::is_whitespace)
        .filter(|word| !word.is_empty())
    {
        let mut escaped = String::with_capacity(word.len() + 4);
        for c in word.chars() {
            if SEARCH_SPECIAL.contains(&c) {
                escaped.push('\\');
            }
            escaped.push(c);
        }
        if matches!(escaped.as_str(), "AND" | "OR" | "NOT") {
            escaped.make_ascii_lowercase();
        }
        words.push(escaped);
    }
    words.join(" ")
}

#[cfg(test)]
#[path = "literal_tests.rs"]
mod tests;
