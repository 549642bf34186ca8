//! What Confluence shares with every provider, declared once: the tests of
//! `mosaic_testkit::provider_suite!` — the provider conformance suite and the plugin's
//! declaration — run on an instance of a fake of Confluence Cloud over the knowledge-base
//! seed (`mosaic_fake_kit::wiki`), reached with Basic credentials of an account's e-mail and
//! API token. The shared suite's instance has fixed settings, so its fake runs for the whole
//! test binary on a thread of its own.
//!
//! Also here: how this binary's own tests start a fake and an instance on it, Basic against
//! the site or OAuth through the gateway's path.

use mosaic_confluence::ConfluencePlugin;
use mosaic_confluence_fake as confluence;
use mosaic_core::{Provider, ServiceKind};
use mosaic_fake_kit::server::{FakeServer, Style};
use mosaic_fake_kit::wiki::Wiki;
use mosaic_testkit::Fixture;
use mosaic_testkit::adapter::{Declaration, ProviderSuite, TOKEN, instance_with};
use serde_json::{Value, json};
use std::sync::{Arc, OnceLock};

/// The cloud id the OAuth instances of these tests go through.
pub const CLOUD_ID: &str = "c0ffee-1";

/// Confluence, as the shared provider suite runs it: Basic credentials against a fake over the
/// seed, which has more pages in `ENG` than a page of search holds.
pub fn suite() -> ProviderSuite {
    ProviderSuite {
        plugin: Arc::new(ConfluencePlugin::default()),
        settings: basic_settings(shared_fake()),
        declaration: Declaration {
            id: "confluence@1.0.0",
            kinds: vec![ServiceKind::Kb],
        },
        fixture: fixture(),
    }
}

/// The seed's resources: space `ENG`, its page `Architecture overview`, a word its runbooks
/// hold.
pub fn fixture() -> Fixture {
    let wiki = Wiki::seeded();
    let page = wiki
        .pages_in("ENG")
        .find(|page| page.title == "Architecture overview")
        .map(|page| page.id.to_string());
    Fixture {
        space: Some("ENG".into()),
        page,
        query: Some("incident".into()),
        ..Fixture::default()
    }
}

/// The settings of an instance with Basic credentials against the site at `base_url`.
pub fn basic_settings(base_url: &str) -> Value {
    json!({"base_url": base_url, "email": confluence::EMAIL, "api_token": TOKEN})
}

/// The base URL of a fake that lives as long as the test binary, on a runtime of its own.
fn shared_fake() -> &'static str {
    static BASE_URL: OnceLock<String> = OnceLock::new();
    BASE_URL.get_or_init(|| {
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime for the shared fake");
            runtime.block_on(async move {
                let server = confluence::start(Wiki::seeded(), TOKEN).await;
                let _ = sender.send(server.base_url());
                std::future::pending::<()>().await;
            });
        });
        receiver.recv().expect("the shared fake started")
    })
}

/// A fake over the seed and an instance on it with Basic credentials and `more` settings.
pub async fn started(more: Value) -> (FakeServer<Wiki>, Arc<dyn Provider>) {
    let server = confluence::start(Wiki::seeded(), TOKEN).await;
    let mut settings = basic_settings(&server.base_url());
    if let (Some(settings), Value::Object(more)) = (settings.as_object_mut(), more) {
        settings.extend(more);
    }
    let provider = build(settings).await;
    (server, provider)
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
        "base_url": "https://acme.atlassian.net",
        "token": TOKEN,
        "cloud_id": CLOUD_ID,
        "api_url": server.state().origin,
    });
    let provider = build(settings).await;
    (server, provider)
}

async fn build(mut settings: Value) -> Arc<dyn Provider> {
    let base_url = settings["base_url"].as_str().unwrap_or_default().to_owned();
    if let Some(object) = settings.as_object_mut() {
        object.remove("base_url");
    }
    instance_with(&ConfluencePlugin::default(), &base_url, settings).await
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

mosaic_testkit::provider_suite!(suite);
