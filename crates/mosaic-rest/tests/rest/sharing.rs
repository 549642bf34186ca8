//! Which reads shared HTTP caches may keep: `public` only where every caller would get the
//! same answer and none would be refused, `private` (varying on the credential and the
//! routing hints) everywhere else.

use crate::support::*;
use axum::http::header;

/// Anonymous access, a public forge and a private one (for pull requests of `acme/api`), a
/// policy that names callers only for `acme/internal-*`, a route that looks at the caller's
/// region only for `git.repos.get`, and a public EU forge for `acme/web`; the HTTP caches run
/// in `region`.
fn config(region: &str) -> String {
    format!(
        r#"
store: {{ url: "sqlite::memory:" }}
cache: {{ http: {{ region: {region} }} }}
auth:
  anonymous: {{ tenant: default, principal: visitor, regions: [eu] }}
policies:
  - {{ name: staff-only, effect: allow, principals: [staff-*], resources: ["acme/internal-*"] }}
  - {{ name: all, effect: allow }}
providers:
  - {{ name: open, plugin: sim, public: true, settings: {{ kinds: [git], dataset: share-open }} }}
  - {{ name: closed, plugin: sim, settings: {{ kinds: [git], dataset: share-closed }} }}
  - {{ name: open-eu, plugin: sim, public: true, labels: {{ jurisdiction: eu }}, settings: {{ kinds: [git], dataset: share-eu }} }}
routes:
  - {{ name: eu-callers, operations: [git.repos.get], regions: [eu], targets: [{{ instance: open }}] }}
  - {{ name: private, operations: [git.pulls.list], resources: [acme/api], targets: [{{ instance: closed }}] }}
  - {{ name: eu-data, resources: [acme/web], targets: [{{ instance: open-eu }}] }}
  - {{ name: all, targets: [{{ instance: open }}] }}
"#
    )
}

async fn cache_control_of(app: &axum::Router, uri: &str) -> (String, Answer) {
    let answer = send(app, get(uri)).await;
    assert_eq!(
        answer.status,
        axum::http::StatusCode::OK,
        "{uri}: {}",
        answer.body
    );
    let control = answer.headers[header::CACHE_CONTROL]
        .to_str()
        .unwrap()
        .to_owned();
    (control, answer)
}

#[tokio::test]
async fn an_answer_every_caller_gets_alike_is_public_with_surrogate_keys() {
    let app = mosaic_rest::router(start(&config("us")).await, None);
    let (control, answer) = cache_control_of(&app, "/v1/git.issues.list?repo=acme/api").await;
    assert_eq!(
        control,
        "public, max-age=30, s-maxage=30, stale-while-revalidate=30, stale-if-error=300"
    );
    assert!(answer.headers.get(header::VARY).is_none());
    let keys = answer.headers["xkey"].to_str().unwrap();
    assert!(!keys.is_empty() && !keys.contains(':'), "{keys}");
}

#[tokio::test]
async fn answers_that_depend_on_the_caller_stay_private() {
    let app = mosaic_rest::router(start(&config("us")).await, None);
    for (uri, why) in [
        ("/v1/git.pulls.list?repo=acme/api", "a private instance"),
        (
            "/v1/git.issues.list?repo=acme/internal-tools",
            "a policy naming callers",
        ),
        (
            "/v1/git.repos.get?repo=acme/api",
            "a route looking at the region",
        ),
        (
            "/v1/git.issues.list?repo=acme/web",
            "EU data, caches in the US",
        ),
    ] {
        let (control, answer) = cache_control_of(&app, uri).await;
        assert!(
            control.starts_with("private, max-age=30"),
            "{why}: {control}"
        );
        assert_eq!(
            answer.headers[header::VARY],
            "authorization, x-mosaic-region, x-mosaic-labels",
            "{why}"
        );
        assert!(answer.headers.get("xkey").is_none(), "{why}");
    }
}

#[tokio::test]
async fn eu_data_is_shared_only_with_caches_in_the_eu() {
    let app = mosaic_rest::router(start(&config("eu-west")).await, None);
    let (control, _) = cache_control_of(&app, "/v1/git.issues.list?repo=acme/web").await;
    assert!(control.starts_with("public, "), "{control}");
}

#[tokio::test]
async fn without_anonymous_access_nothing_is_public() {
    let yaml = config("us").replace(
        "  anonymous: { tenant: default, principal: visitor, regions: [eu] }",
        "  api_keys:\n    - { name: test, key_sha256: 1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0, tenant: acme, principal: someone }",
    );
    let app = mosaic_rest::router(start(&yaml).await, None);
    let request = with(
        get("/v1/git.issues.list?repo=acme/api"),
        header::AUTHORIZATION,
        &format!("Bearer {KEY}"),
    );
    let answer = send(&app, request).await;
    let control = answer.headers[header::CACHE_CONTROL].to_str().unwrap();
    assert!(control.starts_with("private, "), "{control}");
}
