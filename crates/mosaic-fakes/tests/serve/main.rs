//! `mosaic-fakes serve` as a person or a script runs it: the real binary on a free port, its
//! output evaluated by a shell, each fake called below its prefix with the printed
//! credentials, and SIGTERM ending it with status 0 (`running.rs`). Bad input is refused with
//! a message that names it (`refusals.rs`).
#![cfg(unix)]

mod refusals;
mod running;

use reqwest::StatusCode;
use running::{Fakes, get};
use serde_json::{Value, json};

#[tokio::test]
async fn every_fake_answers_below_its_prefix_with_the_printed_credentials() {
    let fakes = Fakes::start();

    let github = fakes.var("MOSAIC_GITHUB_URL");
    let bearer = format!("Bearer {}", fakes.var("MOSAIC_GITHUB_TOKEN"));
    let (status, _, repo) = get(
        &format!("{github}/repos/acme/internal-api"),
        "authorization",
        &bearer,
    )
    .await;
    assert_eq!(
        (status, &repo["full_name"]),
        (StatusCode::OK, &json!("acme/internal-api"))
    );
    // The fake's own URLs name the mount: an adapter that follows them stays on the fake.
    assert_eq!(
        repo["url"],
        json!(format!("{github}/repos/acme/internal-api"))
    );

    for (url, token) in [
        ("MOSAIC_GITEA_URL", "MOSAIC_GITEA_TOKEN"),
        ("MOSAIC_GITEA_MIRROR_URL", "MOSAIC_GITEA_MIRROR_TOKEN"),
    ] {
        let gitea = fakes.var(url);
        assert!(
            gitea.ends_with("/api/v1"),
            "{url} is what `base_url` takes: {gitea}"
        );
        let credentials = format!("token {}", fakes.var(token));
        let (status, _, repo) = get(
            &format!("{gitea}/repos/acme/internal-api"),
            "authorization",
            &credentials,
        )
        .await;
        assert_eq!(
            (status, &repo["full_name"]),
            (StatusCode::OK, &json!("acme/internal-api")),
            "{url}"
        );
    }

    let gitlab = fakes.var("MOSAIC_GITLAB_URL");
    let (status, _, project) = get(
        &format!("{gitlab}/projects/client-a%2Fplatform%2Fbackend"),
        "private-token",
        fakes.var("MOSAIC_GITLAB_TOKEN"),
    )
    .await;
    assert_eq!(
        (status, &project["path_with_namespace"]),
        (StatusCode::OK, &json!("client-a/platform/backend"))
    );

    let jira = fakes.var("MOSAIC_JIRA_URL");
    let basic = reqwest::Client::new()
        .get(format!("{jira}/rest/api/3/myself"))
        .basic_auth(
            fakes.var("MOSAIC_JIRA_EMAIL"),
            Some(fakes.var("MOSAIC_JIRA_TOKEN")),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(basic.status(), StatusCode::OK);
    let myself: Value = basic.json().await.unwrap();
    assert_eq!(
        myself["emailAddress"],
        json!(fakes.var("MOSAIC_JIRA_EMAIL"))
    );

    let linear = fakes.var("MOSAIC_LINEAR_URL");
    let viewer = reqwest::Client::new()
        .post(format!("{linear}/graphql"))
        .header("authorization", fakes.var("MOSAIC_LINEAR_TOKEN"))
        .json(&json!({ "query": "query Viewer { viewer { id } }", "operationName": "Viewer" }))
        .send()
        .await
        .unwrap();
    assert_eq!(viewer.status(), StatusCode::OK);
    let viewer: Value = viewer.json().await.unwrap();
    assert!(viewer["data"]["viewer"]["id"].is_string(), "{viewer}");

    let plane = fakes.var("MOSAIC_PLANE_URL");
    let (status, _, projects) = get(
        &format!("{plane}/workspaces/acme/projects/"),
        "x-api-key",
        fakes.var("MOSAIC_PLANE_TOKEN"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(projects["total_count"], json!(3), "{projects}");

    assert!(fakes.terminate().success(), "SIGTERM ends it with status 0");
}

#[tokio::test]
async fn each_fake_keeps_its_own_rules_and_links_below_its_mount() {
    let fakes = Fakes::start();
    let github = fakes.var("MOSAIC_GITHUB_URL");
    let (status, _, body) = get(
        &format!("{github}/repos/acme/internal-api"),
        "authorization",
        "Bearer wrong",
    )
    .await;
    assert_eq!(
        (status, &body["message"]),
        (StatusCode::UNAUTHORIZED, &json!("Bad credentials"))
    );
    // Another fake's token is no good here either: each fake checks its own.
    let gitlab_token = format!("Bearer {}", fakes.var("MOSAIC_GITLAB_TOKEN"));
    let (status, _, _) = get(
        &format!("{github}/rate_limit"),
        "authorization",
        &gitlab_token,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let bearer = format!("Bearer {}", fakes.var("MOSAIC_GITHUB_TOKEN"));
    let (status, headers, issues) = get(
        &format!("{github}/repos/acme/internal-api/issues?per_page=2"),
        "authorization",
        &bearer,
    )
    .await;
    assert_eq!(
        (status, issues.as_array().map(Vec::len)),
        (StatusCode::OK, Some(2))
    );
    let link = headers["link"].to_str().unwrap();
    assert!(
        link.starts_with(&format!(
            "<{github}/repos/acme/internal-api/issues?per_page=2&page=2>"
        )),
        "the next page is below the mount, once: {link}"
    );
    // Refused requests cost nothing: this was the first to count.
    assert_eq!(headers["x-ratelimit-remaining"], "4999");
}

#[tokio::test]
async fn a_path_below_no_mount_is_a_404_naming_the_prefixes() {
    let fakes = Fakes::start();
    let origin = fakes
        .var("MOSAIC_GITHUB_URL")
        .trim_end_matches("/github")
        .to_owned();
    for path in ["/", "/bitbucket/repos/acme/internal-api", "/githubx"] {
        let (status, _, body) = get(&format!("{origin}{path}"), "authorization", "Bearer x").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        let mounted: Vec<String> = mosaic_fakes::mounts()
            .iter()
            .map(|mount| format!("/{}", mount.name))
            .collect();
        assert!(mounted.contains(&"/github".to_owned()), "{mounted:?}");
        assert_eq!(body["prefixes"], json!(mounted), "{path}");
        let message = body["message"].as_str().unwrap();
        assert!(
            message.contains(path) && message.contains(&mounted.join(", ")),
            "{message}"
        );
    }
}
