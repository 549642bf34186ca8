//! A provider under test and its stateful fake: the plugin, how its fake speaks, the
//! credential the fake accepts and the settings every instance is built with. A [`Subject`]
//! starts the fake on the seed of the provider's kind ([`Seed`]), the same data for every
//! forge and for every tracker, so that one check holds for all of them.

use super::instance_with;
use axum::Router;
use mosaic_core::{OpId, Provider};
use mosaic_fake_kit::builds::Builds;
use mosaic_fake_kit::forge::Forge;
use mosaic_fake_kit::server::{FakeServer, FakeState, Style};
use mosaic_fake_kit::tracker::Tracker;
use mosaic_plugin::Plugin;
use serde_json::{Value, json};
use std::sync::Arc;

/// The credential the fakes accept in these tests, unless a provider declares another.
pub const TOKEN: &str = "t0ken";

/// A running fake and an instance of the plugin pointed at it.
pub type Started<D> = (FakeServer<D>, Arc<dyn Provider>);

/// How a provider's fake is served, as its fake crate exports it.
pub struct Fake<D> {
    /// How the fake speaks, accepting the credential it is given (`github::style`).
    pub style: fn(&str) -> Style,
    /// Its routes (`github::routes`).
    pub routes: fn() -> Router<Arc<FakeState<D>>>,
}

/// The setting that carries the credential, and the value the fake accepts.
#[derive(Clone, Copy, Debug)]
pub struct Credential {
    /// The setting's name (`token`, `api_key`).
    pub setting: &'static str,
    /// The value the fake accepts.
    pub accepted: &'static str,
}

impl Credential {
    /// [`TOKEN`] in a `token` setting, as every forge plugin takes it.
    pub const TOKEN: Self = Self {
        setting: "token",
        accepted: TOKEN,
    };
}

/// A plugin and its fake.
pub struct Subject<D> {
    /// The plugin under test.
    pub plugin: Arc<dyn Plugin>,
    /// Its fake.
    pub fake: Fake<D>,
    /// The credential its instances are built with.
    pub credential: Credential,
    /// Settings every instance gets besides the base URL and the credential (a workspace, an
    /// account's e-mail).
    pub settings: Value,
}

impl<D: Seed> Subject<D> {
    /// `plugin` with [`Credential::TOKEN`] and no other settings, as every forge is built.
    pub fn with_token(plugin: impl Plugin, fake: Fake<D>) -> Self {
        Self {
            plugin: Arc::new(plugin),
            fake,
            credential: Credential::TOKEN,
            settings: json!({}),
        }
    }

    /// The fake on the kind's seed, and an instance on it.
    pub async fn seeded(&self) -> Started<D> {
        self.start(D::seeded()).await
    }

    /// The fake on the kind's seed, and an instance on it with `more` settings than those
    /// declared (another search endpoint, another workspace).
    pub async fn seeded_with(&self, more: Value) -> Started<D> {
        let server = self.serve(D::seeded(), |style| style).await;
        let provider = self.instance(&server.base_url(), more).await;
        (server, provider)
    }

    /// The fake on `data`, and an instance on it.
    pub async fn start(&self, data: D) -> Started<D> {
        self.start_styled(data, |style| style).await
    }

    /// The fake on `data` speaking as `restyle` makes it (a proxy in front that adds `ETag`s,
    /// a path prefix), and an instance on it.
    pub async fn start_styled(&self, data: D, restyle: impl FnOnce(Style) -> Style) -> Started<D> {
        let server = self.serve(data, restyle).await;
        let provider = self.instance(&server.base_url(), json!({})).await;
        (server, provider)
    }

    /// The fake alone, on `data`, speaking as `restyle` makes it.
    pub async fn serve(&self, data: D, restyle: impl FnOnce(Style) -> Style) -> FakeServer<D> {
        let style = restyle((self.fake.style)(self.credential.accepted));
        FakeServer::start(style, data, (self.fake.routes)()).await
    }

    /// An instance at `base_url` with the declared settings, the credential and `more`.
    pub async fn instance(&self, base_url: &str, more: Value) -> Arc<dyn Provider> {
        let mut settings = self.settings.clone();
        settings[self.credential.setting] = json!(self.credential.accepted);
        if let (Some(settings), Value::Object(more)) = (settings.as_object_mut(), more) {
            settings.extend(more);
        }
        instance_with(self.plugin.as_ref(), base_url, settings).await
    }

