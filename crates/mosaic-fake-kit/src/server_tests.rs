use super::*;
use axum::routing::{get, post};

fn style() -> Style {
    Style {
        prefix: "/api/v1".into(),
        auth_header: "authorization",
        accepted: vec!["token secret".into()],
        rate_limit_prefix: "x-ratelimit-",
        quota_status: StatusCode::TOO_MANY_REQUESTS,
        quota: Some(3),
        etags: true,
        unmetered: Vec::new(),
        error_body: crate::server::message_body,
        reset: ResetWritten::UnixSeconds,
        writes: crate::server::method_writes,
    }
}

async fn start() -> FakeServer {
    let routes = Router::new()
        .route("/hello", get(|| async { axum::Json(json!({"hi": 1})) }))
        .route("/things", post(create_thing));
    FakeServer::start(style(), Forge::empty(), routes).await
}

/// A write: notes that it was applied and answers 201 with the new thing.
async fn create_thing(State(state): State<Arc<FakeState>>) -> Response {
    state.note("created");
    (StatusCode::CREATED, axum::Json(json!({"id": 7}))).into_response()
}

/// A server whose quota does not run out in a test.
async fn start_roomy() -> FakeServer {
    let server = start().await;
    server
        .state()
        .knobs
        .set_quota(100, 100, std::time::Duration::from_secs(3600));
    server
}

async fn create(server: &FakeServer) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}/things", server.base_url()))
        .header("authorization", "token secret")
        .json(&json!({"name": "x"}))
        .send()
        .await
        .unwrap()
}

async fn get_hello(server: &FakeServer, token: &str, etag: Option<&str>) -> reqwest::Response {
    let mut request = reqwest::Client::new()
        .get(format!("{}/hello", server.base_url()))
        .header("authorization", token);
    if let Some(etag) = etag {
        request = request.header("if-none-match", etag);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn credentials_quota_and_revalidation_behave_like_a_forge() {
    let server = start().await;
    assert_eq!(get_hello(&server, "token wrong", None).await.status(), 401);

    let first = get_hello(&server, "token secret", None).await;
    assert_eq!(first.status(), 200);
    assert_eq!(first.headers()["x-ratelimit-remaining"], "2");
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();

    let again = get_hello(&server, "token secret", Some(&etag)).await;
    assert_eq!(again.status(), 304);
    assert_eq!(
        again.headers()["x-ratelimit-remaining"],
        "2",
        "a 304 is free"
    );

    get_hello(&server, "token secret", None).await;
    get_hello(&server, "token secret", None).await;
    let spent = get_hello(&server, "token secret", None).await;
    assert_eq!(spent.status(), 429);
    assert!(spent.headers().contains_key("retry-after"));

    let log = server.state().requests();
    assert_eq!(log.len(), 6);
    assert!(log[2].conditional);
    assert_eq!(log[2].path, "/api/v1/hello");
}

#[tokio::test]
async fn scripted_failures_come_first_and_once() {
    let server = start().await;
    server
        .state()
        .knobs
        .fail_next(Scripted::too_many_requests(7));
    let limited = get_hello(&server, "token secret", None).await;
    assert_eq!(limited.status(), 429);
    assert_eq!(limited.headers()["retry-after"], "7");
    assert_eq!(get_hello(&server, "token secret", None).await.status(), 200);
    let missing = reqwest::Client::new()
        .get(format!("{}/nothing", server.base_url()))
        .header("authorization", "token secret")
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn an_aimed_failure_waits_for_a_request_to_its_path() {
    let server = start().await;
    server
        .state()
        .knobs
        .fail_next_to("/nothing", Scripted::status(403, "no"));
    assert_eq!(get_hello(&server, "token secret", None).await.status(), 200);
    let aimed = reqwest::Client::new()
        .get(format!("{}/nothing", server.base_url()))
        .header("authorization", "token secret")
        .send()
        .await
        .unwrap();
    assert_eq!(aimed.status(), 403, "its path came");
    assert_eq!(get_hello(&server, "token secret", None).await.status(), 200);
}

#[tokio::test]
async fn a_garbled_write_is_applied_and_answered_with_the_garbled_body() {
    let server = start_roomy().await;
    server.state().knobs.garble_next_write("{\"id\": 7, \"na");
    let garbled = create(&server).await;
    assert_eq!(garbled.status(), 201, "the status stays the route's");
    assert_eq!(garbled.text().await.unwrap(), "{\"id\": 7, \"na");
    assert_eq!(server.state().notes(), ["created"], "the write was applied");
    // Reads are not writes: a garble waits for a write and is used once.
    server.state().knobs.garble_next_write("nope");
    assert_eq!(
        get_hello(&server, "token secret", None)
            .await
            .text()
            .await
            .unwrap(),
        "{\"hi\":1}"
    );
    assert_eq!(create(&server).await.text().await.unwrap(), "nope");
    assert_eq!(create(&server).await.text().await.unwrap(), "{\"id\":7}");
    let writes: Vec<bool> = server
        .state()
        .requests()
        .iter()
        .map(|seen| seen.write)
        .collect();
    assert_eq!(writes, [true, false, true, true]);
}

#[tokio::test]
async fn the_request_after_an_applied_write_fails_once_scripted() {
    let server = start_roomy().await;
    let knobs = &server.state().knobs;
    knobs.fail_after_next_write(Scripted::status(503, "read back refused"));
    assert_eq!(
        get_hello(&server, "token secret", None).await.status(),
        200,
        "a lookup before the write is answered"
    );
    assert_eq!(create(&server).await.status(), 201);
    let read_back = get_hello(&server, "token secret", None).await;
    assert_eq!(read_back.status(), 503);
    assert_eq!(
        read_back.json::<Value>().await.unwrap()["message"],
        "read back refused"
    );
    assert_eq!(get_hello(&server, "token secret", None).await.status(), 200);

    // The second request of a write made of two.
    knobs.fail_after_next_write(Scripted::status(500, "second half failed"));
    assert_eq!(create(&server).await.status(), 201);
    assert_eq!(create(&server).await.status(), 500);
    assert_eq!(server.state().notes(), ["created", "created"]);
}

#[tokio::test]
async fn a_refused_write_sets_nothing_off() {
    let server = start_roomy().await;
    server
        .state()
        .knobs
        .fail_after_next_write(Scripted::status(503, "read back refused"));
    server.state().knobs.garble_next_write("nope");
    server
        .state()
        .knobs
        .fail_next(Scripted::status(422, "refused"));
    assert_eq!(create(&server).await.status(), 422);
    assert_eq!(get_hello(&server, "token secret", None).await.status(), 200);
    let applied = create(&server).await;
    assert_eq!(applied.text().await.unwrap(), "nope");
    assert_eq!(get_hello(&server, "token secret", None).await.status(), 503);
}
