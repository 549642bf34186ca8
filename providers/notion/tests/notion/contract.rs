//! Contract: the requests of the adapter that Notion's community description
//! (`api/prism.json`) covers — `GET /v1/pages/{id}` and `PATCH /v1/pages/{id}` — sent by the
//! adapter to the stateful fake and replayed, body and all, to Prism: each must be valid for
//! the description. The search, page creation and the Markdown endpoints are not described
//! there; they are checked against the fake only (`behaviour.rs`).

use crate::shared::{TOKEN, runbook_1, seed, spaces};
use mosaic_core::OpId;
use mosaic_notion::NotionPlugin;
use mosaic_testkit::PrismMock;
use mosaic_testkit::adapter::{call, instance_with};
use serde_json::json;

#[tokio::test]
async fn every_described_request_the_adapter_sends_is_valid_for_notions_description() {
    let Some(prism) = PrismMock::shared("notion") else {
        return;
    };
    let server = mosaic_notion_fake::start(seed(), TOKEN).await;
    let provider = instance_with(
        &NotionPlugin::default(),
        &server.base_url(),
        json!({"token": TOKEN, "spaces": spaces()}),
    )
    .await;
    call(
        provider.as_ref(),
        OpId::KbPagesUpdate,
        json!({"space": "ENG", "page_id": runbook_1(), "title": "Renamed"}),
    )
    .await
    .expect("updated");
    let described: Vec<_> = server
        .state()
        .requests()
        .into_iter()
        .filter(|seen| seen.path.starts_with("/v1/pages/") && !seen.path.ends_with("/markdown"))
        .collect();
    assert!(described.iter().any(|seen| seen.method == "PATCH"));
    let http = reqwest::Client::new();
    for seen in described {
        let method = reqwest::Method::from_bytes(seen.method.as_bytes()).expect("a method");
        let mut request = http
            .request(method, format!("{}{}", prism.base_url(), seen.path))
            .header("authorization", "Bearer replayed")
            .header("notion-version", mosaic_notion::NOTION_VERSION);
        if let Some(body) = &seen.body {
            request = request
                .header("content-type", "application/json")
                .body(body.clone());
        }
        let answer = request.send().await.expect("Prism answers");
        let status = answer.status();
        let text = answer.text().await.unwrap_or_default();
        assert!(
            status.is_success(),
            "{} {} {:?}: Prism answered {status}: {text}",
            seen.method,
            seen.path,
            seen.body
        );
    }
}
