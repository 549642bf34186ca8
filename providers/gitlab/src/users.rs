//! Usernames to GitLab user ids. GitLab assigns issues by user id, while MosAIc's callers name
//! people by login, so each name is looked up among the users of the project
//! (`GET /projects/{id}/users?search=NAME`: members, inherited ones included, which are the
//! users an issue can be assigned to). The search also matches names and e-mails in part, so
//! only an exact username counts.

use super::client::{GitLab, project_path};
use super::mapping::GlUser;
use mosaic_core::ProviderError;

/// Matches a search answer against `username`: GitLab usernames are unique regardless of case.
pub(super) fn exact_match(users: &[GlUser], username: &str) -> Option<i64> {
    users
        .iter()
        .find(|user| user.username.eq_ignore_ascii_case(username))
        .map(|user| user.id)
}

/// `Invalid` naming every username nobody has in `repo`.
pub(super) fn unknown_users(repo: &str, unknown: &[String]) -> ProviderError {
    let names: Vec<String> = unknown.iter().map(|name| format!("`{name}`")).collect();
    let (noun, verb) = if names.len() == 1 {
        ("user", "is")
    } else {
        ("users", "are")
    };
    ProviderError::Invalid(format!(
        "{noun} {} {verb} not among the users of `{repo}` who can be assigned",
        names.join(", ")
    ))
}

impl GitLab {
    /// The user ids of `usernames` in `repo`, in the order given, without repeats; every
    /// unknown name is reported at once, before anything is written.
    pub(super) async fn user_ids(
        &self,
        repo: &str,
        usernames: &[String],
    ) -> Result<Vec<i64>, ProviderError> {
        let path = format!("{}/users", project_path(repo)?);
        let mut ids = Vec::new();
        let mut unknown = Vec::new();
        for username in usernames {
            let query = [("search", username.clone()), ("per_page", "100".into())];
            let users: Vec<GlUser> =
                self.get(&path, &query).await.map_err(|error| match error {
                    ProviderError::NotFound(_) => {
                        ProviderError::NotFound(format!("repository `{repo}`"))
                    }
                    other => other,
                })?;
            match exact_match(&users, username) {
                Some(id) if !ids.contains(&id) => ids.push(id),
                Some(_) => {}
                None if !unknown.contains(username) => unknown.push(username.clone()),
                None => {}
            }
        }
        if unknown.is_empty() {
            Ok(ids)
        } else {
            Err(unknown_users(repo, &unknown))
        }
    }
}
