//! Stateful flows of the git kind: repositories, files, commits, issues and pull requests.

use super::*;
use OpId::*;

#[tokio::test]
async fn repositories_page_and_filter_by_owner() {
    let sim = instance(json!({})).await;
    let (repos, pages) = all_pages(&*sim, GitReposList, json!({}), 2).await;
    let names: Vec<&str> = repos
        .iter()
        .filter_map(|r| r["full_name"].as_str())
        .collect();
    assert_eq!(
        names,
        [
            "acme-oss/sdk",
            "acme/api",
            "acme/internal-tools",
            "acme/web",
            "client-bank/app"
        ]
    );
    assert_eq!(pages, 3);
    let acme = ok(&*sim, GitReposList, json!({"owner": "acme"})).await;
    assert_eq!(acme["items"].as_array().map(Vec::len), Some(3));
    let error = fails(&*sim, GitReposList, json!({"owner": "nobody"})).await;
    assert_eq!(error, ProviderError::NotFound("owner `nobody`".into()));
    let repo = ok(&*sim, GitReposGet, json!({"repo": "acme/internal-tools"})).await;
    assert_eq!(
        (repo["private"].clone(), repo["web_url"].clone()),
        (json!(true), json!("https://sim.local/acme/internal-tools"))
    );
    let error = fails(&*sim, GitReposGet, json!({"repo": "acme/nope"})).await;
    assert_eq!(
        error,
        ProviderError::NotFound("repository `acme/nope`".into())
    );
}

#[tokio::test]
async fn files_come_as_text_or_base64() {
    let sim = instance(json!({})).await;
    let readme = ok(
        &*sim,
        GitFilesGet,
        json!({"repo": "acme/api", "path": "README.md"}),
    )
    .await;
    assert_eq!(readme["encoding"], "utf8");
    assert_eq!(readme["ref"], "main");
    assert!(
        readme["content"]
            .as_str()
            .is_some_and(|text| text.starts_with("# acme/api"))
    );
    assert_eq!(
        readme["web_url"],
        "https://sim.local/acme/api/blob/main/README.md"
    );
    let logo = ok(
        &*sim,
        GitFilesGet,
        json!({"repo": "acme/api", "path": "/assets/logo.png", "ref": "develop"}),
    )
    .await;
    assert_eq!(logo["encoding"], "base64");
    assert!(
        logo["content"]
            .as_str()
            .is_some_and(|b64| b64.starts_with("iVBORw0KGgo"))
    );
    assert_eq!(
        (logo["size"].clone(), logo["sha"].as_str().map(str::len)),
        (json!(67), Some(40))
    );
    let error = fails(
        &*sim,
        GitFilesGet,
        json!({"repo": "acme/api", "path": "nope.txt"}),
    )
    .await;
    assert_eq!(
        error,
        ProviderError::NotFound("file `nope.txt` at `main` in acme/api".into())
    );
    let error = fails(
        &*sim,
        GitFilesGet,
        json!({"repo": "acme/api", "path": "README.md", "ref": "v9"}),
    )
    .await;
    assert!(
        matches!(&error, ProviderError::NotFound(what) if what.contains("ref `v9`")),
        "{error}"
    );
}

