//! Pipeline and run ids. A pipeline's id is its job's path below Jenkins' root, as Jenkins'
//! own `url` gives it (`job/acme/job/api/job/ci`, names encoded as Jenkins encodes them, so a
//! multibranch branch `feature/x` stays `job/feature%252Fx`); a run's id is that path and the
//! build's number (`job/acme/job/api/job/ci#42`), or, for a build still in Jenkins' queue,
//! the queue item's id (`job/acme/job/api/job/ci#queue-7`).

use mosaic_core::ProviderError;
use mosaic_provider_kit::http::encode_segment;
use reqwest::Url;
use std::fmt;

/// The part of a run id after the job: a build, or a queue item not yet a build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuildRef {
    /// Build number `n` of the job.
    Number(u64),
    /// Queue item `id`, waiting to become a build.
    Queued(u64),
}

/// A run: its job's path and which of its builds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunId {
    /// The job's path (`job/acme/job/api/job/ci`).
    pub job: String,
    /// Which build.
    pub build: BuildRef,
}

impl fmt::Display for RunId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.build {
            BuildRef::Number(number) => write!(formatter, "{}#{number}", self.job),
            BuildRef::Queued(id) => write!(formatter, "{}#queue-{id}", self.job),
        }
    }
}

impl RunId {
    /// A run id as this plugin writes them; anything else is `invalid_input` saying what a
    /// run id looks like, except a bare number, which no Jenkins run has: `not_found`.
    pub fn parse(text: &str) -> Result<Self, ProviderError> {
        let refuse = |why: &str| {
            ProviderError::Invalid(format!(
                "run_id `{text}` {why}; a Jenkins run id is its job's path and the build number, \
                 as runs are listed (`job/acme/job/api/job/ci#42`)"
            ))
        };
        let trimmed = text.trim();
        if !trimmed.is_empty() && trimmed.bytes().all(|byte| byte.is_ascii_digit()) {
            // A bare number is an id of another kind (a build number without its job, another
            // provider's run): no Jenkins run has it.
            return Err(ProviderError::NotFound(format!(
                "run `{text}`: Jenkins numbers builds per job, so a run id is its job's path and the build number (`job/acme/job/api/job/ci#42`)"
            )));
        }
        let (job, build) = trimmed
            .rsplit_once('#')
            .ok_or_else(|| refuse("has no `#`"))?;
        let build = match build.strip_prefix("queue-") {
            Some(id) => {
                BuildRef::Queued(positive(id).ok_or_else(|| refuse("has no queue item id"))?)
            }
            None => BuildRef::Number(
                positive(build).ok_or_else(|| refuse("has no build number after `#`"))?,
            ),
        };
        check_job_path(job).map_err(|why| refuse(&why))?;
        Ok(Self {
            job: job.to_owned(),
            build,
        })
    }
}

fn positive(text: &str) -> Option<u64> {
    text.parse::<u64>().ok().filter(|number| *number > 0)
}

/// Whether `path` is a job path: `job/NAME` pairs, names as URLs carry them (no `/`, `?`, `#`,
/// whitespace, `.` or `..`); otherwise why not.
pub fn check_job_path(path: &str) -> Result<(), String> {
    let segments: Vec<&str> = path.split('/').collect();
    if segments.len() < 2 || !segments.len().is_multiple_of(2) {
        return Err("is not a job path (`job/NAME` pairs)".into());
    }
    for pair in segments.chunks(2) {
        let [kind, name] = pair else {
            return Err("is not a job path (`job/NAME` pairs)".into());
        };
        let bad_name = name.is_empty()
            || *name == "."
            || *name == ".."
            || name.contains(|c: char| c.is_whitespace() || c == '?' || c == '#');
        if *kind != "job" || bad_name {
            return Err("is not a job path (`job/NAME` pairs)".into());
        }
    }
    Ok(())
}

/// A pipeline id given by the caller, checked to be a job path inside `folder` (the
/// repository's); otherwise `invalid_input` naming both.
pub fn job_in(folder: &str, repo: &str, id: &str, what: &str) -> Result<String, ProviderError> {
    let id = id.trim().trim_matches('/');
    // A bare name (`ci`) is the job of that name in the repository's folder: one trigger then
    // names the same pipeline here and on an interchangeable executor (a workflow `ci.yml`).
    if !id.is_empty() && !id.contains('/') && id != "job" {
        let job = format!("job/{}", encode_segment(id)?);
        return Ok(if folder.is_empty() {
            job
        } else {
            format!("{folder}/{job}")
        });
    }
    check_job_path(id).map_err(|why| {
        ProviderError::Invalid(format!(
            "{what} `{id}` {why}; give a pipeline id as pipelines are listed (`job/acme/job/api/job/ci`)"
        ))
    })?;
    inside(folder, repo, id, what)?;
    Ok(id.to_owned())
}

/// Checks that job path `job` lies in `folder`, the folder of `repo`.
pub fn inside(folder: &str, repo: &str, job: &str, what: &str) -> Result<(), ProviderError> {
    let within = folder.is_empty() || job.starts_with(&format!("{folder}/job/"));
    if within {
        return Ok(());
    }
    let folder = if folder.is_empty() {
        "the root"
    } else {
        folder
    };
    Err(ProviderError::Invalid(format!(
        "{what} `{job}` is not a job of repository `{repo}`, whose jobs are in `{folder}`"
    )))
}

/// The job path of an absolute `url` Jenkins answered (`https://ci/jenkins/job/a/job/b/`),
/// below `base`; a URL elsewhere is the provider's fault.
pub fn job_path_of(base: &Url, url: &str) -> Result<String, ProviderError> {
    let parsed = Url::parse(url).map_err(|error| {
        ProviderError::Protocol(format!("job URL `{url}` is not a URL: {error}"))
    })?;
    let root = base.path().trim_end_matches('/');
    let path = parsed
        .path()
        .strip_prefix(root)
        .filter(|_| parsed.host_str().is_some())
        .map(|path| path.trim_matches('/'))
        .filter(|path| check_job_path(path).is_ok())
        .ok_or_else(|| {
            ProviderError::Protocol(format!(
                "job URL `{url}` is not a job below the configured base_url `{base}`; set base_url to Jenkins' own URL (Manage Jenkins → System → Jenkins URL)"
            ))
        })?;
    Ok(path.to_owned())
}

/// The last name of a job path, decoded once (`job/a/job/main` → `main`; a multibranch
/// branch `feature%252Fx` → `feature%2Fx`, the job's name).
pub fn job_name(path: &str) -> String {
    let last = path.rsplit('/').next().unwrap_or_default();
    percent_encoding::percent_decode_str(last)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
#[path = "ids_tests.rs"]
mod tests;
