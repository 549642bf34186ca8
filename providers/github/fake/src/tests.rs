//! The fake speaks GitHub: error bodies, pages, pull requests among issues, contents and
//! blobs, label creation, merge refusals.

use super::*;
use mosaic_fake_kit::forge::Forge;
use reqwest::Method;

async fn send(
    server: &FakeServer,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut request = reqwest::Client::new()
        .request(method, format!("{}{path}", server.base_url()))
        .header("authorization", "Bearer secret");
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.unwrap()
}

async fn get(server: &FakeServer, path: &str) -> (u16, Value) {
    let response = send(server, Method::GET, path, None).await;
    (response.status().as_u16(), response.json().await.unwrap())
}

#[tokio::test]
async fn errors_are_githubs_and_nested_groups_do_not_exist() {
    let server = start(Forge::seeded(), "secret").await;
    let (status, body) = get(&server, "/repos/client-a%2Fplatform/backend").await;
    assert_eq!(status, 404);
    assert_eq!(body["message"], "Not Found");
    assert_eq!(body["status"], "404");
    assert!(
        body["documentation_url"]
            .as_str()
            .unwrap()
            .starts_with("https://docs.github.com")
    );
    let (_, repos) = get(&server, "/user/repos?per_page=100").await;
    assert!(
        repos
            .as_array()
            .unwrap()
            .iter()
            .all(|repo| repo["full_name"] != "client-a/platform/backend")
    );

    let response = send(
        &server,
        Method::POST,
        "/repos/acme/internal-api/issues",
        Some(json!({"title": " "})),
    )
    .await;
    assert_eq!(response.status().as_u16(), 422);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["message"], "Validation Failed");
    assert_eq!(
        body["errors"][0],
        json!({"resource": "Issue", "field": "title", "code": "missing_field"})
    );
}

#[tokio::test]
async fn issue_lists_hold_pull_requests_and_pages_are_linked() {
    let server = start(Forge::seeded(), "secret").await;
    for n in 0..60 {
        let title = format!("More {n}");
        server
            .state()
            .forge()
            .open_issue("acme/internal-api", &title, None, "ana");
    }
    let response = send(
        &server,
        Method::GET,
        "/repos/acme/internal-api/issues?state=all&per_page=500",
        None,
    )
    .await;
    let link = response.headers()["link"].to_str().unwrap().to_owned();
    assert!(
        link.contains(
            "/repos/acme/internal-api/issues?state=all&per_page=500&page=2>; rel=\"next\""
        ),
        "{link}"
    );
    let items: Value = response.json().await.unwrap();
    let items = items.as_array().unwrap();
    assert_eq!(
        items.len(),
        100,
        "105 issues and 3 pull requests, at most 100 a page"
    );
    assert_eq!(items[0]["number"], 108, "newest first");
    let pull = items.iter().find(|item| item["number"] == 48).unwrap();
    assert!(pull["pull_request"]["html_url"].is_string());
    let issue = items.iter().find(|item| item["number"] == 45).unwrap();
    assert!(
        issue.get("pull_request").is_none(),
        "a real issue has no `pull_request` key"
    );

    let (_, listed) = get(&server, "/repos/acme/internal-api/pulls?state=closed").await;
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 2);
    assert!(
        listed[0].get("merged").is_none(),
        "lists send the simple shape"
    );
    let (_, single) = get(&server, "/repos/acme/internal-api/pulls/47").await;
    assert_eq!(single["merged"], true);
}

