//! Confluence's writes against its fake: creates and updates read back (a create confirmed
//! by reading back the id its answer gives), `version.number` one above the current version,
//! stale versions (409, and 400 naming the version) as conflicts carrying the current one, a
//! title-only update re-sending the body, and an update refused before it would destroy what
//! Markdown cannot carry.

use crate::shared::{page_id, started};
use mosaic_confluence_fake::render;
use mosaic_core::{OpId, ProviderError};
use mosaic_fake_kit::server::Scripted;
use mosaic_fake_kit::wiki::Body;
use mosaic_testkit::adapter::call;
use serde_json::{Value, json};

/// The JSON bodies of the PUTs the fake saw.
fn puts(server: &mosaic_fake_kit::server::FakeServer<mosaic_fake_kit::wiki::Wiki>) -> Vec<Value> {
    server
        .state()
        .requests()
        .into_iter()
        .filter(|seen| seen.method == "PUT")
        .map(|seen| serde_json::from_str(seen.body.as_deref().unwrap_or("null")).unwrap())
        .collect()
}

#[tokio::test]
async fn a_created_page_reads_back_as_written() {
    let (server, provider) = started(json!({})).await;
    let body = "## Steps\n\n- [ ] page @[Ana](accountid:acc-ana)\n- [x] open a \\<ticket> & wait\n\n| a | b |\n| --- | --- |\n| 1 | `x` |\n\n```sh\necho ']]>'\n```\n";
    let created = call(
        provider.as_ref(),
        OpId::KbPagesCreate,
        json!({"space": "ENG", "title": "Incident drill", "body": body, "parent_id": page_id("Architecture overview")}),
    )
    .await
    .unwrap();
    assert_eq!(created["body"], body);
    assert_eq!(created["version"], 1);
    assert_eq!(created["space"], "ENG");
    assert_eq!(
        created["parent_id"],
        json!(page_id("Architecture overview"))
    );
    let id = created["id"].as_str().unwrap().to_owned();
    let stored = server
        .state()
        .data()
        .page(id.parse().unwrap())
        .unwrap()
        .body
        .clone();
    let Body::Html(storage) = stored else {
        panic!("stored as storage format")
    };
    assert!(storage.contains("<ac:task-list>"), "{storage}");
    assert!(
        storage.contains("<ri:user ri:account-id=\"acc-ana\" />"),
        "{storage}"
    );
    assert!(
        storage.contains("<![CDATA[echo ']]]]><![CDATA[>']]>"),
        "{storage}"
    );
    let methods: Vec<String> = server
        .state()
        .requests()
        .iter()
        .map(|seen| format!("{} {}", seen.method, seen.path))
        .collect();
    assert_eq!(
        methods,
        [
            "GET /wiki/api/v2/spaces".to_owned(),
            "POST /wiki/api/v2/pages".to_owned(),
            format!("GET /wiki/api/v2/pages/{id}"),
        ]
    );
}

#[tokio::test]
async fn an_update_sends_the_next_version_and_reads_back() {
    let (server, provider) = started(json!({})).await;
    let id = page_id("On-call");
    let updated = call(
        provider.as_ref(),
        OpId::KbPagesUpdate,
        json!({"space": "OPS", "page_id": id, "body": "# On-call\n\nPage **ben** first.\n", "version": 3}),
    )
    .await
    .unwrap();
    assert_eq!(updated["version"], 4);
    assert_eq!(updated["title"], "On-call");
    assert_eq!(updated["body"], "# On-call\n\nPage **ben** first.\n");
    let put = &puts(&server)[0];
    assert_eq!(put["version"], json!({"number": 4}));
    assert_eq!(put["id"], json!(id));
    assert_eq!(put["body"]["representation"], "storage");
}

#[tokio::test]
async fn a_title_only_update_sends_the_current_body_back() {
    let (server, provider) = started(json!({})).await;
    let storage = "<p>Keep <ac:structured-macro ac:name=\"status\"><ac:parameter ac:name=\"title\">GO</ac:parameter></ac:structured-macro> me</p>";
    let id =
        server
            .state()
            .data()
            .create_page("ENG", "Status board", Body::Html(storage.to_owned()));
    let updated = call(
        provider.as_ref(),
        OpId::KbPagesUpdate,
        json!({"space": "ENG", "page_id": id.to_string(), "title": "Status board (Q3)"}),
    )
    .await
    .unwrap();
    assert_eq!(updated["title"], "Status board (Q3)");
    assert_eq!(updated["version"], 2);
    let put = &puts(&server)[0];
    assert_eq!(put["body"]["value"], storage);
    assert_eq!(put["title"], "Status board (Q3)");
}

