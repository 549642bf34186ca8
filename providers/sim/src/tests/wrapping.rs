//! Every operation runs inside the instance's one wrapper: the behaviour script comes before
//! the data for all of them, and each write honours `unconfirmed_writes` under its own name.

use super::*;

/// Arguments that `op` accepts against the seed data. One arm per catalog operation, so a
/// new operation is not left out of these checks.
fn arguments(op: OpId) -> Value {
    use OpId::*;
    match op {
        GitReposList | KbSpacesList | PmProjectsList | PmIssuesSearch => json!({}),
        GitReposGet | GitBranchesList | GitCommitsList | GitIssuesList | GitPullsList
        | CiPipelinesList | CiRunsList => json!({"repo": "acme/api"}),
        GitFilesGet => json!({"repo": "acme/api", "path": "README.md"}),
        GitIssuesGet => json!({"repo": "acme/api", "number": 1}),
        GitIssuesCreate => json!({"repo": "acme/api", "title": "Wrapped"}),
        GitIssuesUpdate => json!({"repo": "acme/api", "number": 1, "title": "Wrapped"}),
        GitIssuesComment => json!({"repo": "acme/api", "number": 1, "body": "Wrapped"}),
        GitPullsGet | GitPullsMerge => json!({"repo": "acme/api", "number": 11}),
        GitPullsCreate => json!({
            "repo": "acme/api",
            "title": "Wrapped",
            "source_branch": "feature/rate-limits",
            "target_branch": "main"
        }),
        GitPullsComment => json!({"repo": "acme/api", "number": 11, "body": "Wrapped"}),
        CiRunsGet | CiRunsLogs | CiRunsCancel | CiRunsWait => {
            json!({"repo": "acme/api", "run_id": "1001"})
        }
        CiRunsTrigger => json!({"repo": "acme/api", "pipeline": "ci", "ref": "main"}),
        KbPagesSearch => json!({"query": "on-call"}),
        KbPagesGet => json!({"space": "OPS", "page_id": "10006"}),
        KbPagesCreate => json!({"space": "OPS", "title": "Wrapped", "body": "Wrapped"}),
        KbPagesUpdate => json!({"space": "OPS", "page_id": "10006", "title": "Wrapped"}),
        PmIssuesGet => json!({"key": "PLAT-1"}),
        PmIssuesCreate => json!({"project": "PLAT", "title": "Wrapped"}),
        PmIssuesUpdate => json!({"key": "PLAT-1", "title": "Wrapped"}),
        PmIssuesTransition => json!({"key": "PLAT-1", "to": "done"}),
        PmIssuesComment => json!({"key": "PLAT-1", "body": "Wrapped"}),
    }
}

#[tokio::test]
async fn no_operation_reaches_the_data_of_an_instance_scripted_down() {
    let sim = instance(json!({"down": true})).await;
    for &op in OpId::ALL {
        let error = fails(&*sim, op, arguments(op)).await;
        assert_eq!(error.code(), "unavailable", "{}: {error:?}", op.name());
    }
}

#[tokio::test]
async fn each_write_is_left_unconfirmed_under_its_own_name_only() {
    for &op in OpId::ALL.iter().filter(|op| !op.spec().is_read()) {
        let sim = instance(json!({"unconfirmed_writes": [op.name()]})).await;
        let mut arguments = arguments(op);
        if op == OpId::CiRunsCancel {
            // The seeded runs have finished; a run triggered now waits to be cancelled.
            let run = ok(
                &*sim,
                OpId::CiRunsTrigger,
                self::arguments(OpId::CiRunsTrigger),
            )
            .await;
            arguments["run_id"] = run["id"].clone();
        }
        let answer = call(&*sim, op, arguments).await;
        assert!(
            matches!(answer, Err(ProviderError::WriteUnconfirmed { .. })),
            "{}: {answer:?}",
            op.name()
        );
    }
}
