//! Base URLs as configured and path segments as sent.

use mosaic_core::{FieldError, ProviderError};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::Url;

/// Characters kept as they are in a path segment: RFC 3986 unreserved ones. Everything else,
/// `/` included, is percent-encoded, so a caller's `../admin` stays inside one segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Checks a configured base URL: `http` or `https`, a host, no query or fragment. The path is
/// kept (`https://git.example.com/api/v1`) without its trailing slash, so that
/// `base + "/repos/..."` addresses the API wherever it is mounted.
pub fn parse_base_url(field: &str, text: &str) -> Result<Url, FieldError> {
    let url = Url::parse(text.trim())
        .map_err(|error| FieldError::new(field, format!("`{text}` is not a URL: {error}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(FieldError::new(
            field,
            format!("`{text}` must be an http or https URL"),
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(FieldError::new(field, format!("`{text}` has no host")));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(FieldError::new(
            field,
            format!("`{text}` must not have a query or fragment"),
        ));
    }
    let mut url = url;
    let trimmed = url.path().trim_end_matches('/').to_owned();
    url.set_path(&trimmed);
    Ok(url)
}

/// One path segment, percent-encoded (`group/sub/project` becomes `group%2Fsub%2Fproject`, as
/// GitLab's project ids are written).
///
/// `.` and `..` are refused: URL parsers resolve them (even as `%2E%2E`), so they would address
/// a different resource than the one named.
pub fn encode_segment(segment: &str) -> Result<String, ProviderError> {
    if segment.is_empty() || segment == "." || segment == ".." {
        return Err(ProviderError::Invalid(format!(
            "`{segment}` cannot be a path segment"
        )));
    }
    Ok(utf8_percent_encode(segment, SEGMENT).to_string())
}

/// A path of several segments (a file path inside a repository): each segment encoded, the
/// slashes between them kept.
pub fn encode_path(path: &str) -> Result<String, ProviderError> {
    let segments = path
        .split('/')
        .map(encode_segment)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| {
            ProviderError::Invalid(format!("path `{path}` has an empty, `.` or `..` segment"))
        })?;
    Ok(segments.join("/"))
}

#[cfg(test)]
#[path = "base_url_tests.rs"]
mod tests;
