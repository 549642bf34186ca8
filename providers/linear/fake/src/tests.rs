//! The fake speaks Linear: credentials both ways, its rate-limit headers and refusals, error
//! bodies and statuses, cursor pages, the filter, writes checked against the team.

use super::*;
use mosaic_fake_kit::tracker::Tracker;
use std::time::Duration;

const KEY: &str = "lin_api_fake";

/// Posts operation `name` (declared in a minimal document) with `variables` and `key`.
async fn send_with(
    server: &FakeServer<Tracker>,
    key: &str,
    name: &str,
    variables: Value,
) -> (u16, reqwest::header::HeaderMap, Value) {
    let kind = if name.ends_with("Create") || name.ends_with("Update") {
        "mutation"
    } else {
        "query"
    };
    let response = reqwest::Client::new()
        .post(format!("{}/graphql", server.base_url()))
        .header("authorization", key)
        .json(&json!({
            "query": format!("{kind} {name}($x: String) {{ __typename }}"),
            "operationName": name,
            "variables": variables,
        }))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (
        status,
        headers,
        response.json().await.unwrap_or(Value::Null),
    )
}

async fn send(server: &FakeServer<Tracker>, name: &str, variables: Value) -> (u16, Value) {
    let (status, _, body) = send_with(server, KEY, name, variables).await;
    (status, body)
}

fn code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_default()
}

#[tokio::test]
async fn keys_go_bare_tokens_as_bearer_and_anything_else_is_401() {
    let server = start(Tracker::seeded(), KEY).await;
    let (status, _, body) = send_with(&server, KEY, "Viewer", json!({})).await;
    assert_eq!(
        (status, &body["data"]["viewer"]["id"]),
        (200, &json!(ids::uuid(1)))
    );
    let bearer = format!("Bearer {KEY}");
    assert_eq!(
        send_with(&server, &bearer, "Viewer", json!({})).await.0,
        200
    );
    let (status, _, body) = send_with(&server, "Bearer nope", "Viewer", json!({})).await;
    assert_eq!(status, 401);
    assert_eq!(code(&body), "AUTHENTICATION_ERROR");
    assert_eq!(
        body["errors"][0]["extensions"]["type"],
        "authentication error"
    );
    assert_eq!(
        body["errors"][0]["message"],
        "Authentication required, not authenticated"
    );
    assert_eq!(operations(server.state()), ["Viewer", "Viewer"]);
}

#[tokio::test]
async fn every_answer_carries_the_quota_and_a_spent_one_is_400_ratelimited() {
    let server = start(Tracker::seeded(), KEY).await;
    let (_, headers, _) = send_with(&server, KEY, "Viewer", json!({})).await;
    let header = |name: &str| headers[name].to_str().unwrap().to_owned();
    assert_eq!(header("x-ratelimit-requests-limit"), "5000");
    assert_eq!(header("x-ratelimit-requests-remaining"), "4999");
    assert!(header("x-ratelimit-requests-reset").parse::<u64>().is_ok());
    server
        .state()
        .knobs
        .set_quota(1500, 0, Duration::from_secs(60));
    let (status, headers, body) = send_with(&server, KEY, "Viewer", json!({})).await;
    assert_eq!(status, 400);
    assert_eq!(code(&body), "RATELIMITED");
    assert_eq!(body["errors"][0]["extensions"]["statusCode"], 429);
    assert_eq!(headers["x-ratelimit-requests-remaining"], "0");
}

