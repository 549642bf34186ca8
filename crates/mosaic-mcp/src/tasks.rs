//! Long calls as MCP tasks (the `io.modelcontextprotocol/tasks` extension): a client that
//! declares the extension and calls `ci_runs_wait` gets a task handle at once and polls
//! `tasks/get` for the run's progress (the task's status message) and, at the end, the same
//! result the call would have answered. `tasks/cancel` stops the waiting, not the run.
//!
//! Tasks live in this process: a poll must reach the replica that created the task (a
//! session, or a load balancer that keeps a client on one replica). A task belongs to the
//! caller that created it; to everyone else its id is unknown, exactly like an id that never
//! existed, so task ids reveal nothing across callers.

use mosaic_core::RequestContext;
use mosaic_core::input::ci::MAX_WAIT_SECONDS;
use rmcp::ErrorData as McpError;
use rmcp::model::{CallToolResult, DetailedTask, Task};
use rmcp::task_manager::{TaskContext, TaskExit, TaskManager, TaskOptions};
use serde_json::json;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

/// How many unfinished tasks one caller may hold: each is a wait polling a provider.
pub(crate) const MAX_RUNNING_PER_CALLER: usize = 16;

/// Suggested pace of `tasks/get`: a CI run changes every few seconds at most.
const POLL_INTERVAL_MS: u64 = 2_000;

/// A task's lifetime. A wait ends by its own timeout (at most [`MAX_WAIT_SECONDS`]) or the
/// caller's deadline, well before this; the margin leaves room for the last read. A finished
/// task stays readable for as long again.
const TTL_MS: u64 = (MAX_WAIT_SECONDS as u64 + 120) * 1_000;

/// Who a task belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Owner {
    tenant: String,
    principal: String,
}

impl Owner {
    fn of(ctx: &RequestContext) -> Self {
        Self {
            tenant: ctx.tenant.clone(),
            principal: ctx.principal.clone(),
        }
    }
}

/// The tasks of this process, each with its owner. Cheap to clone; clones share the tasks.
#[derive(Clone, Default)]
pub(crate) struct Tasks {
    manager: TaskManager,
    owners: Arc<Mutex<HashMap<String, Owner>>>,
}

impl Tasks {
    /// Runs `work` as a task of the caller `ctx`. `work` is handed the task's context, to
    /// report progress through and to hear a cancellation by. A caller already holding
    /// [`MAX_RUNNING_PER_CALLER`] unfinished tasks is refused (invalid request, with the
    /// count and the limit in the error's data).
    pub(crate) fn spawn<F, W>(&self, ctx: &RequestContext, work: W) -> Result<Task, McpError>
    where
        W: FnOnce(TaskContext) -> F,
        F: Future<Output = Result<CallToolResult, TaskExit>> + Send + 'static,
    {
        let owner = Owner::of(ctx);
        let mut owners = self.owners.lock().expect("task owners lock poisoned");
        // Forget the tasks the manager has let go (finished and past their retention).
        owners.retain(|id, _| self.manager.get_task(id).is_ok());
        let running = owners
            .iter()
            .filter(|(id, held_by)| **held_by == owner && self.is_running(id))
            .count();
        if running >= MAX_RUNNING_PER_CALLER {
            return Err(McpError::invalid_request(
                format!(
                    "{running} waits of this caller are already running as tasks, the most one \
                     caller may have; let one finish or cancel one (tasks/cancel) first"
                ),
                Some(json!({ "running": running, "limit": MAX_RUNNING_PER_CALLER })),
            ));
        }
        let options = TaskOptions::new()
            .with_ttl_ms(TTL_MS)
            .with_poll_interval_ms(POLL_INTERVAL_MS);
        let task = self
            .manager
            .spawn(options, |task| Box::pin(work(task)) as _);
        owners.insert(task.task_id.clone(), owner);
        Ok(task)
    }

    /// `tasks/get` for the caller `ctx`.
    pub(crate) fn get(&self, ctx: &RequestContext, id: &str) -> Result<DetailedTask, McpError> {
        self.check_owner(ctx, id)?;
        self.manager.get_task(id)
    }

    /// `tasks/cancel` for the caller `ctx`: the wait stops at its next step.
    pub(crate) fn cancel(&self, ctx: &RequestContext, id: &str) -> Result<(), McpError> {
        self.check_owner(ctx, id)?;
        self.manager.cancel_task(id)
    }

    fn is_running(&self, id: &str) -> bool {
        self.manager
            .get_task(id)
            .is_ok_and(|task| !task.status().is_terminal())
    }

    fn check_owner(&self, ctx: &RequestContext, id: &str) -> Result<(), McpError> {
        let owners = self.owners.lock().expect("task owners lock poisoned");
        match owners.get(id) {
            Some(owner) if *owner == Owner::of(ctx) => Ok(()),
            _ => Err(unknown(id)),
        }
    }
}

/// The answer for an id the caller holds no task by: the same whether the task never existed,
/// was let go, or is someone else's.
fn unknown(id: &str) -> McpError {
    McpError::invalid_params(
        format!(
            "unknown task `{id}`: no task of this caller has that id (finished tasks are kept for {} minutes)",
            TTL_MS / 60_000
        ),
        None,
    )
}
