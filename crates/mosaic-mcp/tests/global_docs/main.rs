//! The residency estate of `examples/global-docs.yaml`, end to end: the example file itself is
//! loaded with its base URLs pointed at stateful fakes of Confluence, BookStack and Notion, and
//! MCP clients with a US, an EU and a US-only key call tools over HTTP. EU callers must land on
//! BookStack; with BookStack down their reads and writes must get the error naming the
//! constraint while no request of theirs reaches Confluence (nor Notion, outside product
//! spaces); a US answer in cache must not be served to them; and a US key that claims the EU
//! region without permission must be refused.

use axum::body::Body;
use example::call;
use http::{Request, StatusCode};
use mosaic_fakes::knobs::Scripted;
use mosaic_fakes::server::FakeServer;
use mosaic_fakes::wiki::Wiki;
use mosaic_fakes::{bookstack, confluence, notion};
use rmcp::RoleClient;
use rmcp::model::CallToolResult;
use rmcp::service::RunningService;
use serde_json::{Value, json};
use std::collections::HashMap;
use tower::ServiceExt as _;

#[path = "../common/example.rs"]
mod example;

const EXAMPLE: &str = include_str!("../../../../examples/global-docs.yaml");

/// The three callers' keys; the example holds only their SHA-256s
/// (`printf %s "$KEY" | sha256sum`).
const US_KEY: &str = "us-s3cret";
const US_KEY_SHA256: &str = "4c49c64bbca3cd89b0732b8fb11a3dda6f41cbf2fb19bb80513d76e0a003694b";
const EU_KEY: &str = "eu-s3cret";
const EU_KEY_SHA256: &str = "ed1494d503e2113b5d43d0ac89b17d3875f4339b41562070a78475c51704f735";
const US_LOCAL_KEY: &str = "us-local-s3cret";
const US_LOCAL_KEY_SHA256: &str =
    "36954d1f2019aea278e6e287c370c43c536e0f72d2085857772dc6b58d268d24";

/// The fake Notion's root page of the seed's `PRODUCT` space.
const PRODUCT_PAGE: &str = "00000000-0000-4000-8000-000000001005";

struct Estate {
    confluence: FakeServer<Wiki>,
    bookstack: FakeServer<Wiki>,
    notion: FakeServer<notion::NotionData>,
    app: axum::Router,
    address: std::net::SocketAddr,
}

/// Starts the three fakes (each holding the wiki seed) and the gateway on the example.
async fn estate() -> Estate {
    let confluence = confluence::start(Wiki::seeded(), "confluence-token").await;
    let bookstack = bookstack::start(Wiki::seeded(), "eu-id:eu-secret").await;
    let notion = notion::start(notion::NotionData::seeded(), "notion-token").await;
    let env: HashMap<&str, String> = HashMap::from([
        ("MOSAIC_STORE", "sqlite::memory:".to_owned()),
        ("MOSAIC_US_KEY_SHA256", US_KEY_SHA256.to_owned()),
        ("MOSAIC_EU_KEY_SHA256", EU_KEY_SHA256.to_owned()),
        ("MOSAIC_US_LOCAL_KEY_SHA256", US_LOCAL_KEY_SHA256.to_owned()),
        ("MOSAIC_CONFLUENCE_URL", confluence.base_url()),
        ("MOSAIC_CONFLUENCE_EMAIL", confluence::EMAIL.to_owned()),
        ("MOSAIC_CONFLUENCE_TOKEN", "confluence-token".to_owned()),
        ("MOSAIC_BOOKSTACK_URL", bookstack.base_url()),
        ("MOSAIC_BOOKSTACK_TOKEN_ID", "eu-id".to_owned()),
        ("MOSAIC_BOOKSTACK_TOKEN_SECRET", "eu-secret".to_owned()),
        ("MOSAIC_NOTION_URL", notion.base_url()),
        ("MOSAIC_NOTION_TOKEN", "notion-token".to_owned()),
        ("MOSAIC_NOTION_PRODUCT_PAGE", PRODUCT_PAGE.to_owned()),
    ]);
    let served = example::serve("global-docs.yaml", EXAMPLE, env).await;
    Estate {
        confluence,
        bookstack,
        notion,
        app: served.app,
        address: served.address,
    }
}

