//! What Confluence shares with every knowledge base, declared once: the tests of the shared kb
//! suite (`mosaic_testkit::kb_suite!`, which runs the provider conformance suite and the
//! plugin's declaration too), run with what differs on Confluence — Basic credentials of an
//! account's e-mail and API token, the seed's numbers as page ids, a search that reads titles
//! and bodies (CQL `text ~`), `version.number` as the version, no quota or `ETag`s of its own,
//! refusals in v2's `{"errors": […]}`, and writes that look the space up first and read the
//! page back after.
//!
//! Also here: how this binary's own tests start a fake and an instance on it, Basic against
//! the site or OAuth through the gateway's path.

use mosaic_confluence::ConfluencePlugin;
use mosaic_confluence_fake as confluence;
use mosaic_core::{OpId, Provider, ProviderError, ServiceKind};
use mosaic_fake_kit::server::{FakeServer, Scripted, Style};
use mosaic_fake_kit::wiki::Wiki;
use mosaic_testkit::Fixture;
use mosaic_testkit::adapter::kb::{self, KbParticulars, Matching, runbook};
use mosaic_testkit::adapter::{
    AfterTheWrite, BeforeTheWrite, Credential, Declaration, Expected, FailingAfter, Fake, KbSuite,
    Refused, Revalidation, Subject, Suite, TOKEN, Unreadable, WriteOutcomes, instance_with,
};
use serde_json::{Value, json};
use std::sync::Arc;

/// The cloud id the OAuth instances of these tests go through.
pub const CLOUD_ID: &str = "c0ffee-1";

/// What Confluence differs in as a knowledge base.
fn particulars() -> KbParticulars {
    KbParticulars {
        // Confluence's page ids are numbers, as the wiki's are.
        page_id: |n| n.to_string(),
        error_body: confluence::v2_error_body,
        // CQL's `text ~` reads titles and bodies.
        search: Matching::TitlesAndBodies,
        // `version.number`, counted from 1 as the wiki counts.
        version: |page| page.version,
    }
}

/// Confluence, as the shared kb suite runs it.
pub fn suite() -> KbSuite {
    let particulars = particulars();
    Suite {
        subject: Subject {
            plugin: Arc::new(ConfluencePlugin::default()),
            fake: Fake {
                style: confluence::style,
                routes: confluence::routes,
            },
            credential: Credential {
                setting: "api_token",
                accepted: TOKEN,
            },
            settings: json!({"email": confluence::EMAIL}),
        },
        declaration: Declaration {
            id: "confluence@1.0.0",
            kinds: vec![ServiceKind::Kb],
        },
        fixture: kb::fixture(&particulars),
        // Confluence, as Jira, sends no quota on ordinary answers: its `X-RateLimit-*` come
        // with its 429s and near the limit (developer.atlassian.com/cloud/confluence/
        // rate-limiting), and are read then, as a proxy's are.
        quota: None,
        // Confluence sends no `ETag` on v2's pages or spaces; the client honours a proxy's.
        revalidation: Revalidation::ThroughAProxy,
        write_outcomes: write_outcomes(),
        particulars,
    }
}

/// The seed's resources for the provider conformance suite.
pub fn fixture() -> Fixture {
    kb::fixture(&particulars())
}

/// A page created in `OPS`.
pub fn create() -> (OpId, Value) {
    (
        OpId::KbPagesCreate,
        json!({"space": "OPS", "title": "Incident review", "body": "# Review\n\nWhat broke."}),
    )
}

/// The id the fake gives the first page created on the seed.
const CREATED: &str = "1063";

/// A create's answer is read for the id it gives alone, and the page is confirmed by reading
/// it back: an answer without one leaves the create unconfirmed naming nothing, one naming a
/// page that cannot be read back names that page. An update's answer is not read (the read
/// back confirms it), so what is unreadable of an update is only met as a failed read back,
/// which names the page, as a create's names the page created. A parent of another space, or
/// a title the space already holds (by a create or a rename), is Confluence's 400; a stale
/// version or an unknown space is the adapter's own refusal before anything is written, and
/// so is a create whose space lookup fails.
fn write_outcomes() -> WriteOutcomes {
    let renamed = (
        OpId::KbPagesUpdate,
        json!({"space": "ENG", "page_id": runbook(2).to_string(), "title": "Renamed"}),
    );
    WriteOutcomes {
        unreadable: vec![
            Unreadable {
                write: create(),
                answer: "<html>oops</html>",
                names: None,
            },
            Unreadable {
                write: create(),
                answer: r#"{"id": "1099", "title": "Incident review"}"#,
                names: Some("1099"),
            },
        ],
        after_the_write: AfterTheWrite::Requests(vec![
            FailingAfter {
                write: create(),
                names: CREATED,
                reason: "reading it back failed",
            },
            FailingAfter {
                write: renamed,
                names: "1010",
                reason: "reading it back failed",
            },
        ]),
        refused: vec![
            Refused {
                write: (
                    OpId::KbPagesCreate,
                    json!({"space": "ENG", "title": "Nested", "body": "x", "parent_id": "1061"}),
                ),
                error: Expected::Kind("invalid_input"),
            },
            Refused {
                write: (
                    OpId::KbPagesCreate,
                    json!({"space": "ENG", "title": "Runbook 1", "body": "x"}),
                ),
                error: Expected::Kind("invalid_input"),
            },
            Refused {
                write: (
                    OpId::KbPagesUpdate,
                    json!({"space": "ENG", "page_id": runbook(2).to_string(), "title": "Runbook 1"}),
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
                error: Expected::Exactly(ProviderError::NotFound("no space `NOPE`".into())),
            },
        ],
        before_the_write: BeforeTheWrite::Lookup {
            write: create(),
            failure: Scripted::status(503, "spaces unavailable"),
            error: ProviderError::Unavailable("spaces unavailable".into()),
        },
    }
}

/// A fake over the seed and an instance on it with Basic credentials and `more` settings.
pub async fn started(more: Value) -> (FakeServer<Wiki>, Arc<dyn Provider>) {
    suite().subject.seeded_with(more).await
}

/// A fake served below `/ex/confluence/{CLOUD_ID}`, as Atlassian's OAuth gateway serves a
/// site, and an instance on it with a bearer token and the cloud id.
pub async fn started_through_the_gateway() -> (FakeServer<Wiki>, Arc<dyn Provider>) {
    let style = Style {
        prefix: format!("/ex/confluence/{CLOUD_ID}"),
        ..confluence::style(TOKEN)
    };
    let server = FakeServer::start(style, Wiki::seeded(), confluence::routes()).await;
    let settings = json!({
        "token": TOKEN,
        "cloud_id": CLOUD_ID,
        "api_url": server.state().origin,
    });
    let plugin = ConfluencePlugin::default();
    let provider = instance_with(&plugin, "https://acme.atlassian.net", settings).await;
    (server, provider)
}

/// The id of the seed's page titled `title`.
pub fn page_id(title: &str) -> String {
    Wiki::seeded()
        .pages
        .iter()
        .find(|page| page.title == title)
        .map(|page| page.id.to_string())
        .unwrap_or_else(|| panic!("the seed has a page `{title}`"))
}

mosaic_testkit::kb_suite!(suite);
