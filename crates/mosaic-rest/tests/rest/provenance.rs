//! Provenance headers over REST keep their promises: a cached answer is served only to a
//! request routed to the instance that produced it, and a read served past an open circuit
//! names it in `X-Mosaic-Failed-Over`.

use crate::support::{Answer, get, post, send, start, with};
use axum::http::{HeaderName, StatusCode};
use serde_json::json;

/// Confidential callers to `secure-forge`, callers in the EU to `eu-forge`, others to
/// `public-forge`; a knowledge base whose primary is down, with a read mirror. Anonymous
/// callers may assert both hints.
const ESTATE: &str = r#"
store: { url: "sqlite::memory:" }
executor: { retry: { max_attempts: 1 }, breaker: { failure_threshold: 1, open_for: 10m } }
auth:
  anonymous:
    tenant: default
    principal: rest-routes
    regions: [eu]
    labels: { classification: [confidential] }
policies: [{ name: all, effect: allow }]
providers:
  - { name: secure-forge, plugin: sim, settings: { kinds: [git], dataset: rest-routes-secure } }
  - { name: eu-forge, plugin: sim, settings: { kinds: [git], dataset: rest-routes-eu } }
  - { name: public-forge, plugin: sim, settings: { kinds: [git], dataset: rest-routes-public } }
  - { name: kb-primary, plugin: sim, settings: { kinds: [kb], dataset: rest-routes-kb, down: true } }
  - { name: kb-mirror, plugin: sim, settings: { kinds: [kb], dataset: rest-routes-kb } }
routes:
  - { name: confidential, kinds: [git], labels: { classification: confidential }, targets: [{ instance: secure-forge }] }
  - { name: eu, kinds: [git], regions: [eu], targets: [{ instance: eu-forge }] }
  - { name: default, kinds: [git], targets: [{ instance: public-forge }] }
  - { name: kb, kinds: [kb], targets: [{ instance: kb-primary }, { instance: kb-mirror, read_only: true }] }
"#;

const LIST: &str = "/v1/git.issues.list?repo=acme/api&per_page=100";

fn header<'a>(answer: &'a Answer, name: &str) -> &'a str {
    answer
        .headers
        .get(name)
        .map_or("", |value| value.to_str().unwrap_or(""))
}

/// `(X-Mosaic-Cache, X-Mosaic-Instance, X-Mosaic-Rule)`.
fn provenance(answer: &Answer) -> (&str, &str, &str) {
    (
        header(answer, "x-mosaic-cache"),
        header(answer, "x-mosaic-instance"),
        header(answer, "x-mosaic-rule"),
    )
}

#[tokio::test]
async fn a_cached_answer_is_served_only_to_requests_routed_to_its_instance() {
    let app = mosaic_rest::router(start(ESTATE).await, None);
    for (name, value, forge, rule) in [
        (
            "x-mosaic-labels",
            "classification=confidential",
            "secure-forge",
            "confidential",
        ),
        ("x-mosaic-region", "eu", "eu-forge", "eu"),
    ] {
        let hint = HeaderName::from_static(name);
        let title = format!("only on {forge}");
        let filed = with(
            post(
                "/v1/git.issues.create",
                json!({"repo": "acme/api", "title": title}),
            ),
            hint.clone(),
            value,
        );
        assert_eq!(send(&app, filed).await.status, StatusCode::OK);

        let routed = send(&app, with(get(LIST), hint.clone(), value)).await;
        assert_eq!(provenance(&routed), ("miss", forge, rule));
        assert!(routed.body.to_string().contains(&title));

        let other = send(&app, get(LIST)).await;
        assert_eq!(provenance(&other), ("miss", "public-forge", "default"));
        assert!(
            !other.body.to_string().contains(&title),
            "{forge}'s data leaked"
        );

        let again = send(&app, with(get(LIST), hint, value)).await;
        assert_eq!(provenance(&again), ("hit", forge, rule));
        assert_eq!(
            provenance(&send(&app, get(LIST)).await),
            ("hit", "public-forge", "default")
        );
    }
}

#[tokio::test]
async fn reads_served_past_an_open_circuit_name_it_in_failed_over() {
    let app = mosaic_rest::router(start(ESTATE).await, None);
    // The first read finds the primary down, which opens its circuit (threshold 1).
    let first = send(&app, get("/v1/kb.pages.get?space=OPS&page_id=10006")).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert_eq!(header(&first, "x-mosaic-failed-over"), "kb-primary");
    // The next one is served by the mirror without calling the primary, and says so.
    let second = send(&app, get("/v1/kb.spaces.list")).await;
    assert_eq!(second.status, StatusCode::OK, "{}", second.body);
    assert_eq!(header(&second, "x-mosaic-instance"), "kb-mirror");
    assert_eq!(header(&second, "x-mosaic-failed-over"), "kb-primary");
}
