//! [`BuildContext`]: what the gateway hands every instance it builds, so that no plugin opens
//! its own HTTP stack, reads the wall clock behind the tests' back, invents metric names,
//! reads secrets from wherever it likes or keeps a cache of its own the cache layer cannot see.

use crate::validators::{NoValidators, ValidatorScope, Validators};
use mosaic_core::Secret;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// The User-Agent of every request to a provider.
pub const USER_AGENT: &str = concat!("mosaic/", env!("CARGO_PKG_VERSION"));

/// How long a TCP and TLS connection to a provider may take to open.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Everything a plugin's build may use.
#[derive(Clone)]
pub struct BuildContext {
    instance: String,
    http: HttpClients,
    clock: Arc<dyn Clock>,
    state_dir: Option<PathBuf>,
    secrets: Arc<dyn SecretSource>,
    validators: Arc<dyn Validators>,
    scope: ValidatorScope,
}

impl BuildContext {
    /// The context of instance `instance`: the shared HTTP settings, the system clock, secrets
    /// from the process environment, no state directory, and no validators kept (every GET
    /// unconditional) under a scope unique to this context.
    pub fn new(instance: impl Into<String>) -> Self {
        let instance = instance.into();
        Self {
            scope: ValidatorScope::unshared(instance.as_str()),
            instance,
            http: HttpClients::default(),
            clock: Arc::new(SystemClock),
            state_dir: None,
            secrets: Arc::new(EnvironmentSecrets),
            validators: Arc::new(NoValidators),
        }
    }

    /// With a directory where the instance may keep state across restarts.
    pub fn with_state_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.state_dir = Some(dir.into());
        self
    }

    /// With another clock (a test's).
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// With another source of secrets.
    pub fn with_secrets(mut self, secrets: Arc<dyn SecretSource>) -> Self {
        self.secrets = secrets;
        self
    }

    /// With a store of validators, so the instance's GETs are revalidated with
    /// `If-None-Match` (see [`crate::validators`]).
    pub fn with_validators(mut self, validators: Arc<dyn Validators>) -> Self {
        self.validators = validators;
        self
    }

    /// With the fingerprint of what the instance is built from, which scopes its validators:
    /// builds of the same instance with the same fingerprint share them, across reloads. It
    /// must change whenever the instance's credentials or settings do (the gateway hashes its
    /// plugin id and settings), and must not contain the credentials themselves.
    pub fn with_scope_fingerprint(mut self, fingerprint: impl Into<Arc<str>>) -> Self {
        self.scope = ValidatorScope::new(self.instance.as_str(), fingerprint)
            .with_jurisdiction(self.scope.jurisdiction());
        self
    }

    /// With the jurisdiction of the instance's data (its `jurisdiction` label), which keeps its
    /// validators out of shared stores whose region may not hold it (see
    /// [`crate::validators`], "Residency").
    pub fn with_scope_jurisdiction(mut self, jurisdiction: Option<&str>) -> Self {
        self.scope = self.scope.with_jurisdiction(jurisdiction);
        self
    }

    /// The name of the instance being built (for its metrics and errors).
    pub fn instance(&self) -> &str {
        &self.instance
    }

    /// The factory of HTTP clients.
    pub fn http(&self) -> &HttpClients {
        &self.http
    }

    /// The clock.
    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    /// The instance's own state directory, when the gateway has one (it keeps its state in
    /// a file); each instance gets a directory of its own.
    pub fn state_dir(&self) -> Option<&Path> {
        self.state_dir.as_deref()
    }

    /// A secret by name (an environment variable, by default).
    pub fn secret(&self, name: &str) -> Option<Secret> {
        self.secrets.secret(name)
    }

    /// Where the instance keeps the validators of its conditional requests.
    pub fn validators(&self) -> &Arc<dyn Validators> {
        &self.validators
    }

    /// The scope the instance's validators are kept under: its name and fingerprint.
    pub fn scope(&self) -> &ValidatorScope {
        &self.scope
    }

    /// The labels of every metric the instance records.
    pub fn metric_labels(&self) -> Vec<(&'static str, String)> {
        vec![("instance", self.instance.clone())]
    }
}

/// How every provider client is set up: one User-Agent, one connect timeout, the TLS stack
/// the workspace builds reqwest with (rustls).
#[derive(Clone, Debug)]
pub struct HttpClients {
    user_agent: String,
    connect_timeout: Duration,
}

impl Default for HttpClients {
    fn default() -> Self {
        Self {
            user_agent: USER_AGENT.to_owned(),
            connect_timeout: CONNECT_TIMEOUT,
        }
    }
}

impl HttpClients {
    /// A client builder with the shared settings, to which a plugin adds its own default
    /// headers (credentials, media types). Whole-call timeouts are the executor's, so none is
    /// set here.
    pub fn builder(&self) -> reqwest::ClientBuilder {
        reqwest::Client::builder()
            .user_agent(self.user_agent.clone())
            .connect_timeout(self.connect_timeout)
    }
}

/// Where a plugin reads the time.
pub trait Clock: Send + Sync {
    /// Now.
    fn now(&self) -> SystemTime;
}

/// The system's clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// Where secrets named in settings are resolved.
pub trait SecretSource: Send + Sync {
    /// The secret called `name`, if there is one.
    fn secret(&self, name: &str) -> Option<Secret>;
}

/// Secrets from the process environment.
#[derive(Clone, Copy, Debug, Default)]
pub struct EnvironmentSecrets;

impl SecretSource for EnvironmentSecrets {
    fn secret(&self, name: &str) -> Option<Secret> {
        std::env::var(name).ok().map(Secret::new)
    }
}

#[cfg(test)]
#[path = "context_tests.rs"]
mod tests;
