//! The GraphQL documents the adapter sends, checked against Linear's published schema when the
//! crate builds: each operation is a `graphql_client` derive over the vendored
//! `graphql/schema.graphql` (Linear's SDK schema), so a misspelled field, a field of the
//! wrong type or a selection on a scalar fails the build, and the answer types are generated
//! from the schema.
//!
//! Four documents, ten operations (`graphql/*.graphql`): `viewer` (health), `teams`
//! (projects), `issues` (search, get, create, update, comment) and `context` (what a write
//! looks up first: a team's labels and states, a person). Caller values only ever travel as
//! variables; the document texts are constants.
//!
//! `IssueFilter` is built by `filter.rs` as JSON (its 85 input types are many optional fields
//! deep), so the search's `filter` variable is declared as [`serde_json::Value`].

// The derive generates public modules and items without docs.
#![allow(missing_docs)]

use graphql_client::GraphQLQuery;
use mosaic_provider_kit::http::Effect;

// The custom scalars the generated code refers to (through inputs such as `IssueFilter`):
// times, dates and durations are ISO 8601 strings; Linear's JSON scalars are any JSON.
pub type DateTime = String;
pub type DateTimeOrDuration = String;
pub type TimelessDate = String;
pub type TimelessDateOrDuration = String;
pub type Duration = String;
#[allow(clippy::upper_case_acronyms)]
pub type JSON = serde_json::Value;
pub type JSONObject = serde_json::Value;

/// Every document, by file name, with its text: what the tests walk against the schema.
pub const DOCUMENTS: [(&str, &str); 4] = [
    ("viewer", include_str!("graphql/viewer.graphql")),
    ("teams", include_str!("graphql/teams.graphql")),
    ("issues", include_str!("graphql/issues.graphql")),
    ("context", include_str!("graphql/context.graphql")),
];

/// `viewer { id }`: health.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "graphql/schema.graphql",
    query_path = "src/graphql/viewer.graphql",
    response_derives = "Debug"
)]
pub struct Viewer;

/// Teams, a page at a time, and the organization's URL key.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "graphql/schema.graphql",
    query_path = "src/graphql/teams.graphql",
    response_derives = "Debug"
)]
pub struct Teams;

/// Issues matching an `IssueFilter`, newest change first.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "graphql/schema.graphql",
    query_path = "src/graphql/issues.graphql",
    response_derives = "Debug",
    variable_types("serde_json::Value"),
    skip_serializing_none
)]
pub struct IssueSearch;

/// One issue by identifier (`WEB-12`) or id.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "graphql/schema.graphql",
    query_path = "src/graphql/issues.graphql",
    response_derives = "Debug"
)]
pub struct IssueGet;

/// `issueCreate`.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "graphql/schema.graphql",
    query_path = "src/graphql/issues.graphql",
    response_derives = "Debug",
    variables_derives = "Default",
    skip_serializing_none
)]
pub struct IssueCreate;

/// `issueUpdate`: only the fields set are sent, so only they change.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "graphql/schema.graphql",
    query_path = "src/graphql/issues.graphql",
    response_derives = "Debug",
    variables_derives = "Default",
    skip_serializing_none
)]
pub struct IssueUpdate;

/// `commentCreate`.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "graphql/schema.graphql",
    query_path = "src/graphql/issues.graphql",
    response_derives = "Debug",
    variables_derives = "Default",
    skip_serializing_none
)]
pub struct CommentCreate;

/// A team by key with its labels and states, and the workspace's labels.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "graphql/schema.graphql",
    query_path = "src/graphql/context.graphql",
    response_derives = "Debug"
)]
pub struct TeamContext;

/// An issue's id, state and team (labels, states), and the workspace's labels.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "graphql/schema.graphql",
    query_path = "src/graphql/context.graphql",
    response_derives = "Debug"
)]
pub struct IssueContext;

/// People whose e-mail or display name is the one given.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "graphql/schema.graphql",
    query_path = "src/graphql/context.graphql",
    response_derives = "Debug"
)]
pub struct UserLookup;

/// Whether operation `name` of `document` writes: declared `mutation NAME`, it may change
/// Linear's data; `query NAME` only reads. A name the document does not declare counts as a
/// write, so that a failure of it is never reported as a write not performed.
pub fn effect_of(document: &str, name: &str) -> Effect {
    let words = document
        .lines()
        .map(|line| line.split('#').next().unwrap_or_default())
        .flat_map(|line| line.split(|c: char| !(c.is_alphanumeric() || c == '_')))
        .filter(|word| !word.is_empty());
    let mut keyword = None;
    for word in words {
        if word == name && keyword == Some("query") {
            return Effect::Read;
        }
        keyword = Some(word);
    }
    Effect::Write
}

#[cfg(test)]
#[path = "documents_tests.rs"]
mod tests;
