//! `kb.pages.*`: search (see `search.rs`), reads, and writes of pages.
//!
//! - Reads: `GET /api/pages/{id}`; a page written in the WYSIWYG editor (HTML only, an empty
//!   `markdown`) is read through `GET /api/pages/{id}/export/markdown`. Page ids are unique
//!   across books, and a read makes one request: the page is answered in the space it was
//!   asked for without a second request to check its book (writes check it).
//! - Creates: the space's book is looked up by slug; `parent_id` names a chapter of that book
//!   (BookStack nests pages in chapters only: a page named as parent is refused as
//!   `invalid_input` saying so); the body is sent as `markdown`.
//! - Updates: BookStack checks no version, so the page is read first: a page of another book
//!   is `not_found`, and a `version` other than its `revision_count` is a `conflict` naming
//!   the current version. Best effort: a change saved between that read and the write is
//!   not seen. Only what is given is sent (`name`, `markdown`).

use super::client::{Bookstack, page_number, space_slug};
use super::mapping::{BookstackChapter, BookstackPage};
use super::spaces::{DEFAULT_PER_PAGE, offset_of};
use mosaic_core::ProviderError;
use mosaic_core::input::kb::{PageCreate, PageRef, PageUpdate, PagesSearch};
use mosaic_core::model::{KbPage, Page, PageSummary};
use mosaic_plugin::kinds::KbPages;
use mosaic_provider_kit::http::AfterWrite;
use reqwest::Method;
use serde_json::{Map, Value, json};

/// What an empty body is sent as: BookStack requires `markdown` or `html` not to be empty.
const EMPTY_BODY_HTML: &str = "<p></p>";

#[async_trait::async_trait]
impl KbPages for Bookstack {
    async fn pages_search(&self, input: &PagesSearch) -> Result<Page<PageSummary>, ProviderError> {
        let want = input.per_page.unwrap_or(DEFAULT_PER_PAGE).clamp(1, 100) as usize;
        let start = offset_of(input.cursor.as_deref())?;
        let book = match &input.space {
            Some(key) => Some(self.book(key).await?),
            None => None,
        };
        let scanned = self
            .scan(&input.query, start, want, book.as_ref().map(|book| book.id))
            .await?;
        let space = book.map(|book| book.slug);
        let items = scanned
            .hits
            .into_iter()
            .map(|hit| hit.unify(space.as_deref()))
            .collect::<Result<_, _>>()?;
        Ok(Page {
            items,
            next_cursor: scanned.next.map(|next| next.to_string()),
        })
    }

    async fn pages_get(&self, input: &PageRef) -> Result<KbPage, ProviderError> {
        let page = self.page(page_number(&input.page_id)?).await?;
        let body = self.markdown_of(&page).await?;
        Ok(page.unify(&space_slug(&input.space), body, &self.web))
    }

    async fn pages_create(&self, input: &PageCreate) -> Result<KbPage, ProviderError> {
        let book = self.book(&input.space).await?;
        let mut body = Map::new();
        match &input.parent_id {
            Some(parent) => {
                let chapter = self.chapter_of(parent, book.id, &book.slug).await?;
                body.insert("chapter_id".into(), json!(chapter));
            }
            None => {
                body.insert("book_id".into(), json!(book.id));
            }
        }
        body.insert("name".into(), json!(input.title));
        if input.body.trim().is_empty() {
            body.insert("html".into(), json!(EMPTY_BODY_HTML));
        } else {
            body.insert("markdown".into(), json!(input.body));
        }
        let created: BookstackPage = self
            .send(Method::POST, "/pages", &Value::Object(body))
            .await?;
        let id = created.id;
        let markdown = self
            .markdown_of(&created)
            .await
            .after_write(id, "reading its Markdown back")?;
        Ok(created.unify(&book.slug, markdown, &self.web))
    }

    async fn pages_update(&self, input: &PageUpdate) -> Result<KbPage, ProviderError> {
        let id = page_number(&input.page_id)?;
        let book = self.book(&input.space).await?;
        let current = self.page(id).await?;
        if current.book_id != book.id {
            return Err(ProviderError::NotFound(format!(
                "page {id} in space `{}` (it is in another book)",
                book.slug
            )));
        }
        if let Some(version) = input.version
            && version != current.revision_count
        {
            return Err(ProviderError::Conflict(format!(
                "page {id} is at version {}, not {version}: read it again and apply the change to that version",
                current.revision_count
            )));
        }
        let mut change = Map::new();
        if let Some(title) = &input.title {
            change.insert("name".into(), json!(title));
        }
        match input.body.as_deref() {
            Some(text) if text.trim().is_empty() => {
                change.insert("html".into(), json!(EMPTY_BODY_HTML));
            }
            Some(text) => {
                change.insert("markdown".into(), json!(text));
            }
            None => {}
        }
        if change.is_empty() {
            let body = self.markdown_of(&current).await?;
            return Ok(current.unify(&book.slug, body, &self.web));
        }
        let updated: BookstackPage = self
            .send(Method::PUT, &format!("/pages/{id}"), &Value::Object(change))
            .await
            .writing(id)?;
        let markdown = self
            .markdown_of(&updated)
            .await
            .after_write(id, "reading its Markdown back")?;
        Ok(updated.unify(&book.slug, markdown, &self.web))
    }
}

impl Bookstack {
    /// The chapter `parent` names, checked to be in book `book_id`: BookStack nests pages in
    /// chapters only, so a page (or nothing) named there is `invalid_input` saying so.
    async fn chapter_of(
        &self,
        parent: &str,
        book_id: u64,
        book_slug: &str,
    ) -> Result<u64, ProviderError> {
        let id = parent
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|id| *id > 0)
            .ok_or_else(|| {
                ProviderError::Invalid(format!(
                    "parent_id `{parent}` is not a BookStack chapter id (a positive number)"
                ))
            })?;
        match self
            .get::<BookstackChapter>(&format!("/chapters/{id}"), &[])
            .await
        {
            Ok(chapter) if chapter.book_id == book_id => Ok(chapter.id),
            Ok(_) => Err(ProviderError::Invalid(format!(
                "parent_id {id} is a chapter of another book than `{book_slug}`"
            ))),
            Err(ProviderError::NotFound(_)) => Err(self.not_a_chapter(id).await),
            Err(other) => Err(other),
        }
    }

    /// Why `id` cannot be a parent: a page (BookStack has no pages under pages), or nothing.
    async fn not_a_chapter(&self, id: u64) -> ProviderError {
        match self.page(id).await {
            Ok(_) => ProviderError::Invalid(format!(
                "parent_id {id} is a page; BookStack nests pages only in chapters (a page cannot sit under a page): name a chapter, or no parent for the book itself"
            )),
            Err(ProviderError::NotFound(_)) => ProviderError::Invalid(format!(
                "parent_id {id} names no chapter (BookStack nests pages only in chapters)"
            )),
            Err(other) => other,
        }
    }
}
