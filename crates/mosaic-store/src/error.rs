//! The store's errors. Each names the store by its URL with any password redacted, so an error
//! can be logged or shown as it is.

use std::path::PathBuf;

/// What went wrong opening or using the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The URL names no supported database.
    #[error(
        "unsupported store URL `{url}`: expected `sqlite://PATH`, `sqlite::memory:` or `postgres://USER@HOST/DB`"
    )]
    UnsupportedUrl {
        /// The URL, redacted.
        url: String,
    },
    /// The URL names a supported database but does not parse.
    #[error("invalid store URL `{url}`: {source}")]
    InvalidUrl {
        /// The URL, redacted.
        url: String,
        /// What the driver objected to.
        #[source]
        source: sqlx::Error,
    },
    /// The directory for the SQLite file could not be created.
    #[error("cannot create the data directory `{}` for store `{url}`: {source}", path.display())]
    CreateDir {
        /// The URL, redacted.
        url: String,
        /// The directory.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The database could not be reached or opened.
    #[error("cannot open store `{url}`: {source}")]
    Connect {
        /// The URL, redacted.
        url: String,
        /// Why.
        #[source]
        source: sqlx::Error,
    },
    /// The schema could not be brought up to date.
    #[error("cannot migrate store `{url}`: {source}")]
    Migrate {
        /// The URL, redacted.
        url: String,
        /// Why.
        #[source]
        source: sqlx::migrate::MigrateError,
    },
    /// A statement failed.
    #[error("store `{url}`: {action} failed: {source}")]
    Query {
        /// The URL, redacted.
        url: String,
        /// What was being done (`appending audit records`).
        action: &'static str,
        /// Why.
        #[source]
        source: sqlx::Error,
    },
    /// A stored row does not hold what this version wrote.
    #[error("store `{url}`: audit record {id} is unreadable: {message}")]
    Corrupt {
        /// The URL, redacted.
        url: String,
        /// The record's id.
        id: i64,
        /// What is wrong with it.
        message: String,
    },
}

/// The URL with the password in its user info and any `password=` parameter replaced by `***`.
pub fn redact_url(url: &str) -> String {
    let mut redacted = url.to_owned();
    if let Some(scheme_end) = redacted.find("://") {
        let authority_start = scheme_end + 3;
        let authority_end = redacted[authority_start..]
            .find(['/', '?', '#'])
            .map_or(redacted.len(), |end| authority_start + end);
        // The last `@` ends the user info: passwords may contain `@` only percent-encoded, but
        // taking the last one also covers a careless unencoded one.
        if let Some(at) = redacted[authority_start..authority_end].rfind('@') {
            let user_info_end = authority_start + at;
            if let Some(colon) = redacted[authority_start..user_info_end].find(':') {
                redacted.replace_range(authority_start + colon + 1..user_info_end, "***");
            }
        }
    }
    redact_password_parameter(&redacted)
}

fn redact_password_parameter(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_owned();
    };
    let parameters: Vec<String> = query
        .split('&')
        .map(|parameter| match parameter.split_once('=') {
            Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
            _ => parameter.to_owned(),
        })
        .collect();
    format!("{base}?{}", parameters.join("&"))
}

#[cfg(test)]
#[path = "error_tests.rs"]
mod tests;
