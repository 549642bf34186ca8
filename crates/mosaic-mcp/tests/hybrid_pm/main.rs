//! The three-tracker estate of `examples/hybrid-pm.yaml`, end to end: the example file itself is
//! loaded with its base URLs pointed at stateful fakes of Jira, Linear and Plane, and an MCP
//! client calls tools over HTTP. Each project pattern must land on its tracker, one query must
//! mean the same on all three, and a transition no workflow allows must be explained.

use example::call;
use mosaic_fakes::server::FakeServer;
use mosaic_fakes::tracker::Tracker;
use mosaic_fakes::{jira, linear, plane};
use rmcp::RoleClient;
use rmcp::model::CallToolResult;
use rmcp::service::RunningService;
use serde_json::{Value, json};
use std::collections::HashMap;

#[path = "../common/example.rs"]
mod example;

const EXAMPLE: &str = include_str!("../../../../examples/hybrid-pm.yaml");

/// The agents' API key; the example holds only its SHA-256.
const KEY: &str = "s3cret";
const KEY_SHA256: &str = "1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0";

struct Estate {
    jira: FakeServer<Tracker>,
    linear: FakeServer<Tracker>,
    plane: FakeServer<Tracker>,
    client: RunningService<RoleClient, ()>,
}

/// Starts the three fakes (each holding the same seed), the gateway on the example
/// configuration, and an MCP client.
async fn estate() -> Estate {
    let jira = jira::start(Tracker::seeded(), "jira-token").await;
    let linear = linear::start(Tracker::seeded(), "linear-key").await;
    let plane = plane::start(Tracker::seeded(), "plane-key").await;
    let env: HashMap<&str, String> = HashMap::from([
        ("MOSAIC_STORE", "sqlite::memory:".to_owned()),
        ("MOSAIC_AGENT_KEY_SHA256", KEY_SHA256.to_owned()),
        ("MOSAIC_JIRA_URL", jira.base_url()),
        ("MOSAIC_JIRA_EMAIL", jira::EMAIL.to_owned()),
        ("MOSAIC_JIRA_TOKEN", "jira-token".to_owned()),
        ("MOSAIC_LINEAR_URL", linear.base_url()),
        ("MOSAIC_LINEAR_TOKEN", "linear-key".to_owned()),
        ("MOSAIC_PLANE_URL", plane.base_url()),
        ("MOSAIC_PLANE_TOKEN", "plane-key".to_owned()),
    ]);
    let served = example::serve("hybrid-pm.yaml", EXAMPLE, env).await;
    let client = example::client(served.address, KEY, HashMap::new()).await;
    Estate {
        jira,
        linear,
        plane,
        client,
    }
}

/// The instance that served a successful call, and its answer.
fn served(result: &CallToolResult) -> (Value, Value) {
    assert_eq!(result.is_error, Some(false), "{result:?}");
    (
        result.meta.as_ref().unwrap().0["mosaic/served"]["instance"].clone(),
        result.structured_content.clone().unwrap(),
    )
}

/// How many requests a fake has seen.
fn seen(server: &FakeServer<Tracker>) -> usize {
    server.state().requests().len()
}

#[tokio::test]
async fn each_project_pattern_lands_on_its_tracker() {
    let estate = estate().await;

    let (instance, item) =
        served(&call(&estate.client, "pm_issues_get", json!({"key": "PLAT-1"})).await);
    assert_eq!(instance, "jira");
    assert_eq!(item["status"], "Todo");
    assert!(
        estate
            .jira
            .state()
            .requests()
            .iter()
            .any(|seen| seen.path == "/rest/api/3/issue/PLAT-1")
    );

    let before = seen(&estate.linear);
    let (instance, page) = served(
        &call(
            &estate.client,
            "pm_issues_search",
            json!({"project": "WEB", "per_page": 2}),
        )
        .await,
    );
    assert_eq!(instance, "linear");
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    assert!(
        page["items"][0]["key"]
            .as_str()
            .unwrap()
            .starts_with("WEB-")
    );
    assert!(seen(&estate.linear) > before);

    let before = seen(&estate.plane);
    let (instance, item) =
        served(&call(&estate.client, "pm_issues_get", json!({"key": "OPS-2"})).await);
    assert_eq!(instance, "plane");
    assert_eq!(item["key"], "OPS-2");
    assert!(seen(&estate.plane) > before);

    // A listing across projects is no project's: the catch-all route serves it.
    let (instance, projects) = served(&call(&estate.client, "pm_projects_list", json!({})).await);
    assert_eq!(instance, "plane");
    assert!(projects["items"].as_array().unwrap().len() >= 3);

    // Nothing about PLAT reached Linear or Plane.
    for other in [&estate.linear, &estate.plane] {
        assert!(!other.state().requests().iter().any(|seen| {
            seen.path.contains("PLAT") || seen.query.as_deref().is_some_and(|q| q.contains("PLAT"))
        }));
    }
}

#[tokio::test]
async fn one_query_means_the_same_on_every_tracker() {
    let estate = estate().await;
    // In the seed, item n of every project is cancelled when n % 5 == 4 and labelled `bug`
    // when n is even: PLAT-4, 14, 24, 34, 44; WEB-4; OPS-4.
    for (project, instance, expected) in [
        (
            "PLAT",
            "jira",
            vec!["PLAT-14", "PLAT-24", "PLAT-34", "PLAT-4", "PLAT-44"],
        ),
        ("WEB", "linear", vec!["WEB-4"]),
        ("OPS", "plane", vec!["OPS-4"]),
    ] {
        let (served_by, page) = served(
            &call(
                &estate.client,
                "pm_issues_search",
                json!({"project": project, "status": ["cancelled"], "labels": ["bug"], "per_page": 50}),
            )
            .await,
        );
        assert_eq!(served_by, instance);
        let mut keys: Vec<&str> = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| {
                assert_eq!(item["status_category"], "cancelled", "{item}");
                item["key"].as_str().unwrap()
            })
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, expected, "{project} on {instance}");
    }
}

#[tokio::test]
async fn writes_land_on_their_tracker_and_impossible_transitions_are_explained() {
    let estate = estate().await;

    let (instance, created) = served(
        &call(
            &estate.client,
            "pm_issues_create",
            json!({"project": "WEB", "title": "Dark mode", "description": "Follow the **system** setting.", "labels": ["feature"]}),
        )
        .await,
    );
    assert_eq!(instance, "linear");
    assert_eq!(created["key"], "WEB-6");
    assert_eq!(created["description"], "Follow the **system** setting.");
    assert!(estate.linear.state().data().item("WEB-6").is_some());
    assert!(estate.plane.state().data().item("WEB-6").is_none());

    let (instance, moved) = served(
        &call(
            &estate.client,
            "pm_issues_transition",
            json!({"key": "OPS-1", "to": "done"}),
        )
        .await,
    );
    assert_eq!(instance, "plane");
    assert_eq!(moved["status_category"], "done");

    // PLAT's Jira workflow reaches Done only from a started status; PLAT-1 is in Todo.
    let refused = call(
        &estate.client,
        "pm_issues_transition",
        json!({"key": "PLAT-1", "to": "done"}),
    )
    .await;
    assert_eq!(refused.is_error, Some(true));
    let error = &refused.meta.as_ref().unwrap().0["mosaic/error"];
    assert_eq!(error["code"], "conflict", "{error}");
    let message = error["message"].as_str().unwrap();
    assert!(
        message.contains("from `Todo`") && message.contains("In Progress"),
        "{message}"
    );
}
