//! What GitHub shares with every forge, declared once: the tests of the shared forge suite
//! (`mosaic_testkit::forge_suite!`), run with what differs on GitHub — a quota of 5000 on
//! every answer, its own `ETag`s, and writes answered with the written resource, whose
//! number an unreadable answer's `Location` still gives.

use mosaic_core::{OpId, ProviderError, ServiceKind};
use mosaic_github::GitHubPlugin;
use mosaic_github_fake as github;
use mosaic_testkit::adapter::forge::{self, ForgeParticulars, REPO};
use mosaic_testkit::adapter::{
    AfterTheWrite, BeforeTheWrite, Declaration, Expected, Fake, ForgeSuite, Refused, Revalidation,
    Subject, Suite, Unreadable, WriteOutcomes,
};
use serde_json::json;

/// What a proxy in front of GitHub might answer in its place.
pub const PROXY_PAGE: &str = "<html><body>upstream answer lost</body></html>";

/// GitHub, as the shared forge suite runs it.
pub fn suite() -> ForgeSuite {
    let fake = Fake {
        style: github::style,
        routes: github::routes,
    };
    Suite {
        subject: Subject::with_token(GitHubPlugin::default(), fake),
        declaration: Declaration {
            id: "github@1.0.0",
            kinds: vec![ServiceKind::Git],
        },
        fixture: forge::fixture(),
        quota: Some(5000),
        revalidation: Revalidation::Native,
        write_outcomes: write_outcomes(),
        particulars: ForgeParticulars {
            page_size_parameter: "per_page",
            unknown_source_branch: "invalid_input",
        },
    }
}

/// Creates, edits and merges answered with something unreadable name the number from the
/// body or from GitHub's `Location` header; no write reads anything back or looks anything
/// up first; refusals stay ordinary errors.
fn write_outcomes() -> WriteOutcomes {
    // It reads as an issue, but in a state the unified model does not know.
    let locked = r#"{"id": 1, "number": 49, "title": "t", "state": "locked", "html_url": "https://github.com/acme/internal-api/issues/49"}"#;
    let pull =
        json!({"repo": REPO, "title": "Try", "source_branch": "develop", "target_branch": "main"});
    WriteOutcomes {
        unreadable: vec![
            Unreadable {
                write: (
                    OpId::GitIssuesCreate,
                    json!({"repo": REPO, "title": "Login fails"}),
                ),
                answer: PROXY_PAGE,
                names: Some("49"),
            },
            Unreadable {
                write: (OpId::GitIssuesCreate, json!({"repo": REPO, "title": "t"})),
                answer: locked,
                names: Some("49"),
            },
            Unreadable {
                write: (OpId::GitPullsCreate, pull),
                answer: r#"{"number": 50}"#,
                names: Some("50"),
            },
            Unreadable {
                write: (
                    OpId::GitIssuesUpdate,
                    json!({"repo": REPO, "number": 1, "state": "closed"}),
                ),
                answer: PROXY_PAGE,
                names: Some("1"),
            },
            Unreadable {
                write: (OpId::GitPullsMerge, json!({"repo": REPO, "number": 46})),
                answer: "",
                names: Some("46"),
            },
        ],
        after_the_write: AfterTheWrite::Nothing,
        refused: vec![
            Refused {
                write: (
                    OpId::GitIssuesCreate,
                    json!({"repo": "client-a/platform/backend", "title": "t"}),
                ),
                error: Expected::Kind("invalid_input"),
            },
            Refused {
                write: (
                    OpId::GitIssuesCreate,
                    json!({"repo": REPO, "title": "t", "assignees": ["nobody"]}),
                ),
                error: Expected::Exactly(ProviderError::Invalid(
                    "Validation Failed; assignees: invalid".into(),
                )),
            },
        ],
        before_the_write: BeforeTheWrite::Nothing,
    }
}

mosaic_testkit::forge_suite!(suite);
