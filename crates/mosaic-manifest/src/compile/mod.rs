//! Checking a manifest fully before it takes traffic, into what runs: the [`Compiled`]
//! manifest. Every problem is collected with its path — shapes (`read.rs`), the header
//! (name, version, kinds, auth, URLs, headers), each operation's templates, expressions,
//! pagination and error rules (`operation.rs`, its requests `request.rs`, its lookups
//! `lookup.rs`), and each example's mapped answer against the catalog's output schema
//! (`examples.rs`) — and reported together.

mod examples;
mod lookup;
mod operation;
mod request;

pub(crate) use operation::{CompiledOp, Mapping, PageAt, Paging, Rule, context_of};
pub(crate) use request::Request;

use crate::errors::{ManifestErrors, Problems};
use crate::expr::Expression;
use crate::format::{AuthScheme, Manifest, RateLimitHeaders};
use crate::read::read;
use crate::template::{Templates, TemplatesBuilder};
use mosaic_core::{OpId, ServiceKind};
use reqwest::Url;
use reqwest::header::{HeaderName, HeaderValue};
use std::collections::BTreeMap;
use std::path::Path;

/// A manifest checked in full: what its plugin and instances run.
#[derive(Debug)]
pub struct Compiled {
    /// The plugin's name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// One line on what it talks to.
    pub description: String,
    /// The kinds it serves.
    pub kinds: Vec<ServiceKind>,
    /// The API root when an instance names none.
    pub(crate) default_base_url: Option<Url>,
    pub(crate) auth: AuthScheme,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) health: Option<String>,
    pub(crate) rate_limit: Option<RateLimitHeaders>,
    pub(crate) message: Option<Expression>,
    pub(crate) rules: Vec<Rule>,
    pub(crate) operations: BTreeMap<OpId, CompiledOp>,
    pub(crate) templates: Templates,
}

impl Compiled {
    /// The compiled operation `op`, if the manifest has it.
    pub(crate) fn operation(&self, op: OpId) -> Option<&CompiledOp> {
        self.operations.get(&op)
    }

    /// The ids of the operations the manifest maps, in catalog order.
    pub fn operation_ids(&self) -> impl Iterator<Item = OpId> + '_ {
        self.operations.keys().copied()
    }
}

/// Checks and compiles `text`, read from `origin`.
pub(crate) fn compile(text: &str, origin: &Path) -> Result<Compiled, ManifestErrors> {
    let mut problems = Problems::default();
    let read = read(text, &mut problems);
    let mut templates = TemplatesBuilder::default();
    let manifest = read.manifest.as_ref();
    let header = manifest.and_then(|manifest| header(manifest, &mut templates, &mut problems));
    // Operations are checked even when the header is unusable, so one pass reports both.
    let kinds = manifest.map(|manifest| manifest.kinds.as_slice());
    let default_paging = manifest.and_then(|manifest| manifest.pagination.as_ref());
    let mut operations = BTreeMap::new();
    for (name, operation) in &read.operations {
        let path = format!("operations.\"{name}\"");
        let Some(op) = known_operation(name, kinds, &path, &mut problems) else {
            continue;
        };
        let compiled = operation::compile(
            op,
            operation,
            default_paging,
            &path,
            &mut templates,
            &mut problems,
        );
        if let Some(compiled) = compiled {
            operations.insert(op, compiled);
        }
    }
    let compiled = header.map(|header| Compiled {
        operations,
        ..header
    });
    let Some(mut compiled) = compiled else {
        return Err(ManifestErrors::new(origin, problems.located(text)));
    };
    // The examples of every operation that compiled run even when others did not, so that
    // one pass reports everything.
    compiled.templates = templates.build();
    examples::check(&compiled, &read.operations, &mut problems);
    if problems.is_empty() {
        Ok(compiled)
    } else {
        Err(ManifestErrors::new(origin, problems.located(text)))
    }
}

/// The operation a key of `operations` names: a catalog id of a declared kind (of any kind
/// when `kinds` could not be read).
fn known_operation(
    name: &str,
    kinds: Option<&[ServiceKind]>,
    path: &str,
    problems: &mut Problems,
) -> Option<OpId> {
    let Some(op) = OpId::from_name(name) else {
        problems.push(path, format!("`{name}` is not an operation of the catalog"));
        return None;
    };
    if kinds.is_some_and(|kinds| !kinds.contains(&op.spec().kind)) {
        problems.push(
            path,
            format!(
                "`{name}` is a {} operation, and `kinds` does not name it",
                op.spec().kind
            ),
        );
        return None;
    }
    if op == OpId::CiRunsWait {
        problems.push(
            path,
            "`ci.runs.wait` is served by reading the run again (`ci.runs.get`); map that instead",
        );
        return None;
    }
    Some(op)
}

