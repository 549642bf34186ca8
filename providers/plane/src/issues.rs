//! `pm.issues.*`: search, read one by key, create, update, transition, comment.
//!
//! Everything the caller names is checked before anything is written (`fields.rs`). Writes
//! answer without expansion, so the work item is read back by its key; once Plane accepted
//! the write, a read back that fails leaves it unconfirmed, naming the key. Plane filters
//! nothing a search asks for: `search.rs` says how the filters, pages and cursors work.

use super::client::{Plane, Scanned};
use super::fields::{check_type, priority, title};
use super::mapping::{
    PlaneComment, PlaneCreated, PlaneItem, PlaneItemRef, PlaneMember, PlaneProject,
};
use super::search::{Filter, ITEM_QUERY, MAX_SCAN_PAGES, items_cursor, resume_at};
use super::status::category_of;
use mosaic_core::ProviderError;
use mosaic_core::input::pm::{
    IssuesSearch, WorkItemComment, WorkItemCreate, WorkItemRef, WorkItemTransition, WorkItemUpdate,
};
use mosaic_core::model::{Comment, Page, WorkItem};
use mosaic_plugin::kinds::PmWorkItems;
use mosaic_provider_kit::html::markdown_to_html;
use mosaic_provider_kit::http::{AfterWrite, PageQuery, encode_segment};
use mosaic_provider_kit::tracker::{Target, no_transition, split_key};
use reqwest::Method;
use serde_json::{Value, json};

/// The reference of the work item `key`, to read it back after a write.
fn item_ref(key: &str) -> WorkItemRef {
    WorkItemRef {
        key: key.to_owned(),
    }
}

impl Plane {
    /// A work item by key, expanded (`expand`) or not; 404 names it.
    async fn read<T: serde::de::DeserializeOwned>(
        &self,
        key: &str,
        expand: bool,
    ) -> Result<T, ProviderError> {
        let (project, number) = split_key(key)?;
        let path = self.workspace_path(&format!(
            "/{}/{}-{number}/",
            self.items,
            encode_segment(project)?
        ));
        let query = if expand {
            vec![("expand", "state,labels,assignees".to_owned())]
        } else {
            Vec::new()
        };
        self.get(&path, &query).await.map_err(|error| match error {
            ProviderError::NotFound(_) => ProviderError::NotFound(format!("work item `{key}`")),
            other => other,
        })
    }
}

