//! The data of a CI/CD service: repositories, their pipelines, and builds that move from
//! queued through their steps to an end. The GitHub Actions, Woodpecker and Jenkins fakes
//! each render it in their own JSON and log format.
//!
//! A build moves one stage each time [`Builds::advance`] is called: queued → its first step
//! running → … → its last step running → finished with the outcome it was given. A fake calls
//! it on every read of the build, so a caller that polls sees it through to its end, and the
//! same reads always give the same answers. A step's log lines appear when the step starts,
//! so a log read at successive stages grows, as a real console does.
//!
//! Times come from a counter, as in the other data models (a minute per tick).
//!
//! [`Builds::seeded`] holds:
//! - repositories `acme/api` (private), `acme/web` (public) and `acme/infra` (private);
//! - pipelines `ci` (`.ci/ci.yml`) and `release` (`.ci/release.yml`) in `acme/api`, `ci` in
//!   `acme/web`, and `deploy` (`.ci/deploy.yml`, taking the input `environment`) in
//!   `acme/infra`;
//! - 35 finished builds of `acme/api`'s `ci` on `main`, numbered 1 … 35 (every fifth failed
//!   in its `test` step, the rest succeeded), one build of `acme/web`'s `ci` running its
//!   `build` step, and one of `acme/infra`'s `deploy` queued.
//!
//! Every build has the steps `checkout`, `build` and `test`, each logging three lines that
//! name the build and the step (`[api#7 test] line 2 of 3`); a failed build's `test` step
//! ends with `error: 2 tests failed`.

use crate::forge::timestamp;
use std::collections::BTreeMap;

/// A repository a CI service builds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repository {
    /// Numeric id, unique in the service.
    pub id: u64,
    /// `owner/name`.
    pub full_name: String,
    /// Whether anyone may see it.
    pub public: bool,
    /// The branch builds run on when none is named.
    pub default_branch: String,
}

/// A pipeline definition (workflow file, Jenkins job).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pipeline {
    /// Numeric id, unique in the service.
    pub id: u64,
    /// The repository it builds, `owner/name`.
    pub repo: String,
    /// Name (`ci`).
    pub name: String,
    /// Its definition file.
    pub path: String,
    /// The inputs it accepts.
    pub inputs: Vec<String>,
}

/// Where a build is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Waiting for a runner.
    Queued,
    /// Running its step at this index.
    Running(usize),
    /// Over.
    Finished(Outcome),
}

/// How a build ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// All steps passed.
    Success,
    /// A step failed.
    Failure,
    /// Stopped before its end.
    Cancelled,
}

/// One step of a build, with the lines it logs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// Name.
    pub name: String,
    /// Its log, line by line, without line breaks.
    pub lines: Vec<String>,
}

/// One build (run) of a pipeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Build {
    /// Numeric id, unique in the service.
    pub id: u64,
    /// Its number among its pipeline's builds, from 1.
    pub number: u64,
    /// The pipeline's id.
    pub pipeline: u64,
    /// The repository, `owner/name`.
    pub repo: String,
    /// The branch or tag it builds.
    pub git_ref: String,
    /// The commit it builds.
    pub sha: String,
    /// What started it (`push`, `workflow_dispatch`, `manual`).
    pub event: String,
    /// Its inputs.
    pub inputs: BTreeMap<String, String>,
    /// Its steps.
    pub steps: Vec<Step>,
    /// Where it is.
    pub stage: Stage,
    /// How it ends when it runs to its end.
    pub ends_as: Outcome,
    /// Creation time, RFC 3339.
    pub created_at: String,
    /// When its first step started.
    pub started_at: Option<String>,
    /// When it finished.
    pub finished_at: Option<String>,
    /// Last change.
    pub updated_at: String,
    /// Login of who started it.
    pub actor: String,
    /// How its log lines name it: its repository's name and its number (`api#7`).
    pub label: String,
}

impl Build {
    /// Whether it is over.
    pub fn is_finished(&self) -> bool {
        matches!(self.stage, Stage::Finished(_))
    }

    /// The steps that have started (all of them once finished, none while queued).
    pub fn started_steps(&self) -> &[Step] {
        match self.stage {
            Stage::Queued => &[],
            Stage::Running(index) => &self.steps[..=index],
            Stage::Finished(_) => &self.steps,
        }
    }

    /// The step running now.
    pub fn current_step(&self) -> Option<&Step> {
        match self.stage {
            Stage::Running(index) => self.steps.get(index),
            Stage::Queued | Stage::Finished(_) => None,
        }
    }

