//! Valid arguments for every catalog operation, built from the fixture and from what the
//! suite created earlier. One arm per operation and no fallback, so a new operation in the
//! catalog does not compile until the suite exercises it.

use super::{Created, Fixture};
use mosaic_core::OpId;
use serde_json::{Value, json};

/// Arguments for one call, and what the fixture lacked to build them.
pub(super) struct Args {
    /// The arguments (placeholders stand in for missing fixture fields).
    pub value: Value,
    /// Fixture fields the arguments needed but did not find.
    pub missing: Vec<&'static str>,
    /// Whether a `Conflict` is an acceptable answer: a state change applied to the fixture's
    /// own resource (because the suite could not create one) may find it already changed.
    pub conflict_ok: bool,
}

/// Reads fixture fields, noting the missing ones.
struct Reader<'f> {
    fixture: &'f Fixture,
    missing: Vec<&'static str>,
}

impl Reader<'_> {
    fn text(&mut self, name: &'static str, value: Option<&String>) -> String {
        value.cloned().unwrap_or_else(|| {
            self.missing.push(name);
            format!("mosaic-conformance-{name}")
        })
    }

    fn number(&mut self, name: &'static str, value: Option<u64>) -> u64 {
        value.unwrap_or_else(|| {
            self.missing.push(name);
            1
        })
    }

    fn repo(&mut self) -> String {
        let value = self.fixture.repo.as_ref();
        value.cloned().unwrap_or_else(|| {
            self.missing.push("repo");
            "mosaic-conformance/repo".into()
        })
    }

    fn owner(&mut self) -> String {
        let repo = self.repo();
        repo.rsplit_once('/')
            .map_or(repo.clone(), |(owner, _)| owner.to_owned())
    }

    fn key(&mut self) -> String {
        let value = self.fixture.work_item.as_ref();
        value.cloned().unwrap_or_else(|| {
            self.missing.push("work_item");
            "CONFORMANCE-1".into()
        })
    }
}

/// Arguments for `op`: the suite's own creations first, the fixture's resources otherwise.
pub(super) fn args(op: OpId, fixture: &Fixture, created: &Created) -> Args {
    let mut read = Reader {
        fixture,
        missing: Vec::new(),
    };
    let f = fixture;
    let mut conflict_ok = false;
    let value = match op {
        OpId::GitReposList => json!({"owner": read.owner()}),
        OpId::GitReposGet | OpId::GitBranchesList | OpId::GitCommitsList => {
            json!({"repo": read.repo()})
        }
        OpId::GitFilesGet => {
            json!({"repo": read.repo(), "path": read.text("file", f.file.as_ref())})
        }
        OpId::GitIssuesList | OpId::GitPullsList => json!({"repo": read.repo(), "state": "all"}),
        OpId::GitIssuesGet => json!({"repo": read.repo(), "number": read.number("issue", f.issue)}),
        OpId::GitIssuesCreate => json!({
            "repo": read.repo(),
            "title": "Conformance issue",
            "body": "Created by the provider conformance suite.",
            "labels": ["conformance"]
        }),
        OpId::GitIssuesUpdate => json!({
            "repo": read.repo(),
            "number": created.issue.unwrap_or_else(|| read.number("issue", f.issue)),
            "title": "Conformance issue (updated)"
        }),
        OpId::GitIssuesComment => json!({
            "repo": read.repo(),
            "number": created.issue.unwrap_or_else(|| read.number("issue", f.issue)),
            "body": "A comment from the conformance suite."
        }),
        OpId::GitPullsGet => json!({"repo": read.repo(), "number": read.number("pull", f.pull)}),
        OpId::GitPullsCreate => json!({
            "repo": read.repo(),
            "title": "Conformance pull request",
            "source_branch": read.text("source_branch", f.source_branch.as_ref()),
            "target_branch": read.text("target_branch", f.target_branch.as_ref())
        }),
        OpId::GitPullsMerge => {
            conflict_ok = created.pull.is_none();
            json!({
                "repo": read.repo(),
                "number": created.pull.unwrap_or_else(|| read.number("pull", f.pull))
            })
        }
        OpId::GitPullsComment => json!({
            "repo": read.repo(),
            "number": created.pull.unwrap_or_else(|| read.number("pull", f.pull)),
            "body": "A review comment from the conformance suite."
        }),
        OpId::CiPipelinesList => json!({"repo": read.repo()}),
        OpId::CiRunsList => json!({"repo": read.repo()}),
        OpId::CiRunsGet | OpId::CiRunsLogs | OpId::CiRunsWait => {
            json!({"repo": read.repo(), "run_id": read.text("run", f.run.as_ref())})
        }
        OpId::CiRunsTrigger => json!({
            "repo": read.repo(),
            "pipeline": read.text("pipeline", f.pipeline.as_ref()),
            "ref": read.text("git_ref", f.git_ref.as_ref())
        }),
        OpId::CiRunsCancel => {
            conflict_ok = created.run.is_none();
            let run_id = match &created.run {
                Some(run) => run.clone(),
                None => read.text("run", f.run.as_ref()),
            };
            json!({"repo": read.repo(), "run_id": run_id})
        }
        OpId::KbSpacesList | OpId::PmProjectsList => json!({}),
        OpId::KbPagesSearch => json!({
            "query": read.text("query", f.query.as_ref()),
            "space": read.text("space", f.space.as_ref())
        }),
        OpId::KbPagesGet => json!({
            "space": read.text("space", f.space.as_ref()),
            "page_id": read.text("page", f.page.as_ref())
        }),
        OpId::KbPagesCreate => json!({
            "space": read.text("space", f.space.as_ref()),
            "title": "Conformance page",
            "body": "# Conformance\n\nCreated by the provider conformance suite."
        }),
        OpId::KbPagesUpdate => match &created.page {
            Some((id, version)) => json!({
                "space": read.text("space", f.space.as_ref()),
                "page_id": id,
                "title": "Conformance page (updated)",
                "version": version
            }),
            None => json!({
                "space": read.text("space", f.space.as_ref()),
                "page_id": read.text("page", f.page.as_ref()),
                "body": "Updated by the provider conformance suite."
            }),
        },
        OpId::PmIssuesSearch => json!({"project": read.text("project", f.project.as_ref())}),
        OpId::PmIssuesGet => json!({"key": read.key()}),
        OpId::PmIssuesCreate => json!({
            "project": read.text("project", f.project.as_ref()),
            "title": "Conformance work item",
            "description": "Created by the provider conformance suite.",
            "labels": ["conformance"]
        }),
        OpId::PmIssuesUpdate => json!({
            "key": created.work_item.clone().unwrap_or_else(|| read.key()),
            "title": "Conformance work item (updated)"
        }),
        OpId::PmIssuesTransition => json!({
            "key": created.work_item.clone().unwrap_or_else(|| read.key()),
            "to": f.transition_to.clone().unwrap_or_else(|| "done".into())
        }),
        OpId::PmIssuesComment => json!({
            "key": created.work_item.clone().unwrap_or_else(|| read.key()),
            "body": "A comment from the conformance suite."
        }),
    };
    Args {
        value,
        missing: read.missing,
        conflict_ok,
    }
}
