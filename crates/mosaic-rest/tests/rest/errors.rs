//! Every kind of failure, with its status, code, fault and (for bad input) field path.

use crate::support::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::json;

fn error_of(answer: &Answer) -> (StatusCode, &str, &str) {
    let error = &answer.body["error"];
    (
        answer.status,
        error["code"].as_str().unwrap_or_default(),
        error["fault"].as_str().unwrap_or_default(),
    )
}

#[tokio::test]
async fn bad_input_is_400_naming_the_field() {
    let app = app().await;
    let cases = [
        ("/v1/git.issues.list?repo=acme/api&per_page=500", "per_page"),
        ("/v1/git.issues.list?repo=acme/api&per_page=ten", "per_page"),
        ("/v1/git.issues.get?repo=acme/api", "number"),
        (
            "/v1/git.issues.get?repo=acme/api&number=1&number=2",
            "number",
        ),
        ("/v1/route/explain?repo=acme/api", "operation"),
    ];
    for (uri, field) in cases {
        let answer = send(&app, get(uri)).await;
        assert_eq!(
            error_of(&answer),
            (StatusCode::BAD_REQUEST, "invalid_arguments", "caller"),
            "{uri}"
        );
        assert_eq!(
            answer.body["error"]["path"], field,
            "{uri}: {}",
            answer.body
        );
        assert_eq!(answer.headers[header::CACHE_CONTROL], "no-store");
    }
    let bad_json = post("/v1/git.issues.create", "{");
    assert_eq!(
        error_of(&send(&app, bad_json).await).0,
        StatusCode::BAD_REQUEST
    );
    let not_an_object = send(&app, post("/v1/git.issues.create", "[1]")).await;
    assert_eq!(not_an_object.body["error"]["path"], ".");
    let pin = send(
        &app,
        post(
            "/v1/git.issues.create",
            json!({"repo": "acme/api", "title": "t", "provider": 1}),
        ),
    )
    .await;
    assert_eq!(pin.body["error"]["path"], "provider");
    let bad_pin = send(
        &app,
        get("/v1/git.repos.get?repo=acme/api&provider=nowhere"),
    )
    .await;
    assert_eq!(
        error_of(&bad_pin),
        (StatusCode::UNPROCESSABLE_ENTITY, "bad_pin", "caller")
    );
}

#[tokio::test]
async fn failures_map_to_their_statuses() {
    let app = app().await;
    let missing = send(&app, get("/v1/git.issues.get?repo=acme/api&number=9999")).await;
    assert_eq!(
        error_of(&missing),
        (StatusCode::NOT_FOUND, "not_found", "caller")
    );
    let unknown = send(&app, get("/v1/git.issues.teleport")).await;
    assert_eq!(
        error_of(&unknown),
        (StatusCode::NOT_FOUND, "unknown_operation", "caller")
    );
    let trigger = json!({"repo": "acme/api", "pipeline": "ci", "ref": "main"});
    let denied = send(&app, post("/v1/ci.runs.trigger", trigger)).await;
    assert_eq!(
        error_of(&denied),
        (StatusCode::FORBIDDEN, "denied", "caller")
    );
    let page = json!({"space": "ENG", "title": "t", "body": "b"});
    let down = send(&app, post("/v1/kb.pages.create", page)).await;
    assert_eq!(
        error_of(&down),
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "write_target_unavailable",
            "provider"
        )
    );
    let read_down = send(&app, get("/v1/kb.spaces.list")).await;
    assert_eq!(read_down.status.as_u16() / 100, 5, "{}", read_down.body);
    assert_eq!(read_down.body["error"]["fault"], "provider");
    let merge = send(
        &app,
        post(
            "/v1/git.pulls.merge",
            json!({"repo": "acme/api", "number": 11}),
        ),
    )
    .await;
    assert_eq!(
        error_of(&merge),
        (StatusCode::NOT_IMPLEMENTED, "no_candidates", "caller"),
        "{}",
        merge.body
    );
}

#[tokio::test]
async fn a_rate_limited_provider_is_429_with_retry_after() {
    let app = app().await;
    let first = send(&app, get("/v1/ci.pipelines.list?repo=acme/api")).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let second = send(&app, get("/v1/ci.runs.list?repo=acme/api")).await;
    assert_eq!(
        error_of(&second),
        (StatusCode::TOO_MANY_REQUESTS, "rate_limited", "provider"),
        "{}",
        second.body
    );
    let wait: u64 = second.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
}

#[tokio::test]
async fn methods_follow_the_operations_access() {
    let app = app().await;
    let write_as_get = send(&app, get("/v1/git.issues.create?repo=acme/api")).await;
    assert_eq!(write_as_get.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(write_as_get.headers[header::ALLOW], "POST");
    let read_as_post = send(&app, post("/v1/git.repos.get", json!({"repo": "acme/api"}))).await;
    assert_eq!(read_as_post.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(read_as_post.headers[header::ALLOW], "GET");
}

#[tokio::test]
async fn callers_need_a_known_key_unless_anonymous_access_is_configured() {
    let app = keyed_app().await;
    let anonymous = send(&app, get("/v1/git.repos.get?repo=acme/api")).await;
    assert_eq!(
        error_of(&anonymous),
        (StatusCode::UNAUTHORIZED, "unauthenticated", "caller")
    );
    assert!(
        anonymous.headers[header::WWW_AUTHENTICATE]
            .to_str()
            .unwrap()
            .starts_with("Bearer")
    );
    let wrong = with(get("/v1/providers"), header::AUTHORIZATION, "Bearer guess");
    assert_eq!(send(&app, wrong).await.status, StatusCode::UNAUTHORIZED);
    let keyed = with(
        get("/v1/git.repos.get?repo=acme/api"),
        header::AUTHORIZATION,
        &format!("Bearer {KEY}"),
    );
    assert_eq!(send(&app, keyed).await.status, StatusCode::OK);
}

#[tokio::test]
async fn guards_refuse_foreign_hosts_and_origins_and_large_bodies() {
    let app = app().await;
    let foreign = Request::get("/v1/providers")
        .header(header::HOST, "evil.example")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, foreign).await.status, StatusCode::FORBIDDEN);
    let cross_site = with(get("/v1/providers"), header::ORIGIN, "https://evil.example");
    assert_eq!(send(&app, cross_site).await.status, StatusCode::FORBIDDEN);
    let dashboard = with(
        get("/v1/providers"),
        header::ORIGIN,
        "https://dash.example.com",
    );
    assert_eq!(send(&app, dashboard).await.status, StatusCode::OK);
    let other_port = with(
        get("/v1/providers"),
        header::ORIGIN,
        "https://dash.example.com:8443",
    );
    assert_eq!(send(&app, other_port).await.status, StatusCode::FORBIDDEN);
    let big = json!({"repo": "acme/api", "title": "t", "body": "x".repeat(4096)});
    assert_eq!(
        send(&app, post("/v1/git.issues.create", big)).await.status,
        StatusCode::PAYLOAD_TOO_LARGE
    );
}