/// An MCP client with `key`, sending `X-Mosaic-Region: region` when given.
async fn client(
    estate: &Estate,
    key: &str,
    region: Option<&str>,
) -> RunningService<RoleClient, ()> {
    let mut headers = HashMap::new();
    if let Some(region) = region {
        headers.insert(
            http::HeaderName::from_static("x-mosaic-region"),
            region.parse().unwrap(),
        );
    }
    example::client(estate.address, key, headers).await
}

/// `mosaic/served` of a successful call.
fn served(result: &CallToolResult) -> Value {
    assert_eq!(result.is_error, Some(false), "{result:?}");
    result.meta.as_ref().unwrap().0["mosaic/served"].clone()
}

/// `mosaic/error` of a failed call.
fn refused(result: &CallToolResult) -> Value {
    assert_eq!(result.is_error, Some(true), "{result:?}");
    result.meta.as_ref().unwrap().0["mosaic/error"].clone()
}

fn search() -> Value {
    json!({"query": "runbook", "per_page": 5})
}

/// The requests a fake has seen for callers: all but the gateway's background health probes
/// (`GET /users/me` for Notion, `GET /wiki/api/v2/spaces?limit=1` for Confluence, `GET
/// /api/books?count=1` for BookStack), which are the gateway's own and run on a timer.
fn seen<D: Send + 'static>(server: &FakeServer<D>) -> usize {
    let probe = |seen: &mosaic_fakes::server::Seen| {
        let query = seen.query.as_deref().unwrap_or_default();
        seen.method == "GET"
            && (seen.path.ends_with("/users/me")
                || (seen.path.ends_with("/wiki/api/v2/spaces") && query == "limit=1")
                || (seen.path.ends_with("/api/books") && query == "count=1"))
    };
    server
        .state()
        .requests()
        .iter()
        .filter(|seen| !probe(seen))
        .count()
}

#[tokio::test]
async fn eu_callers_land_on_bookstack_and_us_callers_on_confluence() {
    let estate = estate().await;
    let eu = client(&estate, EU_KEY, None).await;
    let us = client(&estate, US_KEY, None).await;
    let before = seen(&estate.confluence);

    let answer = served(&call(&eu, "kb_pages_search", search()).await);
    assert_eq!(
        (&answer["instance"], &answer["rule"]),
        (&json!("bookstack-eu"), &json!("eu-docs"))
    );
    assert!(seen(&estate.bookstack) > 0);
    assert_eq!(
        seen(&estate.confluence),
        before,
        "no EU request reached Confluence"
    );

    let answer = served(&call(&us, "kb_pages_search", search()).await);
    assert_eq!(answer["instance"], "confluence");
    let answer = served(
        &call(
            &eu,
            "kb_pages_search",
            json!({"query": "roadmap", "space": "product-specs"}),
        )
        .await,
    );
    assert_eq!(
        answer["instance"], "notion",
        "product specs are Notion's for everyone"
    );

    // A US key granted `eu` is held to the EU constraint when it claims the region.
    let acting_for_eu = client(&estate, US_KEY, Some("eu")).await;
    let answer = served(&call(&acting_for_eu, "kb_pages_search", search()).await);
    assert_eq!(answer["instance"], "bookstack-eu");
}

