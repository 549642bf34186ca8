//! The settings of a `jenkins` instance, checked without any I/O.
//!
//! ```yaml
//! settings:
//!   base_url: https://ci.example.com/jenkins   # Jenkins' root, as its URLs start
//!   user: ana                                    # the user the API token belongs to
//!   api_token: ${JENKINS_API_TOKEN}              # user → Security → API Token
//!   repositories:                                # default: the folder {owner}/{name}
//!     - repo: "acme/*"
//!       folder: "teams/acme/{name}"
//!   branch_parameter: BRANCH                     # the job parameter a trigger's ref goes to
//!   queue_wait_seconds: 20                       # how long a trigger waits for its build number
//!   stop_grace_seconds: 5                        # how long a stop signal is given to take
//! ```

use super::folders::{FolderRule, Folders};
use mosaic_core::{FieldError, Secret};
use mosaic_plugin::settings::{check_secret, read_settings_partially};
use mosaic_provider_kit::http::parse_base_url;
use reqwest::Url;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// The longest a trigger may wait for its queue item to become a build: the gateway's call
/// must end well within its timeout.
pub const MAX_QUEUE_WAIT_SECONDS: u64 = 120;
/// The longest a stop signal may be given to take before the next one is sent.
pub const MAX_STOP_GRACE_SECONDS: u64 = 30;

/// A `jenkins` instance's settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JenkinsSettings {
    /// Jenkins' root URL, path prefix included (`https://ci.example.com/jenkins`): the one its
    /// job URLs start with (Manage Jenkins → System → Jenkins URL).
    pub base_url: String,
    /// The user the API token belongs to.
    pub user: String,
    /// The user's API token (user → Security → API Token). Write `${JENKINS_API_TOKEN}` to take
    /// it from the environment.
    pub api_token: Secret,
    /// Where each repository's jobs are: the first rule whose `repo` glob (`*` within a name)
    /// matches `owner/name` gives the folder. Default: the folder `{owner}/{name}`.
    #[serde(default)]
    pub repositories: Vec<FolderRule>,
    /// The string parameter a trigger's ref is passed in. Jobs without it build only the
    /// branch they are (multibranch branch jobs) or what their configuration says. Default:
    /// `BRANCH`.
    #[serde(default = "branch")]
    pub branch_parameter: String,
    /// How long a trigger waits for Jenkins' queue to start its build, in seconds (0 to 120,
    /// default 20); a build still waiting then is answered as queued, with the queue's reason.
    #[serde(default = "queue_wait")]
    pub queue_wait_seconds: u64,
    /// How long each stop signal (`stop`, then `term` and `kill` for Pipeline builds) is
    /// given to take before the next is sent, in seconds (0 to 30, default 5).
    #[serde(default = "stop_grace")]
    pub stop_grace_seconds: u64,
}

fn branch() -> String {
    "BRANCH".to_owned()
}

fn queue_wait() -> u64 {
    20
}

fn stop_grace() -> u64 {
    5
}

/// Checked settings.
#[derive(Clone, Debug, PartialEq)]
pub struct JenkinsConnection {
    /// Jenkins' root.
    pub base_url: Url,
    /// `Authorization`'s value: `Basic base64(user:token)`.
    pub authorization: Secret,
    /// Where repositories' jobs are.
    pub folders: Folders,
    /// The parameter a trigger's ref goes to.
    pub branch_parameter: String,
    /// How long a trigger waits for its build number.
    pub queue_wait: Duration,
    /// How long a stop signal is given.
    pub stop_grace: Duration,
}

/// Reads and checks a `jenkins` instance's settings, reporting every problem at once.
pub fn validate(settings: &serde_json::Value) -> Result<JenkinsConnection, Vec<FieldError>> {
    let (read, mut errors): (JenkinsSettings, _) = read_settings_partially("jenkins", settings)?;
    let base_url = parse_base_url("base_url", &read.base_url)
        .map_err(|error| errors.push(error))
        .ok();
    let user = read.user.trim();
    if user.is_empty() {
        errors.push(FieldError::new("user", "must name the API token's user"));
    } else if user.contains(':') {
        // HTTP Basic splits `user:token` at the first colon.
        errors.push(FieldError::new(
            "user",
            "must not contain `:`, which separates the user from the token in HTTP Basic",
        ));
    }
    check_secret("api_token", read.api_token.expose(), &mut errors);
    let folders = Folders::new(&read.repositories)
        .map_err(|problems| errors.extend(problems))
        .ok();
    let parameter = read.branch_parameter.trim();
    if parameter.is_empty() || parameter.contains(['&', '=', '#']) {
        errors.push(FieldError::new(
            "branch_parameter",
            "must be a job parameter's name (not empty, without `&`, `=` or `#`)",
        ));
    }
    if read.queue_wait_seconds > MAX_QUEUE_WAIT_SECONDS {
        errors.push(FieldError::new(
            "queue_wait_seconds",
            format!("must be at most {MAX_QUEUE_WAIT_SECONDS}, so a trigger ends within the call's timeout"),
        ));
    }
    if read.stop_grace_seconds > MAX_STOP_GRACE_SECONDS {
        errors.push(FieldError::new(
            "stop_grace_seconds",
            format!("must be at most {MAX_STOP_GRACE_SECONDS}, so a cancel ends within the call's timeout"),
        ));
    }
    match (base_url, folders) {
        (Some(base_url), Some(folders)) if errors.is_empty() => Ok(JenkinsConnection {
            base_url,
            authorization: basic(user, read.api_token.expose()),
            folders,
            branch_parameter: parameter.to_owned(),
            queue_wait: Duration::from_secs(read.queue_wait_seconds),
            stop_grace: Duration::from_secs(read.stop_grace_seconds),
        }),
        _ => Err(errors),
    }
}

/// `Basic base64(user:token)`.
fn basic(user: &str, token: &str) -> Secret {
    use base64::Engine;
    let pair = format!("{user}:{token}");
    Secret::new(format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(pair)
    ))
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
