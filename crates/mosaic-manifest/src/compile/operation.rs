//! One operation of a manifest, checked and compiled ([`CompiledOp`]), and what it does at
//! run time with its compiled parts: the request (and a write's read back) from its
//! templates, the answer through its mapping. Its lookups are `lookup.rs`'s.

use super::lookup::{self, CompiledLookup};
use super::request::{self, Request, RequestParts};
use crate::errors::Problems;
use crate::expr::{Expression, RunError, Scope};
use crate::format::{ErrorKind, ErrorRule, OperationManifest, Pagination, PaginationChoice};
use crate::template::{TemplateError, Templates, TemplatesBuilder};
use mosaic_core::OpId;
use reqwest::Method;
use serde_json::{Map, Value, json};

/// An operation ready to run.
#[derive(Debug)]
pub(crate) struct CompiledOp {
    pub(crate) op: OpId,
    pub(crate) lookups: Vec<CompiledLookup>,
    pub(crate) request: RequestParts,
    pub(crate) read_back: Option<RequestParts>,
    pub(crate) mapping: Mapping,
    pub(crate) paging: Option<Paging>,
    pub(crate) rules: Vec<Rule>,
}

/// How an answer maps: a list's items, or one output.
#[derive(Debug)]
pub(crate) enum Mapping {
    Items(Expression),
    Output(Expression),
}

/// How a list pages, compiled.
#[derive(Debug)]
pub(crate) enum Paging {
    LinkHeader {
        page: String,
        size: String,
    },
    Page {
        page: String,
        size: String,
        more: Option<Expression>,
    },
    Offset {
        offset: String,
        size: String,
        more: Option<Expression>,
    },
    Cursor {
        cursor: String,
        size: String,
        next: Expression,
    },
}

/// An error rule, compiled.
#[derive(Debug)]
pub(crate) struct Rule {
    pub(crate) status: u16,
    pub(crate) when: Option<Expression>,
    pub(crate) error: ErrorKind,
    /// The name of its message template.
    pub(crate) message: Option<String>,
}

/// Whether `op` answers a page (`{items, next_cursor}`).
pub(crate) fn is_list(op: OpId) -> bool {
    op.output_schema()
        .get("properties")
        .and_then(|properties| properties.get("items"))
        .is_some()
        && op
            .output_schema()
            .get("properties")
            .and_then(|p| p.get("next_cursor"))
            .is_some()
}

/// Compiles one operation, reporting its problems under `base`.
pub(crate) fn compile(
    op: OpId,
    manifest: &OperationManifest,
    default_paging: Option<&Pagination>,
    base: &str,
    templates: &mut TemplatesBuilder,
    problems: &mut Problems,
) -> Option<CompiledOp> {
    let before = problems.len();
    let lookups = lookup::compile_all(&manifest.lookups, base, templates, problems);
    let method = request::method_of(
        &manifest.request.method,
        &format!("{base}.request.method"),
        problems,
    );
    if let Some(method) = &method {
        let safe = matches!(*method, Method::GET | Method::HEAD);
        let problem = match (op.spec().is_read(), safe) {
            (true, false) => Some(format!("`{}` is a read: send it with GET", op.name())),
            (false, true) => Some(format!(
                "`{}` is a write: {method} cannot send it",
                op.name()
            )),
            _ => None,
        };
        if let Some(problem) = problem {
            problems.push(format!("{base}.request.method"), problem);
        }
    }
    let request = RequestParts::compile(
        &manifest.request,
        method.clone().unwrap_or(Method::GET),
        &format!("{base}.request"),
        templates,
        problems,
    );
    let read_back = manifest.read_back.as_ref().map(|read_back| {
        let at = format!("{base}.read_back");
        if op.spec().is_read() {
            problems.push(
                at.clone(),
                format!(
                    "`{}` is a read: its own answer is what it answers",
                    op.name()
                ),
            );
        }
        let method = request::method_of(&read_back.method, &format!("{at}.method"), problems);
        if method.as_ref().is_some_and(|method| *method != Method::GET) {
            problems.push(format!("{at}.method"), "a read back is a GET");
        }
        RequestParts::compile(read_back, Method::GET, &at, templates, problems)
    });
    let list = is_list(op);
    let mapping = match (&manifest.response.items, &manifest.response.output, list) {
        (Some(code), None, true) => {
            expression(code, &format!("{base}.response.items"), problems).map(Mapping::Items)
        }
        (None, Some(code), false) => {
            expression(code, &format!("{base}.response.output"), problems).map(Mapping::Output)
        }
        (_, _, true) => {
            problems.push(
                format!("{base}.response"),
                format!(
                    "`{}` answers a list: map it with `items` (and no `output`)",
                    op.name()
                ),
            );
            None
        }
        (_, _, false) => {
            problems.push(
                format!("{base}.response"),
                format!(
                    "`{}` answers one object: map it with `output` (and no `items`)",
                    op.name()
                ),
            );
            None
        }
    };
    let paging = match (&manifest.pagination, default_paging, list) {
        (Some(PaginationChoice::None(_)), _, _) => None,
        (Some(PaginationChoice::Paged(paging)), _, true) => {
            paging_of(paging, &format!("{base}.pagination"), problems)
        }
        (None, Some(paging), true) => paging_of(paging, "pagination", problems),
        (Some(PaginationChoice::Paged(_)), _, false) => {
            problems.push(
                format!("{base}.pagination"),
                format!("`{}` is not a list; it has no pages", op.name()),
            );
            None
        }
        (None, _, _) => None,
    };
    let rules = rules(
        &manifest.errors,
        &format!("{base}.errors"),
        templates,
        problems,
    );
    if manifest.examples.is_empty() {
        problems.push(
            format!("{base}.examples"),
            "needs at least one sample answer, checked against the operation's output schema",
        );
    }
    (problems.len() == before).then(|| CompiledOp {
        op,
        lookups,
        request,
        read_back,
        mapping: mapping.expect("no problem means a mapping"),
        paging,
        rules,
    })
}

