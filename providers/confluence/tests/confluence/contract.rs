//! Contract: the `kb.*` operations that go to Confluence's REST API v2 driven against its own
//! published description (`api/prism.json`, the Confluence Cloud REST API v2 OpenAPI 3.0.3
//! description, trimmed) under Prism. Prism refuses a request that breaks the description;
//! documented answers must parse.
//!
//! `kb.pages.search` is v1's `GET /wiki/rest/api/search`, which the v2 description does not
//! hold: it is checked against the stateful fake (`behaviour.rs`), not here. Prism answers
//! the documented space list for `?keys=ENG`, whose example space has another key, so every
//! operation addressed by space key answers `not_found` naming the space — after Prism
//! accepted the lookup; and its space list's `_links.next` is a placeholder without a cursor,
//! which the adapter refuses.

use mosaic_confluence::ConfluencePlugin;
use mosaic_core::OpId;
use mosaic_testkit::PrismMock;
use mosaic_testkit::adapter::contract::{Expect, drive};
use mosaic_testkit::adapter::instance_with;
use serde_json::{Value, json};

/// The documented space list holds no space `ENG`.
const NO_SUCH_SPACE: Expect = Expect::Error("not_found", "no space `ENG`");

fn calls() -> Vec<(OpId, Value, Expect)> {
    vec![
        // Prism fills the documented `_links.next` with the schema's placeholder, `"string"`,
        // which carries no cursor to go on from: refused, not taken for the last page.
        (
            OpId::KbSpacesList,
            json!({"per_page": 2}),
            Expect::Error(
                "bad_upstream_answer",
                "`_links.next` `string` carries no `cursor`",
            ),
        ),
        (
            OpId::KbPagesGet,
            json!({"space": "ENG", "page_id": "65868"}),
            NO_SUCH_SPACE,
        ),
        (
            OpId::KbPagesCreate,
            json!({"space": "ENG", "title": "Drill", "body": "- [ ] page @[Ana](accountid:5b10)\n"}),
            NO_SUCH_SPACE,
        ),
        (
            OpId::KbPagesUpdate,
            json!({"space": "ENG", "page_id": "65868", "title": "Drill 2"}),
            NO_SUCH_SPACE,
        ),
    ]
}

#[tokio::test]
async fn every_v2_operation_is_valid_for_confluences_description() {
    let Some(prism) = PrismMock::shared("confluence") else {
        return;
    };
    let settings = json!({"email": "bot@acme.example", "api_token": "t0ken"});
    let provider = instance_with(&ConfluencePlugin::default(), &prism.base_url(), settings).await;
    let calls = calls();
    for op in OpId::ALL
        .iter()
        .filter(|op| op.name().starts_with("kb.") && **op != OpId::KbPagesSearch)
    {
        assert!(
            calls.iter().any(|(called, _, _)| called == op),
            "{} not driven",
            op.name()
        );
    }
    let failures = drive(provider.as_ref(), &calls).await;
    assert!(failures.is_empty(), "{failures:#?}");
}
