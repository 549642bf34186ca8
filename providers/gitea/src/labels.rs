//! Label names to Gitea label ids. Gitea writes issues' labels by id, while MosAIc's callers
//! name them, so names are looked up among the repository's labels and, for a repository of
//! an organization, the organization's (which Gitea lets its repositories use).

use super::client::{Gitea, repo_path};
use super::mapping::GiteaLabel;
use mosaic_core::ProviderError;
use mosaic_provider_kit::http::encode_segment;

/// Labels per page read: Gitea's largest page (`[api] MAX_RESPONSE_ITEMS` defaults to 50).
const LABELS_PER_PAGE: u32 = 50;

/// Pages read per owner before giving up on finding a name: 1 000 labels.
const MAX_LABEL_PAGES: u32 = 20;

/// Names looked up: the ids of the known ones and the names nobody has.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Resolved {
    /// Ids of the names found, in the order asked, without repeats.
    pub ids: Vec<i64>,
    /// Names neither the repository nor its organization has.
    pub unknown: Vec<String>,
}

impl Resolved {
    /// The ids, or `Invalid` naming every unknown label.
    pub fn into_ids(self, repo: &str) -> Result<Vec<i64>, ProviderError> {
        if self.unknown.is_empty() {
            return Ok(self.ids);
        }
        let names: Vec<String> = self
            .unknown
            .iter()
            .map(|name| format!("`{name}`"))
            .collect();
        let (noun, verb) = if names.len() == 1 {
            ("label", "does")
        } else {
            ("labels", "do")
        };
        Err(ProviderError::Invalid(format!(
            "{noun} {} {verb} not exist in `{repo}` or its organization",
            names.join(", ")
        )))
    }
}

/// Matches `names` against `labels`, moving found ones from `unknown` to `ids`.
pub(super) fn match_names(resolved: &mut Resolved, labels: &[GiteaLabel]) {
    resolved.unknown.retain(
        |name| match labels.iter().find(|label| &label.name == name) {
            Some(label) => {
                if !resolved.ids.contains(&label.id) {
                    resolved.ids.push(label.id);
                }
                false
            }
            None => true,
        },
    );
}

impl Gitea {
    /// Looks `names` up in `repo`, then in its owner's organization for what is left.
    pub(super) async fn resolve_labels(
        &self,
        repo: &str,
        names: &[String],
    ) -> Result<Resolved, ProviderError> {
        let mut resolved = Resolved::default();
        for name in names {
            if !resolved.unknown.contains(name) {
                resolved.unknown.push(name.clone());
            }
        }
        if resolved.unknown.is_empty() {
            return Ok(resolved);
        }
        let repo_labels = format!("{}/labels", repo_path(repo)?);
        self.scan_labels(&repo_labels, &mut resolved)
            .await
            .map_err(|error| match error {
                ProviderError::NotFound(_) => {
                    ProviderError::NotFound(format!("repository `{repo}`"))
                }
                other => other,
            })?;
        if resolved.unknown.is_empty() {
            return Ok(resolved);
        }
        let owner = repo.split('/').next().unwrap_or_default();
        let org_labels = format!("/orgs/{}/labels", encode_segment(owner)?);
        match self.scan_labels(&org_labels, &mut resolved).await {
            // The owner is a user, who has no labels of its own.
            Err(ProviderError::NotFound(_)) => Ok(resolved),
            other => other.map(|()| resolved),
        }
    }

    /// Reads the labels at `path` page by page until every name is found or the pages end.
    async fn scan_labels(&self, path: &str, resolved: &mut Resolved) -> Result<(), ProviderError> {
        let mut page = 1;
        while !resolved.unknown.is_empty() && page <= MAX_LABEL_PAGES {
            let query = [
                ("page", page.to_string()),
                ("limit", LABELS_PER_PAGE.to_string()),
            ];
            let reply = self.api.get(path, &query).await?;
            let labels: Vec<GiteaLabel> = reply.json()?;
            match_names(resolved, &labels);
            if labels.is_empty() || reply.next_cursor.is_none() {
                break;
            }
            page += 1;
        }
        Ok(())
    }
}
