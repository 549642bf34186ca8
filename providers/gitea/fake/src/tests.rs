//! The fake speaks Gitea: page caps, the path-commits paging quirk, error bodies, merges.

use super::*;
use mosaic_fake_kit::forge::Forge;

async fn get(server: &FakeServer, path: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(format!("{}{path}", server.base_url()))
        .header("authorization", "token secret")
        .send()
        .await
        .unwrap()
}

async fn post(server: &FakeServer, path: &str, body: Value) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}{path}", server.base_url()))
        .header("authorization", "token secret")
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn body(response: reqwest::Response) -> Value {
    response.json().await.unwrap()
}

#[tokio::test]
async fn pages_are_capped_at_fifty_and_linked() {
    let server = start(Forge::seeded(), "secret").await;
    for n in 0..5 {
        let title = format!("More {n}");
        server
            .state()
            .forge()
            .open_issue("acme/internal-api", &title, None, "ana");
    }
    let page = get(
        &server,
        "/repos/acme/internal-api/issues?state=all&limit=100",
    )
    .await;
    assert_eq!(page.headers()["x-total-count"], "53");
    let link = page.headers()["link"].to_str().unwrap().to_owned();
    assert!(link.contains("page=2>; rel=\"next\""), "{link}");
    assert!(
        link.contains("/api/v1/repos/acme/internal-api/issues?"),
        "{link}"
    );
    assert_eq!(body(page).await.as_array().unwrap().len(), 50);
    let garbage = body(get(&server, "/repos/acme/internal-api/commits?limit=lots").await).await;
    assert_eq!(
        garbage.as_array().unwrap().len(),
        30,
        "garbage is the default size"
    );
    let capped = body(get(&server, "/repos/acme/internal-api/branches?limit=1").await).await;
    assert_eq!(capped.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_path_history_ignores_limit_but_links_by_it() {
    let server = start(Forge::seeded(), "secret").await;
    // 17 of the 35 commits touch README.md; Gitea serves them all on page 1 of its own size,
    // while the Link header counts pages of `limit`.
    let first = get(
        &server,
        "/repos/acme/internal-api/commits?path=README.md&limit=5",
    )
    .await;
    assert_eq!(first.headers()["x-total-count"], "17");
    assert!(
        first.headers()["link"]
            .to_str()
            .unwrap()
            .contains("page=2>; rel=\"next\"")
    );
    assert_eq!(body(first).await.as_array().unwrap().len(), 17);
    let second = get(
        &server,
        "/repos/acme/internal-api/commits?path=README.md&limit=5&page=2",
    )
    .await;
    assert_eq!(body(second).await.as_array().unwrap().len(), 0);
    let untouched = get(&server, "/repos/acme/internal-api/commits?path=nothing.txt").await;
    assert_eq!(untouched.status(), 404);
    let unknown = get(
        &server,
        "/repos/acme/internal-api/commits?sha=no-such-branch",
    )
    .await;
    assert_eq!(unknown.status(), 500);
    assert_eq!(body(unknown).await["message"], "");
}

#[tokio::test]
async fn errors_have_gitea_bodies() {
    let server = start(Forge::seeded(), "secret").await;
    let missing = get(&server, "/repos/acme/nothing").await;
    assert_eq!(missing.status(), 404);
    let missing = body(missing).await;
    assert_eq!(missing["message"], "The target couldn't be found.");
    assert!(missing["errors"][0].as_str().unwrap().contains("nothing"));
    let nested = get(&server, "/repos/client-a%2Fplatform/backend").await;
    assert_eq!(nested.status(), 404, "Gitea has one owner level");
    let untitled = post(
        &server,
        "/repos/acme/internal-api/issues",
        json!({"title": " "}),
    )
    .await;
    assert_eq!(untitled.status(), 422);
    assert_eq!(body(untitled).await["message"], "[Title]: Required");
    let same = post(
        &server,
        "/repos/acme/internal-api/pulls",
        json!({"title": "t", "head": "main", "base": "main"}),
    )
    .await;
    assert_eq!(same.status(), 422);
}

#[tokio::test]
async fn merges_answer_empty_or_refuse_as_gitea_does() {
    let server = start(Forge::seeded(), "secret").await;
    let merge = |number: u64| {
        let server = &server;
        async move {
            post(
                server,
                &format!("/repos/acme/internal-api/pulls/{number}/merge"),
                json!({"Do": "merge"}),
            )
            .await
        }
    };
    let merged = merge(46).await;
    assert_eq!(merged.status(), 200);
    assert!(merged.bytes().await.unwrap().is_empty());
    let again = merge(46).await;
    assert_eq!(again.status(), 405);
    assert_eq!(
        body(again).await["message"],
        "",
        "Gitea gives no reason here"
    );
    assert_eq!(
        merge(48).await.status(),
        404,
        "a closed pull request is not found"
    );
    let wip = post(
        &server,
        "/repos/acme/internal-api/pulls",
        json!({"title": "[wip] later", "head": "develop", "base": "main"}),
    )
    .await;
    let wip = body(wip).await;
    assert_eq!(wip["draft"], true);
    let refused = merge(wip["number"].as_u64().unwrap()).await;
    assert_eq!(refused.status(), 405);
    let bad = post(
        &server,
        "/repos/acme/internal-api/pulls/4/merge",
        json!({"Do": "octopus"}),
    )
    .await;
    assert_eq!(bad.status(), 422);
}

#[tokio::test]
async fn label_filters_drop_unknown_names_and_writes_take_ids() {
    let server = start(Forge::seeded(), "secret").await;
    let bug = body(
        get(
            &server,
            "/repos/acme/internal-api/issues?state=all&type=issues&labels=bug&limit=50",
        )
        .await,
    )
    .await;
    assert_eq!(bug.as_array().unwrap().len(), 22);
    let unknown = body(
        get(
            &server,
            "/repos/acme/internal-api/issues?state=all&type=issues&labels=nope&limit=50",
        )
        .await,
    )
    .await;
    assert_eq!(
        unknown.as_array().unwrap().len(),
        45,
        "an unknown name filters nothing"
    );
    let labels = body(get(&server, "/repos/acme/internal-api/labels").await).await;
    let docs = labels
        .as_array()
        .unwrap()
        .iter()
        .find(|label| label["name"] == "docs")
        .unwrap()["id"]
        .clone();
    let created = post(
        &server,
        "/repos/acme/internal-api/issues",
        json!({"title": "Labelled", "labels": [docs, 999_999]}),
    )
    .await;
    assert_eq!(created.status(), 201);
    let created = body(created).await;
    assert_eq!(created["labels"][0]["name"], "docs");
    assert_eq!(
        created["labels"].as_array().unwrap().len(),
        1,
        "unknown ids are ignored"
    );
    assert_eq!(created["assignees"], Value::Null);
}
