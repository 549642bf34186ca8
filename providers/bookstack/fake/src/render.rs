//! The wiki in BookStack's JSON (its API docs' examples: `books-list`, `chapters-read`,
//! `pages-read`, `search-all`): books from spaces, chapters from sections, pages, hits.

use mosaic_fake_kit::wiki::{Body, Page, Person, Section, Space, Wiki};
use serde_json::{Value, json};

/// A slug as BookStack makes one (`Str::slug`): lower case, runs of anything but letters and
/// digits as one `-`, none at the edges.
pub fn slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for character in text.chars().flat_map(char::to_lowercase) {
        if character.is_alphanumeric() {
            slug.push(character);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

/// A space's book slug: its key in lower case.
pub fn book_slug(space: &Space) -> String {
    space.key.to_lowercase()
}

/// A user as BookStack nests one (`created_by`, …).
fn user(person: Option<&Person>) -> Value {
    match person {
        Some(person) => json!({"id": person.id, "name": person.name, "slug": person.login}),
        None => Value::Null,
    }
}

/// A book as lists answer it.
pub fn book(space: &Space, wiki: &Wiki) -> Value {
    let owner = wiki.caller().id;
    json!({
        "id": space.id,
        "name": space.name,
        "slug": book_slug(space),
        "description": space.description,
        "created_at": "2024-01-01T00:00:00.000000Z",
        "updated_at": "2024-01-01T00:00:00.000000Z",
        "created_by": owner,
        "updated_by": owner,
        "owned_by": owner
    })
}

/// A chapter as `GET /api/chapters/{id}` answers it (without its pages).
pub fn chapter(section: &Section, wiki: &Wiki) -> Value {
    let space = wiki.space(&section.space);
    let caller = user(Some(wiki.caller()));
    json!({
        "id": section.id,
        "book_id": space.map_or(0, |space| space.id),
        "slug": slug(&section.name),
        "name": section.name,
        "description": "",
        "description_html": "<p></p>",
        "default_template_id": null,
        "priority": 0,
        "created_at": "2024-01-01T00:00:00.000000Z",
        "updated_at": "2024-01-01T00:00:00.000000Z",
        "created_by": caller,
        "updated_by": caller,
        "owned_by": caller,
        "book_slug": space.map(book_slug),
        "tags": [],
        "pages": []
    })
}

/// A page as reads and writes answer it.
pub fn page(page: &Page, wiki: &Wiki) -> Value {
    let author = wiki
        .people
        .iter()
        .find(|person| person.login == page.author);
    let html = page.body.html();
    let (markdown, editor) = match &page.body {
        Body::Markdown(text) => (text.clone(), "markdown"),
        Body::Html(_) => (String::new(), "wysiwyg"),
    };
    json!({
        "id": page.id,
        "book_id": wiki.space(&page.space).map_or(0, |space| space.id),
        "chapter_id": page.section.unwrap_or(0),
        "name": page.title,
        "slug": slug(&page.title),
        "html": html,
        "raw_html": html,
        "priority": 0,
        "created_at": page.created_at,
        "updated_at": page.updated_at,
        "created_by": user(author),
        "updated_by": user(Some(wiki.caller())),
        "owned_by": user(author),
        "draft": false,
        "markdown": markdown,
        "revision_count": page.version,
        "template": false,
        "editor": editor,
        "tags": []
    })
}

/// A page's address, `{origin}/books/{book}/page/{slug}`.
pub fn page_url(origin: &str, page: &Page, wiki: &Wiki) -> String {
    let book = wiki.space(&page.space).map(book_slug).unwrap_or_default();
    format!("{origin}/books/{book}/page/{}", slug(&page.title))
}

/// `text` with each occurrence of `term` (without regard to case) in `<strong>`, as
/// BookStack's previews mark matches.
pub fn marked(text: &str, term: &str) -> String {
    let term = term.trim().to_lowercase();
    if term.is_empty() {
        return text.to_owned();
    }
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return text.to_owned();
    }
    let mut marked = String::with_capacity(text.len() + 17);
    let mut rest = 0;
    for (at, _) in lower.match_indices(&term) {
        if at < rest {
            continue;
        }
        marked.push_str(&text[rest..at]);
        marked.push_str("<strong>");
        marked.push_str(&text[at..at + term.len()]);
        marked.push_str("</strong>");
        rest = at + term.len();
    }
    marked.push_str(&text[rest..]);
    marked
}

/// A page as a search hit.
pub fn page_hit(origin: &str, page: &Page, wiki: &Wiki, term: &str) -> Value {
    let text = page.body.markdown();
    json!({
        "id": page.id,
        "name": page.title,
        "slug": slug(&page.title),
        "book_id": wiki.space(&page.space).map_or(0, |space| space.id),
        "chapter_id": page.section.unwrap_or(0),
        "draft": false,
        "template": false,
        "created_at": page.created_at,
        "updated_at": page.updated_at,
        "type": "page",
        "url": page_url(origin, page, wiki),
        "preview_html": {
            "name": marked(&page.title, term),
            "content": marked(text.trim(), term)
        },
        "tags": []
    })
}
