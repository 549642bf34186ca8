//! The federated tools as MosAIc offers them: every upstream's tools under their offered
//! names (see `naming`), in configuration order, rebuilt whenever an upstream's list changes.
//!
//! A name is offered once. The catalog's own tools (`git_issues_list`, ...) and the
//! `mosaic_*` names of the meta tools come first; then the upstreams in the order the file
//! lists them, each tool in the order its upstream lists it. A tool whose offered name is
//! already taken is not offered, and the collision is recorded for the upstream's status, so
//! that nothing is ever shadowed silently.

use crate::link::Link;
use crate::naming::exposed_name;
use mosaic_core::OpId;
use rmcp::model::Tool;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// One offered tool of an upstream.
#[derive(Clone, Debug, PartialEq)]
pub struct FederatedTool {
    /// The name it is offered under.
    pub name: String,
    /// The upstream.
    pub upstream: String,
    /// The tool as the upstream lists it (its own name).
    pub tool: Tool,
    /// Whether it only reads (retried after transient failures).
    pub read_only: bool,
    /// Whether its results may be cached.
    pub cacheable: bool,
}

impl FederatedTool {
    /// The upstream's own name of the tool.
    pub fn upstream_name(&self) -> &str {
        &self.tool.name
    }

    /// The policy resource of its calls: `<upstream>/<tool>`.
    pub fn resource(&self) -> String {
        format!("{}/{}", self.upstream, self.tool.name)
    }

    /// The tool as offered: the upstream's definition under the offered name.
    pub fn offered(&self) -> Tool {
        let mut tool = self.tool.clone();
        tool.name = self.name.clone().into();
        tool
    }
}

/// Every offered federated tool, and the collisions that kept some from being offered.
#[derive(Debug, Default)]
pub struct Catalog {
    tools: Vec<Arc<FederatedTool>>,
    by_name: HashMap<String, usize>,
    conflicts: BTreeMap<String, Vec<String>>,
}

impl Catalog {
    /// The tools of `links`, in their order.
    pub(crate) fn build(links: &[Arc<Link>]) -> Self {
        let mut catalog = Self::default();
        // Who holds each offered name, for the collision messages.
        let mut holders: HashMap<String, String> = HashMap::new();
        for link in links {
            let spec = &link.spec;
            for tool in link.tools().iter() {
                let name = exposed_name(&spec.name, &tool.name, spec.prefix);
                let taken = if reserved(&name) {
                    Some("a tool of MosAIc's own".to_owned())
                } else {
                    holders.get(&name).cloned()
                };
                if let Some(holder) = taken {
                    catalog
                        .conflicts
                        .entry(spec.name.clone())
                        .or_default()
                        .push(format!(
                            "tool `{}` is not offered: its name `{name}` is {holder}'s already (set `prefix: always` to offer it as `{}_{}`)",
                            tool.name, spec.name, tool.name
                        ));
                    continue;
                }
                holders.insert(name.clone(), format!("upstream `{}`", spec.name));
                catalog.by_name.insert(name.clone(), catalog.tools.len());
                catalog.tools.push(Arc::new(FederatedTool {
                    name,
                    upstream: spec.name.clone(),
                    tool: tool.clone(),
                    read_only: spec.is_read_only(&tool.name),
                    cacheable: spec.is_cacheable(&tool.name),
                }));
            }
        }
        catalog
    }

    /// Every offered tool, in order.
    pub fn tools(&self) -> &[Arc<FederatedTool>] {
        &self.tools
    }

    /// The tool offered as `name`.
    pub fn get(&self, name: &str) -> Option<&Arc<FederatedTool>> {
        self.by_name.get(name).map(|&index| &self.tools[index])
    }

    /// The collisions of `upstream`'s tools.
    pub fn conflicts(&self, upstream: &str) -> &[String] {
        self.conflicts.get(upstream).map_or(&[], Vec::as_slice)
    }

    /// Whether the offered tools are the same as `other`'s.
    pub(crate) fn same_tools(&self, other: &Self) -> bool {
        self.tools.len() == other.tools.len()
            && self
                .tools
                .iter()
                .zip(&other.tools)
                .all(|(one, two)| one == two)
    }
}

/// Names MosAIc's own tools hold: the catalog's, and `mosaic_*` for the meta tools.
fn reserved(name: &str) -> bool {
    name.starts_with("mosaic_") || OpId::from_tool_name(name).is_some()
}

#[cfg(test)]
#[path = "catalog_tests.rs"]
mod tests;
