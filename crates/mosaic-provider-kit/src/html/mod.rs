//! Plane's HTML ⇄ Markdown.
//!
//! Plane stores descriptions and comments as HTML (`description_html`, `comment_html`, the
//! output of its rich-text editor); MosAIc's callers read and write Markdown. Both directions
//! cover what the editor writes:
//!
//! | HTML | Markdown |
//! | --- | --- |
//! | `<p>` | a paragraph |
//! | `<h1>` … `<h6>` | `#` … `######` |
//! | `<strong>`/`<b>`, `<em>`/`<i>`, `<s>`/`<del>`, `<code>` | `**…**`, `*…*`, `~~…~~`, `` `…` `` |
//! | `<a href title>` | `[text](href "title")` |
//! | `<img src alt title>` (and Plane's `<image-component src>`) | `![alt](src "title")` |
//! | `<ul>`, `<ol start>`, `<li>` | `-` lists, `1.` lists (nested, any start) |
//! | `<pre><code class="language-x">` | a fenced code block with its language |
//! | `<blockquote>` | `>` |
//! | `<hr>` | `___` |
//! | `<br>` | a backslash at the end of a line |
//! | character references (`&amp;`, `&#39;`, `&nbsp;`, …) | the characters |
//!
//! Markdown → HTML uses `pulldown-cmark` (`to_html.rs`); HTML → Markdown is a small reader of
//! its own (`dom.rs`, `entities.rs`) and writer (`to_markdown.rs` for blocks, `spans.rs` and
//! `inline.rs` for inline content), so that Markdown → HTML → Markdown gives back the same
//! Markdown for the table above and HTML written from Markdown reads back as the same HTML.
//!
//! Text that would read as Markdown is escaped. Raw HTML inside the caller's Markdown is
//! written as text, never as markup. Not kept: elements without a Markdown form (underline,
//! highlight, colours, tables, Plane's mentions and task lists) keep only their text and
//! blocks; whitespace and line breaks at the edges of a bold, italic or struck run move outside
//! it; a run inside a run of its own kind is one run; a line break inside a heading or at the
//! start or end of a block; blanks at the end of a heading; the difference between a tight and
//! a loose list. A letter beside an emphasis delimiter may be written as a character reference
//! (`&#97;`) where CommonMark would otherwise not see the delimiter.

mod dom;
mod entities;
mod inline;
mod spans;
mod to_html;
mod to_markdown;

pub use to_html::markdown_to_html;
pub use to_markdown::html_to_markdown;

#[cfg(test)]
#[path = "markup_tests.rs"]
mod tests;