    /// The whole log so far: the lines of every started step, each ending in a line break.
    pub fn log(&self) -> String {
        self.started_steps()
            .iter()
            .flat_map(|step| &step.lines)
            .map(|line| format!("{line}\n"))
            .collect()
    }
}

/// Why a build could not be cancelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CancelRefused {
    /// No build has that id.
    Missing,
    /// It had already finished.
    Finished,
}

/// A whole CI service.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Builds {
    /// Login of the caller of every fake.
    pub caller: String,
    /// Repositories.
    pub repositories: Vec<Repository>,
    /// Pipelines of every repository.
    pub pipelines: Vec<Pipeline>,
    /// Builds of every pipeline, in creation order.
    pub builds: Vec<Build>,
    next_id: u64,
    clock: u64,
}

impl Builds {
    /// An empty service whose ids start at 100, called by `ana`.
    pub fn empty() -> Self {
        Self {
            caller: "ana".to_owned(),
            next_id: 100,
            ..Self::default()
        }
    }

    /// A fresh id.
    pub fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// The next moment on the service's clock, RFC 3339 (a minute after the previous one).
    pub fn now(&mut self) -> String {
        self.clock += 1;
        timestamp(self.clock)
    }

    /// The repository `owner/name` (compared without regard to case).
    pub fn repository(&self, full_name: &str) -> Option<&Repository> {
        self.repositories
            .iter()
            .find(|repo| repo.full_name.eq_ignore_ascii_case(full_name))
    }

    /// The repository with id `id`.
    pub fn repository_by_id(&self, id: u64) -> Option<&Repository> {
        self.repositories.iter().find(|repo| repo.id == id)
    }

    /// The pipeline with id `id`.
    pub fn pipeline(&self, id: u64) -> Option<&Pipeline> {
        self.pipelines.iter().find(|pipeline| pipeline.id == id)
    }

    /// The pipeline of `repo` named `name`, or whose file is `name`.
    pub fn pipeline_named(&self, repo: &str, name: &str) -> Option<&Pipeline> {
        self.pipelines.iter().find(|pipeline| {
            pipeline.repo.eq_ignore_ascii_case(repo)
                && (pipeline.name == name || pipeline.path == name)
        })
    }