/// The manifest's header, checked; `None` when a part of it is unusable.
fn header(
    manifest: &Manifest,
    templates: &mut TemplatesBuilder,
    problems: &mut Problems,
) -> Option<Compiled> {
    let before = problems.len();
    check_name(&manifest.name, problems);
    check_version(&manifest.version, problems);
    if manifest.description.trim().is_empty() {
        problems.push(
            "description",
            "must say in one line what the plugin talks to",
        );
    }
    if manifest.kinds.is_empty() {
        problems.push(
            "kinds",
            "must name at least one kind (`git`, `ci`, `kb`, `pm`)",
        );
    }
    let default_base_url = manifest.default_base_url.as_deref().and_then(|text| {
        mosaic_provider_kit::http::parse_base_url("default_base_url", text)
            .map_err(|error| problems.push(error.path, error.message))
            .ok()
    });
    check_auth(&manifest.auth, problems);
    let mut headers = Vec::new();
    for (name, value) in &manifest.headers {
        let path = format!("headers.\"{name}\"");
        match (
            HeaderName::try_from(name.as_str()),
            HeaderValue::from_str(value),
        ) {
            (Ok(name), Ok(value)) => headers.push((name, value)),
            (Err(_), _) => problems.push(path, format!("`{name}` is not a header name")),
            (_, Err(_)) => problems.push(path, "holds characters a header cannot carry"),
        }
    }
    if let Some(health) = &manifest.health
        && !health.path.starts_with('/')
    {
        problems.push(
            "health.path",
            "must start with `/` (it is below the base URL)",
        );
    }
    if let Some(rate) = &manifest.rate_limit {
        let names = [
            ("rate_limit.remaining", Some(&rate.remaining)),
            ("rate_limit.limit", rate.limit.as_ref()),
            ("rate_limit.reset", rate.reset.as_ref()),
        ];
        for (path, name) in names {
            if let Some(name) = name
                && HeaderName::try_from(name.to_ascii_lowercase()).is_err()
            {
                problems.push(path, format!("`{name}` is not a header name"));
            }
        }
    }
    let message = manifest.errors.message.as_deref().and_then(|code| {
        Expression::compile(code)
            .map_err(|error| problems.push("errors.message", error.0))
            .ok()
    });
    let rules = operation::rules(&manifest.errors.rules, "errors.rules", templates, problems);
    (problems.len() == before).then(|| Compiled {
        name: manifest.name.clone(),
        version: manifest.version.clone(),
        description: manifest.description.clone(),
        kinds: manifest.kinds.clone(),
        default_base_url,
        auth: manifest.auth.clone(),
        headers,
        health: manifest.health.as_ref().map(|health| health.path.clone()),
        rate_limit: manifest.rate_limit.clone(),
        message,
        rules,
        operations: BTreeMap::new(),
        templates: TemplatesBuilder::default().build(),
    })
}

fn check_name(name: &str, problems: &mut Problems) {
    let fits = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !name.starts_with('-');
    if !fits {
        problems.push(
            "name",
            format!("`{name}` must be lower case letters, digits and `-` (it is written in configuration)"),
        );
    }
}

/// `MAJOR.MINOR.PATCH`, with an optional pre-release or build suffix (semver 2.0.0).
fn check_version(version: &str, problems: &mut Problems) {
    let core = version.split(['-', '+']).next().unwrap_or_default();
    let parts: Vec<&str> = core.split('.').collect();
    let numeric = parts.len() == 3
        && parts.iter().all(|part| {
            !part.is_empty()
                && part.chars().all(|c| c.is_ascii_digit())
                && (part.len() == 1 || !part.starts_with('0'))
        });
    if !numeric {
        problems.push(
            "version",
            format!("`{version}` is not a semantic version (`1.0.0`)"),
        );
    }
}

fn check_auth(auth: &AuthScheme, problems: &mut Problems) {
    match auth {
        AuthScheme::Bearer | AuthScheme::Basic => {}
        AuthScheme::Header { name, prefix } => {
            if HeaderName::try_from(name.as_str()).is_err() {
                problems.push("auth.name", format!("`{name}` is not a header name"));
            }
            if HeaderValue::from_str(prefix).is_err() {
                problems.push("auth.prefix", "holds characters a header cannot carry");
            }
        }
        AuthScheme::Query { name } => {
            if name.trim().is_empty() {
                problems.push("auth.name", "must name the query parameter");
            }
        }
    }
}
