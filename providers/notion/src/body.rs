//! A page's body: read with `GET /pages/{id}/markdown` and completed where Notion truncated
//! it, written with `PATCH /pages/{id}/markdown` (`replace_content`), converted between
//! Notion's enhanced Markdown and CommonMark (`markdown/`).
//!
//! A page beyond Notion's record limit answers `truncated: true` and leaves blocks out as
//! `<unknown url="…#BLOCKID" …/>` tags, listing their ids in `unknown_block_ids`; the same
//! endpoint answers a block's subtree by the block's id (`pages.ts`, `getPageMarkdown`: "Non-
//! navigable block IDs from truncated responses can be passed here"). Each is fetched and put
//! in place of the tag that names it (at the end, should no tag name it), at most
//! [`MAX_COMPLETIONS`] per page; a page that needs more, or that is truncated without naming
//! what was left out, is refused rather than answered incomplete.

use super::client::Notion;
use super::ids::NotionId;
use super::mapping::PageMarkdown;
use super::markdown::{to_commonmark, to_notion};
use mosaic_core::ProviderError;
use reqwest::Method;
use serde_json::json;
use std::collections::VecDeque;

/// The most subtrees fetched to complete one truncated page.
pub const MAX_COMPLETIONS: usize = 25;

impl Notion {
    /// The whole body of page `id`, as CommonMark.
    pub(super) async fn body(&self, id: &NotionId) -> Result<String, ProviderError> {
        let answer: PageMarkdown = self.get(&format!("/pages/{id}/markdown")).await?;
        let mut markdown = answer.markdown;
        if answer.truncated && answer.unknown_block_ids.is_empty() {
            return Err(ProviderError::Protocol(format!(
                "Notion truncated page {id} and named no blocks to complete it with"
            )));
        }
        let mut waiting: VecDeque<String> = answer.unknown_block_ids.into();
        let mut fetched = 0;
        while let Some(block) = waiting.pop_front() {
            if fetched == MAX_COMPLETIONS {
                return Err(ProviderError::Unavailable(format!(
                    "page {id} is too large to complete: it needs more than {MAX_COMPLETIONS} requests for the blocks Notion left out"
                )));
            }
            fetched += 1;
            let block = NotionId::parse(&block).map_err(ProviderError::Protocol)?;
            let part: PageMarkdown = self.get(&format!("/pages/{block}/markdown")).await?;
            markdown = splice(&markdown, &block, &part.markdown);
            waiting.extend(part.unknown_block_ids);
        }
        Ok(to_commonmark(&markdown))
    }

    /// Replaces the body of page `id` with `body` (CommonMark).
    pub(super) async fn replace_body(
        &self,
        id: &NotionId,
        body: &str,
    ) -> Result<(), ProviderError> {
        let request = json!({
            "type": "replace_content",
            "replace_content": {"new_str": to_notion(body)}
        });
        self.request::<PageMarkdown>(
            Method::PATCH,
            &format!("/pages/{id}/markdown"),
            Some(&request),
        )
        .await
        .map(|_| ())
    }
}

/// `markdown` with the `<unknown …/>` line naming `block` replaced by `part`, indented as that
/// line was; `part` at the end when no line names it.
pub fn splice(markdown: &str, block: &NotionId, part: &str) -> String {
    let compact = block.compact();
    let names = |line: &str| {
        let text = line.trim_start_matches('\t').to_ascii_lowercase();
        text.starts_with("<unknown") && (text.contains(&compact) || text.contains(block.as_str()))
    };
    let mut lines: Vec<String> = Vec::new();
    let mut placed = false;
    for line in markdown.split('\n') {
        if !placed && names(line) {
            let tabs = &line[..line.len() - line.trim_start_matches('\t').len()];
            lines.extend(part.split('\n').map(|inner| format!("{tabs}{inner}")));
            placed = true;
        } else {
            lines.push(line.to_owned());
        }
    }
    if !placed {
        lines.extend(part.split('\n').map(str::to_owned));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subtree_takes_the_place_and_depth_of_its_tag() {
        let block = NotionId::parse("0000000000004000800000000000abcd").unwrap();
        let markdown = "- top\n\t<unknown url=\"https://www.notion.so/p#0000000000004000800000000000abcd\" alt=\"bulleted_list_item\"/>\nEnd";
        assert_eq!(
            splice(markdown, &block, "- left out\n\t- below it"),
            "- top\n\t- left out\n\t\t- below it\nEnd"
        );
        assert_eq!(splice("Only", &block, "More"), "Only\nMore");
    }
}
