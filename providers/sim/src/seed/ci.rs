//! Builds the seed pipelines and runs, with logs that read like a real CI's.

use super::super::clock::seed_time;
use super::super::dataset::{CiRepo, RunData, State, WEB};
use mosaic_core::model::{Pipeline, Run, RunStatus};

/// How a repository builds: its build and test commands and a few test names.
struct Toolchain {
    build: &'static str,
    test: &'static str,
    tests: &'static [&'static str],
}

const CARGO: Toolchain = Toolchain {
    build: "cargo build --locked",
    test: "cargo test --locked",
    tests: &[
        "orders::list",
        "orders::get_unknown_is_404",
        "auth::login",
        "limits::bucket_refills",
        "orders::list_paginates",
    ],
};
const NPM: Toolchain = Toolchain {
    build: "npm ci && npm run build",
    test: "npm test",
    tests: &[
        "App renders",
        "checkout totals",
        "order history pages",
        "theme toggles",
    ],
};
const SHELL: Toolchain = Toolchain {
    build: "shellcheck scripts/*.sh",
    test: "bats tests/",
    tests: &["rotate-keys requires a tenant", "rotate-keys fails fast"],
};
const GRADLE: Toolchain = Toolchain {
    build: "./gradlew assembleRelease",
    test: "./gradlew test",
    tests: &[
        "LoginTest.totp",
        "RotationTest.keepsState",
        "TransferTest.limits",
    ],
};

/// Each repository's pipelines (id, name, file) and runs (pipeline, branch, status), oldest
/// run first.
#[allow(clippy::type_complexity)]
const CI: [(
    &str,
    &Toolchain,
    &[(&str, &str, &str)],
    &[(&str, &str, RunStatus)],
); 5] = [
    (
        "acme/api",
        &CARGO,
        &[
            ("ci", "CI", ".sim/ci.yml"),
            ("deploy", "Deploy", ".sim/deploy.yml"),
            ("nightly", "Nightly audit", ".sim/nightly.yml"),
        ],
        &[
            ("ci", "main", RunStatus::Success),
            ("deploy", "main", RunStatus::Success),
            ("nightly", "main", RunStatus::Failure),
            ("ci", "feature/rate-limits", RunStatus::Success),
            ("ci", "fix/login-timeout", RunStatus::Failure),
            ("ci", "develop", RunStatus::Cancelled),
            ("ci", "main", RunStatus::Success),
            ("deploy", "main", RunStatus::Running),
        ],
    ),
    (
        "acme/web",
        &NPM,
        &[
            ("ci", "CI", ".sim/ci.yml"),
            ("deploy", "Deploy preview", ".sim/deploy.yml"),
        ],
        &[
            ("ci", "main", RunStatus::Success),
            ("deploy", "main", RunStatus::Success),
            ("ci", "feature/dark-mode", RunStatus::Failure),
            ("ci", "feature/dark-mode", RunStatus::Running),
        ],
    ),
    (
        "acme/internal-tools",
        &SHELL,
        &[("lint", "Lint", ".sim/lint.yml")],
        &[
            ("lint", "main", RunStatus::Success),
            ("lint", "main", RunStatus::Queued),
        ],
    ),
    (
        "acme-oss/sdk",
        &CARGO,
        &[
            ("ci", "CI", ".sim/ci.yml"),
            ("release", "Release", ".sim/release.yml"),
        ],
        &[
            ("ci", "main", RunStatus::Success),
            ("release", "release/1.x", RunStatus::Success),
            ("ci", "release/1.x", RunStatus::Skipped),
        ],
    ),
    (
        "client-bank/app",
        &GRADLE,
        &[("ci", "CI", ".sim/ci.yml")],
        &[
            ("ci", "main", RunStatus::Success),
            ("ci", "feature/2fa", RunStatus::Failure),
        ],
    ),
];

/// Minutes between a repository's seed runs.
const RUN_SPACING: i64 = 240;

