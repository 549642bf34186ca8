//! Job URLs: the folder or job a path below the root names, and the path of each, as Jenkins
//! writes them (`job/acme/job/api/job/ci`, every name percent-encoded).

use mosaic_fake_kit::builds::{Builds, Pipeline};
use mosaic_provider_kit::http::encode_segment;
use percent_encoding::percent_decode_str;

/// What the `job/…` part of a path names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// The folder of an owner (`acme`).
    Owner(String),
    /// The folder of a repository (`acme/api`).
    Repository(String),
    /// A pipeline's job, by the pipeline's id.
    Job(u64),
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

    /// The folder or job its names are, in `builds`.
    pub fn item(&self, builds: &Builds) -> Option<Item> {
        match self.names.as_slice() {
            [owner] => builds
                .repositories
                .iter()
                .any(|repo| owner_of(&repo.full_name) == owner)
                .then(|| Item::Owner(owner.clone())),
            [owner, name] => builds
                .repository(&format!("{owner}/{name}"))
                .map(|repo| Item::Repository(repo.full_name.clone())),
            [owner, name, job] => builds
                .pipelines_of(&format!("{owner}/{name}"))
                .find(|pipeline| &pipeline.name == job)
                .map(|pipeline| Item::Job(pipeline.id)),
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
