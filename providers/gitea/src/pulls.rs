//! Pull requests: lists, gets, drafts by title prefix, merges, which Gitea answers with an
//! empty 200 (or a refusal whose reason it often leaves out), and comments on their
//! conversation, which Gitea keeps on the pull request's issue.

use super::client::{Gitea, page_params, repo_path};
use super::issues::comments_path;
use super::mapping::{GiteaComment, GiteaPull, has_wip_prefix};
use mosaic_core::ProviderError;
use mosaic_core::input::git::{
    CommentCreate, MergeMethod, NumberRef, PullCreate, PullMerge, PullsList, StateFilter,
};
use mosaic_core::model::{Comment, MergeResult, Page, PullRequest, PullState};
use mosaic_plugin::kinds::GitPulls;
use mosaic_provider_kit::forge::page_of;
use mosaic_provider_kit::http::not_found;
use mosaic_provider_kit::http::{AfterWrite, PageQuery};
use reqwest::Method;
use serde_json::{Map, Value, json};

/// The prefix a draft's title gets: the first of Gitea's default work-in-progress prefixes.
pub const DRAFT_PREFIX: &str = "WIP: ";

/// Gitea's `state` filter of pull request lists; merged ones are closed to Gitea.
pub(super) fn pull_state_param(state: StateFilter) -> &'static str {
    match state {
        StateFilter::Open => "open",
        StateFilter::Closed | StateFilter::Merged => "closed",
        StateFilter::All => "all",
    }
}

/// The title a pull request is opened with: a draft carries Gitea's work-in-progress prefix,
/// unless its title already has one.
pub(super) fn opening_title(title: &str, draft: bool) -> String {
    if draft && !has_wip_prefix(title) {
        format!("{DRAFT_PREFIX}{title}")
    } else {
        title.to_owned()
    }
}

/// The body of `POST …/pulls/{n}/merge` (`MergePullRequestOption`). Gitea's `Do` values
/// `merge`, `squash` and `rebase` are the unified methods of the same names (its `rebase`
/// rebases and fast-forwards, without a merge commit). A commit message is split as Gitea
/// builds it back: its first line is the title, the rest the message.
pub(super) fn merge_body(input: &PullMerge) -> Result<Map<String, Value>, ProviderError> {
    let mut body = Map::new();
    body.insert("Do".into(), json!(do_value(input.method)));
    if let Some(message) = &input.commit_message {
        if input.method == MergeMethod::Rebase {
            return Err(ProviderError::Invalid(
                "`commit_message` cannot apply to a `rebase` merge: Gitea rebases without a merge commit (use `merge` or `squash`)".into(),
            ));
        }
        let (title, rest) = message
            .trim()
            .split_once('\n')
            .unwrap_or((message.trim(), ""));
        body.insert("MergeTitleField".into(), json!(title.trim()));
        if !rest.trim().is_empty() {
            body.insert("MergeMessageField".into(), json!(rest.trim()));
        }
    }
    Ok(body)
}

#[async_trait::async_trait]
impl GitPulls for Gitea {
    async fn pulls_list(&self, input: &PullsList) -> Result<Page<PullRequest>, ProviderError> {
        let page = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let mut query = page_params(page);
        query.push(("state", pull_state_param(input.state).to_owned()));
        let path = format!("{}/pulls", repo_path(&input.repo)?);
        let reply = self
            .api
            .get(&path, &query)
            .await
            .map_err(not_found(format!("repository `{}`", input.repo)))?;
        // Gitea has no `merged` filter: merged ones are the closed ones that merged, so a page
        // may hold fewer items than asked while the cursor goes on.
        let merged_only = input.state == StateFilter::Merged;
        page_of(&reply, |pull: GiteaPull| {
            (!merged_only || pull.is_merged()).then(|| pull.unify())
        })
    }

    async fn pulls_get(&self, input: &NumberRef) -> Result<PullRequest, ProviderError> {
        self.read_pull(&input.repo, input.number).await?.unify()
    }

