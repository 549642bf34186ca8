//! The caller's region and request labels, sent as headers, reach the router.

use crate::support::{app, get, send, with};
use axum::http::{HeaderName, StatusCode};

#[tokio::test]
async fn region_and_label_headers_reach_the_router() {
    let app = app().await;
    let uri = "/v1/route/explain?operation=pm.issues.get&key=WEB-1";
    assert_eq!(send(&app, get(uri)).await.body["rule"], "all");
    let region = HeaderName::from_static("x-mosaic-region");
    let labels = HeaderName::from_static("x-mosaic-labels");
    let hinted = with(with(get(uri), region, "eu"), labels.clone(), "team=web");
    assert_eq!(send(&app, hinted).await.body["rule"], "pm-eu");
    let broken = send(&app, with(get(uri), labels, "team")).await;
    assert_eq!(broken.status, StatusCode::BAD_REQUEST);
    assert_eq!(broken.body["error"]["path"], "x-mosaic-labels");
}