    /// The pipelines of `repo`, in creation order.
    pub fn pipelines_of<'a>(&'a self, repo: &'a str) -> impl Iterator<Item = &'a Pipeline> + 'a {
        self.pipelines
            .iter()
            .filter(move |pipeline| pipeline.repo.eq_ignore_ascii_case(repo))
    }

    /// The build with id `id`.
    pub fn build(&self, id: u64) -> Option<&Build> {
        self.builds.iter().find(|build| build.id == id)
    }

    /// The build numbered `number` of pipeline `pipeline`.
    pub fn build_numbered(&self, pipeline: u64, number: u64) -> Option<&Build> {
        self.builds
            .iter()
            .find(|build| build.pipeline == pipeline && build.number == number)
    }

    /// The builds of `repo`, newest first.
    pub fn builds_of<'a>(&'a self, repo: &'a str) -> impl Iterator<Item = &'a Build> + 'a {
        self.builds
            .iter()
            .rev()
            .filter(move |build| build.repo.eq_ignore_ascii_case(repo))
    }

    /// Adds a repository and answers its id.
    pub fn add_repository(&mut self, full_name: &str, public: bool) -> u64 {
        let id = self.next_id();
        self.repositories.push(Repository {
            id,
            full_name: full_name.to_owned(),
            public,
            default_branch: "main".to_owned(),
        });
        id
    }

    /// Adds a pipeline to `repo` and answers its id.
    pub fn add_pipeline(&mut self, repo: &str, name: &str, inputs: &[&str]) -> u64 {
        let id = self.next_id();
        self.pipelines.push(Pipeline {
            id,
            repo: repo.to_owned(),
            name: name.to_owned(),
            path: format!(".ci/{name}.yml"),
            inputs: inputs.iter().map(|input| (*input).to_owned()).collect(),
        });
        id
    }

    /// Starts pipeline `pipeline` at `git_ref`: a queued build, started by the caller, that
    /// will succeed. Answers its id, or `None` for an unknown pipeline.
    pub fn trigger(
        &mut self,
        pipeline: u64,
        git_ref: &str,
        event: &str,
        inputs: BTreeMap<String, String>,
    ) -> Option<u64> {
        let definition = self.pipeline(pipeline)?.clone();
        let number = self
            .builds
            .iter()
            .filter(|build| build.pipeline == pipeline)
            .count() as u64
            + 1;
        let id = self.next_id();
        let now = self.now();
        let short = definition.repo.rsplit('/').next().unwrap_or_default();
        let label = format!("{short}#{number}");
        self.builds.push(Build {
            id,
            number,
            pipeline,
            repo: definition.repo,
            git_ref: git_ref.to_owned(),
            sha: format!("{:040x}", id * 7919),
            event: event.to_owned(),
            inputs,
            steps: steps(&label, Outcome::Success),
            stage: Stage::Queued,
            ends_as: Outcome::Success,
            created_at: now.clone(),
            started_at: None,
            finished_at: None,
            updated_at: now,
            actor: self.caller.clone(),
            label,
        });
        Some(id)
    }

    /// Makes build `id` end as `outcome` when it reaches its end (a failure fails its last
    /// step, which then logs why). Answers whether the build exists.
    pub fn will_end_as(&mut self, id: u64, outcome: Outcome) -> bool {
        let Some(build) = self.builds.iter_mut().find(|build| build.id == id) else {
            return false;
        };
        build.ends_as = outcome;
        build.steps = steps(&build.label, outcome);
        true
    }

    /// Moves build `id` on one stage (see the module docs); a finished build stays as it is.
    /// Answers whether the build exists.
    pub fn advance(&mut self, id: u64) -> bool {
        let now = self.now();
        let Some(build) = self.builds.iter_mut().find(|build| build.id == id) else {
            return false;
        };
        let next = match build.stage {
            Stage::Queued => Stage::Running(0),
            Stage::Running(index) if index + 1 < build.steps.len() => Stage::Running(index + 1),
            Stage::Running(_) => Stage::Finished(build.ends_as),
            Stage::Finished(_) => return true,
        };
        if build.stage == Stage::Queued {
            build.started_at = Some(now.clone());
        }
        if let Stage::Finished(_) = next {
            build.finished_at = Some(now.clone());
        }
        build.stage = next;
        build.updated_at = now;
        true
    }

    /// Runs build `id` to its end.
    pub fn finish(&mut self, id: u64) -> bool {
        while self.build(id).is_some_and(|build| !build.is_finished()) {
            self.advance(id);
        }
        self.build(id).is_some()
    }

    /// Cancels build `id` if it has not finished.
    pub fn cancel(&mut self, id: u64) -> Result<(), CancelRefused> {
        let now = self.now();
        let build = self
            .builds
            .iter_mut()
            .find(|build| build.id == id)
            .ok_or(CancelRefused::Missing)?;
        if build.is_finished() {
            return Err(CancelRefused::Finished);
        }
        build.stage = Stage::Finished(Outcome::Cancelled);
        build.finished_at = Some(now.clone());
        build.updated_at = now;
        Ok(())
    }

    /// The seed described in the module docs.
    pub fn seeded() -> Self {
        let mut service = Self::empty();
        service.add_repository("acme/api", false);
        service.add_repository("acme/web", true);
        service.add_repository("acme/infra", false);
        let api_ci = service.add_pipeline("acme/api", "ci", &[]);
        service.add_pipeline("acme/api", "release", &[]);
        let web_ci = service.add_pipeline("acme/web", "ci", &[]);
        let deploy = service.add_pipeline("acme/infra", "deploy", &["environment"]);
        for number in 1..=35 {
            let id = service
                .trigger(api_ci, "main", "push", BTreeMap::new())
                .expect("the seed's pipeline exists");
            if number % 5 == 0 {
                service.will_end_as(id, Outcome::Failure);
            }
            service.finish(id);
        }
        let running = service
            .trigger(web_ci, "main", "push", BTreeMap::new())
            .expect("the seed's pipeline exists");
        service.advance(running);
        service.advance(running);
        let inputs = BTreeMap::from([("environment".to_owned(), "staging".to_owned())]);
        service
            .trigger(deploy, "main", "workflow_dispatch", inputs)
            .expect("the seed's pipeline exists");
        service
    }
}

/// The steps of a build labelled `label` (`api#7`) that ends as `outcome`.
fn steps(label: &str, outcome: Outcome) -> Vec<Step> {
    ["checkout", "build", "test"]
        .into_iter()
        .map(|name| {
            let mut lines: Vec<String> = (1..=3)
                .map(|n| format!("[{label} {name}] line {n} of 3"))
                .collect();
            if name == "test" && outcome == Outcome::Failure {
                lines.push("error: 2 tests failed".to_owned());
            }
            Step {
                name: name.to_owned(),
                lines,
            }
        })
        .collect()
}

#[cfg(test)]
#[path = "builds_tests.rs"]
mod tests;
