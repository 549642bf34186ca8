//! What BookStack shares with every knowledge base, declared once: the tests of the shared kb
//! suite (`mosaic_testkit::kb_suite!`), run with what differs on BookStack — a token id and
//! secret, Laravel's quota headers, no `ETag`s of its own, refusals in BookStack's
//! `{"error": {…}}`, writes that look the book up first and read the Markdown export after a
//! write that left a page without Markdown.

use mosaic_bookstack::BookstackPlugin;
use mosaic_bookstack_fake as bookstack;
use mosaic_core::{OpId, ProviderError, ServiceKind};
use mosaic_fake_kit::server::Scripted;
use mosaic_testkit::adapter::kb::{self, KbParticulars, Matching, PRICING, runbook};
use mosaic_testkit::adapter::{
    AfterTheWrite, BeforeTheWrite, Credential, Declaration, Expected, FailingAfter, Fake, KbSuite,
    Refused, Revalidation, Subject, Suite, Unreadable, WriteOutcomes,
};
use serde_json::{Value, json};
use std::sync::Arc;

/// The token secret the fakes accept (with the fake's token id).
pub const SECRET: &str = "bookstack-s3cret";

/// BookStack, as the shared kb suite runs it.
pub fn suite() -> KbSuite {
    let particulars = KbParticulars {
        page_id: |n| n.to_string(),
        error_body: bookstack::error_body,
        search: Matching::TitlesAndBodies,
        // BookStack counts revisions from 1, as the wiki does.
        version: |page| page.version,
    };
    Suite {
        subject: Subject {
            plugin: Arc::new(BookstackPlugin::default()),
            fake: Fake {
                style: bookstack::style,
                routes: bookstack::routes,
            },
            credential: Credential {
                setting: "token_secret",
                accepted: SECRET,
            },
            settings: json!({"token_id": bookstack::TOKEN_ID}),
        },
        declaration: Declaration {
            id: "bookstack@1.0.0",
            kinds: vec![ServiceKind::Kb],
        },
        fixture: kb::fixture(&particulars),
        quota: Some(bookstack::QUOTA),
        revalidation: Revalidation::ThroughAProxy,
        write_outcomes: write_outcomes(),
        particulars,
    }
}

/// A page created in `OPS`.
pub fn create() -> (OpId, Value) {
    (
        OpId::KbPagesCreate,
        json!({"space": "OPS", "title": "Incident review", "body": "# Review\n\nWhat broke."}),
    )
}

/// A create answered with something unreadable names the id its body gives, an update the
/// page it changed; a title change of a WYSIWYG page reads its Markdown export after the
/// write, and a failure there names the page; a page as parent, a stale version or a space
/// that is no book are refused before anything is written, and so is a create whose book
/// lookup fails.
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
                answer: r#"{"id": 1077, "name": "Incident review"}"#,
                names: Some("1077"),
            },
            Unreadable {
                write: (
                    OpId::KbPagesUpdate,
                    json!({"space": "ENG", "page_id": runbook(2).to_string(), "title": "Renamed"}),
                ),
                answer: "",
                names: Some("1010"),
            },
        ],
        after_the_write: AfterTheWrite::Requests(vec![FailingAfter {
            write: (
                OpId::KbPagesUpdate,
                json!({"space": "PRODUCT", "page_id": PRICING.to_string(), "title": "Prices"}),
            ),
            names: "1061",
            reason: "reading its Markdown back failed",
        }]),
        refused: vec![
            Refused {
                write: (
                    OpId::KbPagesCreate,
                    json!({"space": "ENG", "title": "Child", "body": "x", "parent_id": "1054"}),
                ),
                error: Expected::Kind("invalid_input"),
            },
            Refused {
                write: (
                    OpId::KbPagesUpdate,
                    json!({"space": "ENG", "page_id": runbook(5).to_string(), "title": "x", "version": 9}),
                ),
                error: Expected::Kind("conflict"),
            },
            Refused {
                write: (
                    OpId::KbPagesCreate,
                    json!({"space": "NOPE", "title": "x", "body": "x"}),
                ),
                error: Expected::Exactly(ProviderError::NotFound(
                    "space `NOPE` (no BookStack book has the slug `nope`)".into(),
                )),
            },
        ],
        before_the_write: BeforeTheWrite::Lookup {
            write: create(),
            failure: Scripted::status(503, "books unavailable"),
            error: ProviderError::Unavailable("books unavailable".into()),
        },
    }
}

mosaic_testkit::kb_suite!(suite);
