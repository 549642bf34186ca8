//! BookStack's JSON and the unified model: books as spaces, pages, and search hits.
//!
//! - A space is a book; its key is the book's slug (BookStack writes slugs in lower case,
//!   so a key is compared in lower case), its page `{web}/books/{slug}`.
//! - A page's version is its `revision_count`; its parent is its chapter (`chapter_id`, 0 when
//!   it sits in the book itself); its page is `{web}/link/{id}`, BookStack's permanent link,
//!   which still leads to the page after it is renamed or moved to another book (the page's
//!   own answer does not carry its book's slug).
//! - A search hit keeps the page BookStack names (`url`), its space is the book slug in that
//!   address, and its excerpt is `preview_html.content` as plain text.

use mosaic_core::ProviderError;
use mosaic_core::model::{KbPage, PageSummary, Space};
use serde::Deserialize;

/// One page of a BookStack list (`/api/books`, `/api/search`): its items and how many the
/// whole list holds.
#[derive(Clone, Debug, Deserialize)]
pub struct BookstackList<T> {
    /// The items.
    pub data: Vec<T>,
    /// How many items the whole list holds.
    pub total: u64,
}

/// A book, as lists and reads answer it.
#[derive(Clone, Debug, Deserialize)]
pub struct BookstackBook {
    /// Id.
    pub id: u64,
    /// Name.
    pub name: String,
    /// Slug, unique among books.
    pub slug: String,
}

/// A chapter, as `GET /api/chapters/{id}` answers it.
#[derive(Clone, Debug, Deserialize)]
pub struct BookstackChapter {
    /// Id.
    pub id: u64,
    /// Its book.
    pub book_id: u64,
}

/// A page, as reads and writes answer it.
#[derive(Clone, Debug, Deserialize)]
pub struct BookstackPage {
    /// Id, unique across books.
    pub id: u64,
    /// Its book.
    pub book_id: u64,
    /// Its chapter; 0 (or absent) when it sits in the book itself.
    #[serde(default)]
    pub chapter_id: Option<u64>,
    /// Title.
    pub name: String,
    /// The Markdown it was written in; empty for a page written in the WYSIWYG editor.
    #[serde(default)]
    pub markdown: Option<String>,
    /// How many times it was saved: 1 when created.
    pub revision_count: u64,
    /// Last change.
    #[serde(default)]
    pub updated_at: Option<String>,
}

impl BookstackPage {
    /// The Markdown the page was written in, when it was (not in the WYSIWYG editor).
    pub fn written_markdown(&self) -> Option<&str> {
        self.markdown.as_deref().filter(|text| !text.is_empty())
    }

    /// The chapter it sits in, if any.
    pub fn chapter(&self) -> Option<u64> {
        self.chapter_id.filter(|id| *id != 0)
    }

    /// The unified page, in space `space`, with `body` as Markdown.
    pub fn unify(self, space: &str, body: String, web: &WebUrls) -> KbPage {
        KbPage {
            web_url: web.page(self.id),
            id: self.id.to_string(),
            space: space.to_owned(),
            parent_id: self.chapter().map(|id| id.to_string()),
            title: self.name,
            body,
            version: self.revision_count,
            updated_at: self.updated_at,
        }
    }
}

/// One hit of `GET /api/search`.
#[derive(Clone, Debug, Deserialize)]
pub struct BookstackHit {
    /// Id, among the entities of its type.
    pub id: u64,
    /// `page`, `chapter`, `book` or `bookshelf`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Title.
    pub name: String,
    /// Its book (absent for books and shelves).
    #[serde(default)]
    pub book_id: Option<u64>,
    /// Last change.
    #[serde(default)]
    pub updated_at: Option<String>,
    /// Where people open it.
    pub url: String,
    /// The matches, marked up.
    #[serde(default)]
    pub preview_html: Preview,
}

/// The marked-up matches of a hit.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Preview {
    /// Around the matches in the body, with `<strong>` on each.
    #[serde(default)]
    pub content: String,
}

impl BookstackHit {
    /// Whether the hit is a page (BookStack answers every type unless `{type:page}` is asked).
    pub fn is_page(&self) -> bool {
        self.kind == "page"
    }

    /// The unified hit; its space is `space` when known, else the book slug of its `url`.
    pub fn unify(self, space: Option<&str>) -> Result<PageSummary, ProviderError> {
        let space = match space {
            Some(space) => space.to_owned(),
            None => book_slug_of(&self.url).ok_or_else(|| {
                ProviderError::Protocol(format!(
                    "search hit page {} has the address `{}`, which names no book (`/books/SLUG/page/…`)",
                    self.id, self.url
                ))
            })?,
        };
        Ok(PageSummary {
            id: self.id.to_string(),
            space,
            title: self.name,
            excerpt: plain_text(&self.preview_html.content),
            updated_at: self.updated_at,
            web_url: self.url,
        })
    }
}

impl BookstackBook {
    /// The unified space.
    pub fn unify(self, web: &WebUrls) -> Space {
        Space {
            id: self.id.to_string(),
            web_url: web.book(&self.slug),
            key: self.slug,
            name: self.name,
        }
    }
}

/// The addresses people open, below the app's root.
#[derive(Clone, Debug)]
pub struct WebUrls {
    root: String,
}

impl WebUrls {
    /// Addresses below `root` (no trailing slash).
    pub fn new(root: &str) -> Self {
        Self {
            root: root.trim_end_matches('/').to_owned(),
        }
    }

    /// A book's page.
    pub fn book(&self, slug: &str) -> String {
        format!("{}/books/{slug}", self.root)
    }

    /// A page's permanent link.
    pub fn page(&self, id: u64) -> String {
        format!("{}/link/{id}", self.root)
    }
}

/// The book slug of a page's address, `…/books/{slug}/page/{page}`.
pub fn book_slug_of(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    let mut segments = path.split('/');
    segments.find(|segment| *segment == "books")?;
    let slug = segments.next().filter(|slug| !slug.is_empty())?;
    (segments.next() == Some("page")).then(|| slug.to_owned())
}

/// BookStack's Markdown export of a page starts with its title as a heading (`# Name`); the
/// body is what follows it.
pub fn export_body(export: &str, title: &str) -> String {
    let export = export.trim_start_matches('\u{feff}');
    let heading = format!("# {title}");
    match export.strip_prefix(&heading) {
        Some(rest) if rest.is_empty() || rest.starts_with('\n') || rest.starts_with("\r\n") => {
            rest.trim_start_matches(['\r', '\n']).to_owned()
        }
        _ => export.to_owned(),
    }
}

/// Marked-up text as plain text: tags dropped, the character references BookStack's
/// previews use (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#039;`, `&nbsp;`) decoded.
pub fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for character in html.chars() {
        match character {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(character),
            _ => {}
        }
    }
    [
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#039;", "'"),
        ("&#39;", "'"),
        ("&nbsp;", " "),
        ("&amp;", "&"),
    ]
    .iter()
    .fold(text, |text, (reference, character)| {
        text.replace(reference, character)
    })
}

#[cfg(test)]
#[path = "mapping_tests.rs"]
mod tests;
