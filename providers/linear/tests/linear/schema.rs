//! The adapter's documents against Linear's published schema (the vendored SDK schema), and the
//! fake's answers against the documents: every operation is sent to the fake as the adapter
//! sends it, with variables checked against their declared types, and the answer's `data` must
//! have exactly the selected fields with the schema's types and nullability. The fake is only a
//! fair stand-in for Linear if this holds.

use crate::shared::{API_KEY, suite};
use crate::walk::{Kind, Schema, Ty};
use graphql_parser::query::parse_query;
use mosaic_core::input::pm::IssuesSearch;
use mosaic_core::model::StatusCategory;
use mosaic_linear::documents::DOCUMENTS;
use mosaic_linear::filter::issue_filter;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::sync::OnceLock;

fn schema() -> &'static Schema {
    static SCHEMA: OnceLock<Schema> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/graphql/schema.graphql");
        let text = std::fs::read_to_string(path).expect("the vendored schema is readable");
        Schema::parse(&text)
    })
}

/// The document (file name, text) that declares operation `name`.
fn document_of(name: &str) -> &'static str {
    DOCUMENTS
        .iter()
        .find(|(_, text)| {
            let document = parse_query::<String>(text).expect("parses").into_static();
            Schema::operations(&document)
                .iter()
                .any(|operation| operation.name == name)
        })
        .map(|(_, text)| *text)
        .unwrap_or_else(|| panic!("no document declares {name}"))
}

#[test]
fn every_document_is_valid_against_linears_schema() {
    let mut names = Vec::new();
    for (file, text) in DOCUMENTS {
        let document = parse_query::<String>(text)
            .unwrap_or_else(|e| panic!("{file}: {e}"))
            .into_static();
        let problems = schema().check_document(&document);
        assert!(problems.is_empty(), "{file}: {problems:#?}");
        names.extend(
            Schema::operations(&document)
                .into_iter()
                .map(|operation| operation.name),
        );
    }
    assert_eq!(
        names,
        [
            "Viewer",
            "Teams",
            "IssueSearch",
            "IssueGet",
            "IssueCreate",
            "IssueUpdate",
            "CommentCreate",
            "TeamContext",
            "IssueContext",
            "UserLookup"
        ]
    );
}

#[test]
fn the_walk_catches_what_the_schema_forbids() {
    let bad = r#"
        query Bad($key: Int!) {
          teams(filter: { kye: { eq: $key } }, first: "ten") { nodes { id nam } }
          issue { id state }
        }"#;
    let document = parse_query::<String>(bad).unwrap().into_static();
    let problems = schema().check_document(&document).join("\n");
    for expected in [
        "TeamFilter has no field kye",
        "\"ten\" is not a Int",
        "Team has no field nam",
        "required argument id is missing",
        "WorkflowState needs a selection",
    ] {
        assert!(problems.contains(expected), "{expected} in:\n{problems}");
    }
    let text = "query Viewer { viewer { id } }";
    let document = parse_query::<String>(text).unwrap().into_static();
    let operations = Schema::operations(&document);
    let answer = json!({ "viewer": { "id": 7, "name": "x" } });
    let problems = schema()
        .check_answer(&document, &operations[0], &answer)
        .join("\n");
    assert!(
        problems.contains("data.viewer.id: 7 is not a ID"),
        "{problems}"
    );
    assert!(
        problems.contains("data.viewer.name: answered but not selected"),
        "{problems}"
    );
    let problems = schema().check_answer(&document, &operations[0], &json!({ "viewer": null }));
    assert_eq!(problems, ["data.viewer: null, but non-null"]);
}

#[test]
fn the_search_filters_the_adapter_builds_are_issue_filters() {
    let ty = Ty::Named("IssueFilter".into());
    let everything = IssuesSearch {
        project: Some("PLAT".into()),
        text: Some("\") { __schema { types { name } } } #".into()),
        status: vec![StatusCategory::Todo, StatusCategory::Done],
        assignee: Some("ben".into()),
        labels: vec!["bug".into(), "docs".into()],
        updated_since: Some("2026-11-01T00:00:00Z".into()),
        ..IssuesSearch::default()
    };
    let by_email = IssuesSearch {
        assignee: Some("ben@example.com".into()),
        ..IssuesSearch::default()
    };
    for input in [everything, by_email] {
        let filter = issue_filter(&input).expect("something narrows it");
        let problems = schema().check_input(&filter, &ty, "filter");
        assert!(problems.is_empty(), "{filter}: {problems:#?}");
    }
    assert!(matches!(schema().kind("IssueFilter"), Some(Kind::Input(_))));
}

