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
    assert_eq!(read_as_post.headers[header::ALLOW], "GET, HEAD");
    let head = Request::head("/v1/git.repos.get?repo=acme/api")
        .header(header::HOST, "localhost")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, head).await.status, StatusCode::OK);
}

/// `request` to `uri` with `method`, from an allowed host.
fn request(method: &str, uri: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(uri)
        .header(header::HOST, "localhost")
        .body(Body::empty())
        .unwrap()
}

/// The answer is the envelope with this status and code, and is not to be cached.
fn assert_envelope(answer: &Answer, status: StatusCode, code: &str) {
    assert_eq!(answer.status, status, "{}", answer.body);
    assert_eq!(answer.headers[header::CONTENT_TYPE], "application/json");
    let error = &answer.body["error"];
    assert_eq!(error["code"], code, "{}", answer.body);
    assert_eq!(error["fault"], "caller", "{}", answer.body);
    assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert_eq!(answer.headers[header::CACHE_CONTROL], "no-store");
}

#[tokio::test]
async fn other_methods_are_405_in_the_envelope_allowing_exactly_what_the_resource_takes() {
    let app = app().await;
    let cases = [
        ("/v1/git.repos.get", "GET, HEAD"),
        ("/v1/git_repos_get", "GET, HEAD"),
        ("/v1/git.issues.create", "POST"),
        ("/v1/providers", "GET, HEAD"),
        ("/v1/route/explain", "GET, HEAD"),
        ("/openapi.json", "GET, HEAD"),
        ("/healthz", "GET, HEAD"),
        ("/readyz", "GET, HEAD"),
        ("/metrics", "GET, HEAD"),
    ];
    for (uri, allow) in cases {
        for method in ["PUT", "DELETE", "OPTIONS", "PATCH"] {
            let answer = send(&app, request(method, uri)).await;
            assert_envelope(
                &answer,
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
            );
            assert_eq!(answer.headers[header::ALLOW], allow, "{method} {uri}");
        }
    }
    let unknown = send(&app, request("PUT", "/v1/git.issues.teleport")).await;
    assert_envelope(&unknown, StatusCode::NOT_FOUND, "unknown_operation");
}

#[tokio::test]
async fn unknown_paths_long_targets_and_large_bodies_are_refused_in_the_envelope() {
    let app = app().await;
    assert_envelope(
        &send(&app, get("/v2/anything")).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    let long = format!("/v1/kb.pages.search?query={}", "q".repeat(9000));
    assert_envelope(
        &send(&app, get(&long)).await,
        StatusCode::URI_TOO_LONG,
        "uri_too_long",
    );
    let big = json!({"repo": "acme/api", "title": "t", "body": "x".repeat(4096)});
    let answer = send(&app, post("/v1/git.issues.create", big)).await;
    assert_envelope(&answer, StatusCode::PAYLOAD_TOO_LARGE, "body_too_large");
    assert!(
        answer.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("server.max_body_bytes")
    );
}

#[tokio::test]
async fn foreign_hosts_and_origins_are_refused_in_the_envelope_naming_the_key() {
    let app = app().await;
    let foreign = Request::get("/v1/providers")
        .header(header::HOST, "evil.example")
        .body(Body::empty())
        .unwrap();
    let answer = send(&app, foreign).await;
    assert_envelope(&answer, StatusCode::FORBIDDEN, "host_not_allowed");
    assert!(
        answer.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("server.allowed_hosts")
    );
    let cross_site = with(get("/v1/providers"), header::ORIGIN, "https://evil.example");
    let answer = send(&app, cross_site).await;
    assert_envelope(&answer, StatusCode::FORBIDDEN, "origin_not_allowed");
    assert!(
        answer.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("server.allowed_origins")
    );
}

#[tokio::test]
async fn a_write_whose_body_is_not_json_is_415() {
    let app = app().await;
    let issue = r#"{"repo": "acme/api", "title": "typed"}"#;
    let typed = |content_type: Option<&str>| {
        let mut request = Request::post("/v1/git.issues.create").header(header::HOST, "localhost");
        if let Some(content_type) = content_type {
            request = request.header(header::CONTENT_TYPE, content_type);
        }
        request.body(Body::from(issue)).unwrap()
    };
    for refused in [
        Some("application/x-www-form-urlencoded"),
        Some("text/plain"),
        None,
    ] {
        let answer = send(&app, typed(refused)).await;
        assert_envelope(
            &answer,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        );
        assert!(
            answer.body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("application/json"),
            "{refused:?}: {}",
            answer.body
        );
    }
    let accepted = send(&app, typed(Some("application/json; charset=utf-8"))).await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
    // No body at all is no arguments at all, whatever the type: the missing fields are named.
    let empty = Request::post("/v1/git.issues.create")
        .header(header::HOST, "localhost")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, empty).await.status, StatusCode::BAD_REQUEST);
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
