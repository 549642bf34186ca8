//! Merge requests (the unified pull requests) and their notes, merges, and why GitLab refused
//! a merge.

use super::client::{GitLab, page_params, project_path};
use super::mapping::{GlMergeRequest, GlNote, Noteable};
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

/// The title prefix that opens a merge request as a draft (GitLab's API has no draft flag on
/// creation).
pub const DRAFT_PREFIX: &str = "Draft: ";

/// Whether `title` already marks a draft: GitLab reads `Draft:`, `[Draft]` and `(Draft)` at
/// its start, in any case.
pub(super) fn has_draft_prefix(title: &str) -> bool {
    let lower = title.to_lowercase();
    ["draft:", "[draft]", "(draft)"]
        .iter()
        .any(|prefix| lower.starts_with(prefix))
}

/// The title a merge request is opened with.
pub(super) fn opening_title(input: &PullCreate) -> String {
    if input.draft && !has_draft_prefix(&input.title) {
        format!("{DRAFT_PREFIX}{}", input.title)
    } else {
        input.title.clone()
    }
}

/// GitLab's `state` filter for a unified one, and whether a listed state is kept: GitLab's
/// `closed` leaves merged ones out, the unified `closed` includes them.
pub(super) fn merge_request_state_param(state: StateFilter) -> &'static str {
    match state {
        StateFilter::Open => "opened",
        StateFilter::Merged => "merged",
        StateFilter::Closed | StateFilter::All => "all",
    }
}

/// Whether a merge request in `state` belongs in a list filtered by `wanted`.
pub(super) fn keeps(wanted: StateFilter, state: PullState) -> bool {
    match wanted {
        StateFilter::Closed => state != PullState::Open,
        StateFilter::Open | StateFilter::Merged | StateFilter::All => true,
    }
}

/// Why `rebase` is refused.
const NO_REBASE: &str = "GitLab merges by the project's merge method and rebases through a separate, asynchronous request, so a rebase merge cannot be promised: use `merge` (which rebases or fast-forwards where the project's merge method says so) or `squash`";

/// The body of `PUT …/merge`; `rebase` is refused before anything is sent.
pub(super) fn merge_body(input: &PullMerge) -> Result<Map<String, Value>, ProviderError> {
    let squash = match input.method {
        MergeMethod::Merge => false,
        MergeMethod::Squash => true,
        MergeMethod::Rebase => {
            return Err(ProviderError::Unsupported {
                operation: "git.pulls.merge".into(),
                reason: format!("method `rebase`: {NO_REBASE}"),
            });
        }
    };
    let mut body = Map::new();
    body.insert("squash".into(), json!(squash));
    if let Some(message) = &input.commit_message {
        // A squashed merge's message is the squash commit's; the merge commit (if the
        // project's method makes one) then keeps GitLab's own.
        let key = if squash {
            "squash_commit_message"
        } else {
            "merge_commit_message"
        };
        body.insert(key.into(), json!(message));
    }
    Ok(body)
}

/// Why GitLab would not merge `mr`, from its state and `detailed_merge_status`; `said` is
/// GitLab's own answer, for when neither explains it.
pub(super) fn refusal(reference: &str, mr: &GlMergeRequest, said: &str) -> String {
    let why = match (mr.unified_state(), mr.detailed_merge_status.as_deref()) {
        (Ok(PullState::Merged), _) => "is already merged".to_owned(),
        (Ok(PullState::Closed), _) => "is closed".to_owned(),
        _ if mr.is_draft() => "is a draft".to_owned(),
        (_, Some("conflict" | "broken_status")) => {
            format!("has conflicts with `{}`", mr.target_branch)
        }
        (_, Some("need_rebase")) => format!("must be rebased onto `{}` first", mr.target_branch),
        (_, Some("ci_must_pass")) => "needs a successful pipeline first".to_owned(),
        (_, Some("ci_still_running")) => "waits for its pipeline to finish".to_owned(),
        (_, Some("not_approved")) => "needs approval first".to_owned(),
        (_, Some("discussions_not_resolved")) => "has unresolved discussions".to_owned(),
        (_, Some("merge_request_blocked" | "blocked_status")) => {
            "is blocked by another merge request".to_owned()
        }
        (_, Some("checking" | "unchecked" | "preparing" | "approvals_syncing")) => {
            "is still being checked by GitLab; try again shortly".to_owned()
        }
        (_, Some(status)) if status != "mergeable" && status != "can_be_merged" => {
            format!("cannot be merged now (GitLab: `{status}`)")
        }
        _ => format!("was refused by GitLab ({said})"),
    };
    match mr.merge_error.as_deref().filter(|text| !text.is_empty()) {
        Some(error) => format!("merge request {reference} {why}: {error}"),
        None => format!("merge request {reference} {why}"),
    }
}

