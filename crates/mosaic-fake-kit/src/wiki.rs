//! The data of a knowledge base: people, spaces, the sections some bases group pages in
//! (BookStack's chapters), and pages with their bodies and versions. The BookStack,
//! Confluence and Notion fakes each render it in their own JSON.
//!
//! Bodies are kept in the base's own format (BookStack's and Notion's Markdown, Confluence's
//! storage XHTML): a fake stores what it was sent and answers it back, as the real services
//! do. The seed's bodies are Markdown, [`Body::Markdown`]; a fake that speaks another format
//! renders them, and [`Body::Html`] marks a body written in a WYSIWYG editor (BookStack's
//! pages without `markdown`).
//!
//! Times come from a counter, so the same seed always gives the same answers. Each change to a
//! page moves its `updated_at` on by a minute and its version up by one.
//!
//! [`Wiki::seeded`] holds:
//! - people `ana` (the caller of every fake), `ben` and `chloe`, with e-mails
//!   (`ana@example.com`);
//! - spaces `ENG` (Engineering), `PRODUCT` (Product) and `OPS` (Operations);
//! - in `ENG` the sections `Runbooks` and `Architecture`, and pages `Runbook 1` … `Runbook 45`
//!   in `Runbooks` (bodies `# Runbook N` and a paragraph naming the number, so that searches
//!   match some and not others), `Architecture overview` in `Architecture`, with a child page
//!   `Request path`;
//! - in `PRODUCT` five pages `Roadmap 1` … `Roadmap 5`, and `Pricing` written as HTML;
//! - in `OPS` one page `On-call`, at version 3.

use crate::forge::timestamp;

/// A person with an account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// Numeric id, unique in the base.
    pub id: u64,
    /// Login.
    pub login: String,
    /// Display name.
    pub name: String,
    /// E-mail.
    pub email: String,
}

/// A space (BookStack book, Confluence space, Notion top-level page).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Space {
    /// Numeric id, unique in the base.
    pub id: u64,
    /// Short key (`ENG`); BookStack's slug is its lower case.
    pub key: String,
    /// Display name.
    pub name: String,
    /// A line about it.
    pub description: String,
}

/// A group of pages inside a space (BookStack's chapters); bases without them ignore them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// Numeric id, unique in the base.
    pub id: u64,
    /// The key of its space.
    pub space: String,
    /// Name.
    pub name: String,
}

/// A page body, in the format it was written in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    /// Markdown.
    Markdown(String),
    /// HTML (BookStack's WYSIWYG editor) or storage XHTML (Confluence).
    Html(String),
}

impl Body {
    /// The text, whatever its format.
    pub fn text(&self) -> &str {
        match self {
            Self::Markdown(text) | Self::Html(text) => text,
        }
    }

    /// The body as Markdown: a Markdown body as written, an HTML one converted (what a
    /// base's Markdown export answers).
    pub fn markdown(&self) -> String {
        match self {
            Self::Markdown(text) => text.clone(),
            Self::Html(html) => mosaic_provider_kit::html::html_to_markdown(html),
        }
    }

    /// The body as HTML: an HTML body as written, a Markdown one rendered (what a base that
    /// stores both answers as its HTML).
    pub fn html(&self) -> String {
        match self {
            Self::Markdown(text) => mosaic_provider_kit::html::markdown_to_html(text),
            Self::Html(html) => html.clone(),
        }
    }
}

/// A page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// Numeric id, unique in the base.
    pub id: u64,
    /// The key of its space.
    pub space: String,
    /// The section it sits in, if any.
    pub section: Option<u64>,
    /// The page it sits under, if any.
    pub parent: Option<u64>,
    /// Title.
    pub title: String,
    /// Body.
    pub body: Body,
    /// Version: 1 when created, one more with each change.
    pub version: u64,
    /// Creation time, RFC 3339.
    pub created_at: String,
    /// Last change, RFC 3339.
    pub updated_at: String,
    /// Login of its author.
    pub author: String,
    /// Whether it was moved to the bin (Notion's `in_trash`).
    pub trashed: bool,
}

/// A whole knowledge base.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Wiki {
    /// Accounts; the first is the caller of every fake.
    pub people: Vec<Person>,
    /// Spaces.
    pub spaces: Vec<Space>,
    /// Sections of every space.
    pub sections: Vec<Section>,
    /// Pages of every space, in creation order.
    pub pages: Vec<Page>,
    next_id: u64,
    clock: u64,
}

impl Wiki {
    /// An empty base whose ids start at 1000.
    pub fn empty() -> Self {
        Self {
            next_id: 1000,
            ..Self::default()
        }
    }

    /// A fresh id.
    pub fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// The next moment on the base's clock, RFC 3339 (a minute after the previous one).
    pub fn now(&mut self) -> String {
        self.clock += 1;
        timestamp(self.clock)
    }

    /// The caller of every fake (the first person).
    pub fn caller(&self) -> &Person {
        &self.people[0]
    }

    /// The space with key `key` (compared without regard to case).
    pub fn space(&self, key: &str) -> Option<&Space> {
        self.spaces
            .iter()
            .find(|space| space.key.eq_ignore_ascii_case(key))
    }

    /// The space with id `id`.
    pub fn space_by_id(&self, id: u64) -> Option<&Space> {
        self.spaces.iter().find(|space| space.id == id)
    }

    /// The section with id `id`.
    pub fn section(&self, id: u64) -> Option<&Section> {
        self.sections.iter().find(|section| section.id == id)
    }

