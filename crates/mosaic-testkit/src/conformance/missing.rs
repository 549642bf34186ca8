//! Gets of resources that do not exist answer `NotFound`: not `Ok`, not a panic, not another
//! error (a provider mapping 404 to `Unavailable` would make the gateway fail over and retry
//! a caller's mistake).

use super::probe::call;
use super::{Check, Suite};
use mosaic_core::OpId;
use serde_json::{Value, json};

/// An id no provider is expected to have.
const ABSENT: &str = "999999999";
const ABSENT_NUMBER: u64 = 999_999_999;

impl Suite<'_> {
    pub(super) async fn missing(&mut self) {
        let f = self.fixture;
        let repo = f.repo.as_deref();
        let probes: [(OpId, Option<Value>); 7] = [
            (
                OpId::GitReposGet,
                Some(json!({"repo": "mosaic-conformance/no-such-repository"})),
            ),
            (
                OpId::GitIssuesGet,
                repo.map(|repo| json!({"repo": repo, "number": ABSENT_NUMBER})),
            ),
            (
                OpId::GitPullsGet,
                repo.map(|repo| json!({"repo": repo, "number": ABSENT_NUMBER})),
            ),
            (
                OpId::GitFilesGet,
                repo.map(
                    |repo| json!({"repo": repo, "path": "mosaic-conformance/no-such-file.txt"}),
                ),
            ),
            (
                OpId::CiRunsGet,
                repo.map(|repo| json!({"repo": repo, "run_id": ABSENT})),
            ),
            (
                OpId::KbPagesGet,
                f.space
                    .as_deref()
                    .map(|space| json!({"space": space, "page_id": ABSENT})),
            ),
            (
                OpId::PmIssuesGet,
                f.project
                    .as_deref()
                    .map(|project| json!({"key": format!("{project}-{ABSENT}")})),
            ),
        ];
        for (op, arguments) in probes {
            // Without the fixture's resource the operation's own check already failed.
            let Some(arguments) = arguments else { continue };
            if self.provider.supports(op).is_supported() {
                self.expect_not_found(op, arguments).await;
            }
        }
    }

    async fn expect_not_found(&mut self, op: OpId, arguments: Value) {
        let Some(operation) = self.parse(op, arguments.clone()) else {
            return;
        };
        self.report.checks += 1;
        let problem = match call(self.provider, &operation).await {
            Ok(Err(mosaic_core::ProviderError::NotFound(_))) => return,
            Ok(Err(error)) => format!(
                "{arguments} answered {} instead of not_found: {error}",
                error.code()
            ),
            Ok(Ok(_)) => format!("{arguments} answered Ok for something that does not exist"),
            Err(panic) => format!("{arguments}: the provider panicked: {panic}"),
        };
        self.report.fail(op, Check::NotFound, problem);
    }
}
