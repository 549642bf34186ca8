//! What only BookStack does on writes: `markdown` sent to a book or a chapter, a page refused
//! as a parent, a page of another book refused, and versions checked by reading first.

use crate::shared::suite;
use mosaic_core::{OpId, ProviderError};
use mosaic_testkit::adapter::call;
use mosaic_testkit::adapter::kb::runbook;
use serde_json::{Value, json};

fn body_of(seen: &mosaic_fake_kit::server::Seen) -> Value {
    serde_json::from_str(seen.body.as_deref().unwrap()).unwrap()
}

#[tokio::test]
async fn a_page_is_written_as_markdown_into_its_book_or_a_chapter_of_it() {
    let (server, provider) = suite().subject.seeded().await;
    let (eng, runbooks) = {
        let wiki = server.state().data();
        (wiki.space("ENG").unwrap().id, wiki.sections[0].id)
    };
    call(
        provider.as_ref(),
        OpId::KbPagesCreate,
        json!({"space": "ENG", "title": "Loose", "body": "In the book."}),
    )
    .await
    .unwrap();
    let in_chapter = call(
        provider.as_ref(),
        OpId::KbPagesCreate,
        json!({"space": "ENG", "title": "Runbook 46", "body": "New.", "parent_id": runbooks.to_string()}),
    )
    .await
    .unwrap();
    assert_eq!(in_chapter["parent_id"], runbooks.to_string());
    let writes: Vec<Value> = server
        .state()
        .requests()
        .iter()
        .filter(|seen| seen.write)
        .map(body_of)
        .collect();
    assert_eq!(
        writes,
        [
            json!({"book_id": eng, "name": "Loose", "markdown": "In the book."}),
            json!({"chapter_id": runbooks, "name": "Runbook 46", "markdown": "New."}),
        ]
    );
    let wiki = server.state().data();
    let stored = wiki
        .page(in_chapter["id"].as_str().unwrap().parse().unwrap())
        .unwrap();
    assert_eq!(stored.section, Some(runbooks));
}

#[tokio::test]
async fn a_page_under_a_page_is_refused_saying_why() {
    let (server, provider) = suite().subject.seeded().await;
    let overview = "1054";
    let error = call(
        provider.as_ref(),
        OpId::KbPagesCreate,
        json!({"space": "ENG", "title": "Child", "body": "x", "parent_id": overview}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&error, ProviderError::Invalid(message) if message.contains("is a page") && message.contains("a page cannot sit under a page")),
        "{error:?}"
    );
    let other_book = server.state().data().sections[0].id.to_string();
    let error = call(
        provider.as_ref(),
        OpId::KbPagesCreate,
        json!({"space": "OPS", "title": "Child", "body": "x", "parent_id": other_book}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&error, ProviderError::Invalid(message) if message.contains("another book")),
        "{error:?}"
    );
    assert!(server.state().requests().iter().all(|seen| !seen.write));
}

#[tokio::test]
async fn a_stale_version_is_a_conflict_carrying_the_current_one() {
    let (server, provider) = suite().subject.seeded().await;
    let on_call = server
        .state()
        .data()
        .pages_in("OPS")
        .next()
        .map(|page| page.id.to_string())
        .unwrap();
    let error = call(
        provider.as_ref(),
        OpId::KbPagesUpdate,
        json!({"space": "OPS", "page_id": on_call, "body": "x", "version": 1}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        ProviderError::Conflict(format!(
            "page {on_call} is at version 3, not 1: read it again and apply the change to that version"
        ))
    );
    let updated = call(
        provider.as_ref(),
        OpId::KbPagesUpdate,
        json!({"space": "OPS", "page_id": on_call, "body": "x", "version": 3}),
    )
    .await
    .unwrap();
    assert_eq!(updated["version"], 4);
}

#[tokio::test]
async fn a_page_of_another_book_is_not_updated_through_this_one() {
    let (server, provider) = suite().subject.seeded().await;
    let error = call(
        provider.as_ref(),
        OpId::KbPagesUpdate,
        json!({"space": "OPS", "page_id": runbook(1).to_string(), "title": "Moved?"}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        ProviderError::NotFound("page 1009 in space `ops` (it is in another book)".into())
    );
    assert!(server.state().requests().iter().all(|seen| !seen.write));
}
