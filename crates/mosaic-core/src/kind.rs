//! Service kinds and the read/write split that every operation declares.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The four families of developer tools MosAIc fronts.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ServiceKind {
    /// Git forges: repositories, branches, files, commits, issues, pull requests.
    Git,
    /// CI/CD: pipelines and their runs.
    Ci,
    /// Knowledge bases: spaces and pages.
    Kb,
    /// Project management: projects and work items.
    Pm,
}

impl ServiceKind {
    /// Every kind, in catalog order.
    pub const ALL: [ServiceKind; 4] = [Self::Git, Self::Ci, Self::Kb, Self::Pm];

    /// The lowercase name used in operation ids, config files and metrics.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Git => "git",
            Self::Ci => "ci",
            Self::Kb => "kb",
            Self::Pm => "pm",
        }
    }

    /// Parses the lowercase name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == name)
    }
}

impl fmt::Display for ServiceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether an operation only reads or changes the provider's data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Access {
    /// May be served from cache and may fail over to any candidate holding the same data.
    Read,
    /// Goes to the resource's system of record only.
    Write,
}
