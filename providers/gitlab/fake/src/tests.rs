//! The GitLab fake over HTTP: nested-group project ids, pages and their headers, GitLab's
//! error bodies.

use super::*;
use mosaic_fake_kit::forge::Forge;
use reqwest::Client;

const TOKEN: &str = "glpat-test";

async fn get(server: &FakeServer, path: &str) -> reqwest::Response {
    Client::new()
        .get(format!("{}{path}", server.base_url()))
        .header("private-token", TOKEN)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_nested_group_project_is_addressed_by_its_encoded_path() {
    let server = start(Forge::seeded(), TOKEN).await;
    assert!(server.base_url().ends_with("/api/v4"));
    let answer = get(&server, "/projects/client-a%2Fplatform%2Fbackend").await;
    assert_eq!(answer.status(), 200);
    let project: Value = answer.json().await.unwrap();
    assert_eq!(project["path_with_namespace"], "client-a/platform/backend");
    assert_eq!(project["namespace"]["full_path"], "client-a/platform");
    assert_eq!(project["namespace"]["kind"], "group");
    let by_id = get(&server, &format!("/projects/{}", project["id"])).await;
    let by_id: Value = by_id.json().await.unwrap();
    assert_eq!(by_id["path_with_namespace"], "client-a/platform/backend");

    let unencoded = get(&server, "/projects/client-a/platform/backend").await;
    assert_eq!(unencoded.status(), 404, "GitLab needs the path encoded");
    let missing = get(&server, "/projects/client-a%2Fnothing").await;
    assert_eq!(missing.status(), 404);
    let body: Value = missing.json().await.unwrap();
    assert_eq!(body, json!({"message": "404 Project Not Found"}));
}

#[tokio::test]
async fn groups_list_their_own_projects_and_subgroups_on_request() {
    let server = start(Forge::seeded(), TOKEN).await;
    let names = |projects: Value| -> Vec<String> {
        projects
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["path_with_namespace"].as_str().unwrap().to_owned())
            .collect()
    };
    let own = get(&server, "/groups/client-a/projects")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(names(own), ["client-a/portal"]);
    let all = get(&server, "/groups/client-a/projects?include_subgroups=true").await;
    let all = names(all.json().await.unwrap());
    assert_eq!(all, ["client-a/platform/backend", "client-a/portal"]);
    let sub = get(&server, "/groups/client-a%2Fplatform/projects").await;
    assert_eq!(
        names(sub.json().await.unwrap()),
        ["client-a/platform/backend"]
    );
    assert_eq!(
        get(&server, "/groups/ana/projects").await.status(),
        404,
        "a user is no group"
    );
}

#[tokio::test]
async fn pages_carry_gitlabs_headers() {
    let server = start(Forge::seeded(), TOKEN).await;
    let path = "/projects/acme%2Finternal-api/issues?state=all&per_page=20&page=3";
    let answer = get(&server, path).await;
    let header = |name: &str| answer.headers()[name].to_str().unwrap().to_owned();
    assert_eq!(header("x-page"), "3");
    assert_eq!(header("x-per-page"), "20");
    assert_eq!(header("x-next-page"), "", "the last page names no next one");
    assert_eq!(header("x-prev-page"), "2");
    assert_eq!(header("x-total"), "45");
    assert_eq!(header("x-total-pages"), "3");
    assert!(header("link").contains("rel=\"first\""));
    let issues: Value = answer.json().await.unwrap();
    assert_eq!(issues.as_array().unwrap().len(), 5);
    let first = get(&server, "/projects/acme%2Finternal-api/issues").await;
    assert_eq!(first.headers()["x-next-page"], "2");
    assert_eq!(
        first.headers()["x-per-page"],
        "20",
        "GitLab's default page size"
    );
    let bad = get(&server, "/projects/acme%2Finternal-api/issues?page=x").await;
    assert_eq!(bad.status(), 400);
    assert_eq!(
        bad.json::<Value>().await.unwrap(),
        json!({"error": "page is invalid"})
    );
}

#[tokio::test]
async fn issues_and_merge_requests_have_separate_iids() {
    let server = start(Forge::seeded(), TOKEN).await;
    let mr = get(&server, "/projects/acme%2Finternal-api/merge_requests/46").await;
    assert_eq!(mr.status(), 200);
    let as_issue = get(&server, "/projects/acme%2Finternal-api/issues/46").await;
    assert_eq!(as_issue.status(), 404);
    assert_eq!(
        as_issue.json::<Value>().await.unwrap(),
        json!({"message": "404 Issue Not Found"})
    );
}

#[tokio::test]
async fn a_merge_gitlab_will_not_do_is_a_bare_405() {
    let server = start(Forge::seeded(), TOKEN).await;
    let answer = Client::new()
        .put(format!(
            "{}/projects/acme%2Finternal-api/merge_requests/47/merge",
            server.base_url()
        ))
        .header("private-token", TOKEN)
        .json(&json!({"squash": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 405);
    assert_eq!(
        answer.json::<Value>().await.unwrap(),
        json!({"message": "405 Method Not Allowed"})
    );
}

#[tokio::test]
async fn files_need_a_ref() {
    let server = start(Forge::seeded(), TOKEN).await;
    let none = get(
        &server,
        "/projects/acme%2Finternal-api/repository/files/README.md",
    )
    .await;
    assert_eq!(none.status(), 400);
    assert_eq!(
        none.json::<Value>().await.unwrap(),
        json!({"error": "ref is missing"})
    );
    let nested = get(
        &server,
        "/projects/acme%2Finternal-api/repository/files/src%2Fmain.rs?ref=develop",
    )
    .await;
    let file: Value = nested.json().await.unwrap();
    assert_eq!(
        (file["file_path"].as_str(), file["ref"].as_str()),
        (Some("src/main.rs"), Some("develop"))
    );
    let directory = get(
        &server,
        "/projects/acme%2Finternal-api/repository/files/src?ref=main",
    )
    .await;
    assert_eq!(
        directory.json::<Value>().await.unwrap(),
        json!({"message": "404 File Not Found"})
    );
}
