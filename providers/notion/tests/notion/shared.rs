//! What Notion shares with every knowledge base, declared once: the tests of the shared kb
//! suite (`mosaic_testkit::kb_suite!`), run with what differs on Notion — a `Bearer` token,
//! the seed's spaces named as root pages, ids that are UUIDs, a search that matches titles
//! only, versions that are `last_edited_time` in Unix seconds, no quota or `ETag`s of its
//! own, refusals in Notion's `{"object": "error", …}`, writes read back after they are made
//! and an update that reads the page before it writes.

use mosaic_core::{OpId, ProviderError, ServiceKind};
use mosaic_fake_kit::server::Scripted;
use mosaic_fake_kit::wiki::Page;
use mosaic_notion::NotionPlugin;
use mosaic_notion_fake::{self as notion, NotionData, ids::page_id};
use mosaic_provider_kit::rfc3339::unix_seconds;
use mosaic_testkit::adapter::kb::{self, KbParticulars, Matching, runbook};
use mosaic_testkit::adapter::{
    AfterTheWrite, BeforeTheWrite, Credential, Declaration, Expected, FailingAfter, Fake, KbSuite,
    Refused, Revalidation, Subject, Suite, Unreadable, WriteOutcomes,
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
    page_id(runbook(1))
}

/// The version Notion answers for a page of the seed: Notion keeps no versions, so the
/// adapter hands out `last_edited_time` in Unix seconds (the fake's clock moves a minute a
/// change, so every change moves it on; Notion's own rounds to the minute).
fn edit_time(page: &Page) -> u64 {
    let seconds = unix_seconds(&page.updated_at).expect("the seed's times are RFC 3339");
    u64::try_from(seconds).expect("after 1970")
}

/// Notion, as the shared kb suite runs it.
pub fn suite() -> KbSuite<NotionData> {
    let particulars = KbParticulars {
        page_id,
        error_body: notion::refusal_body,
        // `POST /search` matches titles, never bodies.
        search: Matching::TitlesOnly,
        version: edit_time,
    };
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
        fixture: kb::fixture(&particulars),
        // Notion sends no quota headers; a proxy's are read (the shared checks set one).
        quota: None,
        // Notion sends no `ETag`, and every answer is read raw for its 529s: no read is
        // conditional.
        revalidation: Revalidation::Never,
        write_outcomes: write_outcomes(),
        particulars,
    }
}

/// A page created in `ENG`.
pub fn create() -> (OpId, Value) {
    (
        OpId::KbPagesCreate,
        json!({"space": "ENG", "title": "Rotate keys", "body": "- [ ] rotate"}),
    )
}

/// The id the fake gives the first page created on the seed.
const CREATED: &str = "00000000-0000-4000-8000-000000001063";

/// A create answered with something unreadable names the id its body gives, an update the
/// page it changed; every write is read back, and a failure there names the page; a parent in
/// another space, a stale version and an unknown space are refused before anything is
/// written, and so is an update whose read of the page fails.
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
            Unreadable {
                write: (
                    OpId::KbPagesUpdate,
                    json!({"space": "ENG", "page_id": page_id(runbook(2)), "title": "Renamed"}),
                ),
                answer: "",
                names: Some("00000000-0000-4000-8000-000000001010"),
            },
        ],
        after_the_write: AfterTheWrite::Requests(vec![
            FailingAfter {
                write: create(),
                names: CREATED,
                reason: "reading it back failed",
            },
            FailingAfter {
                write: (
                    OpId::KbPagesUpdate,
                    json!({"space": "ENG", "page_id": page_id(runbook(2)), "title": "Renamed"}),
                ),
                names: "00000000-0000-4000-8000-000000001010",
                reason: "reading it back failed",
            },
        ]),
        refused: vec![
            Refused {
                write: (
                    OpId::KbPagesCreate,
                    json!({"space": "ENG", "title": "Nested", "body": "x", "parent_id": page_id(1056)}),
                ),
                error: Expected::Kind("not_found"),
            },
            Refused {
                write: (
                    OpId::KbPagesUpdate,
                    json!({"space": "ENG", "page_id": page_id(runbook(5)), "title": "x", "version": 9}),
                ),
                error: Expected::Kind("conflict"),
            },
            Refused {
                write: (
                    OpId::KbPagesCreate,
                    json!({"space": "NOPE", "title": "x", "body": "x"}),
                ),
                error: Expected::Exactly(ProviderError::NotFound("space NOPE".into())),
            },
        ],
        before_the_write: BeforeTheWrite::Lookup {
            write: (
                OpId::KbPagesUpdate,
                json!({"space": "ENG", "page_id": runbook_1(), "title": "Renamed"}),
            ),
            failure: Scripted::status(503, "pages unavailable"),
            error: ProviderError::Unavailable("pages unavailable".into()),
        },
    }
}

/// The seed as the fake serves it, for a test that starts its own fake.
pub fn seed() -> NotionData {
    NotionData::seeded()
}

mosaic_testkit::kb_suite!(suite);
