//! What Notion shares with every provider, declared once: the generic provider suite
//! (`mosaic_testkit::provider_suite!`: the conformance suite and the plugin's declaration)
//! on an instance of the seeded fake, and [`suite`], Notion as a shared knowledge-base suite
//! will run it — a `Bearer` token, the seed's spaces named as root pages, no quota or `ETag`s
//! of its own, and writes read back.

use mosaic_core::{OpId, ServiceKind};
use mosaic_fake_kit::server::{FakeState, Scripted, mounted};
use mosaic_fake_kit::wiki::Wiki;
use mosaic_notion::NotionPlugin;
use mosaic_notion_fake::{self as notion, NotionData, ids::page_id};
use mosaic_testkit::Fixture;
use mosaic_testkit::adapter::{
    AfterTheWrite, BeforeTheWrite, Credential, Declaration, Expected, FailingAfter, Fake,
    ProviderSuite, Refused, Revalidation, Subject, Suite, Unreadable, WriteOutcomes,
};
use serde_json::{Value, json};
use std::sync::Arc;

/// The token the fakes accept.
pub const TOKEN: &str = "secret_n0tion";

/// The seed's spaces as configured root pages (the wiki's space ids 1004 to 1006).
pub fn spaces() -> Value {
    json!({"ENG": page_id(1004), "PRODUCT": page_id(1005), "OPS": page_id(1006)})
}

/// `Runbook 1`, the first page of `ENG`.
pub fn runbook_1() -> String {
    page_id(1009)
}

/// The seed's resources for the conformance suite: Notion's search matches titles.
pub fn fixture() -> Fixture {
    Fixture {
        space: Some("ENG".into()),
        page: Some(runbook_1()),
        query: Some("Runbook".into()),
        ..Fixture::default()
    }
}

/// Notion, as a shared knowledge-base suite runs it (its data is the wiki; Notion's fake
/// renders it).
pub fn suite() -> Suite<NotionData, ()> {
    Suite {
        subject: Subject {
            plugin: Arc::new(NotionPlugin::default()),
            fake: Fake {
                style: notion::style,
                routes: notion::routes,
            },
            credential: Credential {
                setting: "token",
                accepted: TOKEN,
            },
            settings: json!({"spaces": spaces()}),
        },
        declaration: Declaration {
            id: "notion@1.0.0",
            kinds: vec![ServiceKind::Kb],
        },
        fixture: fixture(),
        quota: None,
        // Notion sends no `ETag`, and every answer is read raw for its 529s: no read is
        // conditional.
        revalidation: Revalidation::Never,
        write_outcomes: write_outcomes(),
        particulars: (),
    }
}

/// A page created in `ENG`.
pub fn create() -> (OpId, Value) {
    (
        OpId::KbPagesCreate,
        json!({"space": "ENG", "title": "Rotate keys", "body": "- [ ] rotate"}),
    )
}

fn write_outcomes() -> WriteOutcomes {
    WriteOutcomes {
        unreadable: vec![
            Unreadable {
                write: create(),
                answer: "<html>oops</html>",
                names: None,
            },
            Unreadable {
                write: create(),
                answer: r#"{"object": "page", "id": "00000000-0000-4000-8000-000000001099"}"#,
                names: Some("00000000-0000-4000-8000-000000001099"),
            },
        ],
        after_the_write: AfterTheWrite::Requests(vec![FailingAfter {
            write: create(),
            names: "00000000-0000-4000-8000-000000001063",
            reason: "reading it back failed",
        }]),
        refused: vec![Refused {
            write: (
                OpId::KbPagesCreate,
                json!({"space": "ENG", "title": "Nested", "body": "x", "parent_id": page_id(1056)}),
            ),
            error: Expected::Kind("not_found"),
        }],
        before_the_write: BeforeTheWrite::Lookup {
            write: (
                OpId::KbPagesUpdate,
                json!({"space": "ENG", "page_id": runbook_1(), "title": "Renamed"}),
            ),
            failure: Scripted::status(503, "pages unavailable"),
            error: mosaic_core::ProviderError::Unavailable("pages unavailable".into()),
        },
    }
}

/// The seed as the fake serves it, for a suite that starts its own fake.
pub fn seed() -> NotionData {
    NotionData {
        wiki: notion::render::as_notion(Wiki::seeded()),
        truncate_after: None,
    }
}

/// Serves the seeded fake on a loopback port of the current runtime, for as long as the
/// runtime runs; its state and base URL.
pub fn serve_seeded() -> (Arc<FakeState<NotionData>>, String) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    listener
        .set_nonblocking(true)
        .expect("a non-blocking listener");
    let origin = format!("http://{}", listener.local_addr().expect("an address"));
    let (state, router) = mounted(notion::style(TOKEN), seed(), notion::routes(), origin);
    let listener = tokio::net::TcpListener::from_std(listener).expect("inside a runtime");
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    let base_url = state.base_url();
    (state, base_url)
}

/// The generic provider suite's declaration: an instance of the seeded fake.
pub fn provider_suite() -> ProviderSuite {
    let (_state, base_url) = serve_seeded();
    ProviderSuite {
        plugin: Arc::new(NotionPlugin::default()),
        settings: json!({"base_url": base_url, "token": TOKEN, "spaces": spaces()}),
        declaration: suite().declaration,
        fixture: fixture(),
    }
}

mosaic_testkit::provider_suite!(provider_suite);
