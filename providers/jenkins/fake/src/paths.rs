//! Job URLs: the folder or job a path below the root names, and the path of each, as Jenkins
//! writes them (`job/acme/job/api/job/ci`, every name percent-encoded).

use super::JenkinsData;
use mosaic_fake_kit::builds::{Build, Builds, Pipeline};
use mosaic_provider_kit::http::encode_segment;
use percent_encoding::percent_decode_str;

/// What the `job/…` part of a path names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// The folder of an owner (`acme`).
    Owner(String),
    /// The folder of a repository (`acme/api`).
    Repository(String),
    /// A pipeline's job (or its multibranch project), or one of the project's branch jobs.
    Job(JobRef),
}

/// A pipeline's job: the pipeline's id, and for a pipeline served as a multibranch project,
/// the branch whose job it is (`None` for the project itself).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobRef {
    /// The pipeline's id.
    pub pipeline: u64,
    /// The branch, decoded (`feature/x`).
    pub branch: Option<String>,
}

/// A path below the root split into the item its `job/NAME` pairs name and what follows
/// them (`["42", "logText", "progressiveText"]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Address {
    /// The decoded names, outermost first.
    pub names: Vec<String>,
    /// The segments after the last name.
    pub tail: Vec<String>,
}

impl Address {
    /// `/job/a/job/b/…` as its names and tail; `None` when it does not start with a
    /// `job/NAME` pair or a name is not UTF-8.
    pub fn parse(path: &str) -> Option<Self> {
        let mut segments = path.trim_start_matches('/').split('/').peekable();
        let mut names = Vec::new();
        while segments.peek() == Some(&"job") {
            segments.next();
            let name = percent_decode_str(segments.next()?).decode_utf8().ok()?;
            names.push(name.into_owned());
        }
        if names.is_empty() {
            return None;
        }
        let tail = segments
            .filter(|segment| !segment.is_empty())
            .map(str::to_owned)
            .collect();
        Some(Self { names, tail })
    }

    /// The folder or job its names are, in `data`.
    pub fn item(&self, data: &JenkinsData) -> Option<Item> {
        let builds = &data.builds;
        let pipeline = |owner: &str, name: &str, job: &str| {
            builds
                .pipelines_of(&format!("{owner}/{name}"))
                .find(|pipeline| pipeline.name == job)
                .map(|pipeline| pipeline.id)
        };
        match self.names.as_slice() {
            [owner] => builds
                .repositories
                .iter()
                .any(|repo| owner_of(&repo.full_name) == owner)
                .then(|| Item::Owner(owner.clone())),
            [owner, name] => builds
                .repository(&format!("{owner}/{name}"))
                .map(|repo| Item::Repository(repo.full_name.clone())),
            [owner, name, job] => pipeline(owner, name, job).map(|pipeline| {
                Item::Job(JobRef {
                    pipeline,
                    branch: None,
                })
            }),
            [owner, name, job, branch_job] => {
                let pipeline = pipeline(owner, name, job)?;
                let branch = percent_decode_str(branch_job).decode_utf8().ok()?;
                (data.multibranch.contains(&pipeline)
                    && branches_of(builds, pipeline).contains(&branch.to_string()))
                .then(|| {
                    Item::Job(JobRef {
                        pipeline,
                        branch: Some(branch.into_owned()),
                    })
                })
            }
            _ => None,
        }
    }
}

/// The owner of `owner/name`.
pub fn owner_of(full_name: &str) -> &str {
    full_name.split('/').next().unwrap_or_default()
}

/// `job/A/job/B…` of the names, each percent-encoded as Jenkins' `Util.rawEncode` encodes them
/// (all but letters, digits and `-_.~`); the data's names are never empty, `.` or `..`.
pub fn job_path<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names
        .into_iter()
        .map(|name| format!("job/{}", encode_segment(name).unwrap_or_default()))
        .collect::<Vec<_>>()
        .join("/")
}

/// The job path of a repository's folder (`job/acme/job/api`).
pub fn repository_path(full_name: &str) -> String {
    job_path(full_name.split('/'))
}

/// The job path of a pipeline (`job/acme/job/api/job/ci`).
pub fn pipeline_path(pipeline: &Pipeline) -> String {
    format!(
        "{}/{}",
        repository_path(&pipeline.repo),
        job_path([pipeline.name.as_str()])
    )
}

/// The branches of a pipeline served as a multibranch project: `main`, then every other ref
/// its builds ran on, in the order they first did.
pub fn branches_of(builds: &Builds, pipeline: u64) -> Vec<String> {
    let mut branches = vec!["main".to_owned()];
    for build in builds
        .builds
        .iter()
        .filter(|build| build.pipeline == pipeline)
    {
        if !branches.contains(&build.git_ref) {
            branches.push(build.git_ref.clone());
        }
    }
    branches
}

/// A branch job's name, as the multibranch plugin's `NameEncoder` writes a branch
/// (`feature/x` → `feature%2Fx`), which its URL then encodes again (`feature%252Fx`).
pub fn branch_job_name(branch: &str) -> String {
    branch.replace('%', "%25").replace('/', "%2F")
}

/// The job path of `job` (`job/acme/job/api/job/ci`, `…/job/ci/job/feature%252Fx`).
pub fn job_ref_path(builds: &Builds, job: &JobRef) -> String {
    let Some(pipeline) = builds.pipeline(job.pipeline) else {
        return String::new();
    };
    match &job.branch {
        None => pipeline_path(pipeline),
        Some(branch) => format!(
            "{}/{}",
            pipeline_path(pipeline),
            job_path([branch_job_name(branch).as_str()])
        ),
    }
}

/// The job of `build`: its pipeline's, or its branch's when the pipeline is a multibranch
/// project.
pub fn job_of(data: &JenkinsData, build: &Build) -> JobRef {
    JobRef {
        pipeline: build.pipeline,
        branch: data
            .multibranch
            .contains(&build.pipeline)
            .then(|| build.git_ref.clone()),
    }
}
