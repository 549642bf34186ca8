//! The suite catches what it promises to catch, shown with a provider that gets everything
//! wrong in its own way.

use super::*;
use mosaic_core::model::{KbPage, Page, Space};
use mosaic_core::{Health, Operation, Output, ProviderError, Quota, Support};

/// A provider that claims little and does that badly.
struct Broken;

fn page(id: &str) -> KbPage {
    KbPage {
        id: id.into(),
        space: "ENG".into(),
        title: "Title".into(),
        body: "Body".into(),
        version: 1,
        parent_id: None,
        updated_at: None,
        web_url: format!("https://broken.local/{id}"),
    }
}

#[async_trait::async_trait]
impl Provider for Broken {
    fn supports(&self, op: OpId) -> Support {
        match op {
            OpId::KbSpacesList | OpId::KbPagesGet | OpId::KbPagesCreate | OpId::PmProjectsList => {
                Support::Supported
            }
            _ => Support::unsupported("not implemented"),
        }
    }

    async fn health(&self) -> Health {
        Health::Healthy
    }

    fn quota(&self) -> Option<Quota> {
        None
    }

    async fn call(&self, operation: &Operation) -> Result<Output, ProviderError> {
        match operation {
            // Ignores per_page and loops forever on one cursor.
            Operation::KbSpacesList(_) => {
                let space = Space {
                    id: "1".into(),
                    key: "ENG".into(),
                    name: "Eng".into(),
                    web_url: "u".into(),
                };
                Ok(Output::KbSpacesList(Page {
                    items: vec![space.clone(), space.clone(), space],
                    next_cursor: Some("again".into()),
                }))
            }
            // Answers the wrong operation's output, and `unavailable` for what is missing.
            Operation::KbPagesGet(input) if input.page_id == "10" => {
                Ok(Output::KbPagesCreate(page("10")))
            }
            Operation::KbPagesGet(_) => Err(ProviderError::Unavailable("500".into())),
            // Creates something no read can find.
            Operation::KbPagesCreate(_) => Ok(Output::KbPagesCreate(page("new"))),
            Operation::PmProjectsList(_) => panic!("projects exploded"),
            // Declared unsupported, yet answers.
            Operation::PmIssuesGet(input) => Err(ProviderError::NotFound(input.key.clone())),
            // Names the wrong operation.
            Operation::GitReposGet(_) => Err(ProviderError::Unsupported {
                operation: "git.repos".into(),
                reason: "no".into(),
            }),
            other => Err(ProviderError::Unsupported {
                operation: other.op_id().name().into(),
                reason: "no".into(),
            }),
        }
    }
}

fn kinds_of(report: &Report, op: OpId) -> Vec<Check> {
    report
        .failures_of(op)
        .map(|failure| failure.check)
        .collect()
}

#[tokio::test]
async fn every_kind_of_misbehaviour_is_reported_with_its_operation() {
    let fixture = Fixture {
        space: Some("ENG".into()),
        page: Some("10".into()),
        query: Some("x".into()),
        ..Fixture::default()
    };
    let report = check_provider(&Broken, &fixture).await;
    assert!(!report.is_ok());
    assert_eq!(report.supported.len(), 4);
    assert_eq!(report.unsupported.len(), OpId::ALL.len() - 4);
    assert_eq!(kinds_of(&report, OpId::KbSpacesList), [Check::Pagination]);
    let pagination = report
        .failures_of(OpId::KbSpacesList)
        .next()
        .map(|f| f.message.clone())
        .unwrap_or_default();
    assert!(
        pagination.contains("holds 3 items, more than per_page 1"),
        "{pagination}"
    );
    assert_eq!(
        kinds_of(&report, OpId::KbPagesGet),
        [Check::OutputKind, Check::NotFound]
    );
    assert_eq!(
        kinds_of(&report, OpId::KbPagesCreate),
        [Check::ReadAfterWrite]
    );
    let panicked = report
        .failures_of(OpId::PmProjectsList)
        .next()
        .map(|f| (f.check, f.message.clone()));
    assert_eq!(
        panicked,
        Some((
            Check::Answer,
            "the provider panicked: projects exploded".into()
        ))
    );
    assert_eq!(kinds_of(&report, OpId::PmIssuesGet), [Check::Unsupported]);
    let misnamed = report
        .failures_of(OpId::GitReposGet)
        .next()
        .map(|f| f.message.clone())
        .unwrap_or_default();
    assert!(
        misnamed.contains("naming `git.repos` instead of `git.repos.get`"),
        "{misnamed}"
    );
    let shown = report.to_string();
    assert!(
        shown.contains("kb.pages.create [ReadAfterWrite]: kb.pages.get"),
        "{shown}"
    );
}

#[tokio::test]
async fn a_supported_operation_the_fixture_cannot_feed_is_a_failure() {
    let report = check_provider(&Broken, &Fixture::default()).await;
    let failure = report.failures_of(OpId::KbPagesGet).next().cloned();
    assert_eq!(
        failure.map(|f| (f.check, f.message)),
        Some((
            Check::Fixture,
            "supported, but the fixture lacks page, space".into()
        ))
    );
    let malformed = Fixture {
        repo: Some("no-slash".into()),
        ..Fixture::default()
    };
    let report = check_provider(&Broken, &malformed).await;
    let refused = report.failures_of(OpId::GitReposGet).next().cloned();
    assert!(
        refused.as_ref().is_some_and(
            |f| f.check == Check::Fixture && f.message.contains("invalid argument `repo`")
        ),
        "{refused:?}"
    );
}
