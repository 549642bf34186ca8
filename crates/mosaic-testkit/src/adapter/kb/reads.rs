//! Reads every knowledge base must answer alike on the wiki seed: spaces and searches in
//! pages, a search kept to its space, pages as Markdown, and cursors the base did not issue.

use super::{Matching, PRICING, ids, key, runbook};
use crate::adapter::subject::Seed;
use crate::adapter::suite::KbSuite;
use crate::adapter::{all_pages, call};
use mosaic_core::{OpId, ProviderError};
use mosaic_fake_kit::wiki::Wiki;
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// The three spaces in pages of two.
pub async fn spaces_page_through_to_the_end<D: Seed>(suite: &KbSuite<D>) {
    let (_server, provider) = suite.subject.seeded().await;
    let (spaces, pages) = all_pages(
        provider.as_ref(),
        OpId::KbSpacesList,
        json!({"per_page": 2}),
    )
    .await;
    assert_eq!(pages, 2);
    let keys: BTreeSet<String> = spaces.iter().map(|space| key(&space["key"])).collect();
    assert_eq!(keys, ["ENG", "OPS", "PRODUCT"].map(String::from).into());
    assert!(spaces.iter().all(|space| space["web_url"].is_string()));
}

/// `ENG`'s 45 runbooks in three pages of at most twenty, each once, all of `ENG`.
pub async fn a_search_inside_a_space_pages_through_every_match_once<D: Seed>(suite: &KbSuite<D>) {
    let (_server, provider) = suite.subject.seeded().await;
    let (hits, _pages) = all_pages(
        provider.as_ref(),
        OpId::KbPagesSearch,
        json!({"query": "runbook", "space": "ENG", "per_page": 20}),
    )
    .await;
    assert_eq!(hits.len(), 45, "{hits:?}");
    assert_eq!(ids(&hits).len(), 45, "no page twice");
    assert!(hits.iter().all(|hit| key(&hit["space"]) == "ENG"));
    assert!(
        hits.iter()
            .all(|hit| hit["title"].as_str().unwrap().starts_with("Runbook "))
    );
}

/// A search inside `PRODUCT` finds its five roadmaps, inside `ENG` none of them; without a
/// space it finds matches in every space: `on-call`, where the base reads bodies, in the 15
/// runbooks that escalate to it and in OPS's `On-call`. Where it reads titles only, `on-call`
/// finds OPS's `On-call` alone (the runbooks say it in their bodies), and `1` the titles of
/// 14 runbooks and of `Roadmap 1`.
pub async fn a_search_keeps_to_its_space_and_without_one_spans_them_all<D: Seed>(
    suite: &KbSuite<D>,
) {
    let (_server, provider) = suite.subject.seeded().await;
    let provider = provider.as_ref();
    let search =
        |arguments| async move { all_pages(provider, OpId::KbPagesSearch, arguments).await.0 };
    let roadmaps = search(json!({"query": "roadmap", "space": "PRODUCT", "per_page": 100})).await;
    assert_eq!(roadmaps.len(), 5, "{roadmaps:?}");
    assert!(roadmaps.iter().all(|hit| key(&hit["space"]) == "PRODUCT"));
    let elsewhere = search(json!({"query": "roadmap", "space": "ENG"})).await;
    assert_eq!(elsewhere, Vec::<Value>::new());

    let everywhere = |query: &'static str| search(json!({"query": query, "per_page": 100}));
    let on_call = everywhere("on-call").await;
    let (spanning, in_spaces, count) = match suite.particulars.search {
        Matching::TitlesAndBodies => (on_call, ["ENG", "OPS"], 16),
        Matching::TitlesOnly => {
            let titles: Vec<&Value> = on_call.iter().map(|hit| &hit["title"]).collect();
            assert_eq!(titles, [&json!("On-call")], "titles only: {on_call:?}");
            assert_eq!(key(&on_call[0]["space"]), "OPS");
            (everywhere("1").await, ["ENG", "PRODUCT"], 15)
        }
    };
    let spaces: BTreeSet<String> = spanning.iter().map(|hit| key(&hit["space"])).collect();
    assert_eq!(spaces, in_spaces.map(String::from).into());
    assert_eq!(spanning.len(), count, "{spanning:?}");
}

/// A cursor the base did not issue is `invalid_input`.
pub async fn a_cursor_that_was_not_issued_is_refused<D: Seed>(suite: &KbSuite<D>) {
    let (_server, provider) = suite.subject.seeded().await;
    for (op, arguments) in [
        (OpId::KbSpacesList, json!({"cursor": "two words"})),
        (
            OpId::KbPagesSearch,
            json!({"query": "runbook", "cursor": "forged"}),
        ),
    ] {
        let error = call(provider.as_ref(), op, arguments).await.unwrap_err();
        assert!(
            matches!(error, ProviderError::Invalid(_)),
            "{}: {error:?}",
            op.name()
        );
    }
}

/// A page written in Markdown reads as written, at its first version (as the base counts
/// them), in its space.
pub async fn a_page_reads_as_markdown<D: Seed>(suite: &KbSuite<D>) {
    let (_server, provider) = suite.subject.seeded().await;
    let id = (suite.particulars.page_id)(runbook(3));
    let page = call(
        provider.as_ref(),
        OpId::KbPagesGet,
        json!({"space": "ENG", "page_id": id}),
    )
    .await
    .unwrap();
    assert_eq!(page["id"], id);
    assert_eq!(page["title"], "Runbook 3");
    assert_eq!(
        page["body"],
        "# Runbook 3\n\nSteps for incident class 3, escalate to on-call.\n"
    );
    let seeded = Wiki::seeded();
    let written = seeded.page(runbook(3)).expect("the seed's Runbook 3");
    assert_eq!(page["version"], (suite.particulars.version)(written));
    assert_eq!(key(&page["space"]), "ENG");
    assert!(page["web_url"].is_string());
}

/// A page written as HTML (a WYSIWYG editor's) reads as Markdown.
pub async fn a_page_written_as_html_reads_as_markdown<D: Seed>(suite: &KbSuite<D>) {
    let (_server, provider) = suite.subject.seeded().await;
    let id = (suite.particulars.page_id)(PRICING);
    let page = call(
        provider.as_ref(),
        OpId::KbPagesGet,
        json!({"space": "PRODUCT", "page_id": id}),
    )
    .await
    .unwrap();
    assert_eq!(page["title"], "Pricing");
    let body = page["body"].as_str().unwrap();
    assert!(body.contains("Three **plans**."), "{body}");
    assert!(!body.contains('<'), "no markup left: {body}");
}
