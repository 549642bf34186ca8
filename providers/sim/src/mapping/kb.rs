//! `kb.*`: spaces and pages, text search with excerpts, and versioned updates.

use super::super::clock;
use super::super::dataset::{State, WEB};
use super::super::instance::SimProvider;
use super::super::paging::Window;
use super::find_ignoring_case;
use mosaic_core::input::kb::{PageCreate, PageRef, PageUpdate, PagesSearch, SpacesList};
use mosaic_core::model::{KbPage, Page, PageSummary, Space};
use mosaic_core::{OpId, ProviderError};
use mosaic_plugin::kinds::{KbPages, KbSpaces};

/// Bytes of context kept before and after a search hit.
const BEFORE: usize = 60;
const AFTER: usize = 100;

fn space_exists(state: &State, key: &str) -> Result<(), ProviderError> {
    if state.kb.spaces.iter().any(|space| space.key == key) {
        Ok(())
    } else {
        Err(ProviderError::NotFound(format!("space `{key}`")))
    }
}

fn no_page(space: &str, page_id: &str) -> ProviderError {
    ProviderError::NotFound(format!("page `{page_id}` in space {space}"))
}

/// A one-line excerpt of `body` around a hit (its start when the hit is in the title only).
pub(super) fn excerpt(body: &str, hit: Option<usize>) -> String {
    let hit = hit.unwrap_or(0);
    let mut start = hit.saturating_sub(BEFORE);
    while !body.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (hit + AFTER).min(body.len());
    while !body.is_char_boundary(end) {
        end += 1;
    }
    let text = body[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let lead = if start > 0 { "…" } else { "" };
    let tail = if end < body.len() { "…" } else { "" };
    format!("{lead}{text}{tail}")
}

#[async_trait::async_trait]
impl KbSpaces for SimProvider {
    async fn spaces_list(&self, input: &SpacesList) -> Result<Page<Space>, ProviderError> {
        self.read(|state| {
            let window = Window::new(input.per_page, input.cursor.as_deref())?;
            Ok(window.page(state.kb.spaces.iter(), Space::clone))
        })
        .await
    }
}

#[async_trait::async_trait]
impl KbPages for SimProvider {
    /// Pages whose title or body contains the query (ignoring ASCII case), title hits first.
    async fn pages_search(&self, input: &PagesSearch) -> Result<Page<PageSummary>, ProviderError> {
        self.read(|state| {
            let window = Window::new(input.per_page, input.cursor.as_deref())?;
            if let Some(space) = &input.space {
                space_exists(state, space)?;
            }
            let query = input.query.trim();
            let in_space = |page: &&KbPage| {
                input
                    .space
                    .as_ref()
                    .is_none_or(|space| page.space == *space)
            };
            let title_hits = state
                .kb
                .pages
                .iter()
                .filter(in_space)
                .filter(|page| find_ignoring_case(&page.title, query).is_some());
            let body_only_hits = state.kb.pages.iter().filter(in_space).filter(|page| {
                find_ignoring_case(&page.title, query).is_none()
                    && find_ignoring_case(&page.body, query).is_some()
            });
            Ok(
                window.page(title_hits.chain(body_only_hits), |page| PageSummary {
                    id: page.id.clone(),
                    space: page.space.clone(),
                    title: page.title.clone(),
                    excerpt: excerpt(&page.body, find_ignoring_case(&page.body, query)),
                    updated_at: page.updated_at.clone(),
                    web_url: page.web_url.clone(),
                }),
            )
        })
        .await
    }

    async fn pages_get(&self, input: &PageRef) -> Result<KbPage, ProviderError> {
        self.read(|state| {
            space_exists(state, &input.space)?;
            state
                .kb
                .pages
                .iter()
                .find(|page| page.space == input.space && page.id == input.page_id)
                .cloned()
                .ok_or_else(|| no_page(&input.space, &input.page_id))
        })
        .await
    }

    async fn pages_create(&self, input: &PageCreate) -> Result<KbPage, ProviderError> {
        self.write(OpId::KbPagesCreate, |state| {
            space_exists(state, &input.space)?;
            if let Some(parent) = &input.parent_id {
                let known = state
                    .kb
                    .pages
                    .iter()
                    .any(|page| page.space == input.space && page.id == *parent);
                if !known {
                    return Err(ProviderError::NotFound(format!(
                        "parent page `{parent}` in space {}",
                        input.space
                    )));
                }
            }
            let id = state.page_ids.next().to_string();
            let page = KbPage {
                web_url: format!("{WEB}/wiki/{}/pages/{id}", input.space),
                id,
                space: input.space.clone(),
                title: input.title.trim().to_owned(),
                body: input.body.clone(),
                version: 1,
                parent_id: input.parent_id.clone(),
                updated_at: Some(clock::now()),
            };
            state.kb.pages.push(page.clone());
            Ok(page)
        })
        .await
    }

    /// Changes a page and bumps its version; a stale `version` is a conflict, as on Confluence.
    async fn pages_update(&self, input: &PageUpdate) -> Result<KbPage, ProviderError> {
        self.write(OpId::KbPagesUpdate, |state| {
            space_exists(state, &input.space)?;
            if input.title.is_none() && input.body.is_none() {
                return Err(ProviderError::Invalid(
                    "nothing to change: give a new title, a new body or both".into(),
                ));
            }
            let page = state
                .kb
                .pages
                .iter_mut()
                .find(|page| page.space == input.space && page.id == input.page_id)
                .ok_or_else(|| no_page(&input.space, &input.page_id))?;
            if let Some(based_on) = input.version
                && based_on != page.version
            {
                return Err(ProviderError::Conflict(format!(
                    "page `{}` is at version {}, the update was based on version {based_on}",
                    page.id, page.version
                )));
            }
            if let Some(title) = &input.title {
                page.title = title.trim().to_owned();
            }
            if let Some(body) = &input.body {
                page.body.clone_from(body);
            }
            page.version += 1;
            page.updated_at = Some(clock::now());
            Ok(page.clone())
        })
        .await
    }
}