    /// The page with id `id`, trashed or not.
    pub fn page(&self, id: u64) -> Option<&Page> {
        self.pages.iter().find(|page| page.id == id)
    }

    /// The page with id `id`, to change.
    pub fn page_mut(&mut self, id: u64) -> Option<&mut Page> {
        self.pages.iter_mut().find(|page| page.id == id)
    }

    /// The pages of space `key` that are not trashed, in creation order.
    pub fn pages_in<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Page> + 'a {
        self.pages
            .iter()
            .filter(move |page| !page.trashed && page.space.eq_ignore_ascii_case(key))
    }

    /// The pages that are not trashed whose title or body contains `query` (without regard to
    /// case), in space `space` when one is given.
    pub fn search<'a>(
        &'a self,
        query: &str,
        space: Option<&'a str>,
    ) -> impl Iterator<Item = &'a Page> + 'a {
        let query = query.to_lowercase();
        self.pages.iter().filter(move |page| {
            !page.trashed
                && space.is_none_or(|key| page.space.eq_ignore_ascii_case(key))
                && (page.title.to_lowercase().contains(&query)
                    || page.body.text().to_lowercase().contains(&query))
        })
    }

    /// Adds a space and answers its id.
    pub fn add_space(&mut self, key: &str, name: &str, description: &str) -> u64 {
        let id = self.next_id();
        self.spaces.push(Space {
            id,
            key: key.to_owned(),
            name: name.to_owned(),
            description: description.to_owned(),
        });
        id
    }

    /// Adds a section to space `space` and answers its id.
    pub fn add_section(&mut self, space: &str, name: &str) -> u64 {
        let id = self.next_id();
        self.sections.push(Section {
            id,
            space: space.to_owned(),
            name: name.to_owned(),
        });
        id
    }

    /// Creates a page at version 1, written by the caller, and answers its id.
    pub fn create_page(&mut self, space: &str, title: &str, body: Body) -> u64 {
        let id = self.next_id();
        let now = self.now();
        let author = self.caller().login.clone();
        self.pages.push(Page {
            id,
            space: space.to_owned(),
            section: None,
            parent: None,
            title: title.to_owned(),
            body,
            version: 1,
            created_at: now.clone(),
            updated_at: now,
            author,
            trashed: false,
        });
        id
    }

    /// Records a change to page `id`: one version more, `updated_at` now. Answers whether the
    /// page exists.
    pub fn touch(&mut self, id: u64) -> bool {
        let now = self.now();
        let Some(page) = self.page_mut(id) else {
            return false;
        };
        page.version += 1;
        page.updated_at = now;
        true
    }

    /// The seed described in the module docs.
    pub fn seeded() -> Self {
        let mut wiki = Self::empty();
        for (login, name) in [("ana", "Ana"), ("ben", "Ben"), ("chloe", "Chloe")] {
            let id = wiki.next_id();
            wiki.people.push(Person {
                id,
                login: login.to_owned(),
                name: name.to_owned(),
                email: format!("{login}@example.com"),
            });
        }
        wiki.add_space("ENG", "Engineering", "How we build and run things.");
        wiki.add_space("PRODUCT", "Product", "What we build, and why.");
        wiki.add_space("OPS", "Operations", "Keeping it running.");

        let runbooks = wiki.add_section("ENG", "Runbooks");
        let architecture = wiki.add_section("ENG", "Architecture");
        for n in 1..=45 {
            let body = format!(
                "# Runbook {n}\n\nSteps for incident class {n}{}.\n",
                if n % 3 == 0 {
                    ", escalate to on-call"
                } else {
                    ""
                }
            );
            let id = wiki.create_page("ENG", &format!("Runbook {n}"), Body::Markdown(body));
            place(&mut wiki, id, Some(runbooks), None);
        }
        let overview = wiki.create_page(
            "ENG",
            "Architecture overview",
            Body::Markdown(
                "# Architecture overview\n\n- [ ] document the cache\n- [x] draw the request path\n\nSee the `gateway` crate.\n".to_owned(),
            ),
        );
        place(&mut wiki, overview, Some(architecture), None);
        let request_path = wiki.create_page(
            "ENG",
            "Request path",
            Body::Markdown("# Request path\n\nCatalog, routing, cache, executor.\n".to_owned()),
        );
        place(&mut wiki, request_path, Some(architecture), Some(overview));

        for n in 1..=5 {
            wiki.create_page(
                "PRODUCT",
                &format!("Roadmap {n}"),
                Body::Markdown(format!("# Roadmap {n}\n\nQuarter {n} goals.\n")),
            );
        }
        wiki.create_page(
            "PRODUCT",
            "Pricing",
            Body::Html("<h1>Pricing</h1><p>Three <strong>plans</strong>.</p>".to_owned()),
        );
        let on_call = wiki.create_page(
            "OPS",
            "On-call",
            Body::Markdown("# On-call\n\nWho to page, and when.\n".to_owned()),
        );
        wiki.touch(on_call);
        wiki.touch(on_call);
        wiki
    }
}

/// Puts page `id` in `section` and under `parent`.
fn place(wiki: &mut Wiki, id: u64, section: Option<u64>, parent: Option<u64>) {
    if let Some(page) = wiki.page_mut(id) {
        page.section = section;
        page.parent = parent;
    }
}

#[cfg(test)]
#[path = "wiki_tests.rs"]
mod tests;