fn messages(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|c| c["message"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn commits_follow_branches_paths_and_shas() {
    let sim = instance(json!({})).await;
    let main = messages(&ok(&*sim, GitCommitsList, json!({"repo": "acme/api"})).await);
    assert_eq!(
        main.first().map(String::as_str),
        Some("Fix the flaky orders test")
    );
    assert!(!main.iter().any(|m| m.contains("token-bucket")));
    let feature = ok(
        &*sim,
        GitCommitsList,
        json!({"repo": "acme/api", "ref": "feature/rate-limits"}),
    )
    .await;
    let feature_messages = messages(&feature);
    assert_eq!(
        feature_messages.first().map(String::as_str),
        Some("Fix the flaky orders test")
    );
    assert!(
        feature_messages
            .iter()
            .any(|m| m == "Add a token-bucket rate limiter")
    );
    assert!(!feature_messages.iter().any(|m| m.contains("login timeout")));
    let docs = messages(
        &ok(
            &*sim,
            GitCommitsList,
            json!({"repo": "acme/api", "path": "docs"}),
        )
        .await,
    );
    assert_eq!(docs, ["Document the deploy runbook"]);
    let sha = feature["items"][1]["sha"].as_str().unwrap_or_default()[..10].to_owned();
    let from_sha = messages(
        &ok(
            &*sim,
            GitCommitsList,
            json!({"repo": "acme/api", "ref": sha}),
        )
        .await,
    );
    assert_eq!(from_sha.len(), feature_messages.len() - 1);
    let branches = ok(&*sim, GitBranchesList, json!({"repo": "acme/api"})).await;
    assert_eq!(
        branches["items"][0],
        json!({"name": "main", "commit_sha": feature["items"][0]["sha"], "protected": true})
    );
}

#[tokio::test]
async fn issues_are_created_listed_updated_and_commented() {
    let sim = instance(json!({})).await;
    let (all, pages) = all_pages(
        &*sim,
        GitIssuesList,
        json!({"repo": "acme/api", "state": "all"}),
        3,
    )
    .await;
    assert_eq!((all.len(), pages), (10, 4));
    let created = ok(
        &*sim,
        GitIssuesCreate,
        json!({"repo": "acme/api", "title": "Sim issue", "labels": ["bug"]}),
    )
    .await;
    assert_eq!(created["number"], 15);
    assert_eq!(created["web_url"], "https://sim.local/acme/api/issues/15");
    assert_eq!(created["author"], "mosaic-bot");
    let open_bugs = ok(
        &*sim,
        GitIssuesList,
        json!({"repo": "acme/api", "labels": ["BUG"]}),
    )
    .await;
    assert_eq!(open_bugs["items"][0]["number"], 15);
    assert!(
        open_bugs["items"]
            .as_array()
            .is_some_and(|items| items.iter().all(|i| i["state"] == "open"))
    );
    assert_eq!(
        ok(
            &*sim,
            GitIssuesGet,
            json!({"repo": "acme/api", "number": 15})
        )
        .await,
        created
    );
    for _ in 0..2 {
        let comment = ok(
            &*sim,
            GitIssuesComment,
            json!({"repo": "acme/api", "number": 15, "body": "seen"}),
        )
        .await;
        assert!(comment["web_url"].as_str().is_some_and(|url| url.starts_with("https://sim.local/acme/api/issues/15#comment-")));
    }
    let closed = ok(
        &*sim,
        GitIssuesUpdate,
        json!({"repo": "acme/api", "number": 15, "state": "closed", "title": "Renamed"}),
    )
    .await;
    assert_eq!(
        (
            closed["state"].clone(),
            closed["title"].clone(),
            closed["comments"].clone()
        ),
        (json!("closed"), json!("Renamed"), json!(2))
    );
    let open = ok(
        &*sim,
        GitIssuesList,
        json!({"repo": "acme/api", "per_page": 100}),
    )
    .await;
    assert!(
        !open["items"]
            .as_array()
            .is_some_and(|items| items.iter().any(|i| i["number"] == 15))
    );
    let error = fails(
        &*sim,
        GitIssuesGet,
        json!({"repo": "acme/api", "number": 11}),
    )
    .await;
    assert_eq!(
        error,
        ProviderError::NotFound("issue #11 in acme/api: #11 is a pull request".into())
    );
    let error = fails(
        &*sim,
        GitIssuesComment,
        json!({"repo": "acme/api", "number": 999, "body": "x"}),
    )
    .await;
    assert_eq!(
        error,
        ProviderError::NotFound("issue #999 in acme/api".into())
    );
    let error = fails(
        &*sim,
        GitIssuesCreate,
        json!({"repo": "acme/gone", "title": "x"}),
    )
    .await;
    assert_eq!(error.code(), "not_found");
}

#[tokio::test]
async fn pulls_merge_once_and_move_the_target_branch() {
    let sim = instance(json!({})).await;
    let pull = ok(&*sim, GitPullsCreate, json!({"repo": "acme/api", "title": "Limits", "source_branch": "feature/rate-limits", "target_branch": "main"})).await;
    let number = pull["number"].as_u64().unwrap_or_default();
    assert_eq!((pull["state"].clone(), number), (json!("open"), 15));
    let merged = ok(
        &*sim,
        GitPullsMerge,
        json!({"repo": "acme/api", "number": number, "method": "squash"}),
    )
    .await;
    assert_eq!(merged["merged"], true);
    let sha = merged["sha"].clone();
    let again = fails(
        &*sim,
        GitPullsMerge,
        json!({"repo": "acme/api", "number": number}),
    )
    .await;
    assert_eq!(
        again,
        ProviderError::Conflict("pull request #15 in acme/api is already merged".into())
    );
    let got = ok(
        &*sim,
        GitPullsGet,
        json!({"repo": "acme/api", "number": number}),
    )
    .await;
    assert_eq!(got["state"], "merged");
    assert!(got["merged_at"].is_string());
    let main = ok(&*sim, GitCommitsList, json!({"repo": "acme/api"})).await;
    assert_eq!(main["items"][0]["sha"], sha);
    assert_eq!(main["items"][0]["message"], "Limits (#15)");
    assert!(
        messages(&main)
            .iter()
            .any(|m| m == "Add a token-bucket rate limiter")
    );
    let branches = ok(&*sim, GitBranchesList, json!({"repo": "acme/api"})).await;
    assert_eq!(branches["items"][0]["commit_sha"], sha);
    let merged_list = ok(
        &*sim,
        GitPullsList,
        json!({"repo": "acme/api", "state": "merged"}),
    )
    .await;
    let numbers: Vec<&Value> = merged_list["items"]
        .as_array()
        .map(|items| items.iter().map(|p| &p["number"]).collect())
        .unwrap_or_default();
    assert_eq!(numbers, [&json!(15), &json!(13)]);
    let closed_list = ok(
        &*sim,
        GitPullsList,
        json!({"repo": "acme/api", "state": "closed"}),
    )
    .await;
    assert_eq!(closed_list["items"].as_array().map(Vec::len), Some(3));
    let comment = ok(
        &*sim,
        GitPullsComment,
        json!({"repo": "acme/api", "number": number, "body": "shipped"}),
    )
    .await;
    assert_eq!(comment["body"], "shipped");
}

#[tokio::test]
async fn pulls_refuse_drafts_closed_ones_and_unknown_branches() {
    let sim = instance(json!({})).await;
    let draft = fails(
        &*sim,
        GitPullsMerge,
        json!({"repo": "acme/api", "number": 12}),
    )
    .await;
    assert_eq!(
        draft,
        ProviderError::Conflict("pull request #12 in acme/api is still a draft".into())
    );
    let closed = fails(
        &*sim,
        GitPullsMerge,
        json!({"repo": "acme/api", "number": 14}),
    )
    .await;
    assert_eq!(closed.code(), "conflict");
    let unknown = fails(
        &*sim,
        GitPullsCreate,
        json!({"repo": "acme/api", "title": "x", "source_branch": "nope", "target_branch": "main"}),
    )
    .await;
    assert_eq!(
        unknown,
        ProviderError::Invalid("source_branch `nope` does not exist in acme/api".into())
    );
    let same = fails(
        &*sim,
        GitPullsCreate,
        json!({"repo": "acme/api", "title": "x", "source_branch": "main", "target_branch": "main"}),
    )
    .await;
    assert_eq!(same.code(), "invalid_input");
    let issue = fails(&*sim, GitPullsGet, json!({"repo": "acme/api", "number": 1})).await;
    assert_eq!(
        issue,
        ProviderError::NotFound("pull request #1 in acme/api: #1 is an issue".into())
    );
}

#[tokio::test]
async fn malformed_cursors_are_invalid_input() {
    let sim = instance(json!({})).await;
    let error = fails(&*sim, GitReposList, json!({"cursor": "not-a-cursor"})).await;
    assert_eq!(error.code(), "invalid_input");
    for op in [GitIssuesList, GitPullsList, GitCommitsList, GitBranchesList] {
        let error = fails(
            &*sim,
            op,
            json!({"repo": "acme/api", "cursor": "not-a-cursor"}),
        )
        .await;
        assert_eq!(error.code(), "invalid_input", "{}", op.name());
    }
}