#[tokio::test]
async fn an_update_that_would_destroy_a_macro_is_refused_naming_it() {
    let (server, provider) = started(json!({})).await;
    let storage = concat!(
        "<p>Tracked in <ac:structured-macro ac:name=\"jira\"><ac:parameter ac:name=\"key\">PLAT-1</ac:parameter></ac:structured-macro>.</p>",
        "<p><ac:image><ri:attachment ri:filename=\"flow.png\" /></ac:image></p>",
        "<p><ac:inline-comment-marker ac:ref=\"7f\">reviewed</ac:inline-comment-marker></p>",
    );
    let id = server
        .state()
        .data()
        .create_page("ENG", "Tracked", Body::Html(storage.to_owned()));
    let error = call(
        provider.as_ref(),
        OpId::KbPagesUpdate,
        json!({"space": "ENG", "page_id": id.to_string(), "body": "Tracked in PLAT-1."}),
    )
    .await
    .unwrap_err();
    let ProviderError::Conflict(message) = error else {
        panic!("a conflict, got {error:?}")
    };
    for named in [
        "the `jira` macro",
        "an image (`<ac:image>`)",
        "an inline-comment anchor (`<ac:inline-comment-marker>`)",
    ] {
        assert!(message.contains(named), "{message}");
    }
    assert!(puts(&server).is_empty(), "nothing was written");
    assert_eq!(server.state().data().page(id).unwrap().version, 1);
}

#[tokio::test]
async fn a_version_other_than_the_current_one_is_a_conflict_before_writing() {
    let (server, provider) = started(json!({})).await;
    let error = call(
        provider.as_ref(),
        OpId::KbPagesUpdate,
        json!({"space": "OPS", "page_id": page_id("On-call"), "title": "x", "version": 1}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&error, ProviderError::Conflict(m) if m.contains("is at version 3, not 1")),
        "{error:?}"
    );
    assert!(puts(&server).is_empty());
}

#[tokio::test]
async fn a_stale_version_refused_with_409_is_a_conflict_carrying_the_current_version() {
    let (server, provider) = started(json!({})).await;
    let id = page_id("On-call");
    // The page is read at version 2 while Confluence already holds 3, as when someone saves
    // between the read and the write: the write of version 3 is then stale.
    let (spaces, stale) = {
        let wiki = server.state().data();
        let space = wiki.space("OPS").unwrap();
        let mut page = render::page(&wiki, wiki.page(id.parse().unwrap()).unwrap(), true);
        page["version"]["number"] = json!(2);
        (
            json!({"results": [render::space(space)], "_links": {}}),
            page,
        )
    };
    for body in [spaces, stale] {
        server.state().knobs.fail_next(Scripted {
            status: 200,
            retry_after: None,
            body,
        });
    }
    let error = call(
        provider.as_ref(),
        OpId::KbPagesUpdate,
        json!({"space": "OPS", "page_id": id, "title": "On-call rota"}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        ProviderError::Conflict(format!(
            "page {id} changed since version 2: its current version is 3 (Confluence: Version must be incremented on update. Current Version is: 3)"
        ))
    );
    let requests = server.state().requests();
    assert!(
        requests
            .iter()
            .any(|seen| seen.method == "PUT" && seen.status == 409)
    );
    assert_eq!(
        server
            .state()
            .data()
            .page(id.parse().unwrap())
            .unwrap()
            .title,
        "On-call"
    );
}

#[tokio::test]
async fn a_stale_version_refused_with_400_naming_it_is_a_conflict_too() {
    let (server, provider) = started(json!({})).await;
    let id = page_id("Runbook 2");
    let space = {
        let wiki = server.state().data();
        json!({"results": [render::space(wiki.space("ENG").unwrap())], "_links": {}})
    };
    let page = {
        let wiki = server.state().data();
        render::page(&wiki, wiki.page(id.parse().unwrap()).unwrap(), true)
    };
    for (status, body) in [
        (200, space),
        (200, page),
        (
            400,
            json!({"errors": [{"status": 400, "code": "INVALID_REQUEST_PARAMETER", "title": "Version number 2 is not the next version of the page", "detail": null}]}),
        ),
    ] {
        server.state().knobs.fail_next(Scripted {
            status,
            retry_after: None,
            body,
        });
    }
    let error = call(
        provider.as_ref(),
        OpId::KbPagesUpdate,
        json!({"space": "ENG", "page_id": id, "body": "changed"}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        ProviderError::Conflict(format!(
            "page {id} changed since version 1: its current version is 1 (Confluence: Version number 2 is not the next version of the page)"
        ))
    );
}

#[tokio::test]
async fn a_create_answered_with_its_id_alone_is_confirmed_by_the_read_back() {
    // The create's answer is read for its id only (the shared suite's unreadable cases: none,
    // or one that names no readable page): the page read back is the answer.
    let (server, provider) = started(json!({})).await;
    server.state().knobs.garble_next_write(r#"{"id": "1063"}"#);
    let created = call(
        provider.as_ref(),
        OpId::KbPagesCreate,
        json!({"space": "OPS", "title": "Incident review", "body": "What broke.\n"}),
    )
    .await
    .unwrap();
    assert_eq!(created["id"], "1063");
    assert_eq!(created["title"], "Incident review");
    assert_eq!(created["body"], "What broke.\n");
    assert_eq!(created["version"], 1);
}
