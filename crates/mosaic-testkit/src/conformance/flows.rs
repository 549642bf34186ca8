//! The operations of each kind exercised in an order that works on any provider: reads of
//! the fixture's resources first, then creates (each read back at once), then changes to what
//! the suite created, so the fixture's own resources are left as they were where possible.

use super::{Check, Suite};
use mosaic_core::{OpId, Operation};
use serde_json::{Value, json};

impl Suite<'_> {
    pub(super) async fn git(&mut self) {
        use OpId::*;
        for op in [
            GitReposList,
            GitReposGet,
            GitBranchesList,
            GitFilesGet,
            GitCommitsList,
            GitIssuesList,
            GitIssuesGet,
        ] {
            self.exercise(op).await;
        }
        if let Some(issue) = self.exercise(GitIssuesCreate).await {
            self.created.issue = issue["number"].as_u64();
            let get = json!({"repo": self.fixture.repo, "number": issue["number"]});
            self.read_back(
                GitIssuesCreate,
                GitIssuesGet,
                get,
                &issue,
                &["id", "number", "title"],
            )
            .await;
        }
        for op in [GitIssuesUpdate, GitIssuesComment, GitPullsList, GitPullsGet] {
            self.exercise(op).await;
        }
        if let Some(pull) = self.exercise(GitPullsCreate).await {
            self.created.pull = pull["number"].as_u64();
            let get = json!({"repo": self.fixture.repo, "number": pull["number"]});
            self.read_back(
                GitPullsCreate,
                GitPullsGet,
                get,
                &pull,
                &["id", "number", "title"],
            )
            .await;
        }
        for op in [GitPullsComment, GitPullsMerge] {
            self.exercise(op).await;
        }
    }

    pub(super) async fn ci(&mut self) {
        use OpId::*;
        for op in [
            CiPipelinesList,
            CiRunsList,
            CiRunsGet,
            CiRunsLogs,
            CiRunsWait,
        ] {
            self.exercise(op).await;
        }
        if let Some(run) = self.exercise(CiRunsTrigger).await {
            self.created.run = run["id"].as_str().map(str::to_owned);
            let get = json!({"repo": self.fixture.repo, "run_id": run["id"]});
            self.read_back(CiRunsTrigger, CiRunsGet, get, &run, &["id", "pipeline_id"])
                .await;
        }
        self.exercise(CiRunsCancel).await;
    }

    pub(super) async fn kb(&mut self) {
        use OpId::*;
        for op in [KbSpacesList, KbPagesSearch, KbPagesGet] {
            self.exercise(op).await;
        }
        if let Some(page) = self.exercise(KbPagesCreate).await {
            if let (Some(id), Some(version)) = (page["id"].as_str(), page["version"].as_u64()) {
                self.created.page = Some((id.to_owned(), version));
            }
            let get = json!({"space": self.fixture.space, "page_id": page["id"]});
            self.read_back(
                KbPagesCreate,
                KbPagesGet,
                get,
                &page,
                &["id", "title", "body", "version"],
            )
            .await;
        }
        self.exercise(KbPagesUpdate).await;
    }

    pub(super) async fn pm(&mut self) {
        use OpId::*;
        for op in [PmProjectsList, PmIssuesSearch, PmIssuesGet] {
            self.exercise(op).await;
        }
        if let Some(item) = self.exercise(PmIssuesCreate).await {
            self.created.work_item = item["key"].as_str().map(str::to_owned);
            let get = json!({"key": item["key"]});
            self.read_back(
                PmIssuesCreate,
                PmIssuesGet,
                get,
                &item,
                &["id", "key", "title"],
            )
            .await;
        }
        for op in [PmIssuesUpdate, PmIssuesTransition, PmIssuesComment] {
            self.exercise(op).await;
        }
    }

    /// Reads what `write` created with `get` and compares the fields both answers carry.
    async fn read_back(
        &mut self,
        write: OpId,
        get: OpId,
        arguments: Value,
        created: &Value,
        fields: &[&str],
    ) {
        if !self.provider.supports(get).is_supported() {
            return;
        }
        let Some(operation) = self.parse(get, arguments) else {
            return;
        };
        self.report.checks += 1;
        let problem = match super::probe::call(self.provider, &operation).await {
            Ok(Ok(output)) => {
                let Some(read) = self.verify(get, &output) else {
                    return;
                };
                let differing: Vec<String> = fields
                    .iter()
                    .filter(|field| read[**field] != created[**field])
                    .map(|field| {
                        format!(
                            "`{field}` was {} and reads {}",
                            created[*field], read[*field]
                        )
                    })
                    .collect();
                if differing.is_empty() {
                    return;
                }
                differing.join(", ")
            }
            Ok(Err(error)) => format!(
                "{} of the new resource answered {}: {error}",
                get.name(),
                error.code()
            ),
            Err(panic) => format!("the provider panicked: {panic}"),
        };
        self.report.fail(
            write,
            Check::ReadAfterWrite,
            format!("{}: {problem}", describe(&operation)),
        );
    }
}

fn describe(operation: &Operation) -> String {
    format!("{} {}", operation.op_id().name(), operation.arguments())
}
