//! Writes every knowledge base must answer alike, each read back: a page created from
//! Markdown, a page updated (its version moves on), and an update based on a stale version,
//! which is a conflict.

use super::{key, runbook};
use crate::adapter::call;
use crate::adapter::subject::Seed;
use crate::adapter::suite::KbSuite;
use mosaic_core::{OpId, Provider, ProviderError};
use serde_json::{Value, json};

/// A body with what every base's Markdown must carry through: a heading, a list, inline and
/// fenced code, emphasis, a link.
const BODY: &str = "# Incident review\n\n- **what** broke: `/orders`\n- see [the logs](https://logs.example.com/a?b=c)\n\n```sh\ncurl -i /orders\n```\n";

/// The fields a read back must repeat.
const READ_BACK: [&str; 5] = ["id", "title", "body", "version", "parent_id"];

async fn get(provider: &dyn Provider, space: &str, id: &Value) -> Value {
    call(
        provider,
        OpId::KbPagesGet,
        json!({"space": space, "page_id": id}),
    )
    .await
    .unwrap()
}

fn assert_reads_back(read: &Value, written: &Value) {
    for field in READ_BACK {
        assert_eq!(read[field], written[field], "{field}: {read} vs {written}");
    }
}

/// A created page answers what was written, at its first version, and reads back the same.
pub async fn a_created_page_reads_back_as_written<D: Seed>(suite: &KbSuite<D>) {
    let (_server, provider) = suite.subject.seeded().await;
    let created = call(
        provider.as_ref(),
        OpId::KbPagesCreate,
        json!({"space": "OPS", "title": "Incident review", "body": BODY}),
    )
    .await
    .unwrap();
    assert_eq!(created["title"], "Incident review");
    assert_eq!(created["body"], BODY);
    assert_eq!(key(&created["space"]), "OPS");
    assert!(
        created["version"]
            .as_u64()
            .is_some_and(|version| version >= 1)
    );
    assert_reads_back(
        &get(provider.as_ref(), "OPS", &created["id"]).await,
        &created,
    );
}

/// An update based on the current version changes what it names, keeps the rest, moves the
/// version on, and reads back as answered.
pub async fn an_update_moves_the_version_on_and_reads_back<D: Seed>(suite: &KbSuite<D>) {
    let (_server, provider) = suite.subject.seeded().await;
    let id = json!((suite.particulars.page_id)(runbook(2)));
    let before = get(provider.as_ref(), "ENG", &id).await;
    let renamed = call(
        provider.as_ref(),
        OpId::KbPagesUpdate,
        json!({"space": "ENG", "page_id": id, "title": "Runbook two", "version": before["version"]}),
    )
    .await
    .unwrap();
    assert_eq!(renamed["title"], "Runbook two");
    assert_eq!(renamed["body"], before["body"], "the body is kept");
    let version = |page: &Value| page["version"].as_u64().unwrap();
    assert!(version(&renamed) > version(&before), "{renamed}");
    assert_reads_back(&get(provider.as_ref(), "ENG", &id).await, &renamed);

    let rewritten = call(
        provider.as_ref(),
        OpId::KbPagesUpdate,
        json!({"space": "ENG", "page_id": id, "body": BODY}),
    )
    .await
    .unwrap();
    assert_eq!(rewritten["title"], "Runbook two", "the title is kept");
    assert_eq!(rewritten["body"], BODY);
    assert!(version(&rewritten) > version(&renamed));
    assert_reads_back(&get(provider.as_ref(), "ENG", &id).await, &rewritten);
}

/// An update based on a version that is not the current one is a conflict naming the current
/// version, and nothing is written.
pub async fn a_stale_version_is_a_conflict_naming_the_current_one<D: Seed>(suite: &KbSuite<D>) {
    let (server, provider) = suite.subject.seeded().await;
    let id = json!((suite.particulars.page_id)(runbook(4)));
    let current = get(provider.as_ref(), "ENG", &id).await["version"]
        .as_u64()
        .unwrap();
    let stale = current + 7;
    let error = call(
        provider.as_ref(),
        OpId::KbPagesUpdate,
        json!({"space": "ENG", "page_id": id, "title": "Lost update", "version": stale}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&error, ProviderError::Conflict(message) if message.contains(&format!("version {current}"))),
        "{error:?}"
    );
    let requests = server.state().requests();
    assert!(requests.iter().all(|seen| !seen.write), "{requests:?}");
    assert_eq!(
        get(provider.as_ref(), "ENG", &id).await["title"],
        "Runbook 4"
    );
}
