//! The `bookstack` plugin against a stateful fake of BookStack's REST API — the shared kb
//! suite declared once (`shared.rs`), then what only BookStack does: offset and numbered
//! pages, its refusals, the search's book filter, pages in chapters, WYSIWYG pages read
//! through the export, and versions it does not check (`behaviour.rs`, `writes.rs`).

mod behaviour;
mod shared;
mod writes;