#[tokio::test]
async fn documents_must_declare_the_operation_the_fake_serves() {
    let server = start(Tracker::seeded(), KEY).await;
    let (status, body) = send(&server, "Unheard", json!({})).await;
    assert_eq!((status, code(&body)), (400, "GRAPHQL_VALIDATION_FAILED"));
    let response = reqwest::Client::new()
        .post(format!("{}/graphql", server.base_url()))
        .header("authorization", KEY)
        .json(&json!({"query": "query Other { viewer { id } }", "operationName": "Viewer"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let response = reqwest::Client::new()
        .post(format!("{}/graphql", server.base_url()))
        .header("authorization", KEY)
        .body("not json")
        .send()
        .await
        .unwrap();
    let body: Value = response.json().await.unwrap();
    assert_eq!(code(&body), "GRAPHQL_PARSE_FAILED");
}

#[tokio::test]
async fn an_unknown_issue_is_an_input_error_under_200() {
    let server = start(Tracker::seeded(), KEY).await;
    let (status, body) = send(&server, "IssueGet", json!({"id": "PLAT-999"})).await;
    assert_eq!((status, code(&body)), (200, "INPUT_ERROR"));
    assert_eq!(body["errors"][0]["message"], "Entity not found: Issue");
    assert_eq!(body["data"], Value::Null);
    let id = ids::uuid(server.state().data().item("WEB-2").unwrap().id);
    let (_, body) = send(&server, "IssueGet", json!({"id": id})).await;
    assert_eq!(body["data"]["issue"]["identifier"], "WEB-2");
    assert_eq!(body["data"]["issue"]["state"]["type"], "started");
}

#[tokio::test]
async fn issues_page_by_cursor_newest_change_first() {
    let server = start(Tracker::seeded(), KEY).await;
    let filter = json!({"team": {"key": {"eq": "PLAT"}}});
    let mut after = Value::Null;
    let mut seen = Vec::new();
    loop {
        let variables = json!({"filter": filter, "first": 20, "after": after});
        let (_, body) = send(&server, "IssueSearch", variables).await;
        let issues = &body["data"]["issues"];
        for node in issues["nodes"].as_array().unwrap() {
            seen.push(node["updatedAt"].as_str().unwrap().to_owned());
        }
        if issues["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = issues["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(seen.len(), 45);
    assert!(seen.windows(2).all(|pair| pair[0] > pair[1]));
    for first in [0, 251] {
        let (_, body) = send(&server, "IssueSearch", json!({"first": first})).await;
        assert_eq!(code(&body), "INVALID_INPUT", "{first}");
    }
    let (_, body) = send(&server, "IssueSearch", json!({"after": "nope"})).await;
    assert_eq!(code(&body), "INVALID_INPUT");
    let unknown = json!({"filter": {"priority": {"eq": 1}}});
    let (_, body) = send(&server, "IssueSearch", unknown).await;
    assert!(
        body["errors"][0]["extensions"]["userPresentableMessage"]
            .as_str()
            .unwrap()
            .contains("`priority`")
    );
}

#[tokio::test]
async fn writes_are_checked_against_the_team_and_ignore_workflow_rules() {
    let server = start(Tracker::seeded(), KEY).await;
    let (plat, web, done, todo_item) = {
        let tracker = server.state().data();
        let plat = tracker.project("PLAT").unwrap();
        let web = tracker.project("WEB").unwrap();
        let done = plat.state("Done").unwrap().id;
        (plat.id, web.id, done, tracker.item("PLAT-1").unwrap().id)
    };
    // PLAT's workflow forbids Todo → Done; Linear has no such rules.
    let input = json!({"stateId": ids::uuid(done)});
    let variables = json!({"id": ids::uuid(todo_item), "input": input});
    let (_, body) = send(&server, "IssueUpdate", variables).await;
    assert_eq!(
        body["data"]["issueUpdate"]["issue"]["state"]["name"],
        "Done"
    );
    let wrong_team = json!({"id": "WEB-1", "input": {"stateId": ids::uuid(done)}});
    let (_, body) = send(&server, "IssueUpdate", wrong_team).await;
    assert_eq!(
        body["errors"][0]["message"],
        "Entity not found: WorkflowState"
    );
    let input =
        json!({"teamId": ids::uuid(web), "title": "x", "labelIds": [ids::label_uuid(plat, 0)]});
    let (_, body) = send(&server, "IssueCreate", json!({"input": input})).await;
    assert_eq!(body["errors"][0]["message"], "Entity not found: IssueLabel");
    let input = json!({"teamId": ids::uuid(web), "title": "x", "estimate": 3});
    let (status, body) = send(&server, "IssueCreate", json!({"input": input})).await;
    assert_eq!((status, code(&body)), (400, "GRAPHQL_VALIDATION_FAILED"));
    let input = json!({"teamId": ids::uuid(web), "title": "Fresh", "description": "*md*"});
    let (_, body) = send(&server, "IssueCreate", json!({"input": input})).await;
    let issue = &body["data"]["issueCreate"]["issue"];
    assert_eq!(issue["identifier"], "WEB-6");
    assert_eq!(issue["description"], "*md*");
    let (_, body) = send(
        &server,
        "CommentCreate",
        json!({"input": {"issueId": "WEB-6", "body": "  "}}),
    )
    .await;
    assert_eq!(code(&body), "INVALID_INPUT");
}

#[test]
fn only_mutations_are_writes() {
    let mutation = json!({
        "query": "query IssueGet { x }\nmutation IssueCreate($input: IssueCreateInput!) { x }",
        "operationName": "IssueCreate",
    });
    let query = json!({ "query": mutation["query"], "operationName": "IssueGet" });
    let post = |body: &Value| mutation_writes(&Method::POST, body.to_string().as_bytes());
    assert!(post(&mutation));
    assert!(!post(&query));
    assert!(!mutation_writes(&Method::POST, b"not json"));
}

#[tokio::test]
async fn a_read_after_a_mutation_fails_once_scripted() {
    let server = start(Tracker::seeded(), KEY).await;
    server
        .state()
        .knobs
        .fail_after_next_write(forbidden("read back refused"));
    let (status, _) = send(&server, "Viewer", json!({})).await;
    assert_eq!(status, 200, "a query before the mutation is answered");
    let team = server.state().data().projects[0].id;
    let (status, created) = send(
        &server,
        "IssueCreate",
        json!({"input": {"teamId": ids::uuid(team), "title": "t"}}),
    )
    .await;
    assert_eq!(
        (status, created["data"]["issueCreate"]["success"].clone()),
        (200, json!(true))
    );
    let (status, refused) = send(&server, "Viewer", json!({})).await;
    assert_eq!((status, code(&refused)), (400, "FORBIDDEN"));
    let writes: Vec<bool> = server
        .state()
        .requests()
        .iter()
        .map(|seen| seen.write)
        .collect();
    assert_eq!(writes, [false, true, false]);
}
