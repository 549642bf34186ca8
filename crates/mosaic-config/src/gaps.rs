//! What a valid configuration may still lack to serve a single call: provider instances,
//! routes, a way to authenticate, a policy that allows anything.
//!
//! Such a file is well-formed, so loading accepts it, but it is far more often an accident
//! than a wish: an empty file, or the first lines of a good one caught while an editor was
//! writing it, parse as a configuration with no providers, routes or keys. A hot reload
//! refuses a configuration with a [`Gap`] (the running one keeps serving), `mosaic serve`
//! warns about one and `mosaic config check` lists them as warnings. A file that means it
//! says so under `intentionally_empty`, which lists the [`Essential`]s it leaves out.

use crate::error::{ConfigError, ConfigErrors};
use crate::model::{Effect, GatewayConfig};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A part of the configuration without which no call is served.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Essential {
    /// A way to authenticate, an API key or anonymous access: without one, every call is
    /// refused as unauthenticated.
    Auth,
    /// A policy rule that allows something: without one, every call is denied.
    Policies,
    /// Provider instances: without any, every call fails with `no_route`.
    Providers,
    /// Routes: without any, every call fails with `no_route`.
    Routes,
}

impl Essential {
    /// Every essential, in the order the file's sections come.
    pub const ALL: [Essential; 4] = [Self::Auth, Self::Policies, Self::Providers, Self::Routes];

    /// How it is written in the file (and in `intentionally_empty`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Providers => "providers",
            Self::Routes => "routes",
            Self::Auth => "auth",
            Self::Policies => "policies",
        }
    }

    /// Whether `config` has none of it.
    fn missing_from(self, config: &GatewayConfig) -> bool {
        match self {
            Self::Providers => config.instances.is_empty(),
            Self::Routes => config.routes.is_empty(),
            Self::Auth => config.auth.api_keys.is_empty() && config.auth.anonymous.is_none(),
            Self::Policies => !config
                .policies
                .iter()
                .any(|policy| policy.effect == Effect::Allow),
        }
    }

    /// What its absence means for callers.
    fn consequence(self) -> &'static str {
        match self {
            Self::Providers => "no provider instances: every call fails with `no_route`",
            Self::Routes => "no routes: every call fails with `no_route`",
            Self::Auth => {
                "no API keys and no anonymous access: every call is refused as unauthenticated"
            }
            Self::Policies => "no policy allows anything: every call is denied",
        }
    }
}

/// An essential a configuration lacks without saying it means to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Gap(pub Essential);

impl Gap {
    /// Where in the file it is missing.
    pub fn path(&self) -> &'static str {
        self.0.name()
    }

    /// What it means, and how to say it is intended.
    pub fn message(&self) -> String {
        format!(
            "{} (if that is intended, add `{}` to `intentionally_empty`)",
            self.0.consequence(),
            self.0.name()
        )
    }
}

impl fmt::Display for Gap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path(), self.message())
    }
}

impl GatewayConfig {
    /// The essentials this configuration lacks and does not list as intentionally empty, in
    /// file order; empty for a configuration that can serve calls.
    pub fn gaps(&self) -> Vec<Gap> {
        Essential::ALL
            .into_iter()
            .filter(|essential| {
                essential.missing_from(self) && !self.intentionally_empty.contains(essential)
            })
            .map(Gap)
            .collect()
    }

    /// This configuration when it lacks nothing it needs to serve calls; otherwise each of
    /// its [`gaps`](Self::gaps) as an error, as a hot reload refuses it.
    pub fn complete(self) -> Result<Self, ConfigErrors> {
        let gaps = self.gaps();
        match ConfigErrors::new(
            gaps.iter()
                .map(|gap| ConfigError::new(gap.path(), gap.message()))
                .collect(),
        ) {
            Some(errors) => Err(errors),
            None => Ok(self),
        }
    }
}

/// The `intentionally_empty` list, checked against what the file has: an essential listed
/// there while the file has it is a contradiction, reported so that the mark cannot outlive
/// the emptiness it excused.
pub(crate) fn intended(
    listed: Vec<Essential>,
    config: &GatewayConfig,
    errors: &mut Vec<ConfigError>,
) -> Vec<Essential> {
    let mut intended = Vec::with_capacity(listed.len());
    for (index, essential) in listed.into_iter().enumerate() {
        if intended.contains(&essential) {
            continue;
        }
        if !essential.missing_from(config) {
            errors.push(ConfigError::new(
                format!("intentionally_empty[{index}]"),
                format!(
                    "`{}` is listed as intentionally empty, but the file has {}; remove it from the list",
                    essential.name(),
                    present(essential)
                ),
            ));
        }
        intended.push(essential);
    }
    intended.sort_unstable();
    intended
}

fn present(essential: Essential) -> &'static str {
    match essential {
        Essential::Providers => "provider instances",
        Essential::Routes => "routes",
        Essential::Auth => "a way to authenticate",
        Essential::Policies => "a policy that allows calls",
    }
}

#[cfg(test)]
#[path = "gaps_tests.rs"]
mod tests;
