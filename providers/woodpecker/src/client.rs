//! [`Woodpecker`]: one instance: its requests (every answer read here, since Woodpecker's
//! refusals are plain text, `dialect.rs`), the repository ids it has looked up, and the
//! hooks of its [`Instance`] — the health probe, the quota, the poll interval, and the two
//! resources it serves, whose operations are in `pipelines.rs`, `runs.rs` and `logs.rs`.
//!
//! Repositories are addressed by id; the id of `owner/name` is looked up once
//! (`GET /repos/lookup/{owner}/{name}`) and kept. Woodpecker keeps a repository's id through
//! a rename (and finds it by its old name), so a kept id stays right; when it answers 404
//! the repository was removed, or removed and activated again under a new id: the name is
//! looked up again, and the call repeated once on a new id. Only a lookup that fails too is
//! `not_found`, naming the repository.

use super::dialect;
use super::mapping::{WebUrls, WpPipeline, WpRepo};
use mosaic_core::{Health, ProviderError, Quota};
use mosaic_plugin::Instance;
use mosaic_plugin::kinds::{CiPipelines, CiRuns};
use mosaic_provider_kit::http::{ApiClient, Effect, RawReply, encode_segment, health_of};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

/// How often `ci.runs.wait` reads a run again. Woodpecker limits no API rate of its own and
/// a read of a run is one request, while steps take seconds to minutes: every 5 seconds
/// follows a run closely at a cost a server does not notice.
const RUN_POLL_INTERVAL: Duration = Duration::from_secs(5);

/// A running Woodpecker instance.
pub struct Woodpecker {
    api: ApiClient,
    pub(super) web: WebUrls,
    /// Repository ids by `owner/name` in lower case (Woodpecker compares names so).
    repos: Mutex<HashMap<String, u64>>,
}

impl Woodpecker {
    /// An instance over its HTTP client, with pages below `web_url`.
    pub fn new(api: ApiClient, web_url: &str) -> Self {
        Self {
            api,
            web: WebUrls::new(web_url),
            repos: Mutex::new(HashMap::new()),
        }
    }

    /// Sends a request; a non-success answer is the error it stands for.
    pub(super) async fn request(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
    ) -> Result<RawReply, ProviderError> {
        let effect = Effect::of(&method);
        let reply = self.api.send_raw(method, path, query, body, effect).await?;
        if reply.status.is_success() {
            return Ok(reply);
        }
        Err(dialect::refusal(
            reply.status,
            &reply.headers,
            &reply.body,
            effect,
        ))
    }

    /// A GET's answer as `T`.
    pub(super) async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, ProviderError> {
        let reply = self.request(Method::GET, path, query, None).await?;
        json_of(&reply.body)
    }

    /// Repository `repo`'s id: kept, or looked up.
    async fn repo_id(&self, repo: &str) -> Result<u64, ProviderError> {
        if let Some(id) = self.kept(repo) {
            return Ok(id);
        }
        Ok(self.lookup(repo).await?.id)
    }

    /// Looks `repo` up by name and keeps its id.
    pub(super) async fn lookup(&self, repo: &str) -> Result<WpRepo, ProviderError> {
        let (owner, name) = repo.split_once('/').ok_or_else(|| {
            ProviderError::Invalid(format!("repository `{repo}` is not `owner/name`"))
        })?;
        let path = format!(
            "/repos/lookup/{}/{}",
            encode_segment(owner)?,
            encode_segment(name)?
        );
        let found: WpRepo = self.get(&path, &[]).await.map_err(|error| match error {
            ProviderError::NotFound(_) => ProviderError::NotFound(format!(
                "repository `{repo}` is not active on this Woodpecker server, or the token may not read it"
            )),
            other => other,
        })?;
        self.lock().insert(repo.to_lowercase(), found.id);
        Ok(found)
    }

    fn kept(&self, repo: &str) -> Option<u64> {
        self.lock().get(&repo.to_lowercase()).copied()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, u64>> {
        // A panic while holding the map leaves ids that are still right.
        self.repos
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `call` with `repo`'s id. When a kept id answers 404, the name is looked up again
    /// and, on a new id, `call` repeated once; on the same id the 404 is `call`'s own (a
    /// pipeline that does not exist).
    pub(super) async fn in_repo<T, F, Fut>(&self, repo: &str, call: F) -> Result<T, ProviderError>
    where
        F: Fn(u64) -> Fut,
        Fut: Future<Output = Result<T, ProviderError>>,
    {
        let kept = self.kept(repo);
        let id = self.repo_id(repo).await?;
        match call(id).await {
            Err(ProviderError::NotFound(message)) if kept.is_some() => {
                self.lock().remove(&repo.to_lowercase());
                let again = self.lookup(repo).await?;
                if again.id == id {
                    return Err(ProviderError::NotFound(message));
                }
                call(again.id).await
            }
            other => other,
        }
    }

    /// Pipeline `number` of repository `repo_id`, with its workflows.
    pub(super) async fn pipeline(
        &self,
        repo_id: u64,
        number: u64,
    ) -> Result<WpPipeline, ProviderError> {
        self.get(&format!("/repos/{repo_id}/pipelines/{number}"), &[])
            .await
    }
}

/// A body as `T`; one that does not fit is the provider's fault, said where.
pub(super) fn json_of<T: DeserializeOwned>(body: &[u8]) -> Result<T, ProviderError> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        ProviderError::Protocol(format!(
            "answer does not fit the expected shape at `{}`: {}",
            error.path(),
            error.inner()
        ))
    })
}

/// A run id as Woodpecker's pipeline number: a positive number.
pub(super) fn run_number(id: &str) -> Result<u64, ProviderError> {
    id.trim()
        .parse::<u64>()
        .ok()
        .filter(|number| *number > 0)
        .ok_or_else(|| {
            ProviderError::Invalid(format!(
                "run_id `{id}` is not a Woodpecker pipeline number (a positive number)"
            ))
        })
}

#[async_trait::async_trait]
impl Instance for Woodpecker {
    /// The token's user: proves the server answers and the token is one of its users'
    /// (Woodpecker serves public repositories to anyone, so a repository read would not).
    async fn health(&self) -> Health {
        health_of(self.get::<Value>("/user", &[]).await)
    }

    /// What a proxy's `X-RateLimit-*` headers said last; Woodpecker sends none.
    fn quota(&self) -> Option<Quota> {
        self.api.quota()
    }

    fn run_poll_interval(&self) -> Duration {
        RUN_POLL_INTERVAL
    }

    fn ci_pipelines(&self) -> Option<&dyn CiPipelines> {
        Some(self)
    }

    fn ci_runs(&self) -> Option<&dyn CiRuns> {
        Some(self)
    }
}