    async fn pulls_create(&self, input: &PullCreate) -> Result<PullRequest, ProviderError> {
        let mut body = Map::new();
        body.insert(
            "title".into(),
            json!(opening_title(&input.title, input.draft)),
        );
        body.insert("head".into(), json!(input.source_branch));
        body.insert("base".into(), json!(input.target_branch));
        if let Some(text) = &input.body {
            body.insert("body".into(), json!(text));
        }
        let path = format!("{}/pulls", repo_path(&input.repo)?);
        // Gitea answers 404 for a branch it cannot find as well as for the repository.
        let pull: GiteaPull = self
            .api
            .send(Method::POST, &path, &[], Some(&Value::Object(body)))
            .await
            .map_err(not_found(format!(
                "repository `{}` or its branch `{}` or `{}`",
                input.repo, input.source_branch, input.target_branch
            )))?
            .json()?;
        let number = pull.number;
        pull.unify().after_write(number, "reading its answer")
    }

    /// Merges, then reads the pull request back for its merge commit (a read back that fails
    /// leaves the merge unconfirmed: Gitea accepted it). A refusal is explained from the pull
    /// request's state, because Gitea answers "already merged" with an empty message and
    /// "closed" with 404.
    async fn pulls_merge(&self, input: &PullMerge) -> Result<MergeResult, ProviderError> {
        let body = merge_body(input)?;
        let path = format!("{}/pulls/{}/merge", repo_path(&input.repo)?, input.number);
        let merged = self
            .api
            .send(Method::POST, &path, &[], Some(&Value::Object(body)))
            .await;
        if let Err(refusal) = merged {
            return Err(self.explain_refusal(input, refusal).await);
        }
        let pull = self
            .read_pull(&input.repo, input.number)
            .await
            .after_write(input.number, "reading the pull request back")?;
        let merged = pull.is_merged();
        Ok(MergeResult {
            merged,
            sha: pull.merge_commit_sha.filter(|sha| !sha.is_empty()),
            message: if merged {
                format!("merged with `{}`", do_value(input.method))
            } else {
                "Gitea accepted the merge but the pull request is not merged yet".into()
            },
        })
    }

    /// A comment on the pull request's conversation, which Gitea keeps on its issue.
    async fn pulls_comment(&self, input: &CommentCreate) -> Result<Comment, ProviderError> {
        let body = json!({ "body": input.body });
        let comment: GiteaComment = self
            .api
            .send(Method::POST, &comments_path(input)?, &[], Some(&body))
            .await
            .map_err(not_found(format!(
                "pull request {}#{}",
                input.repo, input.number
            )))?
            .json()?;
        Ok(comment.unify())
    }
}

impl Gitea {
    /// Pull request `number` of `repo` as Gitea has it.
    async fn read_pull(&self, repo: &str, number: u64) -> Result<GiteaPull, ProviderError> {
        let path = format!("{}/pulls/{number}", repo_path(repo)?);
        self.get(&path, &[])
            .await
            .map_err(not_found(format!("pull request {repo}#{number}")))
    }

    /// Why Gitea refused a merge: a `not_found` or `conflict` is explained from the pull
    /// request's state; any other error is passed on as it is.
    async fn explain_refusal(&self, input: &PullMerge, refusal: ProviderError) -> ProviderError {
        let what = format!("pull request {}#{}", input.repo, input.number);
        if !matches!(
            refusal,
            ProviderError::NotFound(_) | ProviderError::Conflict(_)
        ) {
            return refusal;
        }
        let pull = match self.read_pull(&input.repo, input.number).await {
            Ok(pull) => pull,
            Err(ProviderError::NotFound(missing)) => return ProviderError::NotFound(missing),
            Err(_) => return refusal,
        };
        match pull.state() {
            PullState::Merged => ProviderError::Conflict(format!("{what} is already merged")),
            PullState::Closed => ProviderError::Conflict(format!("{what} is closed")),
            PullState::Open if pull.draft == Some(true) || has_wip_prefix(&pull.title) => {
                ProviderError::Conflict(format!(
                    "{what} is a work in progress (draft), which Gitea does not merge"
                ))
            }
            PullState::Open => match refusal {
                ProviderError::Conflict(message) => {
                    ProviderError::Conflict(format!("{what} cannot be merged: {message}"))
                }
                other => other,
            },
        }
    }
}

/// Gitea's `Do` value for a unified merge method.
pub(super) fn do_value(method: MergeMethod) -> &'static str {
    match method {
        MergeMethod::Merge => "merge",
        MergeMethod::Squash => "squash",
        MergeMethod::Rebase => "rebase",
    }
}
