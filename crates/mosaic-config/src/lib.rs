//! The YAML configuration: raw form, validation into the internal form, env expansion and JSON Schema.