#[tokio::test]
async fn contents_are_files_directories_or_blobs_for_large_files() {
    let server = start(Forge::seeded(), "secret").await;
    let large = vec![b'x'; render::CONTENTS_LIMIT + 1];
    server
        .state()
        .forge()
        .repo_mut("acme/internal-api")
        .unwrap()
        .files
        .insert("data/big.txt".into(), large);

    let (status, readme) = get(
        &server,
        "/repos/acme/internal-api/contents/README.md?ref=develop",
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        (readme["type"].as_str(), readme["encoding"].as_str()),
        (Some("file"), Some("base64"))
    );
    assert!(readme["content"].as_str().unwrap().ends_with('\n'));
    assert_eq!(
        readme["html_url"],
        "https://github.com/acme/internal-api/blob/develop/README.md"
    );

    let (_, listing) = get(&server, "/repos/acme/internal-api/contents/src").await;
    assert_eq!(listing[0]["path"], "src/main.rs");

    let (_, big) = get(&server, "/repos/acme/internal-api/contents/data/big.txt").await;
    assert_eq!(
        (big["encoding"].as_str(), big["content"].as_str()),
        (Some("none"), Some(""))
    );
    let (status, blob) = get(
        &server,
        &format!(
            "/repos/acme/internal-api/git/blobs/{}",
            big["sha"].as_str().unwrap()
        ),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(blob["size"], render::CONTENTS_LIMIT + 1);

    let (status, body) = get(
        &server,
        "/repos/acme/internal-api/contents/README.md?ref=nope",
    )
    .await;
    assert_eq!(
        (status, body["message"].as_str()),
        (404, Some("No commit found for the ref nope"))
    );
}

#[tokio::test]
async fn new_labels_are_created_and_unknown_assignees_refused() {
    let server = start(Forge::seeded(), "secret").await;
    let path = "/repos/acme/internal-api/issues";
    let response = send(
        &server,
        Method::POST,
        path,
        Some(json!({"title": "t", "labels": ["bug", "triage"]})),
    )
    .await;
    assert_eq!(response.status().as_u16(), 201);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let issue: Value = response.json().await.unwrap();
    assert_eq!(issue["labels"][1]["name"], "triage");
    assert_eq!(location, issue["url"], "a create names what it made");
    assert!(
        location.ends_with("/repos/acme/internal-api/issues/49"),
        "{location}"
    );
    assert!(
        server
            .state()
            .forge()
            .repo("acme/internal-api")
            .unwrap()
            .labels
            .iter()
            .any(|label| label.name == "triage")
    );

    let response = send(
        &server,
        Method::POST,
        path,
        Some(json!({"title": "t", "assignees": ["nobody"]})),
    )
    .await;
    assert_eq!(response.status().as_u16(), 422);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["errors"][0]["value"], "nobody");
}

#[tokio::test]
async fn merges_are_refused_as_github_refuses_them() {
    let server = start(Forge::seeded(), "secret").await;
    let merge = |number: u64, body: Value| {
        let server = &server;
        async move {
            let path = format!("/repos/acme/internal-api/pulls/{number}/merge");
            let response = send(server, Method::PUT, &path, Some(body)).await;
            (
                response.status().as_u16(),
                response.json::<Value>().await.unwrap(),
            )
        }
    };
    assert_eq!(merge(47, json!({})).await.0, 405, "already merged");
    assert_eq!(merge(48, json!({})).await.0, 405, "closed");
    let (status, body) = merge(46, json!({"sha": "0000"})).await;
    assert_eq!(
        (status, body["message"].as_str()),
        (
            409,
            Some("Head branch was modified. Review and try the merge again.")
        )
    );
    let (status, _) = merge(46, json!({"merge_method": "octopus"})).await;
    assert_eq!(status, 422);

    server
        .state()
        .forge()
        .repo_mut("acme/internal-api")
        .unwrap()
        .pull_mut(46)
        .unwrap()
        .draft = true;
    let (status, body) = merge(46, json!({})).await;
    assert_eq!(
        (status, body["message"].as_str()),
        (405, Some("Pull Request is still a draft"))
    );
    server
        .state()
        .forge()
        .repo_mut("acme/internal-api")
        .unwrap()
        .pull_mut(46)
        .unwrap()
        .draft = false;

    let (status, body) = merge(46, json!({"merge_method": "squash"})).await;
    assert_eq!((status, body["merged"].as_bool()), (200, Some(true)));
    let (_, pull) = get(&server, "/repos/acme/internal-api/pulls/46").await;
    assert_eq!(
        (pull["state"].as_str(), pull["merged"].as_bool()),
        (Some("closed"), Some(true))
    );
}
