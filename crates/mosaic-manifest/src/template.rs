//! The request templates: minijinja, sandboxed. It is built without macros and without
//! multiple templates, so `include`, `import`, `extends` and `macro` are not even statements
//! (no template reaches another, nor a file); there is no function that reads the environment
//! or the clock; a fuel budget bounds the work of one render (a loop over `range(10**9)` runs
//! out instead of hanging) and a recursion limit bounds how deep blocks nest. Nothing is HTML-escaped:
//! these are URLs, headers and JSON, not pages.
//!
//! A template sees the operation's input, its fields by name, with empty fields left out (so
//! an absent `ref` renders as nothing rather than `none`), and the paging values the
//! pagination adds (`page`, `per_page`, `offset`, `cursor`).

use minijinja::{Environment, ErrorKind, UndefinedBehavior, Value};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use std::sync::Arc;

/// The fuel one render may burn: far more than any request needs (a path, a few parameters, a
/// small JSON body take a few hundred), far less than a runaway loop would.
pub const FUEL: u64 = 50_000;

/// How deep loops, macros and calls may nest in one render.
pub const RECURSION_LIMIT: usize = 32;

/// What a path segment keeps unencoded: RFC 3986's unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Every template of one manifest, compiled once, each by its path in the file.
#[derive(Clone)]
pub struct Templates {
    env: Arc<Environment<'static>>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Templates")
    }
}

/// A template that would not compile or render.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TemplateError(pub String);

/// Collects a manifest's templates while it is checked.
pub struct TemplatesBuilder {
    env: Environment<'static>,
}

impl Default for TemplatesBuilder {
    fn default() -> Self {
        let mut env = Environment::new();
        env.set_fuel(Some(FUEL));
        env.set_recursion_limit(RECURSION_LIMIT);
        env.set_undefined_behavior(UndefinedBehavior::Lenient);
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
        env.add_filter("segment", segment);
        env.add_filter("path", path);
        Self { env }
    }
}

impl TemplatesBuilder {
    /// Compiles `source` under `name` (its path in the file).
    pub fn add(&mut self, name: &str, source: &str) -> Result<(), TemplateError> {
        self.env
            .add_template_owned(name.to_owned(), source.to_owned())
            .map_err(|error| TemplateError(describe(&error)))
    }

    /// The compiled set.
    pub fn build(self) -> Templates {
        Templates {
            env: Arc::new(self.env),
        }
    }
}

impl Templates {
    /// Renders the template `name` over `context`.
    pub fn render(&self, name: &str, context: &serde_json::Value) -> Result<String, TemplateError> {
        let template = self
            .env
            .get_template(name)
            .map_err(|error| TemplateError(describe(&error)))?;
        template
            .render(minijinja::value::Serde(context))
            .map_err(|error| TemplateError(describe(&error)))
    }
}

/// An error as one line: what went wrong and where in the template.
fn describe(error: &minijinja::Error) -> String {
    let what = match error.kind() {
        ErrorKind::OutOfFuel => format!(
            "the template ran out of fuel (it may do at most {FUEL} steps of work per render)"
        ),
        _ => match error.detail() {
            Some(detail) => format!("{}: {detail}", error.kind()),
            None => error.kind().to_string(),
        },
    };
    match error.line() {
        Some(line) if line > 1 => format!("{what} (template line {line})"),
        _ => what,
    }
}

fn text_of(value: &Value) -> String {
    match value.as_str() {
        Some(text) => text.to_owned(),
        None => value.to_string(),
    }
}

/// One path segment, percent-encoded; an empty segment, `.` or `..` is refused, so an input
/// value can never climb out of the path the template names.
fn segment(value: &Value) -> Result<String, minijinja::Error> {
    let text = text_of(value);
    check_segment(&text)?;
    Ok(utf8_percent_encode(&text, SEGMENT).to_string())
}

/// A path of segments (`docs/guide.md`), each percent-encoded and checked as [`segment`]
/// does, the slashes kept.
fn path(value: &Value) -> Result<String, minijinja::Error> {
    let text = text_of(value);
    let mut encoded = Vec::new();
    for part in text.split('/') {
        check_segment(part)?;
        encoded.push(utf8_percent_encode(part, SEGMENT).to_string());
    }
    Ok(encoded.join("/"))
}

fn check_segment(text: &str) -> Result<(), minijinja::Error> {
    if text.is_empty() || text == "." || text == ".." {
        return Err(minijinja::Error::new(
            ErrorKind::InvalidOperation,
            format!("`{text}` cannot be a path segment"),
        ));
    }
    Ok(())
}

#[cfg(test)]
#[path = "template_tests.rs"]
mod tests;
