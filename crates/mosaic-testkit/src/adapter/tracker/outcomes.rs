//! Write outcomes that more than one tracker declares in its [`Suite`](crate::adapter::Suite)
//! (Plane natively, Redmine through its manifest): both check labels against the project's
//! own and look the projects up before every write, so both declare the same refusal and the
//! same failed lookup, on the same labelled create.

use crate::adapter::{BeforeTheWrite, Expected, Refused};
use mosaic_core::{OpId, ProviderError};
use mosaic_fake_kit::server::Scripted;
use serde_json::{Value, json};

/// A work item filed in the seed's `WEB` with its label `bug`.
pub fn a_labelled_create() -> (OpId, Value) {
    (
        OpId::PmIssuesCreate,
        json!({"project": "WEB", "title": "Orders fail", "labels": ["bug"]}),
    )
}

/// `PLAT-2` given a label the seed does not have: refused as invalid input, before anything
/// is written.
pub fn an_unknown_label_refused() -> Refused {
    Refused {
        write: (
            OpId::PmIssuesUpdate,
            json!({"key": "PLAT-2", "labels": ["nope"]}),
        ),
        error: Expected::Kind("invalid_input"),
    }
}

/// The projects lookup before `write` answered 503: the write is answered `Unavailable` with
/// the provider's message, and nothing is written.
pub fn the_projects_lookup_failing(write: (OpId, Value)) -> BeforeTheWrite {
    BeforeTheWrite::Lookup {
        write,
        failure: Scripted::status(503, "projects unavailable"),
        error: ProviderError::Unavailable("projects unavailable".into()),
    }
}
