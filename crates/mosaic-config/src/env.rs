//! `${ENV}` expansion in string values: `${VAR}`, `${VAR:-default}` (the default is used when
//! the variable is unset or empty, as in POSIX shells) and `$$` for a literal `$`.
//!
//! Expansion runs on the parsed YAML tree, string by string, never on the raw text: a
//! variable's content is always one string value and can never inject YAML structure (a
//! newline and `admin: true` in a variable stay characters of that string). Values from the
//! environment are strings; they do not become numbers or booleans.

use crate::error::ConfigError;
use yaml_serde::Value;

/// How the configuration reads environment variables. Injectable so tests need not touch the
/// process environment.
pub type EnvLookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Why a string could not be expanded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExpandError {
    /// `${NAME}` without a default names a variable that is not set.
    #[error("environment variable `{0}` is not set (write `${{{0}:-default}}` to give a default)")]
    Undefined(String),
    /// `${` without its closing `}`.
    #[error("`${{` is not closed by `}}`")]
    Unterminated,
    /// The text between `${` and `}` (or `:-`) is not a variable name.
    #[error(
        "`{0}` is not an environment variable name (letters, digits and `_`, not starting with a digit)"
    )]
    InvalidName(String),
    /// A `$` that starts neither `${` nor `$$`.
    #[error("a `$` must start `${{NAME}}` or `${{NAME:-default}}`; write `$$` for a literal `$`")]
    LoneDollar,
}

/// Expands one string.
pub fn expand(text: &str, env: EnvLookup<'_>) -> Result<String, ExpandError> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(tail) = after.strip_prefix('$') {
            out.push('$');
            rest = tail;
        } else if let Some(body_and_tail) = after.strip_prefix('{') {
            let Some(close) = body_and_tail.find('}') else {
                return Err(ExpandError::Unterminated);
            };
            out.push_str(&reference(&body_and_tail[..close], env)?);
            rest = &body_and_tail[close + 1..];
        } else {
            return Err(ExpandError::LoneDollar);
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// The value of one `${...}` body: `NAME` or `NAME:-default`.
fn reference(body: &str, env: EnvLookup<'_>) -> Result<String, ExpandError> {
    let (name, default) = match body.split_once(":-") {
        Some((name, default)) => (name, Some(default)),
        None => (body, None),
    };
    if !is_name(name) {
        return Err(ExpandError::InvalidName(name.to_owned()));
    }
    match (env(name), default) {
        (Some(value), Some(default)) if value.is_empty() => Ok(default.to_owned()),
        (Some(value), _) => Ok(value),
        (None, Some(default)) => Ok(default.to_owned()),
        (None, None) => Err(ExpandError::Undefined(name.to_owned())),
    }
}

fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Expands every string value in a YAML tree in place, reporting each failure with its path.
/// Mapping keys are left alone: they name fields, and a field name from the environment
/// would make the file's shape depend on it.
pub(crate) fn expand_tree(
    value: &mut Value,
    path: &str,
    env: EnvLookup<'_>,
    errors: &mut Vec<ConfigError>,
) {
    match value {
        Value::String(text) => match expand(text, env) {
            Ok(expanded) => *text = expanded,
            Err(error) => errors.push(ConfigError::new(path, error.to_string())),
        },
        Value::Sequence(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                expand_tree(item, &format!("{path}[{index}]"), env, errors);
            }
        }
        Value::Mapping(mapping) => {
            for (key, item) in mapping.iter_mut() {
                let child = crate::error::child_path(path, &key_text(key));
                expand_tree(item, &child, env, errors);
            }
        }
        Value::Tagged(tagged) => expand_tree(&mut tagged.value, path, env, errors),
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// A mapping key as it appears in a path.
pub(crate) fn key_text(key: &Value) -> String {
    match key {
        Value::String(text) => text.clone(),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => number.to_string(),
        Value::Null => "~".to_owned(),
        Value::Sequence(_) | Value::Mapping(_) | Value::Tagged(_) => "?".to_owned(),
    }
}

#[cfg(test)]
#[path = "env_tests.rs"]
mod tests;
