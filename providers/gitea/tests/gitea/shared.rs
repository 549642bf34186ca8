//! What Gitea shares with every forge, declared once: the tests of the shared forge suite
//! (`mosaic_testkit::forge_suite!`), run with what differs on Gitea — no quota of its own, no
//! `ETag`s unless a proxy adds them, a page size named `limit`, a pull request from a branch
//! that does not exist not found, and writes that look labels up first and read back or
//! replace labels after.

use mosaic_core::{OpId, ProviderError, ServiceKind};
use mosaic_fake_kit::server::Scripted;
use mosaic_gitea::GiteaPlugin;
use mosaic_gitea_fake as gitea;
use mosaic_testkit::adapter::forge::{self, ForgeParticulars, REPO};
use mosaic_testkit::adapter::{
    AfterTheWrite, BeforeTheWrite, Declaration, Expected, FailingAfter, Fake, ForgeSuite, Refused,
    Revalidation, Subject, Suite, Unreadable, WriteOutcomes,
};
use serde_json::json;

/// Gitea, as the shared forge suite runs it.
pub fn suite() -> ForgeSuite {
    let fake = Fake {
        style: gitea::style,
        routes: gitea::routes,
    };
    Suite {
        subject: Subject::with_token(GiteaPlugin::default(), fake),
        declaration: Declaration {
            id: "gitea@1.0.0",
            kinds: vec![ServiceKind::Git],
        },
        fixture: forge::fixture(),
        quota: None,
        revalidation: Revalidation::ThroughAProxy,
        write_outcomes: write_outcomes(),
        particulars: ForgeParticulars {
            page_size_parameter: "limit",
            unknown_source_branch: "not_found",
        },
    }
}

/// An issue filed with a label.
pub fn labelled_create() -> (OpId, serde_json::Value) {
    (
        OpId::GitIssuesCreate,
        json!({"repo": REPO, "title": "Login fails", "labels": ["bug"]}),
    )
}

/// Gitea sends no `Location`: truncated JSON names nothing, a misshapen answer its number. A
/// merge reads the pull request back; an edit sets its fields, then replaces its labels, then
/// reads the issue back. Label names are looked up (in the repository and its organization)
/// before anything is written.
fn write_outcomes() -> WriteOutcomes {
    let unknown_label = (
        OpId::GitIssuesCreate,
        json!({"repo": REPO, "title": "t", "labels": ["nope"]}),
    );
    WriteOutcomes {
        unreadable: vec![
            Unreadable {
                write: labelled_create(),
                answer: r#"{"id": 9"#,
                names: None,
            },
            Unreadable {
                write: labelled_create(),
                answer: r#"{"id": 900, "number": 50, "title": 7}"#,
                names: Some("50"),
            },
            Unreadable {
                write: (
                    OpId::GitIssuesUpdate,
                    json!({"repo": REPO, "number": 2, "title": "Renamed"}),
                ),
                answer: "",
                names: Some("2"),
            },
            Unreadable {
                write: (
                    OpId::GitPullsCreate,
                    json!({"repo": REPO, "title": "Try", "source_branch": "develop", "target_branch": "main"}),
                ),
                answer: r#"{"number": 51, "head": "develop"}"#,
                names: Some("51"),
            },
        ],
        after_the_write: AfterTheWrite::Requests(vec![
            FailingAfter {
                write: (OpId::GitPullsMerge, json!({"repo": REPO, "number": 46})),
                names: "46",
                reason: "reading the pull request back failed",
            },
            // Fields, then labels: the fields were changed when the labels failed.
            FailingAfter {
                write: (
                    OpId::GitIssuesUpdate,
                    json!({"repo": REPO, "number": 2, "title": "Renamed", "labels": ["feature"]}),
                ),
                names: "2",
                reason: "replacing its labels failed",
            },
            // Labels alone, then the issue read back.
            FailingAfter {
                write: (
                    OpId::GitIssuesUpdate,
                    json!({"repo": REPO, "number": 3, "labels": ["feature"]}),
                ),
                names: "3",
                reason: "reading it back failed",
            },
        ]),
        refused: vec![Refused {
            write: unknown_label.clone(),
            error: Expected::Kind("invalid_input"),
        }],
        before_the_write: BeforeTheWrite::Lookup {
            write: unknown_label,
            failure: Scripted::status(503, "labels unavailable"),
            error: ProviderError::Unavailable("labels unavailable".into()),
        },
    }
}

mosaic_testkit::forge_suite!(suite);
