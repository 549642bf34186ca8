//! Pagination: every list honours `per_page`, and following `next_cursor` ends, without
//! repeating a cursor, having returned what one large page returns.

use super::inputs::args;
use super::probe::call;
use super::{Check, Suite};
use mosaic_core::OpId;
use serde_json::{Value, json};
use std::collections::HashSet;

/// Every list operation of the catalog.
const LISTS: [OpId; 11] = [
    OpId::GitReposList,
    OpId::GitBranchesList,
    OpId::GitCommitsList,
    OpId::GitIssuesList,
    OpId::GitPullsList,
    OpId::CiPipelinesList,
    OpId::CiRunsList,
    OpId::KbSpacesList,
    OpId::KbPagesSearch,
    OpId::PmProjectsList,
    OpId::PmIssuesSearch,
];

/// How many pages of one item the suite follows before calling the cursors endless.
const MAX_PAGES: usize = 500;

impl Suite<'_> {
    pub(super) async fn lists(&mut self) {
        for op in LISTS {
            let arguments = args(op, self.fixture, &self.created);
            if self.provider.supports(op).is_supported() && arguments.missing.is_empty() {
                self.paginate(op, arguments.value).await;
            }
        }
    }

    async fn paginate(&mut self, op: OpId, arguments: Value) {
        self.report.checks += 1;
        let walked = match self.walk(op, &arguments, 1).await {
            Ok(walked) => walked,
            Err(problem) => {
                self.report.fail(op, Check::Pagination, problem);
                return;
            }
        };
        // One page of the maximum size, when it holds everything, must hold the same items.
        self.report.checks += 1;
        let mut whole = arguments;
        whole["per_page"] = json!(100);
        match self.page(op, &whole).await {
            Ok((items, None)) if items.len() != walked => self.report.fail(
                op,
                Check::Pagination,
                format!(
                    "one page of 100 holds {} items, but pages of 1 gave {walked}",
                    items.len()
                ),
            ),
            Ok(_) => {}
            Err(problem) => self.report.fail(op, Check::Pagination, problem),
        }
    }

    /// Follows cursors with `per_page` items a page; the number of items seen.
    async fn walk(
        &mut self,
        op: OpId,
        arguments: &Value,
        per_page: usize,
    ) -> Result<usize, String> {
        let mut seen = 0;
        let mut cursors = HashSet::new();
        let mut cursor: Option<String> = None;
        for number in 1..=MAX_PAGES {
            let mut arguments = arguments.clone();
            arguments["per_page"] = json!(per_page);
            if let Some(cursor) = &cursor {
                arguments["cursor"] = json!(cursor);
            }
            let (items, next) = self
                .page(op, &arguments)
                .await
                .map_err(|problem| format!("page {number}: {problem}"))?;
            if items.len() > per_page {
                return Err(format!(
                    "page {number} holds {} items, more than per_page {per_page}",
                    items.len()
                ));
            }
            seen += items.len();
            match next {
                None => return Ok(seen),
                Some(next) if !cursors.insert(next.clone()) => {
                    return Err(format!(
                        "page {number} repeats the cursor `{next}`: the pages loop"
                    ));
                }
                Some(next) => cursor = Some(next),
            }
        }
        Err(format!(
            "cursors did not end after {MAX_PAGES} pages of {per_page}"
        ))
    }

    /// One page: its items and next cursor.
    async fn page(
        &mut self,
        op: OpId,
        arguments: &Value,
    ) -> Result<(Vec<Value>, Option<String>), String> {
        let operation = mosaic_core::Operation::parse(op, arguments.clone())
            .map_err(|error| format!("arguments {arguments} refused: {error}"))?;
        match call(self.provider, &operation).await {
            Ok(Ok(output)) => {
                let json = output.to_json();
                let items = json["items"]
                    .as_array()
                    .cloned()
                    .ok_or("the answer has no `items` list")?;
                let next = match &json["next_cursor"] {
                    Value::Null => None,
                    Value::String(cursor) => Some(cursor.clone()),
                    other => return Err(format!("`next_cursor` is {other}, not a string")),
                };
                Ok((items, next))
            }
            Ok(Err(error)) => Err(format!("{arguments} answered {}: {error}", error.code())),
            Err(panic) => Err(format!("the provider panicked: {panic}")),
        }
    }
}