/// Sends operation `name` of its document to the fake with `variables`, after checking the
/// variables against their declared types; checks the answer and returns its `data`.
async fn exchange(
    base_url: &str,
    name: &str,
    variables: Value,
    seen: &mut BTreeSet<String>,
) -> Value {
    let text = document_of(name);
    let document = parse_query::<String>(text).unwrap().into_static();
    let operations = Schema::operations(&document);
    let operation = operations.iter().find(|o| o.name == name).unwrap();
    for (variable, ty) in &operation.variables {
        let value = variables.get(variable).unwrap_or(&Value::Null);
        let problems = schema().check_input(value, ty, &format!("${variable}"));
        assert!(problems.is_empty(), "{name}: {problems:#?}");
    }
    let answer: Value = reqwest::Client::new()
        .post(format!("{base_url}/graphql"))
        .header("authorization", API_KEY)
        .json(&json!({ "query": text, "operationName": name, "variables": variables }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(answer.get("errors").is_none(), "{name}: {answer}");
    let data = &answer["data"];
    let problems = schema().check_answer(&document, operation, data);
    assert!(problems.is_empty(), "{name}: {problems:#?}\n{data:#}");
    seen.insert(name.to_owned());
    data.clone()
}

#[tokio::test]
async fn the_fakes_answers_have_exactly_the_selected_fields_and_types() {
    let (server, _provider) = suite().subject.seeded().await;
    let url = server.base_url();
    let mut seen = BTreeSet::new();
    exchange(&url, "Viewer", json!({}), &mut seen).await;
    let teams = exchange(&url, "Teams", json!({"first": 2}), &mut seen).await;
    assert_eq!(teams["teams"]["pageInfo"]["hasNextPage"], true);
    let context = exchange(&url, "TeamContext", json!({"key": "PLAT"}), &mut seen).await;
    let team = &context["teams"]["nodes"][0];
    let bug = team["labels"]["nodes"][0]["id"].clone();
    let started = team["states"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|state| state["type"] == "started")
        .unwrap()["id"]
        .clone();
    let users = exchange(
        &url,
        "UserLookup",
        json!({"who": "ben@example.com"}),
        &mut seen,
    )
    .await;
    let ben = users["users"]["nodes"][0]["id"].clone();
    let input = json!({
        "teamId": team["id"], "title": "Schema walk", "description": "**Markdown**",
        "priority": 2, "labelIds": [bug], "assigneeId": ben
    });
    let created = exchange(&url, "IssueCreate", json!({"input": input}), &mut seen).await;
    let issue = created["issueCreate"]["issue"]["id"].clone();
    let input = json!({"title": "Schema walk (again)", "stateId": started});
    exchange(
        &url,
        "IssueUpdate",
        json!({"id": issue, "input": input}),
        &mut seen,
    )
    .await;
    let input = json!({"issueId": issue, "body": "A *comment*"});
    exchange(&url, "CommentCreate", json!({"input": input}), &mut seen).await;
    let search = IssuesSearch {
        project: Some("PLAT".into()),
        text: Some("schema walk".into()),
        status: vec![StatusCategory::InProgress],
        assignee: Some("ben@example.com".into()),
        labels: vec!["bug".into()],
        updated_since: Some("2026-11-01".into()),
        ..IssuesSearch::default()
    };
    let variables = json!({"filter": issue_filter(&search), "first": 10});
    let found = exchange(&url, "IssueSearch", variables, &mut seen).await;
    let nodes = found["issues"]["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 1, "{found}");
    assert_eq!(nodes[0]["id"], issue);
    // Seeded items: no description, some without assignee; a page that goes on.
    let page = exchange(&url, "IssueSearch", json!({"first": 7}), &mut seen).await;
    assert_eq!(page["issues"]["pageInfo"]["hasNextPage"], true);
    exchange(&url, "IssueGet", json!({"id": "PLAT-1"}), &mut seen).await;
    exchange(&url, "IssueContext", json!({"id": "PLAT-1"}), &mut seen).await;

    let every: BTreeSet<String> = DOCUMENTS
        .iter()
        .flat_map(|(_, text)| {
            let document = parse_query::<String>(text).unwrap().into_static();
            Schema::operations(&document)
                .into_iter()
                .map(|operation| operation.name)
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(seen, every, "every operation the adapter sends was walked");
}
