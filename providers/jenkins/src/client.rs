//! [`Jenkins`]: one instance: its requests (every JSON read bounded with `tree=`, every POST
//! with the CSRF crumb once Jenkins asks for one, every HTML error page read for its message),
//! where a repository's jobs are, and the hooks of its [`Instance`].

use super::config::JenkinsConnection;
use super::dialect::{JENKINS, html_message};
use super::folders::Folders;
use super::ids::job_path_of;
use mosaic_core::{Health, ProviderError, Quota};
use mosaic_plugin::Instance;
use mosaic_plugin::kinds::{CiPipelines, CiRuns};
use mosaic_provider_kit::http::{ApiClient, Effect, RawReply, Reply, error_for_answer, health_of};
use reqwest::{Method, Url};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

/// A running Jenkins instance.
pub struct Jenkins {
    pub(super) api: ApiClient,
    pub(super) base_url: Url,
    pub(super) folders: Folders,
    pub(super) branch_parameter: String,
    pub(super) queue_wait: Duration,
    pub(super) stop_grace: Duration,
    /// The crumb's field and value, once Jenkins asked for one.
    crumb: Mutex<Option<(String, String)>>,
}

/// `/crumbIssuer/api/json`.
#[derive(Deserialize)]
struct Crumb {
    crumb: String,
    #[serde(rename = "crumbRequestField")]
    field: String,
}

impl Jenkins {
    /// An instance over its HTTP client.
    pub fn new(api: ApiClient, connection: &JenkinsConnection) -> Self {
        Self {
            api,
            base_url: connection.base_url.clone(),
            folders: connection.folders.clone(),
            branch_parameter: connection.branch_parameter.clone(),
            queue_wait: connection.queue_wait,
            stop_grace: connection.stop_grace,
            crumb: Mutex::new(None),
        }
    }

    /// `{path}/api/json?tree=…` as `T`; `path` is a job path (`job/a/job/b`) or empty for the
    /// root.
    pub(super) async fn json<T: DeserializeOwned>(
        &self,
        path: &str,
        tree: &str,
    ) -> Result<T, ProviderError> {
        let reply = self
            .request(
                Method::GET,
                &below(path, "api/json"),
                &[("tree", tree.to_owned())],
                Effect::Read,
            )
            .await?;
        Reply::new(reply.body, None).json()
    }

    /// A request whose failure is mapped to a typed error, an HTML page read for its message.
    pub(super) async fn request(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        effect: Effect,
    ) -> Result<RawReply, ProviderError> {
        let reply = self.api.send_raw(method, path, query, None, effect).await?;
        checked(reply, effect)
    }

    /// A POST, with the crumb when Jenkins asked for one: a `403` that says a crumb is missing
    /// fetches one (once, kept for the instance's life) and sends the POST again. The crumb goes
    /// in the query, where Jenkins' `CrumbFilter` reads it as it reads the header.
    pub(super) async fn post(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<RawReply, ProviderError> {
        let kept = self.kept_crumb();
        let reply = self.post_with(path, query, kept.as_ref()).await?;
        if kept.is_some() || !asks_for_a_crumb(&reply) {
            return checked(reply, Effect::Write);
        }
        let crumb: Crumb = self.json("crumbIssuer", "crumb,crumbRequestField").await?;
        let crumb = (crumb.field, crumb.crumb);
        *self
            .crumb
            .lock()
            .unwrap_or_else(|poison| poison.into_inner()) = Some(crumb.clone());
        let reply = self.post_with(path, query, Some(&crumb)).await?;
        checked(reply, Effect::Write)
    }

    fn kept_crumb(&self) -> Option<(String, String)> {
        self.crumb
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
            .clone()
    }

    async fn post_with(
        &self,
        path: &str,
        query: &[(&str, String)],
        crumb: Option<&(String, String)>,
    ) -> Result<RawReply, ProviderError> {
        let mut query = query.to_vec();
        if let Some((field, value)) = crumb {
            query.push((field.as_str(), value.clone()));
        }
        self.api
            .send_raw(Method::POST, path, &query, None, Effect::Write)
            .await
    }

    /// The job path of `repo`'s folder.
    pub(super) fn folder_of(&self, repo: &str) -> Result<String, ProviderError> {
        self.folders.folder_of(repo)
    }

    /// The job path of a URL Jenkins answered.
    pub(super) fn path_of(&self, url: &str) -> Result<String, ProviderError> {
        job_path_of(&self.base_url, url)
    }

    /// The absolute URL of a job path, as Jenkins writes job URLs.
    pub(super) fn url_of(&self, path: &str) -> String {
        format!("{}/{path}/", self.base_url.as_str().trim_end_matches('/'))
    }
}

/// `/{path}/{rest}`, or `/{rest}` for the root.
pub(super) fn below(path: &str, rest: &str) -> String {
    if path.is_empty() {
        format!("/{rest}")
    } else {
        format!("/{path}/{rest}")
    }
}

/// Whether a refusal is Jenkins' CSRF protection asking for a crumb.
fn asks_for_a_crumb(reply: &RawReply) -> bool {
    reply.status == reqwest::StatusCode::FORBIDDEN
        && String::from_utf8_lossy(&reply.body)
            .to_ascii_lowercase()
            .contains("crumb")
}

/// A 2xx or 3xx answer as it is; any other as its typed error, the message of an HTML page
/// handed on as `{"message": …}` (never the page).
fn checked(reply: RawReply, effect: Effect) -> Result<RawReply, ProviderError> {
    if reply.status.is_success() || reply.status.is_redirection() {
        return Ok(reply);
    }
    let body = match html_message(&reply.body) {
        Some(message) => json!({ "message": message }).to_string().into_bytes(),
        None => reply.body.to_vec(),
    };
    Err(error_for_answer(
        &JENKINS,
        reply.status,
        &reply.headers,
        &body,
        SystemTime::now(),
        effect,
    ))
}

#[async_trait::async_trait]
impl Instance for Jenkins {
    /// The root's class: proves the URL, the user and the token (Jenkins answers `401` to
    /// a wrong token, and `403` to a user without Overall/Read).
    async fn health(&self) -> Health {
        health_of(self.json::<Value>("", "_class").await)
    }

    /// What a proxy in front reported last: Jenkins sends no quota of its own.
    fn quota(&self) -> Option<Quota> {
        self.api.quota()
    }

    /// Jenkins builds take minutes and it sends no rate limits: every 10 seconds follows a
    /// build closely without loading the controller, which serves its UI from the same threads.
    fn run_poll_interval(&self) -> Duration {
        Duration::from_secs(10)
    }

    fn ci_pipelines(&self) -> Option<&dyn CiPipelines> {
        Some(self)
    }

    fn ci_runs(&self) -> Option<&dyn CiRuns> {
        Some(self)
    }
}

/// Names the missing thing in a 404, keeping Jenkins' own words after it.
pub(super) fn missing(what: impl Into<String>) -> impl FnOnce(ProviderError) -> ProviderError {
    let what = what.into();
    move |error| match error {
        ProviderError::NotFound(message) => {
            ProviderError::NotFound(format!("{what} (Jenkins: {message})"))
        }
        other => other,
    }
}

#[cfg(test)]
#[path = "client_tests.rs"]
mod tests;
