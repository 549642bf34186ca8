//! What GitHub Actions shares with every provider that has a fake, declared once
//! (`mosaic_testkit::ci_suite!`), run on the CI seed with what differs here: GitHub's quota
//! of 5000 on every answer, its own `ETag`s, and a trigger read back after its dispatch.

use mosaic_core::{OpId, ServiceKind};
use mosaic_github_actions::GitHubActionsPlugin;
use mosaic_github_actions_fake as actions;
use mosaic_testkit::adapter::{
    AfterTheWrite, BeforeTheWrite, CI_REPO, CiParticulars, CiSuite, Declaration, Expected,
    FailingAfter, Fake, Refused, Revalidation, Subject, Suite, Unreadable, WriteOutcomes, ci_run,
};
use mosaic_testkit::conformance::Fixture;
use serde_json::{Value, json};

/// What a proxy in front of GitHub might answer in its place.
pub const PROXY_PAGE: &str = "<html><body>upstream answer lost</body></html>";

/// The id the next run of a fresh seed gets: the seed's repositories, workflows and runs
/// hold 101 to 144.
pub const NEXT_RUN: &str = "145";

/// GitHub Actions, as the shared suite runs it.
pub fn suite() -> CiSuite {
    let fake = Fake {
        style: actions::style,
        routes: actions::routes,
    };
    Suite {
        subject: Subject::with_token(GitHubActionsPlugin::default(), fake),
        declaration: Declaration {
            id: "github-actions@1.0.0",
            kinds: vec![ServiceKind::Ci],
        },
        fixture: Fixture {
            repo: Some(CI_REPO.into()),
            pipeline: Some("ci.yml".into()),
            run: Some(ci_run(35)),
            git_ref: Some("main".into()),
            ..Fixture::default()
        },
        quota: Some(actions::QUOTA),
        revalidation: Revalidation::Native,
        write_outcomes: write_outcomes(),
        particulars: CiParticulars {
            run_id: |build| build.id.to_string(),
            pipeline: "ci.yml",
        },
    }
}

/// A dispatch of `acme/api`'s `ci` at `main`.
pub fn trigger() -> (OpId, Value) {
    (
        OpId::CiRunsTrigger,
        json!({"repo": CI_REPO, "pipeline": "ci.yml", "ref": "main"}),
    )
}

/// A dispatch answered with something unreadable was applied, its run unknown; a failed read
/// of the run after the dispatch names the run; a commit SHA and inputs the workflow does not
/// declare are refused before anything is applied.
fn write_outcomes() -> WriteOutcomes {
    let sha = "acb5820ced9479c074f688cc328bf03f341a511d";
    WriteOutcomes {
        unreadable: vec![Unreadable {
            write: trigger(),
            answer: PROXY_PAGE,
            names: None,
        }],
        after_the_write: AfterTheWrite::Requests(vec![FailingAfter {
            write: trigger(),
            names: NEXT_RUN,
            reason: "reading the run back failed",
        }]),
        refused: vec![
            Refused {
                write: (
                    OpId::CiRunsTrigger,
                    json!({"repo": CI_REPO, "pipeline": "ci.yml", "ref": sha}),
                ),
                error: Expected::Kind("invalid_input"),
            },
            Refused {
                write: (
                    OpId::CiRunsTrigger,
                    json!({"repo": "acme/infra", "pipeline": "deploy.yml", "ref": "main", "inputs": {"region": "eu"}}),
                ),
                error: Expected::Exactly(mosaic_core::ProviderError::Invalid(
                    "Unexpected inputs provided: [\"region\"]".into(),
                )),
            },
        ],
        before_the_write: BeforeTheWrite::Nothing,
    }
}

mosaic_testkit::ci_suite!(suite);