pub(super) fn seed(state: &mut State) {
    for (repo_index, (repo, toolchain, pipelines, runs)) in (0i64..).zip(CI) {
        let pipelines: Vec<Pipeline> = pipelines
            .iter()
            .map(|(id, name, path)| Pipeline {
                id: (*id).to_owned(),
                name: (*name).to_owned(),
                repo: repo.to_owned(),
                path: Some((*path).to_owned()),
                web_url: format!("{WEB}/{repo}/actions/workflows/{id}"),
            })
            .collect();
        let mut built = Vec::with_capacity(runs.len());
        for (run_index, (pipeline, branch, status)) in (0i64..).zip(runs) {
            let number = runs[..built.len()]
                .iter()
                .filter(|(p, _, _)| p == pipeline)
                .count() as u64
                + 1;
            let commit_sha = state
                .git
                .get(repo)
                .and_then(|data| data.branches.iter().find(|b| b.name == *branch))
                .map(|b| b.commit_sha.clone());
            let started = repo_index * 3 * 24 * 60 + 120 + run_index * RUN_SPACING;
            let id = state.run_ids.next();
            let finished = !matches!(status, RunStatus::Queued | RunStatus::Running);
            let run = Run {
                id: id.to_string(),
                number: Some(number),
                pipeline_id: (*pipeline).to_owned(),
                status: *status,
                git_ref: (*branch).to_owned(),
                commit_sha,
                created_at: Some(seed_time(started)),
                finished_at: finished.then(|| seed_time(started + 7)),
                current_step: None,
                web_url: format!("{WEB}/{repo}/actions/runs/{id}"),
            };
            let log = render_log(repo, toolchain, &run);
            built.push(RunData {
                run,
                log,
                steps_left: None,
            });
        }
        built.reverse();
        state.ci.insert(
            repo.to_owned(),
            CiRepo {
                pipelines,
                runs: built,
            },
        );
    }
}

/// A log for a seed run: checkout, build and test steps, cut where the run stopped.
fn render_log(repo: &str, toolchain: &Toolchain, run: &Run) -> String {
    let sha = run.commit_sha.as_deref().unwrap_or("unknown");
    let mut log = format!(
        "[sim] run {} of pipeline `{}` for {repo} at {} ({})\n[sim] runner: sim-runner-2 (linux, x64)\n",
        run.id,
        run.pipeline_id,
        run.git_ref,
        &sha[..sha.len().min(7)]
    );
    match run.status {
        RunStatus::Queued => {
            log.push_str("[sim] waiting for a runner\n");
            return log;
        }
        RunStatus::Skipped => {
            log.push_str("[sim] skipped: no changes under the pipeline's paths\n");
            return log;
        }
        _ => {}
    }
    log.push_str(&format!(
        "##[group]checkout\nfetching {repo}@{sha}\n##[endgroup]\n"
    ));
    log.push_str(&format!("##[group]build\n$ {}\n", toolchain.build));
    for step in 1..=12 {
        log.push_str(&format!(
            "  step {step:>2}/12 compiled in {}.{step}s\n",
            1 + step % 4
        ));
    }
    log.push_str("##[endgroup]\n");
    if run.status == RunStatus::Cancelled {
        log.push_str("[sim] run cancelled by ben\n");
        return log;
    }
    log.push_str(&format!("##[group]test\n$ {}\n", toolchain.test));
    // The last test is the flaky one that fails failed runs.
    let failing = toolchain.tests.last().copied().unwrap_or("unknown");
    for test in toolchain.tests {
        let fails = run.status == RunStatus::Failure && *test == failing;
        let verdict = if fails { "FAILED" } else { "ok" };
        log.push_str(&format!("test {test} ... {verdict}\n"));
    }
    match run.status {
        RunStatus::Running => log.push_str("[sim] still running\n"),
        RunStatus::Failure => log.push_str(&format!(
            "\nfailures:\n    {failing}: timed out after 30s waiting for the database\n##[endgroup]\n[sim] job failed: exit code 101\n"
        )),
        _ => log.push_str(&format!(
            "test result: ok. {} passed; 0 failed\n##[endgroup]\n[sim] job succeeded\n",
            toolchain.tests.len()
        )),
    }
    log
}