/// `/projects/{id}/merge_requests/{iid}`.
fn merge_request_path(repo: &str, iid: u64) -> Result<String, ProviderError> {
    Ok(format!("{}/merge_requests/{iid}", project_path(repo)?))
}

#[async_trait::async_trait]
impl GitPulls for GitLab {
    async fn pulls_list(&self, input: &PullsList) -> Result<Page<PullRequest>, ProviderError> {
        let page = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let mut query = page_params(page);
        query.push(("state", merge_request_state_param(input.state).to_owned()));
        let path = format!("{}/merge_requests", project_path(&input.repo)?);
        let reply = self
            .api
            .get(&path, &query)
            .await
            .map_err(not_found(format!("repository `{}`", input.repo)))?;
        let wanted = input.state;
        page_of(&reply, |mr: GlMergeRequest| match mr.unified_state() {
            Ok(state) => keeps(wanted, state).then(|| mr.unify()),
            Err(error) => Some(Err(error)),
        })
    }

    async fn pulls_get(&self, input: &NumberRef) -> Result<PullRequest, ProviderError> {
        let path = merge_request_path(&input.repo, input.number)?;
        let mr: GlMergeRequest = self.get(&path, &[]).await.map_err(not_found(format!(
            "merge request {}!{}",
            input.repo, input.number
        )))?;
        mr.unify()
    }

    /// Opens a merge request; a draft by its title prefix.
    async fn pulls_create(&self, input: &PullCreate) -> Result<PullRequest, ProviderError> {
        let mut body = Map::new();
        body.insert("title".into(), json!(opening_title(input)));
        body.insert("source_branch".into(), json!(input.source_branch));
        body.insert("target_branch".into(), json!(input.target_branch));
        if let Some(text) = &input.body {
            body.insert("description".into(), json!(text));
        }
        let path = format!("{}/merge_requests", project_path(&input.repo)?);
        let mr: GlMergeRequest = self
            .api
            .send(Method::POST, &path, &[], Some(&Value::Object(body)))
            .await
            .map_err(not_found(format!("repository `{}`", input.repo)))?
            .json()?;
        let iid = mr.iid;
        mr.unify().after_write(iid, "reading its answer")
    }

    /// Merges, and explains a refusal by reading the merge request back; `rebase` is refused
    /// before anything is sent (see [`merge_body`]).
    async fn pulls_merge(&self, input: &PullMerge) -> Result<MergeResult, ProviderError> {
        let body = merge_body(input)?;
        let reference = format!("{}!{}", input.repo, input.number);
        let path = merge_request_path(&input.repo, input.number)?;
        let answer = self
            .api
            .send(
                Method::PUT,
                &format!("{path}/merge"),
                &[],
                Some(&Value::Object(body)),
            )
            .await;
        match answer {
            Ok(reply) => reply
                .json::<GlMergeRequest>()
                .writing(input.number)?
                .merge_result()
                .after_write(input.number, "reading its answer"),
            Err(error) => Err(self.explain_refusal(&path, &reference, error).await),
        }
    }

    /// A note on the merge request.
    async fn pulls_comment(&self, input: &CommentCreate) -> Result<Comment, ProviderError> {
        let path = format!("{}/notes", merge_request_path(&input.repo, input.number)?);
        let body = json!({ "body": input.body });
        let note: GlNote = self
            .api
            .send(Method::POST, &path, &[], Some(&body))
            .await
            .map_err(not_found(format!(
                "merge request {}!{}",
                input.repo, input.number
            )))?
            .json()?;
        Ok(note.unify(
            &input.repo,
            Noteable::MergeRequest,
            input.number,
            &self.web_root,
        ))
    }
}

impl GitLab {
    /// GitLab answers a refused merge with a bare 405 (or 401 when the token may not merge,
    /// 422 when the merge failed); the merge request says why.
    async fn explain_refusal(
        &self,
        path: &str,
        reference: &str,
        error: ProviderError,
    ) -> ProviderError {
        let refused = matches!(
            error,
            ProviderError::Conflict(_)
                | ProviderError::Invalid(_)
                | ProviderError::Unauthenticated(_)
        );
        if !refused {
            return not_found(format!("merge request {reference}"))(error);
        }
        let Ok(mr) = self.get::<GlMergeRequest>(path, &[]).await else {
            return error;
        };
        match error {
            // The read worked, so the token is valid: it may not merge here.
            ProviderError::Unauthenticated(_) => ProviderError::Forbidden(format!(
                "the token may not merge merge request {reference} into `{}`",
                mr.target_branch
            )),
            ProviderError::Conflict(said) | ProviderError::Invalid(said) => {
                ProviderError::Conflict(refusal(reference, &mr, &said))
            }
            other => other,
        }
    }
}
