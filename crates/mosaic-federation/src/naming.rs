//! How a federated tool is named where MosAIc offers it: `<upstream>_<tool>` (prefix mode
//! `always`) or the tool's own name (`never`), within the 64 characters MCP clients accept
//! for a tool name. A longer name is cut and given a hash suffix computed from the upstream
//! and the tool's own name, so the same tool always gets the same name and two long names that
//! share a beginning still differ.

use mosaic_config::PrefixMode;
use sha2::{Digest, Sha256};

/// The longest tool name offered (what common MCP clients accept, e.g. the Anthropic and
/// OpenAI tool-use APIs).
pub const MAX_TOOL_NAME: usize = 64;

/// Hex digits of the hash suffix of a shortened name.
const HASH_DIGITS: usize = 8;

/// The name `tool` of `upstream` is offered under.
pub fn exposed_name(upstream: &str, tool: &str, prefix: PrefixMode) -> String {
    let full = match prefix {
        PrefixMode::Always => format!("{upstream}_{tool}"),
        PrefixMode::Never => tool.to_owned(),
    };
    if full.len() <= MAX_TOOL_NAME {
        return full;
    }
    let digest = Sha256::digest(format!("{upstream}/{tool}").as_bytes());
    let suffix: String = digest
        .iter()
        .take(HASH_DIGITS / 2)
        .map(|byte| format!("{byte:02x}"))
        .collect();
    let mut keep = MAX_TOOL_NAME - HASH_DIGITS - 1;
    // Tool names are ASCII by the MCP specification; cut on a character boundary anyway.
    while !full.is_char_boundary(keep) {
        keep -= 1;
    }
    format!("{}_{suffix}", &full[..keep])
}

#[cfg(test)]
#[path = "naming_tests.rs"]
mod tests;
