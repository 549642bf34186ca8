//! Reading a plugin's `settings` block so that every problem is reported at once, each at its
//! path: serde stops at the first error, so each key is first read on its own.

use mosaic_core::FieldError;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// Checks a credential from the settings, reporting a problem at `field`: not empty (an unset
/// `${VAR}` gives an empty value) and without whitespace at its edges (a pasted newline would
/// make every request fail).
pub fn check_secret(field: &str, value: &str, errors: &mut Vec<FieldError>) -> bool {
    let problem = if value.trim().is_empty() {
        "must not be empty (an unset `${VAR}` gives an empty value)"
    } else if value.trim() != value {
        "has leading or trailing whitespace; a pasted newline would make every request fail"
    } else {
        return true;
    };
    errors.push(FieldError::new(field, problem));
    false
}

/// Reads `settings` (a mapping, or nothing for all defaults) as `T`, collecting the errors of
/// every key, then those of the whole (a missing required key).
pub fn read_settings<T: DeserializeOwned>(
    plugin: &str,
    settings: &Value,
) -> Result<T, Vec<FieldError>> {
    let (settings, errors) = read_settings_partially(plugin, settings)?;
    if errors.is_empty() {
        Ok(settings)
    } else {
        Err(errors)
    }
}

/// Like [`read_settings`], but when only some keys are wrong, also gives `T` read from the
/// keys that are right, so that further rules can be checked on them and reported together.
pub fn read_settings_partially<T: DeserializeOwned>(
    plugin: &str,
    settings: &Value,
) -> Result<(T, Vec<FieldError>), Vec<FieldError>> {
    let fields = match settings {
        Value::Null => Map::new(),
        Value::Object(fields) => fields.clone(),
        other => {
            return Err(vec![FieldError::new(
                "",
                format!(
                    "the settings of a `{plugin}` instance must be a mapping, got {}",
                    kind_of(other)
                ),
            )]);
        }
    };
    let mut errors = Vec::new();
    let mut readable = Map::new();
    for (key, value) in fields {
        let single = Value::Object(Map::from_iter([(key.clone(), value.clone())]));
        match serde_path_to_error::deserialize::<_, T>(single) {
            Ok(_) => {
                readable.insert(key, value);
            }
            // A required key missing from this one-key mapping is not this key's problem.
            Err(error) if is_missing_field(&error) && error.path().to_string() == "." => {
                readable.insert(key, value);
            }
            Err(error) => errors.push(structural(&key, error)),
        }
    }
    match serde_path_to_error::deserialize::<_, T>(Value::Object(readable)) {
        Ok(settings) => Ok((settings, errors)),
        Err(error) => {
            errors.push(structural("", error));
            Err(errors)
        }
    }
}

fn is_missing_field(error: &serde_path_to_error::Error<serde_json::Error>) -> bool {
    error.inner().to_string().starts_with("missing field")
}

fn structural(key: &str, error: serde_path_to_error::Error<serde_json::Error>) -> FieldError {
    let path = error.path().to_string();
    let path = if path == "." { key.to_owned() } else { path };
    FieldError::new(path, error.into_inner().to_string())
}

/// How a JSON value reads in an error message.
pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}
