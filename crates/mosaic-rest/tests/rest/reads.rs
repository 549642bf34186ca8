//! Reads as HTTP caches see them, and writes that later reads see.

use crate::support::*;
use axum::http::{StatusCode, header};
use mosaic_testkit::schema::validate;
use serde_json::json;

#[tokio::test]
async fn reads_carry_etags_and_revalidate_with_304() {
    let app = app().await;
    let first = send(&app, get("/v1/git.repos.get?repo=acme/api")).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert_eq!(first.body["full_name"], "acme/api");
    assert_eq!(first.headers["x-mosaic-instance"], "main");
    assert_eq!(first.headers["x-mosaic-cache"], "miss");
    assert_eq!(first.headers["x-mosaic-rule"], "all");
    assert_eq!(
        first.headers[header::CACHE_CONTROL],
        "private, max-age=300, stale-while-revalidate=300, stale-if-error=3600"
    );
    assert_eq!(first.headers[header::CONTENT_TYPE], "application/json");
    let etag = first.headers[header::ETAG].to_str().unwrap().to_owned();
    let request = with(
        get("/v1/git.repos.get?repo=acme/api"),
        header::IF_NONE_MATCH,
        &etag,
    );
    let again = send(&app, request).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert_eq!(again.headers[header::ETAG], etag.as_str());
    assert_eq!(again.headers["x-mosaic-cache"], "hit");
    let request = with(
        get("/v1/git.repos.get?repo=acme/api"),
        header::IF_NONE_MATCH,
        "\"stale\"",
    );
    assert_eq!(send(&app, request).await.status, StatusCode::OK);
}

#[tokio::test]
async fn cache_lifetimes_follow_the_operations_cache_class() {
    let app = app().await;
    let issues = send(
        &app,
        get("/v1/git.issues.list?repo=acme/api&labels=bug&labels=ui&state=all"),
    )
    .await;
    assert_eq!(issues.status, StatusCode::OK, "{}", issues.body);
    assert_eq!(
        issues.headers[header::CACHE_CONTROL],
        "private, max-age=30, stale-while-revalidate=30, stale-if-error=300"
    );
    let runs = send(&app, get("/v1/ci_runs_list?repo=acme/api")).await;
    assert_eq!(runs.status, StatusCode::OK, "{}", runs.body);
    assert_eq!(
        runs.headers[header::CACHE_CONTROL],
        "private, max-age=5, stale-while-revalidate=5, stale-if-error=60"
    );
}

#[tokio::test]
async fn a_write_is_not_cached_and_later_reads_see_it() {
    let app = app().await;
    let before = send(&app, get("/v1/pm.issues.get?key=PLAT-1")).await;
    assert_eq!(before.status, StatusCode::OK, "{}", before.body);
    let update = json!({"key": "PLAT-1", "title": "Renamed by REST"});
    let updated = send(&app, post("/v1/pm.issues.update", update)).await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.body);
    assert_eq!(updated.headers[header::CACHE_CONTROL], "no-store");
    assert!(updated.headers.get(header::ETAG).is_none());
    let after = send(&app, get("/v1/pm.issues.get?key=PLAT-1")).await;
    assert_eq!(after.body["title"], "Renamed by REST");
    assert_eq!(
        after.headers["x-mosaic-cache"], "miss",
        "the write invalidated the cached read"
    );
    let created = send(
        &app,
        post(
            "/v1/pm.issues.create",
            json!({"project": "WEB", "title": "Dark mode"}),
        ),
    )
    .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let key = created.body["key"].as_str().unwrap();
    let read = send(&app, get(&format!("/v1/pm.issues.get?key={key}"))).await;
    assert_eq!(read.body["title"], "Dark mode");
}

#[tokio::test]
async fn answers_fit_the_schemas_the_openapi_document_gives_them() {
    let app = app().await;
    let document = send(&app, get("/openapi.json")).await.body;
    let schema_of = |path: &str, method: &str| {
        let mut schema =
            document["paths"][path][method]["responses"]["200"]["content"]["application/json"]["schema"].clone();
        // The validator resolves `$ref`s against the schema it is given.
        schema["components"] = document["components"].clone();
        schema
    };
    // CI runs through their list: the CI instance here allows one request a minute, and a
    // run is read by the id a list answered (run ids are sealed to their instance).
    let reads = [
        "/v1/git.issues.list?repo=acme/api&state=all",
        "/v1/git.pulls.get?repo=acme/api&number=11",
        "/v1/ci.runs.list?repo=acme/api&per_page=2",
        "/v1/pm.issues.search?project=PLAT",
    ];
    for uri in reads {
        let answer = send(&app, get(uri)).await;
        assert_eq!(answer.status, StatusCode::OK, "{uri}: {}", answer.body);
        let path = uri.split('?').next().unwrap();
        let problems = validate(&schema_of(path, "get"), &answer.body);
        assert!(problems.is_empty(), "{uri}: {problems:?}");
    }
    let comment = json!({"repo": "acme/api", "number": 1, "body": "Seen.", "provider": "main"});
    let answer = send(&app, post("/v1/git.issues.comment", comment)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(
        validate(&schema_of("/v1/git.issues.comment", "post"), &answer.body),
        Vec::<String>::new()
    );
    // The check has teeth: a body of another shape does not fit.
    let wrong = json!({"items": "not a list"});
    assert!(!validate(&schema_of("/v1/pm.issues.search", "get"), &wrong).is_empty());
    let error = send(&app, get("/v1/git.issues.get?repo=acme/api")).await;
    let error_schema = &document["components"]["schemas"]["Error"];
    assert_eq!(validate(error_schema, &error.body), Vec::<String>::new());
}