#[tokio::test]
async fn with_bookstack_down_eu_reads_and_writes_name_the_constraint_and_reach_no_one_else() {
    let estate = estate().await;
    for _ in 0..64 {
        estate
            .bookstack
            .state()
            .knobs
            .fail_next(Scripted::status(503, "down for maintenance"));
    }
    let eu = client(&estate, EU_KEY, None).await;
    let (confluence_before, notion_before) = (seen(&estate.confluence), seen(&estate.notion));
    for (tool, arguments, write) in [
        ("kb_pages_search", search(), false),
        (
            "kb_pages_get",
            json!({"space": "eng", "page_id": "7"}),
            false,
        ),
        (
            "kb_pages_create",
            json!({"space": "eng", "title": "EU runbook", "body": "Stays in the EU."}),
            true,
        ),
    ] {
        let error = refused(&call(&eu, tool, arguments).await);
        assert_eq!(error["code"], "constraint_unavailable", "{tool}: {error}");
        let message = error["message"].as_str().unwrap();
        assert!(
            message.starts_with(
                "no instance meeting jurisdiction=eu is available: bookstack-eu is down"
            ),
            "{tool}: {message}"
        );
        assert_eq!(
            message.ends_with("was not performed"),
            write,
            "{tool}: {message}"
        );
    }
    assert_eq!(
        seen(&estate.confluence),
        confluence_before,
        "EU requests reached Confluence"
    );
    assert_eq!(
        seen(&estate.notion),
        notion_before,
        "EU requests reached Notion"
    );
    assert!(
        !estate
            .confluence
            .state()
            .data()
            .pages
            .iter()
            .any(|page| page.title == "EU runbook"),
        "the EU write landed in Confluence"
    );

    // Pinning Confluence does not get around the constraint either, and asks nothing of it.
    let pinned = refused(
        &call(
            &eu,
            "kb_pages_search",
            json!({"query": "runbook", "provider": "confluence"}),
        )
        .await,
    );
    assert_eq!(pinned["code"], "bad_pin", "{pinned}");
    assert!(
        pinned["message"]
            .as_str()
            .unwrap()
            .contains("requires jurisdiction=eu, the instance has `us`"),
        "{pinned}"
    );
    assert_eq!(seen(&estate.confluence), confluence_before);
}

#[tokio::test]
async fn a_us_answer_in_cache_is_not_served_to_an_eu_caller() {
    let estate = estate().await;
    let us = client(&estate, US_KEY, None).await;
    let eu = client(&estate, EU_KEY, None).await;
    let first = served(&call(&us, "kb_pages_search", search()).await);
    assert_eq!(
        (&first["instance"], &first["source"]),
        (&json!("confluence"), &json!("provider"))
    );
    let again = served(&call(&us, "kb_pages_search", search()).await);
    assert_eq!(again["source"], "l1", "the US answer is cached");

    let before = seen(&estate.bookstack);
    let eu_answer = served(&call(&eu, "kb_pages_search", search()).await);
    assert_eq!(
        (&eu_answer["instance"], &eu_answer["source"]),
        (&json!("bookstack-eu"), &json!("provider")),
        "{eu_answer}"
    );
    assert!(
        seen(&estate.bookstack) > before,
        "fetched from BookStack, not from cache"
    );
}

#[tokio::test]
async fn a_us_key_without_permission_cannot_claim_the_eu_region() {
    let estate = estate().await;
    let initialize = json!({
        "jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"protocolVersion": "2025-11-25", "capabilities": {},
                   "clientInfo": {"name": "residency-test", "version": "1"}}
    });
    let request = |key: &str, region: &str| {
        Request::post("/mcp")
            .header("host", "localhost")
            .header("authorization", format!("Bearer {key}"))
            .header("x-mosaic-region", region)
            .header("content-type", "application/json")
            .header("accept", "application/json, text/event-stream")
            .body(Body::from(initialize.to_string()))
            .unwrap()
    };
    let response = estate
        .app
        .clone()
        .oneshot(request(US_LOCAL_KEY, "eu"))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let body = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    let text = String::from_utf8_lossy(&body);
    assert!(
        text.contains("X-Mosaic-Region: `eu` is not granted to API key `us-local-agents`"),
        "{text}"
    );
    assert!(text.contains("it is in region `us`"), "{text}");

    // Its own region needs no grant.
    let response = estate
        .app
        .clone()
        .oneshot(request(US_LOCAL_KEY, "us"))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(seen(&estate.bookstack), 0, "nothing reached BookStack");
}
