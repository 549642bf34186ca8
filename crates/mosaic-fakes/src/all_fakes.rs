//! Every provider's fake on one listener, each below a path named after its plugin
//! (`/github`, `/jira`, ...; a fake may mount a second copy under another name, as Gitea's
//! `/gitea-mirror`, the read mirror of `examples/hybrid-git.yaml`), with the seeded data and
//! a fixed token each: what `mosaic-fakes serve` runs, for people and scripts that point the
//! real adapters at the fakes. The fakes are those of the built-in providers
//! ([`crate::mounts`]).
//!
//! Each fake keeps the API prefix it has on its own port, so its base URL is the mount and
//! that prefix (`http://127.0.0.1:8090/gitea/api/v1`), exactly what its adapter's `base_url`
//! takes. A path below no mount is answered with a 404 that lists the mounts.

use axum::Router;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use mosaic_fake_kit::mount::FakeMount;
use mosaic_fake_kit::server::FakeState;
use serde_json::json;
use std::any::Any;
use std::collections::BTreeMap;
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
    /// More variables to export, `(WHAT, value)` for `MOSAIC_{NAME}_{WHAT}`.
    pub more: Vec<(&'static str, String)>,
}

/// Every fake, bound to one listener and ready to serve.
pub struct AllFakes {
    listener: TcpListener,
    router: Router,
    mounts: Vec<Mount>,
    states: BTreeMap<&'static str, Arc<dyn Any + Send + Sync>>,
    address: SocketAddr,
}

impl AllFakes {
    /// Binds `listen` (port 0 picks a free one) and mounts every built-in provider's fake on
    /// it.
    ///
    /// # Errors
    /// When the address cannot be bound (in use, not local, not permitted).
    pub async fn bind(listen: SocketAddr) -> std::io::Result<Self> {
        Self::bind_mounts(listen, crate::mounts()).await
    }

    /// Binds `listen` and mounts `fakes` on it, each below `/{name}`.
    ///
    /// # Errors
    /// When the address cannot be bound (in use, not local, not permitted).
    pub async fn bind_mounts(listen: SocketAddr, fakes: Vec<FakeMount>) -> std::io::Result<Self> {
        let listener = TcpListener::bind(listen).await?;
        let address = listener.local_addr()?;
        let mut router = Router::new();
        let mut mounts = Vec::with_capacity(fakes.len());
        let mut states = BTreeMap::new();
        for fake in fakes {
            let built = fake.build(format!("http://{address}/{}", fake.name));
            router = router.nest_service(&format!("/{}", fake.name), built.router);
            states.insert(fake.name, built.state);
            mounts.push(Mount {
                name: fake.name,
                base_url: built.base_url,
                token: fake.token,
                email: fake.email,
                more: fake.more,
            });
        }
        let prefixes: Arc<[String]> = mounts
            .iter()
            .map(|mount| format!("/{}", mount.name))
            .collect();
        let router = router.fallback(move |uri: Uri| unmounted(uri, Arc::clone(&prefixes)));
        Ok(Self {
            listener,
            router,
            mounts,
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

    /// The state (data, knobs, request log) of the fake mounted at `name`, to look at what the
    /// adapters did; `None` when no fake is mounted there or its data is not a `D`.
    pub fn state<D: Send + 'static>(&self, name: &str) -> Option<Arc<FakeState<D>>> {
        let state = Arc::clone(self.states.get(name)?);
        state.downcast::<FakeState<D>>().ok()
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
