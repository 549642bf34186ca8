//! Reading a manifest's YAML into its written form ([`Manifest`], then each
//! [`OperationManifest`] on its own), so that the shape problems of every top-level key and
//! of every operation are reported together rather than the first one alone.

use crate::errors::Problems;
use crate::format::{Manifest, OperationManifest};
use mosaic_plugin::settings::read_settings_partially;
use serde_json::Value;
use std::collections::BTreeMap;

/// A manifest as written, with its operations read one by one; `None` where a part could not
/// be read (its problems are in `problems`).
pub struct Read {
    pub manifest: Option<Manifest>,
    pub operations: BTreeMap<String, OperationManifest>,
}

/// Reads `text`; what could not be read is in `problems`.
pub fn read(text: &str, problems: &mut Problems) -> Read {
    let mut read = Read {
        manifest: None,
        operations: BTreeMap::new(),
    };
    let value: Value = match yaml_serde::from_str(text) {
        Ok(value) => value,
        Err(error) => {
            let message = format!("not valid YAML: {error}");
            match error.location() {
                Some(location) => problems.push_at_line(location.line(), message),
                None => problems.push("", message),
            }
            return read;
        }
    };
    if !value.is_object() {
        problems.push(
            "",
            "a manifest is a mapping (`name`, `version`, `operations`, …)",
        );
        return read;
    }
    match read_settings_partially::<Manifest>("manifest", &value) {
        Ok((manifest, errors)) => {
            for error in errors {
                problems.push(error.path, error.message);
            }
            read.manifest = Some(manifest);
        }
        Err(errors) => {
            // A key refused on its own is then missing from the whole: said once is enough.
            let refused: Vec<String> = errors.iter().map(|error| error.path.clone()).collect();
            for error in errors {
                let repeated = error.path.is_empty()
                    && refused
                        .iter()
                        .any(|path| error.message == format!("missing field `{path}`"));
                if !repeated {
                    problems.push(error.path, error.message);
                }
            }
        }
    }
    if let Some(Value::Object(operations)) = value.get("operations") {
        for (name, operation) in operations {
            let base = format!("operations.\"{name}\"");
            match serde_path_to_error::deserialize::<_, OperationManifest>(operation) {
                Ok(operation) => {
                    read.operations.insert(name.clone(), operation);
                }
                Err(error) => {
                    let inner = error.path().to_string();
                    let path = if inner == "." {
                        base
                    } else {
                        format!("{base}.{inner}")
                    };
                    problems.push(path, error.into_inner().to_string());
                }
            }
        }
    }
    read
}
