//! The caller's region and request labels, sent as headers, reach the router — as far as the
//! caller's key (or anonymous access) was granted them.

use crate::support::{KEY, app, get, keyed_app, send, with};
use axum::http::{HeaderName, StatusCode, header};

fn region() -> HeaderName {
    HeaderName::from_static("x-mosaic-region")
}

fn labels() -> HeaderName {
    HeaderName::from_static("x-mosaic-labels")
}

const EXPLAIN: &str = "/v1/route/explain?operation=pm.issues.get&key=WEB-1";

#[tokio::test]
async fn region_and_label_headers_reach_the_router() {
    let app = app().await;
    assert_eq!(send(&app, get(EXPLAIN)).await.body["rule"], "all");
    let hinted = with(with(get(EXPLAIN), region(), "eu"), labels(), "team=web");
    assert_eq!(send(&app, hinted).await.body["rule"], "pm-eu");
    let broken = send(&app, with(get(EXPLAIN), labels(), "team")).await;
    assert_eq!(broken.status, StatusCode::BAD_REQUEST);
    assert_eq!(broken.body["error"]["path"], "x-mosaic-labels");
}

#[tokio::test]
async fn hints_that_were_not_granted_are_refused_naming_header_and_value() {
    let app = app().await;
    for (header, value, named) in [
        (region(), "us", "X-Mosaic-Region: `us`"),
        (labels(), "team=ops", "X-Mosaic-Labels: `team=ops`"),
        (
            labels(),
            "classification=confidential",
            "`classification=confidential`",
        ),
    ] {
        let refused = send(&app, with(get(EXPLAIN), header, value)).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
        let error = &refused.body["error"];
        assert_eq!(
            (&error["code"], &error["fault"]),
            (&"hint_not_granted".into(), &"caller".into())
        );
        let message = error["message"].as_str().unwrap();
        assert!(message.contains(named), "{message}");
        assert!(message.contains("anonymous callers"), "{message}");
    }
    // The same hints reach reads, not only explanations.
    let read = with(get("/v1/pm.issues.get?key=WEB-1"), region(), "us");
    assert_eq!(send(&app, read).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_key_granted_nothing_may_assert_nothing() {
    let app = keyed_app().await;
    let keyed = |request| with(request, header::AUTHORIZATION, &format!("Bearer {KEY}"));
    let plain = send(&app, keyed(get("/v1/git.repos.get?repo=acme/api"))).await;
    assert_eq!(plain.status, StatusCode::OK, "{}", plain.body);
    let hinted = keyed(with(get("/v1/git.repos.get?repo=acme/api"), region(), "eu"));
    let refused = send(&app, hinted).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let message = refused.body["error"]["message"].as_str().unwrap();
    assert!(message.contains("API key `test`"), "{message}");
    assert!(message.contains("granted no region"), "{message}");
}
