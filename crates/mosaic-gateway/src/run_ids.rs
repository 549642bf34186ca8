//! Run ids that lead back to the instance that owns the run.
//!
//! A CI run lives in one instance: build 42 of `acme/api` on Jenkins is not run 42 on GitHub
//! Actions. A route may spread triggers over several instances (`least_cost`, interchangeable
//! targets), so the router cannot find a run again from its repository alone. Every run id the
//! gateway answers is therefore sealed: `<instance>~<native id>~<tag>`, the tag an HMAC of the
//! instance, the repository and the native id under a key derived from the store's audit key
//! (the same for every replica, lasting across restarts and reloads). A call that names a run
//! is pinned to the instance in its id and sent the native id; an id that does not open — not
//! sealed by this gateway, altered, or given with another repository — names no run and is
//! `not_found`, never tried on an instance it might mean something else to.

use crate::answer::CallError;
use hmac::{Hmac, KeyInit, Mac};
use mosaic_core::model::{Page, Run};
use mosaic_core::{Operation, Output};
use sha2::Sha256;

/// What separates an id's parts: unreserved in URLs, so an id needs no escaping in a query.
const SEPARATOR: char = '~';
/// Hex digits of the tag: 64 bits, far beyond guessing by trial against a rate-limited API.
const TAG_DIGITS: usize = 16;
/// The purpose the store's key is derived for.
pub(crate) const PURPOSE: &str = "run ids";

/// Seals and opens run ids.
#[derive(Clone)]
pub struct RunIds {
    key: Hmac<Sha256>,
}

impl std::fmt::Debug for RunIds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RunIds")
    }
}

/// An opened run id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenedRun {
    /// The instance that owns the run.
    pub instance: String,
    /// The run's id in that instance.
    pub native: String,
}

impl RunIds {
    /// Run ids under `key`.
    pub fn new(key: [u8; 32]) -> Self {
        Self {
            // HMAC takes keys of any length (RFC 2104, section 2).
            key: <Hmac<Sha256> as KeyInit>::new_from_slice(&key)
                .expect("HMAC accepts a key of any length"),
        }
    }

    /// The id callers see for run `native` of `repo` in `instance`.
    pub fn seal(&self, instance: &str, repo: &str, native: &str) -> String {
        format!(
            "{instance}{SEPARATOR}{native}{SEPARATOR}{}",
            self.tag(instance, repo, native)
        )
    }

    /// The instance and native id behind `id`, given for `repo`, or why it names no run.
    pub fn open(&self, repo: &str, id: &str) -> Result<OpenedRun, String> {
        let malformed = || {
            "run ids are answered by ci.runs.trigger, ci.runs.list and ci.runs.get \
             (`instance~id~check`); this one is not such an id"
                .to_owned()
        };
        let (instance, rest) = id.split_once(SEPARATOR).ok_or_else(malformed)?;
        let (native, tag) = rest.rsplit_once(SEPARATOR).ok_or_else(malformed)?;
        if instance.is_empty() || native.is_empty() || tag.len() != TAG_DIGITS {
            return Err(malformed());
        }
        if tag != self.tag(instance, repo, native) {
            return Err(format!(
                "its check does not match: it was altered, comes from another gateway, or \
                 belongs to another repository than {repo}"
            ));
        }
        Ok(OpenedRun {
            instance: instance.to_owned(),
            native: native.to_owned(),
        })
    }

    fn tag(&self, instance: &str, repo: &str, native: &str) -> String {
        let mut mac = self.key.clone();
        // Lengths first, so that no two different triples hash the same bytes.
        for part in [instance, &repo.to_ascii_lowercase(), native] {
            mac.update(&(part.len() as u64).to_be_bytes());
            mac.update(part.as_bytes());
        }
        let digest = mac.finalize().into_bytes();
        digest[..TAG_DIGITS / 2]
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }

    /// `operation` with the run it names opened: the native id in its place, and the
    /// instance to pin the call to — its owner, which must be `known` (configured) and, when
    /// the caller `pinned` one, that one. Operations that name no run pass through with the
    /// caller's pin.
    pub fn resolve(
        &self,
        operation: Operation,
        pinned: Option<String>,
        known: impl Fn(&str) -> bool,
    ) -> Result<(Operation, Option<String>), CallError> {
        let mut operation = operation;
        let (repo, run_id) = match &mut operation {
            Operation::CiRunsGet(input) | Operation::CiRunsCancel(input) => {
                (input.repo.clone(), &mut input.run_id)
            }
            Operation::CiRunsLogs(input) => (input.repo.clone(), &mut input.run_id),
            Operation::CiRunsWait(input) => (input.repo.clone(), &mut input.run_id),
            _ => return Ok((operation, pinned)),
        };
        let unknown = |reason| CallError::UnknownRun {
            repo: repo.clone(),
            run_id: run_id.clone(),
            reason,
        };
        let opened = self.open(&repo, run_id).map_err(unknown)?;
        if !known(&opened.instance) {
            return Err(unknown(format!(
                "the instance `{}` that ran it is not configured",
                opened.instance
            )));
        }
        if let Some(pinned) = pinned.filter(|pinned| *pinned != opened.instance) {
            return Err(unknown(format!(
                "it belongs to instance `{}`, not to the pinned `{pinned}`",
                opened.instance
            )));
        }
        *run_id = opened.native;
        Ok((operation, Some(opened.instance)))
    }

    /// `output` of a call on `repo` served by `instance`, with every run id in it sealed;
    /// `None` when it holds none.
    pub fn seal_output(&self, instance: &str, repo: &str, output: &Output) -> Option<Output> {
        let seal = |run: &Run| Run {
            id: self.seal(instance, repo, &run.id),
            ..run.clone()
        };
        Some(match output {
            Output::CiRunsList(page) => Output::CiRunsList(Page {
                items: page.items.iter().map(seal).collect(),
                next_cursor: page.next_cursor.clone(),
            }),
            Output::CiRunsGet(run) => Output::CiRunsGet(seal(run)),
            Output::CiRunsTrigger(run) => Output::CiRunsTrigger(seal(run)),
            Output::CiRunsCancel(run) => Output::CiRunsCancel(seal(run)),
            Output::CiRunsWait(waited) => {
                let mut waited = waited.clone();
                waited.run = seal(&waited.run);
                Output::CiRunsWait(waited)
            }
            Output::CiRunsLogs(logs) => {
                let mut logs = logs.clone();
                logs.run_id = self.seal(instance, repo, &logs.run_id);
                Output::CiRunsLogs(logs)
            }
            _ => return None,
        })
    }
}

#[cfg(test)]
#[path = "run_ids_tests.rs"]
mod tests;
