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
    /// The audit key could not be read, generated or used.
    #[error("{source_name} {message}")]
    AuditKey {
        /// Where the key comes from (`the audit key file `…``, `store.audit.key`).
        source_name: String,
        /// What is wrong.
        message: String,
    },
    /// A PostgreSQL store was opened to append without a configured key.
    #[error(
        "set `store.audit.key` (e.g. `${{MOSAIC_AUDIT_KEY}}`) or `store.audit.key_file` to use PostgreSQL: every replica must seal the audit log with the same key (make one with `openssl rand -hex 32`)"
    )]
    AuditKeyRequired,
    /// The log was sealed with another key than the one configured.
    #[error(
        "the audit log's last record ({id}) is sealed with key {found}, but {source_name} is key {expected}: configure the key the log was written with (appending under another key would leave a log no single key verifies)"
    )]
    AuditKeyMismatch {
        /// The last record's id.
        id: i64,
        /// Its key id.
        found: String,
        /// The configured key's id.
        expected: String,
        /// Where the configured key comes from.
        source_name: String,
    },
    /// The head anchor could not be read or written.
    #[error("the audit anchor `{}` {message}", path.display())]
    AuditAnchor {
        /// The anchor file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The store was opened read-only (to read and verify the log) and cannot append.
    #[error(
        "this store was opened read-only, to read and verify the audit log; it appends nothing"
    )]
    ReadOnly,
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