#[async_trait::async_trait]
impl PmWorkItems for Plane {
    /// The projects searched (one, or the workspace's), each read from where the cursor
    /// points, items kept by the [`Filter`], until the page is full or the scan budget spent.
    async fn issues_search(&self, input: &IssuesSearch) -> Result<Page<WorkItem>, ProviderError> {
        let per_page = PageQuery::new(input.per_page, None)?.per_page as usize;
        let filter = Filter::of(input)?;
        let projects: Vec<PlaneProject> = match &input.project {
            Some(key) => vec![self.project(key).await?],
            None => self.all(&self.workspace_path("/projects/")).await?,
        };
        let (first, mut offset) = resume_at(&projects, input.cursor.as_deref())?;
        let query: Vec<(&'static str, String)> = ITEM_QUERY
            .iter()
            .map(|(name, value)| (*name, (*value).to_owned()))
            .collect();
        let keep = |item: &PlaneItem| filter.matches(item);
        let keep: Option<&(dyn Fn(&PlaneItem) -> bool + Sync)> =
            (!filter.is_empty()).then_some(&keep);
        let mut budget = MAX_SCAN_PAGES;
        let mut items = Vec::new();
        for project in &projects[first..] {
            let want = per_page - items.len();
            if want == 0 || budget == 0 {
                return Ok(Page {
                    items,
                    next_cursor: Some(items_cursor(&project.id, offset)),
                });
            }
            let path = self.items_path(&project.id)?;
            let scanned: Scanned<PlaneItem> = self
                .scan(&path, &query, offset, want, keep, &mut budget)
                .await?;
            for item in scanned.items {
                items.push(item.unify(&project.identifier, &self.web)?);
            }
            if let Some(next) = scanned.next {
                return Ok(Page {
                    items,
                    next_cursor: Some(items_cursor(&project.id, next)),
                });
            }
            offset = 0;
        }
        Ok(Page {
            items,
            next_cursor: None,
        })
    }

    /// The work item by key, with its state, labels and assignees expanded.
    async fn issues_get(&self, input: &WorkItemRef) -> Result<WorkItem, ProviderError> {
        let (project, _) = split_key(&input.key)?;
        self.read::<PlaneItem>(&input.key, true)
            .await?
            .unify(project, &self.web)
    }

    /// A `POST` to the project's list, then the new work item read back by its key.
    async fn issues_create(&self, input: &WorkItemCreate) -> Result<WorkItem, ProviderError> {
        let name = title(&input.title)?;
        let priority = input.priority.as_deref().map(priority).transpose()?;
        check_type(input.issue_type.as_deref())?;
        let project = self.project(&input.project).await?;
        let labels = (!input.labels.is_empty()).then_some(input.labels.as_slice());
        let mut body = self
            .fields(
                &project.identifier,
                &project.id,
                labels,
                input.assignee.as_deref(),
            )
            .await?;
        body.insert("name".into(), json!(name));
        if let Some(description) = &input.description {
            body.insert(
                "description_html".into(),
                json!(markdown_to_html(description)),
            );
        }
        if let Some(priority) = priority {
            body.insert("priority".into(), json!(priority));
        }
        let created: PlaneCreated = self
            .send(
                Method::POST,
                &self.items_path(&project.id)?,
                &Value::Object(body),
            )
            .await?;
        let key = format!("{}-{}", project.identifier, created.sequence_id);
        self.issues_get(&item_ref(&key))
            .await
            .after_write(&key, "reading it back")
    }

    /// A `PATCH` of only the given fields, then the work item read back.
    async fn issues_update(&self, input: &WorkItemUpdate) -> Result<WorkItem, ProviderError> {
        let name = input.title.as_deref().map(title).transpose()?;
        let priority = input.priority.as_deref().map(priority).transpose()?;
        let (key, _) = split_key(&input.key)?;
        let item: PlaneItemRef = self.read(&input.key, false).await?;
        let mut body = self
            .fields(
                key,
                &item.project,
                input.labels.as_deref(),
                input.assignee.as_deref(),
            )
            .await?;
        if let Some(name) = name {
            body.insert("name".into(), json!(name));
        }
        if let Some(description) = &input.description {
            body.insert(
                "description_html".into(),
                json!(markdown_to_html(description)),
            );
        }
        if let Some(priority) = priority {
            body.insert("priority".into(), json!(priority));
        }
        if body.is_empty() {
            return self.issues_get(&item_ref(&input.key)).await;
        }
        let path = self.item_path(&item.project, &item.id, "/")?;
        let _: PlaneItemRef = self
            .send(Method::PATCH, &path, &Value::Object(body))
            .await
            .writing(&input.key)?;
        self.issues_get(&item_ref(&input.key))
            .await
            .after_write(&input.key, "reading it back")
    }

    /// A state of the project by name, or the first state (in Plane's order) of a
    /// category's group. Plane has no workflow rules, so every state is reachable; an item
    /// already there is answered as it is.
    async fn issues_transition(
        &self,
        input: &WorkItemTransition,
    ) -> Result<WorkItem, ProviderError> {
        let (key, _) = split_key(&input.key)?;
        let item: PlaneItem = self.read(&input.key, true).await?;
        let target = Target::parse(&input.to);
        if target.matches(&item.state.name, category_of(&item.state.group)?) {
            return item.unify(key, &self.web);
        }
        let states = self.states(&item.project).await?;
        let chosen = states.iter().find(|state| {
            category_of(&state.group).is_ok_and(|category| target.matches(&state.name, category))
        });
        let Some(state) = chosen else {
            let reachable: Vec<String> = states
                .iter()
                .filter(|state| state.id != item.state.id)
                .map(|state| state.name.clone())
                .collect();
            return Err(no_transition(
                &input.key,
                &item.state.name,
                &target,
                &reachable,
            ));
        };
        let path = self.item_path(&item.project, &item.id, "/")?;
        let _: PlaneItemRef = self
            .send(Method::PATCH, &path, &json!({ "state": state.id }))
            .await
            .writing(&input.key)?;
        self.issues_get(&item_ref(&input.key))
            .await
            .after_write(&input.key, "reading it back")
    }

    /// The Markdown body as `comment_html`.
    async fn issues_comment(&self, input: &WorkItemComment) -> Result<Comment, ProviderError> {
        let item: PlaneItemRef = self.read(&input.key, false).await?;
        let path = self.item_path(&item.project, &item.id, "/comments/")?;
        let body = json!({ "comment_html": markdown_to_html(&input.body) });
        let comment: PlaneComment = self.send(Method::POST, &path, &body).await?;
        // The comment exists now: failing here would have the caller post it twice, so an
        // author that cannot be looked up is named by id.
        let members: Vec<PlaneMember> = self
            .get(&self.project_path(&item.project, "/members/")?, &[])
            .await
            .unwrap_or_default();
        Ok(comment.unify(&members, &self.web, &item.project, &item.id))
    }
}
