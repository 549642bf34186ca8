//! How Jenkins writes its refusals and its quota.
//!
//! - Refusals are HTML pages, not JSON: Jetty's for Stapler's errors (`<title>Error 404 Not
//!   Found</title>`, `<h2>HTTP ERROR 403 No valid crumb was included in the request</h2>`) and
//!   Jenkins' own (`Access Denied`, the `Oops!` page of a 500). [`html_message`] takes the
//!   message from the page's first heading (or its title) and the paragraph after it, never
//!   the page itself; the client hands it on as `{"message": …}`, read with the standard keys
//!   like the JSON bodies a proxy in front answers.
//! - Quota: Jenkins sends none. A proxy in front may send `X-RateLimit-*` (reset in Unix
//!   seconds) and `Retry-After` with a 429, which are read.

use mosaic_provider_kit::http::{Dialect, RateHeaders, ResetFormat};

/// Jenkins' dialect.
pub const JENKINS: Dialect = Dialect {
    rate_headers: RateHeaders {
        prefix: "x-ratelimit-",
        reset: ResetFormat::UnixSeconds,
    },
    ..Dialect::STANDARD
};

/// The message of an HTML error page: its first `h1` or `h2` (else its `title`), without
/// Jenkins' ` [Jenkins]` suffix, and the paragraph that follows it, as plain text; `None`
/// for a body that is not HTML or holds neither.
pub fn html_message(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let lower = text.to_ascii_lowercase();
    if !lower.trim_start().starts_with('<') {
        return None;
    }
    let heading = ["h1", "h2"]
        .into_iter()
        .filter_map(|tag| element(&text, &lower, tag, 0))
        .min_by_key(|(at, _)| *at);
    let (end, heading) = match heading {
        Some(found) => found,
        None => element(&text, &lower, "title", 0)?,
    };
    let heading = heading.trim_end_matches("[Jenkins]").trim().to_owned();
    let paragraph = element(&text, &lower, "p", end).map(|(_, text)| text);
    let parts: Vec<String> = std::iter::once(heading)
        .chain(paragraph)
        .filter(|part| !part.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(": "))
}

/// The text of the first `<tag …>…</tag>` at or after byte `from`, and where it ends.
fn element(text: &str, lower: &str, tag: &str, from: usize) -> Option<(usize, String)> {
    let open = lower.get(from..)?.find(&format!("<{tag}"))? + from;
    let after_name = lower.as_bytes().get(open + tag.len() + 1)?;
    if !matches!(after_name, b'>' | b' ' | b'\t' | b'\n' | b'/') {
        return element(text, lower, tag, open + 1);
    }
    let start = lower[open..].find('>')? + open + 1;
    let close = lower[start..].find(&format!("</{tag}"))? + start;
    Some((close, plain(&text[start..close])))
}

/// Markup as plain text: tags dropped, the common entities decoded, whitespace collapsed.
fn plain(markup: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for character in markup.chars() {
        match character {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(character),
            _ => {}
        }
    }
    let decoded = text
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
#[path = "dialect_tests.rs"]
mod tests;
