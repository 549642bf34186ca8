//! The fake speaks BookStack: the documented shapes and examples (`../api`), its validation,
//! pages of lists and of results, the search syntax, the Markdown export.

use super::*;
use mosaic_fake_kit::client::{Caller, Method};
use mosaic_fake_kit::wiki::Wiki;
use std::collections::BTreeSet;

const TOKEN: &str = "bookstack-id:bookstack-secret";

/// What the provider's clients send with every request.
fn caller() -> Caller {
    Caller::new().header("authorization", format!("Token {TOKEN}"))
}

fn keys(value: &Value) -> BTreeSet<String> {
    value.as_object().unwrap().keys().cloned().collect()
}

fn example(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// Every key of a documented answer is in the fake's.
fn assert_has_documented_keys(answer: &Value, documented: &Value) {
    let missing: Vec<String> = keys(documented)
        .difference(&keys(answer))
        .cloned()
        .collect();
    assert!(missing.is_empty(), "missing {missing:?} in {answer}");
}

fn eng_id(server: &FakeServer<Wiki>) -> u64 {
    server.state().data().space("ENG").unwrap().id
}

#[tokio::test]
async fn answers_carry_every_field_of_the_documented_examples() {
    let server = start(Wiki::seeded(), TOKEN).await;
    let (_, books) = caller().get(&server, "/books").await;
    let documented = example(include_str!("../../api/responses/books-list.json"));
    assert_has_documented_keys(&books, &documented);
    assert_has_documented_keys(&books["data"][0], &documented["data"][0]);

    let runbooks = server.state().data().sections[0].id;
    let (_, chapter) = caller()
        .get(&server, &format!("/chapters/{runbooks}"))
        .await;
    let documented = example(include_str!("../../api/responses/chapters-read.json"));
    assert_has_documented_keys(&chapter, &documented);
    assert_eq!(chapter["book_slug"], "eng");

    let (_, page) = caller().get(&server, "/pages/1009").await;
    for documented in [
        include_str!("../../api/responses/pages-read.json"),
        include_str!("../../api/responses/pages-create.json"),
        include_str!("../../api/responses/pages-update.json"),
    ] {
        assert_has_documented_keys(&page, &example(documented));
    }
    let (_, hits) = caller()
        .get(&server, "/search?query=runbook%20%7Btype:page%7D&count=1")
        .await;
    let documented = example(include_str!("../../api/responses/search-all.json"));
    assert_has_documented_keys(&hits, &documented);
    assert_has_documented_keys(&hits["data"][0], &documented["data"][1]);
}

#[tokio::test]
async fn the_documented_requests_are_accepted() {
    let server = start(Wiki::seeded(), TOKEN).await;
    let mut create = example(include_str!("../../api/requests/pages-create.json"));
    create["book_id"] = json!(eng_id(&server));
    let (status, created) = caller()
        .send(&server, Method::POST, "/pages", Some(create))
        .await;
    assert_eq!(status, 200, "{created}");
    assert_eq!(created["name"], "My API Page");
    assert_eq!(
        (created["markdown"].as_str(), created["editor"].as_str()),
        (Some(""), Some("wysiwyg"))
    );
    assert_eq!(created["revision_count"], 1);

    let mut update = example(include_str!("../../api/requests/pages-update.json"));
    let architecture = server.state().data().sections[1].id;
    update["chapter_id"] = json!(architecture);
    let path = format!("/pages/{}", created["id"]);
    let (status, updated) = caller()
        .send(&server, Method::PUT, &path, Some(update))
        .await;
    assert_eq!(status, 200, "{updated}");
    assert_eq!(updated["name"], "My updated API Page");
    assert_eq!(updated["chapter_id"], architecture);
    assert_eq!(updated["revision_count"], 2);

    let request = include_str!("../../api/requests/search-all.http");
    let path = request.trim().strip_prefix("GET /api").unwrap();
    let (status, found) = caller().get(&server, path).await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(found["total"], 0, "no page of the seed is about cats");
}

#[tokio::test]
async fn writes_are_validated_by_bookstacks_rules() {
    let server = start(Wiki::seeded(), TOKEN).await;
    let (status, refused) = caller()
        .send(&server, Method::POST, "/pages", Some(json!({"name": ""})))
        .await;
    assert_eq!(status, 422);
    assert_eq!(refused["error"]["message"], "The given data was invalid.");
    let fields = keys(&refused["error"]["validation"]);
    assert_eq!(
        fields,
        ["book_id", "chapter_id", "html", "markdown", "name"]
            .map(String::from)
            .into()
    );
    let (status, refused) = caller()
        .send(
            &server,
            Method::POST,
            "/pages",
            Some(json!({"book_id": 999, "name": "x", "markdown": "y"})),
        )
        .await;
    assert_eq!(
        (status, refused["error"]["message"].as_str()),
        (404, Some("Book Not Found"))
    );
    let (status, refused) = caller().get(&server, "/pages/999999").await;
    assert_eq!(
        refused,
        json!({"error": {"code": 404, "message": "Page Not Found"}})
    );
    assert_eq!(status, 404);
}

#[tokio::test]
async fn books_page_by_offset_and_filter_by_slug() {
    let server = start(Wiki::seeded(), TOKEN).await;
    let (_, first) = caller()
        .get(&server, "/books?count=2&offset=0&sort=id")
        .await;
    assert_eq!(first["total"], 3);
    assert_eq!(first["data"].as_array().unwrap().len(), 2);
    let (_, last) = caller().get(&server, "/books?count=2&offset=2").await;
    assert_eq!(last["data"][0]["slug"], "ops");
    let (_, by_name) = caller().get(&server, "/books?sort=-name").await;
    assert_eq!(by_name["data"][0]["slug"], "product");
    let (_, one) = caller()
        .get(&server, "/books?filter%5Bslug%5D=product")
        .await;
    assert_eq!(
        (one["total"].as_u64(), one["data"][0]["name"].as_str()),
        (Some(1), Some("Product"))
    );
}

#[tokio::test]
async fn search_reads_types_and_pages_of_results() {
    let server = start(Wiki::seeded(), TOKEN).await;
    let (_, everything) = caller().get(&server, "/search?query=runbook").await;
    assert_eq!(
        everything["data"][0]["type"], "chapter",
        "the chapter Runbooks matches too"
    );
    assert_eq!(everything["total"], 46);
    let (_, pages) = caller()
        .get(
            &server,
            "/search?query=runbook%20%7Btype:page%7D&page=3&count=20",
        )
        .await;
    assert_eq!(pages["total"], 45);
    assert_eq!(pages["data"].as_array().unwrap().len(), 5);
    assert_eq!(pages["data"][0]["name"], "Runbook 41");
    assert!(
        pages["data"][0]["url"]
            .as_str()
            .unwrap()
            .ends_with("/books/eng/page/runbook-41")
    );
    assert_eq!(
        pages["data"][0]["preview_html"]["content"]
            .as_str()
            .unwrap()
            .matches("<strong>Runbook</strong>")
            .count(),
        1
    );
    let (status, refused) = caller().get(&server, "/search?query=x&count=101").await;
    assert_eq!(status, 422);
    assert!(refused["error"]["validation"]["count"].is_array());
    assert_eq!(
        search::parse(
            "on call \"exact words\" [tag] {type:page|chapter} {created_by:me} {in_book:eng}"
        ),
        search::Parsed {
            terms: vec!["on".into(), "call".into(), "exact words".into()],
            tags: vec!["tag".into()],
            types: vec!["page".into(), "chapter".into()],
            mine: true,
        }
    );
}

#[tokio::test]
async fn a_wysiwyg_page_exports_as_markdown_under_its_title() {
    let server = start(Wiki::seeded(), TOKEN).await;
    let (_, pricing) = caller().get(&server, "/pages/1061").await;
    assert_eq!(pricing["name"], "Pricing");
    assert_eq!(pricing["markdown"], "");
    let response = caller()
        .request(&server, Method::GET, "/pages/1061/export/markdown", None)
        .await;
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/markdown")
    );
    assert_eq!(
        response.text().await.unwrap(),
        "# Pricing\n\n# Pricing\n\nThree **plans**."
    );
}

#[tokio::test]
async fn credentials_pair_a_secret_with_the_fakes_token_id() {
    assert_eq!(style("s3cret").accepted, ["Token fake-bookstack-id:s3cret"]);
    assert_eq!(style("id:s3cret").accepted, ["Token id:s3cret"]);
    let server = start(Wiki::seeded(), "other:secret").await;
    let (status, refused) = caller().get(&server, "/books").await;
    assert_eq!(status, 401);
    assert_eq!(refused["error"]["code"], 401);
    let mount = &mounts()[0];
    assert_eq!(
        (mount.name, mount.token),
        ("bookstack", "fake-bookstack-id:fake-bookstack-secret")
    );
}
