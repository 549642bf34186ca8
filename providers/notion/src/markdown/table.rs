//! Notion's table block (`<table>` of `<tr>` rows of `<td>` cells of rich text, nested by
//! tabs) ⇄ the model's table, its first row the header (`header-row="true"`). A table with
//! more than that (colours, a header column, `<colgroup>`, rows of unequal width) stays raw
//! HTML, so that a page read and written back keeps it as Notion wrote it.

use super::read_inline::inlines;
use super::write_inline::text;
use mosaic_provider_kit::markdown::{Cell, Table};

const OPENING: &str = "<table header-row=\"true\">";

/// A table as the lines of Notion's table block, relative to the block's depth.
pub fn write(table: &Table) -> Vec<String> {
    let mut lines = vec![OPENING.to_owned()];
    for row in std::iter::once(&table.header).chain(&table.rows) {
        lines.push("\t<tr>".to_owned());
        lines.extend(
            row.iter()
                .map(|cell| format!("\t\t<td>{}</td>", text(cell))),
        );
        lines.push("\t</tr>".to_owned());
    }
    lines.push("</table>".to_owned());
    lines
}

/// The table an HTML block is, when it is a plain table with a header row.
pub fn read(html: &str) -> Option<Table> {
    let mut lines = html.split('\n');
    if lines.next()? != OPENING {
        return None;
    }
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut row: Option<Vec<Cell>> = None;
    for line in lines {
        match (line, row.as_mut()) {
            ("\t<tr>", None) => row = Some(Vec::new()),
            ("\t</tr>", Some(_)) => rows.extend(row.take()),
            ("</table>", None) => return rectangular(rows),
            (cell, Some(cells)) => {
                let content = cell.strip_prefix("\t\t<td>")?.strip_suffix("</td>")?;
                cells.push(inlines(content));
            }
            _ => return None,
        }
    }
    None
}

/// Rows of one width as a table, the first its header.
fn rectangular(rows: Vec<Vec<Cell>>) -> Option<Table> {
    let width = rows.first()?.len();
    (width > 0 && rows.iter().all(|row| row.len() == width)).then(|| Table::from_rows(rows))
}
