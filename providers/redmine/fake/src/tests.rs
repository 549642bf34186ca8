//! The fake speaks Redmine: offset pages with their counts, the issue list's filters, issues
//! with journals and allowed statuses, writes answered 201 and 204, Redmine's refusals.

use super::*;
use mosaic_fake_kit::client::{Caller, Method};
use mosaic_fake_kit::tracker::Tracker;

const KEY: &str = "redmine-key";

/// What the provider's clients send with every request.
fn caller() -> Caller {
    Caller::new().header("x-redmine-api-key", KEY)
}

fn ids_of(page: &Value) -> Vec<u64> {
    page["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|issue| issue["id"].as_u64().unwrap())
        .collect()
}

#[tokio::test]
async fn issues_page_by_offset_with_their_counts_open_ones_by_default() {
    let server = start(Tracker::seeded(), KEY).await;
    let (status, open) = caller()
        .get(&server, "/issues.json?project_id=plat&sort=id&limit=10")
        .await;
    assert_eq!(status, 200);
    // Done and Won't Do are closed: 18 of PLAT's 45.
    assert_eq!(open["total_count"], 27);
    assert_eq!(
        (open["offset"].clone(), open["limit"].clone()),
        (json!(0), json!(10))
    );
    assert_eq!(ids_of(&open)[..3], [1, 2, 5]);
    let (_, all) = caller()
        .get(
            &server,
            "/projects/plat/issues.json?status_id=*&offset=40&sort=id",
        )
        .await;
    assert_eq!(all["total_count"], 45);
    assert_eq!(ids_of(&all), [41, 42, 43, 44, 45]);
    let (_, newest) = caller()
        .get(&server, "/issues.json?status_id=*&limit=1")
        .await;
    assert_eq!(ids_of(&newest), [55], "id:desc by default, across projects");
    assert_eq!(newest["issues"][0]["project"]["name"], "Operations");
}

#[tokio::test]
async fn filters_narrow_by_status_assignee_category_and_text() {
    let server = start(Tracker::seeded(), KEY).await;
    let (_, statuses) = caller().get(&server, "/issue_statuses.json").await;
    let closed: Vec<&str> = statuses["issue_statuses"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|status| status["is_closed"] == true)
        .map(|status| status["name"].as_str().unwrap())
        .collect();
    assert_eq!(closed, ["Done", "Won't Do"]);
    let (_, done) = caller()
        .get(
            &server,
            "/issues.json?project_id=plat&status_id=5&limit=100",
        )
        .await;
    assert_eq!(done["total_count"], 9);
    let (_, either) = caller()
        .get(
            &server,
            "/issues.json?project_id=plat&status_id=1|3&limit=100",
        )
        .await;
    assert_eq!(either["total_count"], 18);
    let (_, projects) = caller()
        .get(&server, "/projects.json?include=issue_categories")
        .await;
    let bug = &projects["projects"][0]["issue_categories"][0];
    assert_eq!(bug["name"], "bug");
    let path = format!(
        "/issues.json?project_id=plat&status_id=*&assigned_to_id=2&category_id={}&sort=id",
        bug["id"]
    );
    let (_, bens_bugs) = caller().get(&server, &path).await;
    assert_eq!(ids_of(&bens_bugs), [6, 12, 18, 24, 30, 36, 42]);
    let (_, found) = caller()
        .get(&server, "/issues.json?status_id=*&any_searchable=~staging")
        .await;
    assert_eq!(ids_of(&found), [1], "notes are searched");
    let (_, titled) = caller()
        .get(&server, "/issues.json?status_id=*&subject=~WEB work item 3")
        .await;
    assert_eq!(ids_of(&titled), [48]);
    let (status, refused) = caller().get(&server, "/issues.json?status_id=QA").await;
    assert_eq!(
        (status, refused),
        (422, json!({"errors": ["Status is invalid"]}))
    );
    let (status, _) = caller().get(&server, "/issues.json?project_id=nope").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn an_issue_shows_its_journals_and_the_statuses_it_may_take() {
    let server = start(Tracker::seeded(), KEY).await;
    let (status, shown) = caller()
        .get(&server, "/issues/1.json?include=journals,allowed_statuses")
        .await;
    assert_eq!(status, 200);
    let issue = &shown["issue"];
    assert_eq!(issue["subject"], "PLAT work item 1");
    assert_eq!(
        issue["status"],
        json!({"id": 2, "name": "Todo", "is_closed": false})
    );
    assert_eq!(issue["journals"][0]["notes"], "Seen on staging too.");
    assert_eq!(issue["journals"][0]["user"]["name"], "Ana Alves");
    let allowed: Vec<&str> = issue["allowed_statuses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|status| status["name"].as_str().unwrap())
        .collect();
    assert!(
        allowed.contains(&"Todo") && !allowed.contains(&"Done"),
        "{allowed:?}"
    );
    let (status, body) = caller().get(&server, "/issues/999.json").await;
    assert_eq!((status, body), (404, Value::Null));
    let (status, _) = caller().get(&server, "/issues/1.xml").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn writes_answer_201_and_204_and_refuse_with_every_error() {
    let server = start(Tracker::seeded(), KEY).await;
    let (status, created) = caller().send(
        &server,
        Method::POST,
        "/issues.json",
        Some(json!({"issue": {"project_id": "web", "subject": "Orders fail", "assigned_to_id": 2, "priority_id": 3}})),
    )
    .await;
    assert_eq!(status, 201);
    assert_eq!(created["issue"]["id"], 56);
    assert_eq!(created["issue"]["assigned_to"]["name"], "Ben Brandt");
    assert_eq!(created["issue"]["priority"]["name"], "High");
    let (status, body) = caller()
        .send(
            &server,
            Method::PUT,
            "/issues/56.json",
            Some(json!({"issue": {"notes": "Seen **twice**", "status_id": 3}})),
        )
        .await;
    assert_eq!((status, body), (204, Value::Null));
    let (_, shown) = caller()
        .get(&server, "/issues/56.json?include=journals")
        .await;
    assert_eq!(shown["issue"]["status"]["name"], "In Progress");
    assert_eq!(shown["issue"]["journals"][0]["notes"], "Seen **twice**");
    // PLAT moves into Done only from In Progress or In Review: the status is dropped.
    let (status, _) = caller()
        .send(
            &server,
            Method::PUT,
            "/issues/1.json",
            Some(json!({"issue": {"status_id": 5, "subject": "Renamed"}})),
        )
        .await;
    assert_eq!(status, 204);
    let (_, shown) = caller().get(&server, "/issues/1.json").await;
    assert_eq!(
        (
            shown["issue"]["status"]["name"].clone(),
            shown["issue"]["subject"].clone()
        ),
        (json!("Todo"), json!("Renamed"))
    );
    let (status, refused) = caller()
        .send(
            &server,
            Method::PUT,
            "/issues/1.json",
            Some(json!({"issue": {"subject": " ", "assigned_to_id": 99}})),
        )
        .await;
    assert_eq!(status, 422);
    let mut messages: Vec<&str> = refused["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|message| message.as_str().unwrap())
        .collect();
    messages.sort_unstable();
    assert_eq!(messages, ["Assignee is invalid", "Subject cannot be blank"]);
    let (status, _) = caller()
        .send(&server, Method::PUT, "/issues/999.json", Some(json!({})))
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_request_without_the_key_is_refused() {
    let server = start(Tracker::seeded(), KEY).await;
    let (status, _) = Caller::new().get(&server, "/issues.json").await;
    assert_eq!(status, 401);
    let (status, current) = caller().get(&server, "/users/current.json").await;
    assert_eq!(
        (status, current["user"]["login"].clone()),
        (200, json!("ana"))
    );
}
