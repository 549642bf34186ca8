//! The unified result types. Every entity keeps the provider's native id and web URL beside
//! the normalized fields, so an answer can always be traced back to the source system.

pub mod ci;
pub mod git;
pub mod kb;
mod log_window;
pub mod page;
pub mod pm;

pub use ci::{Pipeline, Run, RunLogs, RunStatus, RunWaited};
pub use git::{
    Branch, Comment, Commit, FileContent, FileEncoding, Issue, IssueState, MergeResult,
    PullRequest, PullState, Repo,
};
pub use kb::{KbPage, PageSummary, Space};
pub use log_window::log_window;
pub use page::Page;
pub use pm::{Project, StatusCategory, WorkItem};