    /// An instance at `base_url` whose credential the fake does not accept.
    pub async fn with_wrong_credential(&self, base_url: &str) -> Arc<dyn Provider> {
        let wrong = json!({ self.credential.setting: "wrong" });
        self.instance(base_url, wrong).await
    }
}

/// The data every fake of a kind starts from, and the reads a check makes of it.
pub trait Seed: Send + Sized + 'static {
    /// The kind's seed (`Forge::seeded`, `Tracker::seeded`).
    fn seeded() -> Self;

    /// A read of something the seed holds; its answer has a `title`.
    fn a_read() -> (OpId, Value);

    /// A read of something else the seed holds.
    fn another_read() -> (OpId, Value);

    /// A first page of five of a list the seed holds more of.
    fn a_page() -> (OpId, Value);

    /// Renames what [`Seed::a_read`] reads to `title`.
    fn rename_what_is_read(&mut self, title: &str);

    /// Where the answer of [`Seed::a_read`] shows what [`Seed::rename_what_is_read`] changed.
    /// By default: its `title`.
    fn renamed(answer: &Value) -> &Value {
        &answer["title"]
    }
}

/// The repository of the forge seed that most checks address.
pub const REPO: &str = "acme/internal-api";

impl Seed for Forge {
    fn seeded() -> Self {
        Forge::seeded()
    }

    fn a_read() -> (OpId, Value) {
        (OpId::GitIssuesGet, json!({"repo": REPO, "number": 1}))
    }

    fn another_read() -> (OpId, Value) {
        (OpId::GitReposGet, json!({"repo": "acme-oss/toolkit"}))
    }

    fn a_page() -> (OpId, Value) {
        (OpId::GitCommitsList, json!({"repo": REPO, "per_page": 5}))
    }

    fn rename_what_is_read(&mut self, title: &str) {
        let issue = self.repo_mut(REPO).and_then(|repo| repo.issue_mut(1));
        issue.expect("the seed's issue #1").title = title.into();
    }
}

impl Seed for Tracker {
    fn seeded() -> Self {
        Tracker::seeded()
    }

    fn a_read() -> (OpId, Value) {
        (OpId::PmIssuesGet, json!({"key": "PLAT-1"}))
    }

    fn another_read() -> (OpId, Value) {
        (OpId::PmIssuesGet, json!({"key": "PLAT-2"}))
    }

    fn a_page() -> (OpId, Value) {
        (
            OpId::PmIssuesSearch,
            json!({"project": "PLAT", "per_page": 5}),
        )
    }

    fn rename_what_is_read(&mut self, title: &str) {
        self.item_mut("PLAT-1").expect("the seed's PLAT-1").title = title.into();
        self.touch("PLAT-1");
    }
}

/// The repository of the CI seed whose finished runs most checks read.
pub const CI_REPO: &str = "acme/api";

/// The id of the CI seed's run of `acme/api`'s `ci` numbered `number` (1 … 35).
pub fn ci_run(number: u64) -> String {
    let seed = Builds::seeded();
    let run = seed.builds_of(CI_REPO).find(|build| build.number == number);
    run.expect("the CI seed's run").id.to_string()
}

impl Seed for Builds {
    fn seeded() -> Self {
        Builds::seeded()
    }

    /// The newest run of `acme/api` (run 35, finished, so it reads the same every time),
    /// through a list: run ids differ between services, a list's arguments do not.
    fn a_read() -> (OpId, Value) {
        (OpId::CiRunsList, json!({"repo": CI_REPO, "per_page": 1}))
    }

    fn another_read() -> (OpId, Value) {
        (OpId::CiPipelinesList, json!({"repo": CI_REPO}))
    }

    fn a_page() -> (OpId, Value) {
        (OpId::CiRunsList, json!({"repo": CI_REPO, "per_page": 5}))
    }

    /// Runs have no title: the run's ref changes instead.
    fn rename_what_is_read(&mut self, title: &str) {
        let id: u64 = ci_run(35).parse().expect("a numeric id");
        let run = self.builds.iter_mut().find(|build| build.id == id);
        run.expect("the CI seed's run #35").git_ref = title.into();
    }

    fn renamed(answer: &Value) -> &Value {
        &answer["items"][0]["ref"]
    }
}
