//! A request as a manifest writes one (an operation's, a lookup's, a write's read back):
//! compiled into the names of its templates ([`RequestParts`]), and rendered for one call
//! into the [`Request`] the client sends.

use crate::errors::Problems;
use crate::format::RequestTemplate;
use crate::template::{TemplateError, Templates, TemplatesBuilder};
use reqwest::Method;
use reqwest::header::HeaderName;
use serde_json::Value;

/// A request's templates, compiled: each part by the name of its template (its path in the
/// file).
#[derive(Debug)]
pub(crate) struct RequestParts {
    pub(crate) method: Method,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(HeaderName, String)>,
    body: Option<String>,
}

/// A request rendered for one call.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Request {
    pub(crate) method: Method,
    pub(crate) path: String,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: Vec<(HeaderName, String)>,
    pub(crate) body: Option<Value>,
}

/// The method `text` names, reported at `at` when it names none.
pub(crate) fn method_of(text: &str, at: &str, problems: &mut Problems) -> Option<Method> {
    Method::from_bytes(text.to_ascii_uppercase().as_bytes())
        .map_err(|_| problems.push(at, format!("`{text}` is not an HTTP method")))
        .ok()
}

impl RequestParts {
    /// Compiles `request` (sent with `method`), written at `base`, its problems reported there.
    pub(crate) fn compile(
        request: &RequestTemplate,
        method: Method,
        base: &str,
        templates: &mut TemplatesBuilder,
        problems: &mut Problems,
    ) -> Self {
        let mut add = |path: String, source: &str, problems: &mut Problems| -> String {
            if let Err(error) = templates.add(&path, source) {
                problems.push(path.clone(), error.0);
            }
            path
        };
        let path = add(format!("{base}.path"), &request.path, problems);
        let query = request
            .query
            .iter()
            .map(|(name, source)| {
                (
                    name.clone(),
                    add(format!("{base}.query.\"{name}\""), source, problems),
                )
            })
            .collect();
        let mut headers = Vec::new();
        for (name, source) in &request.headers {
            let at = format!("{base}.headers.\"{name}\"");
            match HeaderName::try_from(name.as_str()) {
                Ok(header) => headers.push((header, add(at, source, problems))),
                Err(_) => problems.push(at, format!("`{name}` is not a header name")),
            }
        }
        let body = request
            .body
            .as_deref()
            .map(|source| add(format!("{base}.body"), source, problems));
        Self {
            method,
            path,
            query,
            headers,
            body,
        }
    }

    /// Renders the request over `context`.
    pub(crate) fn render(
        &self,
        templates: &Templates,
        context: &Value,
    ) -> Result<Request, TemplateError> {
        let path = templates.render(&self.path, context)?;
        if !path.starts_with('/') {
            return Err(TemplateError(format!(
                "the path rendered as `{path}`, which does not start with `/` (it is below the base URL)"
            )));
        }
        let mut query = Vec::new();
        for (name, template) in &self.query {
            let value = templates.render(template, context)?;
            if !value.is_empty() {
                query.push((name.clone(), value));
            }
        }
        let mut headers = Vec::new();
        for (name, template) in &self.headers {
            headers.push((name.clone(), templates.render(template, context)?));
        }
        let body = match &self.body {
            Some(template) => {
                let text = templates.render(template, context)?;
                Some(serde_json::from_str(&text).map_err(|error| {
                    TemplateError(format!("the body template did not render JSON: {error}"))
                })?)
            }
            None => None,
        };
        Ok(Request {
            method: self.method.clone(),
            path,
            query,
            headers,
            body,
        })
    }
}
