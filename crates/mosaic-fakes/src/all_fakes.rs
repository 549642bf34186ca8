//! Every provider's fake on one listener, each below a path named after its plugin
//! (`/github`, `/gitea`, `/gitlab`, `/jira`, `/linear`, `/plane`, and `/gitea-mirror`, the
//! read mirror of `examples/hybrid-git.yaml`), with the seeded data and a fixed token each:
//! what `mosaic-fakes serve` runs, for people and scripts that point the real adapters at
//! the fakes.
//!
//! Each fake keeps the API prefix it has on its own port, so its base URL is the mount and
//! that prefix (`http://127.0.0.1:8090/gitea/api/v1`), exactly what its adapter's `base_url`
//! takes. A path below no mount is answered with a 404 that lists the mounts.

use crate::{gitea, github, gitlab, jira, linear, plane};
use axum::Router;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use mosaic_fake_kit::forge::Forge;
use mosaic_fake_kit::server::{FakeState, Style, mounted};
use mosaic_fake_kit::tracker::Tracker;
use serde_json::json;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;

/// Where `mosaic-fakes serve` listens unless told otherwise.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8090";

/// One fake as it is served: below which path, at which base URL, with which credentials.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mount {
    /// The path segment it is mounted at (`github` for `/github`), the plugin it fakes but
    /// for `gitea-mirror`.
    pub name: &'static str,
    /// What its adapter's `base_url` takes, API prefix included.
    pub base_url: String,
    /// The token (API key) it accepts.
    pub token: &'static str,
    /// The e-mail its Basic credentials carry, for the fakes that take one (Jira).
    pub email: Option<&'static str>,
}

/// The state of each fake (data, knobs, request log), to look at what the adapters did.
#[derive(Clone)]
pub struct States {
    /// GitHub's.
    pub github: Arc<FakeState<Forge>>,
    /// Gitea's.
    pub gitea: Arc<FakeState<Forge>>,
    /// The Gitea read mirror's: the same seed, state of its own.
    pub gitea_mirror: Arc<FakeState<Forge>>,
    /// GitLab's.
    pub gitlab: Arc<FakeState<Forge>>,
    /// Jira's.
    pub jira: Arc<FakeState<Tracker>>,
    /// Linear's.
    pub linear: Arc<FakeState<Tracker>>,
    /// Plane's.
    pub plane: Arc<FakeState<Tracker>>,
}

/// Every fake, bound to one listener and ready to serve.
pub struct AllFakes {
    listener: TcpListener,
    router: Router,
    mounts: Vec<Mount>,
    states: States,
    address: SocketAddr,
}

impl AllFakes {
    /// Binds `listen` (port 0 picks a free one) and mounts every fake on it.
    ///
    /// # Errors
    /// When the address cannot be bound (in use, not local, not permitted).
    pub async fn bind(listen: SocketAddr) -> std::io::Result<Self> {
        let listener = TcpListener::bind(listen).await?;
        let address = listener.local_addr()?;
        let mut set = Mounting {
            origin: format!("http://{address}"),
            router: Router::new(),
            mounts: Vec::new(),
        };
        // The tokens are printed by `mosaic-fakes serve`: nothing about them is secret.
        let states = States {
            github: set.mount(
                "github",
                "fake-github-token",
                None,
                github::style,
                Forge::seeded(),
                github::routes(),
            ),
            gitea: set.mount(
                "gitea",
                "fake-gitea-token",
                None,
                gitea::style,
                Forge::seeded(),
                gitea::routes(),
            ),
            gitea_mirror: set.mount(
                "gitea-mirror",
                "fake-gitea-mirror-token",
                None,
                gitea::style,
                Forge::seeded(),
                gitea::routes(),
            ),
            gitlab: set.mount(
                "gitlab",
                "fake-gitlab-token",
                None,
                gitlab::style,
                Forge::seeded(),
                gitlab::routes(),
            ),
            jira: set.mount(
                "jira",
                "fake-jira-token",
                Some(jira::EMAIL),
                jira::style,
                Tracker::seeded(),
                jira::routes(),
            ),
            linear: set.mount(
                "linear",
                "fake-linear-key",
                None,
                linear::style,
                Tracker::seeded(),
                linear::routes(),
            ),
            plane: set.mount(
                "plane",
                "fake-plane-key",
                None,
                plane::style,
                Tracker::seeded(),
                plane::routes(),
            ),
        };
        let prefixes: Arc<[String]> = set
            .mounts
            .iter()
            .map(|mount| format!("/{}", mount.name))
            .collect();
        let router = set
            .router
            .fallback(move |uri: Uri| unmounted(uri, Arc::clone(&prefixes)));
        Ok(Self {
            listener,
            router,
            mounts: set.mounts,
            states,
            address,
        })
    }

    /// The address listened on (the port chosen when 0 was asked).
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Every fake, in the order they are listed.
    pub fn mounts(&self) -> &[Mount] {
        &self.mounts
    }

    /// Each fake's state.
    pub fn states(&self) -> &States {
        &self.states
    }

    /// Serves until `shutdown` completes, then lets requests in progress finish.
    ///
    /// # Errors
    /// When the listener fails.
    pub async fn serve(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(shutdown)
            .await
    }
}

/// The router being assembled, one fake at a time.
struct Mounting {
    origin: String,
    router: Router,
    mounts: Vec<Mount>,
}

impl Mounting {
    /// Mounts a fake at `/{name}` over `data`, speaking `style` with `token` (and `email`,
    /// for the fakes whose credentials carry one).
    fn mount<D: Send + 'static>(
        &mut self,
        name: &'static str,
        token: &'static str,
        email: Option<&'static str>,
        style: fn(&str) -> Style,
        data: D,
        routes: Router<Arc<FakeState<D>>>,
    ) -> Arc<FakeState<D>> {
        let origin = format!("{}/{name}", self.origin);
        let (state, fake) = mounted(style(token), data, routes, origin);
        self.router = std::mem::take(&mut self.router).nest_service(&format!("/{name}"), fake);
        self.mounts.push(Mount {
            name,
            base_url: state.base_url(),
            token,
            email,
        });
        state
    }
}

/// The answer to a path below no mount.
async fn unmounted(uri: Uri, prefixes: Arc<[String]>) -> Response {
    let body = json!({
        "message": format!(
            "no fake is served at {}: each is below its own prefix, one of {}",
            uri.path(),
            prefixes.join(", ")
        ),
        "prefixes": &*prefixes,
    });
    (StatusCode::NOT_FOUND, axum::Json(body)).into_response()
}
