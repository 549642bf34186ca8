//! Where a page belongs: the walk up its parents to the root of a space, within a bound.
//!
//! Notion's search cannot filter by anything but object type, and a page names only its
//! direct parent, so the space of a page is found by reading parent after parent —
//! `GET /pages/{id}`, `GET /blocks/{id}` (a page inside a column or toggle),
//! `GET /databases/{id}` (a data source's row) — until a configured root page, or, without
//! configured spaces, the page or data source at the top of the workspace. An ancestor the
//! integration may not read (404) ends the walk there: that is as far up as the integration
//! sees, so the page below it is the top.
//!
//! One call reads at most [`MAX_LOOKUPS`] parents, remembering each it read; a search that
//! reaches the bound answers what it found so far with a cursor to go on from
//! (`pages.rs`), and a single page whose walk alone exceeds it is refused naming the page.

use super::client::Notion;
use super::ids::NotionId;
use super::mapping::{NotionPage, Parent, Placed};
use mosaic_core::ProviderError;
use std::collections::HashMap;

/// The most parents one call reads.
pub const MAX_LOOKUPS: u32 = 32;

/// The most steps of one walk, remembered ones included: ends a walk through parents that
/// never reach a top.
const MAX_STEPS: u32 = 64;

/// The parents read during one call, and how many more may be read.
pub(super) struct Walk {
    lookups_left: u32,
    parents: HashMap<NotionId, Option<Parent>>,
}

/// Why a walk stopped short.
pub(super) enum Stopped {
    /// The call's bound of lookups was reached.
    Bound,
    /// A lookup failed.
    Failed(ProviderError),
}

/// A space as the walk finds it: its key and its root's id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Found {
    pub key: String,
    pub root: NotionId,
}

impl Walk {
    /// A walk with the whole bound ahead.
    pub fn new() -> Self {
        Self {
            lookups_left: MAX_LOOKUPS,
            parents: HashMap::new(),
        }
    }
}

impl Stopped {
    /// As the error of a call that needed this walk alone: the bound is the provider's page
    /// being nested deeper than this adapter follows.
    pub fn into_error(self, id: &str) -> ProviderError {
        match self {
            Self::Bound => ProviderError::Unavailable(format!(
                "finding the space of page {id} needs more than {MAX_LOOKUPS} parent lookups (Notion's search cannot filter by space)"
            )),
            Self::Failed(error) => error,
        }
    }
}

impl Notion {
    /// The configured space whose root is `id`, if any.
    fn configured_root(&self, id: &NotionId) -> Option<Found> {
        self.spaces
            .as_ref()?
            .iter()
            .find(|(_, root)| root == id)
            .map(|(key, root)| Found {
                key: key.clone(),
                root: root.clone(),
            })
    }

    /// The space of the page `page`, or `None` when it is under no configured space.
    pub(super) async fn space_of(
        &self,
        page: &NotionPage,
        walk: &mut Walk,
    ) -> Result<Option<Found>, Stopped> {
        let id = NotionId::parse(&page.id)
            .map_err(|problem| Stopped::Failed(ProviderError::Protocol(problem)))?;
        walk.parents.insert(id.clone(), Some(page.parent.clone()));
        self.space_from(id, walk).await
    }

    /// The space of the node `id`, whose parent is in `walk` or to be read.
    async fn space_from(
        &self,
        mut id: NotionId,
        walk: &mut Walk,
    ) -> Result<Option<Found>, Stopped> {
        for _ in 0..MAX_STEPS {
            if let Some(found) = self.configured_root(&id) {
                return Ok(Some(found));
            }
            let parent = match walk.parents.get(&id) {
                Some(parent) => parent.clone(),
                None => self.parent_of(&id, Node::Page, walk).await?,
            };
            let top = || {
                Ok(self.spaces.is_none().then(|| Found {
                    key: id.to_string(),
                    root: id.clone(),
                }))
            };
            let Some(parent) = parent else {
                return top();
            };
            let (next, node) = match parent {
                Parent::Workspace | Parent::Other => return top(),
                Parent::PageId { page_id } => (page_id, Node::Page),
                Parent::BlockId { block_id } => (block_id, Node::Block),
                Parent::DatabaseId { database_id } => (database_id, Node::Database),
                Parent::DataSourceId {
                    data_source_id,
                    database_id,
                } => {
                    // A data source stands for its database: the walk goes on from the
                    // database's parent with the data source as the node, so a top-level
                    // data source is the space.
                    let source = parse(&data_source_id)?;
                    if !walk.parents.contains_key(&source) {
                        let above = match database_id {
                            Some(database) => {
                                let database = parse(&database)?;
                                self.parent_of(&database, Node::Database, walk).await?
                            }
                            None => None,
                        };
                        walk.parents.insert(source.clone(), above);
                    }
                    id = source;
                    continue;
                }
            };
            let next = parse(&next)?;
            if !walk.parents.contains_key(&next) && self.configured_root(&next).is_none() {
                let above = self.parent_of(&next, node, walk).await?;
                walk.parents.insert(next.clone(), above);
            }
            id = next;
        }
        Err(Stopped::Failed(ProviderError::Protocol(format!(
            "the parents of {id} do not reach a top within {MAX_STEPS} steps"
        ))))
    }

    /// Reads the parent of `id` (a lookup of the bound); `None` when the integration may not
    /// read it.
    async fn parent_of(
        &self,
        id: &NotionId,
        node: Node,
        walk: &mut Walk,
    ) -> Result<Option<Parent>, Stopped> {
        if walk.lookups_left == 0 {
            return Err(Stopped::Bound);
        }
        walk.lookups_left -= 1;
        let path = match node {
            Node::Page => format!("/pages/{id}"),
            Node::Block => format!("/blocks/{id}"),
            Node::Database => format!("/databases/{id}"),
        };
        match self.get::<Placed>(&path).await {
            Ok(placed) => Ok(Some(placed.parent)),
            Err(ProviderError::NotFound(_)) => Ok(None),
            Err(error) => Err(Stopped::Failed(error)),
        }
    }
}

/// What a parent is, which says where to read its own parent.
#[derive(Clone, Copy)]
enum Node {
    Page,
    Block,
    Database,
}

fn parse(id: &str) -> Result<NotionId, Stopped> {
    NotionId::parse(id).map_err(|problem| Stopped::Failed(ProviderError::Protocol(problem)))
}
