//! What GitLab shares with every forge, declared once: the tests of the shared forge suite
//! (`mosaic_testkit::forge_suite!`), run with what differs on GitLab — a quota of 2000 on
//! every answer, its own `ETag`s, and writes answered with the written resource, whose `iid`
//! an unreadable answer may still give; assignees are looked up before anything is written.

use mosaic_core::{OpId, ProviderError, ServiceKind};
use mosaic_fake_kit::server::Scripted;
use mosaic_gitlab::GitLabPlugin;
use mosaic_gitlab_fake as gitlab;
use mosaic_testkit::adapter::forge::{self, ForgeParticulars, REPO};
use mosaic_testkit::adapter::{
    AfterTheWrite, BeforeTheWrite, Declaration, Expected, Fake, ForgeSuite, Refused, Revalidation,
    Subject, Suite, Unreadable, WriteOutcomes,
};
use serde_json::json;

/// GitLab, as the shared forge suite runs it.
pub fn suite() -> ForgeSuite {
    let fake = Fake {
        style: gitlab::style,
        routes: gitlab::routes,
    };
    Suite {
        subject: Subject::with_token(GitLabPlugin::default(), fake),
        declaration: Declaration {
            id: "gitlab@1.0.0",
            kinds: vec![ServiceKind::Git],
        },
        fixture: forge::fixture(),
        quota: Some(2000),
        revalidation: Revalidation::Native,
        write_outcomes: write_outcomes(),
        particulars: ForgeParticulars {
            page_size_parameter: "per_page",
            unknown_source_branch: "invalid_input",
        },
    }
}

/// An issue filed without labels or assignees.
pub fn plain_create() -> (OpId, serde_json::Value) {
    (
        OpId::GitIssuesCreate,
        json!({"repo": REPO, "title": "Login fails"}),
    )
}

/// Creates, edits and merges answered 2xx with something unreadable, or with an issue the
/// unified model cannot hold, name the `iid` the body gives or the input knew; no write reads
/// anything back; an assignee refused, or the user lookup failing, stays an ordinary error.
fn write_outcomes() -> WriteOutcomes {
    let unknown_assignee = (
        OpId::GitIssuesCreate,
        json!({"repo": REPO, "title": "t", "assignees": ["nobody"]}),
    );
    WriteOutcomes {
        unreadable: vec![
            Unreadable {
                write: plain_create(),
                answer: "<html>502</html>",
                names: None,
            },
            // It reads as an issue, but in a state the unified model does not know.
            Unreadable {
                write: plain_create(),
                answer: r#"{"id": 9001, "iid": 50, "title": "Login fails", "state": "locked"}"#,
                names: Some("50"),
            },
            Unreadable {
                write: (
                    OpId::GitPullsCreate,
                    json!({"repo": REPO, "title": "Rework", "source_branch": "develop", "target_branch": "main"}),
                ),
                answer: r#"{"id": 77, "iid": 51}"#,
                names: Some("51"),
            },
            Unreadable {
                write: (
                    OpId::GitIssuesUpdate,
                    json!({"repo": REPO, "number": 2, "state": "closed"}),
                ),
                answer: r#"{"iid": "#,
                names: Some("2"),
            },
            Unreadable {
                write: (OpId::GitPullsMerge, json!({"repo": REPO, "number": 46})),
                answer: "",
                names: Some("46"),
            },
        ],
        after_the_write: AfterTheWrite::Nothing,
        refused: vec![Refused {
            write: unknown_assignee.clone(),
            error: Expected::Kind("invalid_input"),
        }],
        before_the_write: BeforeTheWrite::Lookup {
            write: unknown_assignee,
            failure: Scripted::status(503, "users unavailable"),
            error: ProviderError::Unavailable("users unavailable".into()),
        },
    }
}

mosaic_testkit::forge_suite!(suite);
