use super::*;
use axum::routing::get;

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
        reset_in_millis: false,
    }
}

async fn start() -> FakeServer {
    let routes = Router::new().route("/hello", get(|| async { axum::Json(json!({"hi": 1})) }));
    FakeServer::start(style(), Forge::empty(), routes).await
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
