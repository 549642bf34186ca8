//! Cached answers keep to the route: an answer is served from cache only to a call whose plan
//! has the instance that produced it among its candidates, whatever filled the cache first.

use super::{gateway, request};
use mosaic_core::{OpId, RequestContext};
use mosaic_gateway::{CallAnswer, Gateway, Source};
use serde_json::json;

/// Confidential callers go to `secure-forge`, callers in the EU to `eu-forge`, everyone else
/// to `public-forge`: three datasets, so each forge's answers can be told apart.
fn estate(prefix: &str) -> String {
    format!(
        r#"
store: {{ url: "sqlite::memory:" }}
auth: {{ anonymous: {{ tenant: default, principal: tester }} }}
policies: [{{ name: all, effect: allow }}]
providers:
  - {{ name: secure-forge, plugin: sim, settings: {{ kinds: [git], dataset: {prefix}-secure }} }}
  - {{ name: eu-forge, plugin: sim, region: eu, settings: {{ kinds: [git], dataset: {prefix}-eu }} }}
  - {{ name: public-forge, plugin: sim, settings: {{ kinds: [git], dataset: {prefix}-public }} }}
routes:
  - {{ name: confidential, labels: {{ classification: confidential }}, targets: [{{ instance: secure-forge }}] }}
  - {{ name: eu, regions: [eu], targets: [{{ instance: eu-forge }}] }}
  - {{ name: default, targets: [{{ instance: public-forge }}] }}
"#
    )
}

fn unlabelled() -> RequestContext {
    RequestContext::local("tester")
}

fn confidential() -> RequestContext {
    let mut ctx = unlabelled();
    ctx.labels
        .insert("classification".into(), "confidential".into());
    ctx
}

fn in_the_eu() -> RequestContext {
    let mut ctx = unlabelled();
    ctx.region = Some("eu".into());
    ctx
}

/// Files an issue titled `title` through the route `ctx` takes, so only that forge has it.
async fn file(gateway: &Gateway, ctx: &RequestContext, title: &str) {
    let create = request(
        OpId::GitIssuesCreate,
        json!({"repo": "acme/api", "title": title}),
    );
    gateway.call(ctx, create).await.unwrap();
}

async fn list(gateway: &Gateway, ctx: &RequestContext) -> CallAnswer {
    let list = request(
        OpId::GitIssuesList,
        json!({"repo": "acme/api", "per_page": 100}),
    );
    gateway.call(ctx, list).await.unwrap()
}

fn mentions(answer: &CallAnswer, title: &str) -> bool {
    answer.output.to_json()["items"]
        .as_array()
        .is_some_and(|items| items.iter().any(|issue| issue["title"] == title))
}

/// `(source, instance, rule)` of an answer.
fn provenance(answer: &CallAnswer) -> (Source, &str, Option<&str>) {
    (
        answer.served.source,
        answer.served.instance.as_str(),
        answer.served.rule.as_deref(),
    )
}

#[tokio::test]
async fn an_answer_filled_for_a_labelled_route_is_never_served_to_another_route() {
    for (hinted, forge, rule) in [
        (confidential(), "secure-forge", "confidential"),
        (in_the_eu(), "eu-forge", "eu"),
    ] {
        let gateway = gateway(&estate(&format!("routes-{rule}-first"))).await;
        file(&gateway, &hinted, "only there").await;

        let filled = list(&gateway, &hinted).await;
        assert_eq!(provenance(&filled), (Source::Provider, forge, Some(rule)));
        assert!(mentions(&filled, "only there"));

        let other = list(&gateway, &unlabelled()).await;
        assert_eq!(
            provenance(&other),
            (Source::Provider, "public-forge", Some("default")),
            "the {forge} answer must not be served to the default route"
        );
        assert!(!mentions(&other, "only there"), "{forge}'s data leaked");

        // Each route has its own entry now.
        assert_eq!(
            provenance(&list(&gateway, &hinted).await),
            (Source::L1, forge, Some(rule))
        );
        assert_eq!(
            provenance(&list(&gateway, &unlabelled()).await),
            (Source::L1, "public-forge", Some("default"))
        );
    }
}

#[tokio::test]
async fn an_answer_filled_for_the_default_route_is_never_served_to_a_labelled_one() {
    for (hinted, forge, rule) in [
        (confidential(), "secure-forge", "confidential"),
        (in_the_eu(), "eu-forge", "eu"),
    ] {
        let gateway = gateway(&estate(&format!("routes-{rule}-second"))).await;
        file(&gateway, &hinted, "only there").await;

        let public = list(&gateway, &unlabelled()).await;
        assert_eq!(
            provenance(&public),
            (Source::Provider, "public-forge", Some("default"))
        );

        let routed = list(&gateway, &hinted).await;
        assert_eq!(
            provenance(&routed),
            (Source::Provider, forge, Some(rule)),
            "public-forge's answer must not be served to the {rule} route"
        );
        assert!(mentions(&routed, "only there"));
    }
}
