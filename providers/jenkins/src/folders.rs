//! Where a repository's jobs are: the folder the `repositories` setting maps `owner/name` to
//! (the first rule whose glob matches), or `{owner}/{name}` by default, as a job path
//! (`job/teams/job/acme/job/api`) below Jenkins' root.

use mosaic_core::{FieldError, ProviderError};
use mosaic_provider_kit::http::encode_segment;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The folder of the repositories a glob matches.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FolderRule {
    /// `owner/name`, where `*` stands for any characters within the owner or the name
    /// (`acme/*`, `*/api`), compared without regard to case.
    pub repo: String,
    /// The folder path, names separated by `/` (`teams/acme/{name}`), where `{owner}` and
    /// `{name}` stand for the repository's; empty for jobs at Jenkins' root.
    pub folder: String,
}

/// The checked rules.
#[derive(Clone, Debug, PartialEq)]
pub struct Folders {
    rules: Vec<FolderRule>,
}

/// The folder when no rule is given.
const DEFAULT_FOLDER: &str = "{owner}/{name}";

impl Folders {
    /// The rules, each checked, every problem at its path (`repositories[1].folder`).
    pub fn new(rules: &[FolderRule]) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        for (index, rule) in rules.iter().enumerate() {
            if !is_glob(&rule.repo) {
                errors.push(FieldError::new(
                    format!("repositories[{index}].repo"),
                    format!("`{}` is not an `owner/name` glob (letters, digits, `._-` and `*` on each side of one `/`)", rule.repo),
                ));
            }
            if let Err(problem) = check_folder(&rule.folder) {
                errors.push(FieldError::new(
                    format!("repositories[{index}].folder"),
                    problem,
                ));
            }
        }
        if errors.is_empty() {
            Ok(Self {
                rules: rules.to_vec(),
            })
        } else {
            Err(errors)
        }
    }

    /// The job path of `repo`'s folder (`job/acme/job/api`; empty for the root); a repository
    /// no rule matches is `not_found`, naming the setting.
    pub fn folder_of(&self, repo: &str) -> Result<String, ProviderError> {
        let (owner, name) = repo.split_once('/').unwrap_or((repo, ""));
        let template = if self.rules.is_empty() {
            DEFAULT_FOLDER
        } else {
            self.rules
                .iter()
                .find(|rule| matches(&rule.repo, repo))
                .map(|rule| rule.folder.as_str())
                .ok_or_else(|| {
                    ProviderError::NotFound(format!(
                        "repository `{repo}`: no rule of the `repositories` setting maps it to a Jenkins folder"
                    ))
                })?
        };
        let folder = template.replace("{owner}", owner).replace("{name}", name);
        // Names are encoded as Jenkins' `Util.rawEncode` writes them in job URLs: all but
        // letters, digits and `-_.~`.
        let segments = folder
            .split('/')
            .filter(|segment| !segment.is_empty())
            .map(|segment| encode_segment(segment).map(|name| format!("job/{name}")))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(segments.join("/"))
    }
}

fn is_glob(text: &str) -> bool {
    let allowed = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-*".contains(c))
    };
    matches!(text.split_once('/'), Some((owner, name)) if allowed(owner) && allowed(name))
}

fn check_folder(folder: &str) -> Result<(), String> {
    let without = folder.replace("{owner}", "").replace("{name}", "");
    if without.contains(['{', '}']) {
        return Err(format!(
            "`{folder}` names a placeholder other than `{{owner}}` and `{{name}}`"
        ));
    }
    if folder
        .split('/')
        .any(|segment| segment == "." || segment == "..")
        || folder.contains(['?', '#'])
    {
        return Err(format!(
            "`{folder}` is not a folder path (names separated by `/`, without `.`, `..`, `?` or `#`)"
        ));
    }
    Ok(())
}

/// Whether glob `pattern` (`*` any characters, within a side of the `/`) matches `repo`,
/// without regard to case.
pub fn matches(pattern: &str, repo: &str) -> bool {
    match (pattern.split_once('/'), repo.split_once('/')) {
        (Some((owner_glob, name_glob)), Some((owner, name))) => {
            wildcard(&owner_glob.to_lowercase(), &owner.to_lowercase())
                && wildcard(&name_glob.to_lowercase(), &name.to_lowercase())
        }
        _ => false,
    }
}

fn wildcard(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((head, rest)) => {
            let Some(mut text) = text.strip_prefix(head) else {
                return false;
            };
            loop {
                if wildcard(rest, text) {
                    return true;
                }
                let mut characters = text.chars();
                if characters.next().is_none() {
                    return false;
                }
                text = characters.as_str();
            }
        }
    }
}

#[cfg(test)]
#[path = "folders_tests.rs"]
mod tests;
