//! The fake on the CI seed: workflows and runs in GitHub's shapes, a dispatch with and
//! without run details, an older server refusing the flag, and logs behind a redirect.

use super::*;
use mosaic_fake_kit::builds::Builds;
use reqwest::redirect::Policy;

async fn client() -> (FakeServer<Builds>, reqwest::Client) {
    let server = start(Builds::seeded(), "t").await;
    let client = reqwest::Client::builder()
        .redirect(Policy::none())
        .default_headers(
            [(header::AUTHORIZATION, HeaderValue::from_static("Bearer t"))]
                .into_iter()
                .collect(),
        )
        .build()
        .unwrap();
    (server, client)
}

#[tokio::test]
async fn workflows_and_runs_read_as_github_actions() {
    let (server, client) = client().await;
    let base = server.base_url();
    let workflows: Value = client
        .get(format!("{base}/repos/acme/api/actions/workflows"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(workflows["total_count"], 2);
    assert_eq!(
        workflows["workflows"][0]["path"],
        ".github/workflows/ci.yml"
    );
    let runs = client
        .get(format!(
            "{base}/repos/acme/api/actions/workflows/ci.yml/runs?per_page=10&status=failure"
        ))
        .send()
        .await
        .unwrap();
    assert!(runs.headers().get(header::LINK).is_none());
    let runs: Value = runs.json().await.unwrap();
    assert_eq!(runs["total_count"], 7);
    assert_eq!(runs["workflow_runs"][0]["run_number"], 35);
    assert_eq!(runs["workflow_runs"][0]["conclusion"], "failure");
}

#[tokio::test]
async fn a_dispatch_answers_its_run_only_when_asked_and_an_older_server_refuses_the_flag() {
    let (server, client) = client().await;
    let base = server.base_url();
    let url = format!("{base}/repos/acme/infra/actions/workflows/deploy.yml/dispatches");
    let body =
        json!({"ref": "main", "inputs": {"environment": "prod"}, "return_run_details": true});
    let answer = client.post(&url).json(&body).send().await.unwrap();
    assert_eq!(answer.status(), 200);
    let details: Value = answer.json().await.unwrap();
    let id = details["workflow_run_id"].as_u64().unwrap();
    assert_eq!(
        server.state().data().build(id).unwrap().event,
        "workflow_dispatch"
    );
    let plain = client
        .post(&url)
        .json(&json!({"ref": "main"}))
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status(), 204);
    let unexpected = json!({"ref": "main", "inputs": {"region": "eu"}});
    let refused = client.post(&url).json(&unexpected).send().await.unwrap();
    assert_eq!(refused.status(), 422);

    let legacy = FakeServer::start(style("t"), Builds::seeded(), legacy_routes()).await;
    let url = format!(
        "{}/repos/acme/infra/actions/workflows/deploy.yml/dispatches",
        legacy.base_url()
    );
    let refused = client.post(&url).json(&body).send().await.unwrap();
    assert_eq!(refused.status(), 422);
}

#[tokio::test]
async fn a_jobs_log_is_a_redirect_to_the_storage_host() {
    let (server, client) = client().await;
    let base = server.base_url();
    let run = server
        .state()
        .data()
        .builds_of("acme/api")
        .next()
        .unwrap()
        .id;
    let job = run * render::JOBS_PER_RUN + 3;
    let answer = client
        .get(format!("{base}/repos/acme/api/actions/jobs/{job}/logs"))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 302);
    let location = answer.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(location.starts_with(blobs::host().origin()), "{location}");
    let log = reqwest::get(&location).await.unwrap().text().await.unwrap();
    assert_eq!(
        log,
        "[api#35 test] line 1 of 3\n[api#35 test] line 2 of 3\n[api#35 test] line 3 of 3\nerror: 2 tests failed\n"
    );
    let note = server.state().notes().pop().unwrap();
    let blob: u64 = note.strip_prefix("blob ").unwrap().parse().unwrap();
    let seen = blobs::host().requests(blob);
    assert_eq!(seen.len(), 1);
    assert!(seen[0].iter().all(|(name, _)| name != "authorization"));
}