pub(crate) fn expression(code: &str, path: &str, problems: &mut Problems) -> Option<Expression> {
    Expression::compile(code)
        .map_err(|error| problems.push(path, error.0))
        .ok()
}

fn paging_of(paging: &Pagination, base: &str, problems: &mut Problems) -> Option<Paging> {
    Some(match paging {
        Pagination::LinkHeader { page, size } => Paging::LinkHeader {
            page: page.clone(),
            size: size.clone(),
        },
        Pagination::Page { page, size, more } => Paging::Page {
            page: page.clone(),
            size: size.clone(),
            more: match more {
                Some(code) => Some(expression(code, &format!("{base}.more"), problems)?),
                None => None,
            },
        },
        Pagination::Offset { offset, size, more } => Paging::Offset {
            offset: offset.clone(),
            size: size.clone(),
            more: match more {
                Some(code) => Some(expression(code, &format!("{base}.more"), problems)?),
                None => None,
            },
        },
        Pagination::Cursor { cursor, size, next } => Paging::Cursor {
            cursor: cursor.clone(),
            size: size.clone(),
            next: expression(next, &format!("{base}.next"), problems)?,
        },
    })
}

/// Compiles error rules listed at `base`.
pub(crate) fn rules(
    rules: &[ErrorRule],
    base: &str,
    templates: &mut TemplatesBuilder,
    problems: &mut Problems,
) -> Vec<Rule> {
    let mut compiled = Vec::new();
    for (index, rule) in rules.iter().enumerate() {
        let at = format!("{base}[{index}]");
        if !(400..=599).contains(&rule.status) {
            problems.push(
                format!("{at}.status"),
                format!("{} is not an error status (400 to 599)", rule.status),
            );
        }
        let when = rule
            .when
            .as_deref()
            .and_then(|code| expression(code, &format!("{at}.when"), problems));
        let message = rule.message.as_deref().map(|source| {
            let name = format!("{at}.message");
            if let Err(error) = templates.add(&name, source) {
                problems.push(name.clone(), error.0);
            }
            name
        });
        compiled.push(Rule {
            status: rule.status,
            when,
            error: rule.error,
            message,
        });
    }
    compiled
}

/// The page a call asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PageAt {
    /// A page number (1-based) of `per_page` items.
    Number { page: u64, per_page: u32 },
    /// An offset and a page size.
    Offset { offset: u64, per_page: u32 },
    /// An opaque cursor (none for the first page) and a page size.
    Cursor {
        cursor: Option<String>,
        per_page: u32,
    },
}

impl CompiledOp {
    /// Renders the request for `input` (the operation's arguments as JSON) with what the
    /// lookups found, at `page` for a list.
    pub(crate) fn request(
        &self,
        templates: &Templates,
        input: &Value,
        lookups: &Value,
        page: Option<&PageAt>,
    ) -> Result<Request, TemplateError> {
        let context = context_of(input, lookups, page);
        let mut request = self.request.render(templates, &context)?;
        if let (Some(paging), Some(page)) = (&self.paging, page) {
            request.query.extend(paging.query(page));
        }
        Ok(request)
    }

    /// Renders the read back of a write, if it has one.
    pub(crate) fn read_back(
        &self,
        templates: &Templates,
        input: &Value,
        lookups: &Value,
    ) -> Option<Result<Request, TemplateError>> {
        let context = context_of(input, lookups, None);
        self.read_back
            .as_ref()
            .map(|read_back| read_back.render(templates, &context))
    }

    /// The unified output of `answer`, with the next page's cursor for a list.
    pub(crate) fn map(
        &self,
        answer: &Value,
        scope: &Scope<'_>,
        next_cursor: Option<String>,
    ) -> Result<Value, RunError> {
        match &self.mapping {
            Mapping::Items(items) => {
                let items = items.run_with(answer, scope)?;
                let mut page = json!({ "items": items });
                if let Some(cursor) = next_cursor {
                    page["next_cursor"] = json!(cursor);
                }
                Ok(page)
            }
            Mapping::Output(output) => output.run_one_with(answer, scope),
        }
    }
}

/// The template context: the input's fields without the empty ones, what the lookups found
/// (`lookups`, without those not sent), and the page's values.
pub(crate) fn context_of(input: &Value, lookups: &Value, page: Option<&PageAt>) -> Value {
    let mut context: Map<String, Value> = match input {
        Value::Object(fields) => fields
            .iter()
            .filter(|(_, value)| !value.is_null())
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect(),
        _ => Map::new(),
    };
    if let Value::Object(found) = lookups {
        let found: Map<String, Value> = found
            .iter()
            .filter(|(_, value)| !value.is_null())
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect();
        context.insert("lookups".into(), Value::Object(found));
    }
    match page {
        Some(PageAt::Number { page, per_page }) => {
            context.insert("page".into(), json!(page));
            context.insert("per_page".into(), json!(per_page));
        }
        Some(PageAt::Offset { offset, per_page }) => {
            context.insert("offset".into(), json!(offset));
            context.insert("per_page".into(), json!(per_page));
        }
        Some(PageAt::Cursor { cursor, per_page }) => {
            if let Some(cursor) = cursor {
                context.insert("cursor".into(), json!(cursor));
            }
            context.insert("per_page".into(), json!(per_page));
        }
        None => {}
    }
    Value::Object(context)
}

#[cfg(test)]
#[path = "operation_tests.rs"]
mod tests;
