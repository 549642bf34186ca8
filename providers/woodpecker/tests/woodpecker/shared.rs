//! What Woodpecker shares with every CI service that has a fake, declared once
//! (`mosaic_testkit::ci_suite!`), run on the CI seed with what differs here: a bearer token, no
//! quota and no validators of its own, run ids that are numbers in their repository, one
//! pipeline per repository, and a cancel read back after Woodpecker's empty answer.

use mosaic_core::{OpId, Provider, ProviderError, ServiceKind};
use mosaic_fake_kit::builds::Builds;
use mosaic_fake_kit::server::{FakeServer, Scripted};
pub use mosaic_testkit::adapter::TOKEN;
use mosaic_testkit::adapter::{
    AfterTheWrite, BeforeTheWrite, CI_REPO, CiParticulars, CiSuite, Declaration, Expected,
    FailingAfter, Fake, Refused, Revalidation, Subject, Suite, Unreadable, WriteOutcomes, instance,
};
use mosaic_testkit::conformance::Fixture;
use mosaic_woodpecker::WoodpeckerPlugin;
use mosaic_woodpecker_fake as woodpecker;
use serde_json::{Value, json};
use std::sync::Arc;

/// A fake on the CI seed and an instance on it.
pub async fn seeded() -> (FakeServer<Builds>, Arc<dyn Provider>) {
    started(Builds::seeded()).await
}

/// A fake on `builds` and an instance on it.
pub async fn started(builds: Builds) -> (FakeServer<Builds>, Arc<dyn Provider>) {
    let server = woodpecker::start(builds, TOKEN).await;
    let provider = instance(&WoodpeckerPlugin::default(), &server.base_url(), TOKEN).await;
    (server, provider)
}

/// Woodpecker, as the shared suite runs it.
pub fn suite() -> CiSuite {
    let fake = Fake {
        style: woodpecker::style,
        routes: woodpecker::routes,
    };
    Suite {
        subject: Subject::with_token(WoodpeckerPlugin::default(), fake),
        declaration: Declaration {
            id: "woodpecker@1.0.0",
            kinds: vec![ServiceKind::Ci],
        },
        fixture: Fixture {
            repo: Some(CI_REPO.into()),
            pipeline: Some("default".into()),
            // Finished, so that `ci.runs.wait` answers at once.
            run: Some("35".into()),
            git_ref: Some("main".into()),
            ..Fixture::default()
        },
        quota: None,
        // Woodpecker tags none of its answers, and the adapter sends no conditional reads.
        revalidation: Revalidation::Never,
        write_outcomes: write_outcomes(),
        particulars: CiParticulars {
            run_id: |build| build.number.to_string(),
            pipeline: "default",
        },
    }
}

/// A trigger of `acme/api` at `main`.
fn trigger() -> (OpId, Value) {
    (
        OpId::CiRunsTrigger,
        json!({"repo": CI_REPO, "pipeline": "default", "ref": "main"}),
    )
}

/// A trigger answered with something unreadable was applied; a cancel whose read back fails
/// names its run; another pipeline than the repository's one and a finished run are refused
/// before anything is applied; a trigger whose repository lookup fails is an ordinary error.
fn write_outcomes() -> WriteOutcomes {
    WriteOutcomes {
        unreadable: vec![Unreadable {
            write: trigger(),
            answer: "<html><body>upstream answer lost</body></html>",
            names: None,
        }],
        after_the_write: AfterTheWrite::Requests(vec![FailingAfter {
            write: (
                OpId::CiRunsCancel,
                json!({"repo": "acme/web", "run_id": "1"}),
            ),
            names: "1",
            reason: "reading the cancelled run back",
        }]),
        refused: vec![
            Refused {
                write: (
                    OpId::CiRunsTrigger,
                    json!({"repo": CI_REPO, "pipeline": "release", "ref": "main"}),
                ),
                error: Expected::Kind("invalid_input"),
            },
            Refused {
                write: (OpId::CiRunsCancel, json!({"repo": CI_REPO, "run_id": "35"})),
                error: Expected::Kind("conflict"),
            },
        ],
        before_the_write: BeforeTheWrite::Lookup {
            write: trigger(),
            failure: Scripted::status(503, "repositories unavailable"),
            error: ProviderError::Unavailable("repositories unavailable".into()),
        },
    }
}

mosaic_testkit::ci_suite!(suite);
