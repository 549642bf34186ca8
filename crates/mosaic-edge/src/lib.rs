//! The HTTP edge both front ends stand behind, configured by the `server` section:
//!
//! - [`error`]: every refusal of the edge, written in the documented envelope
//!   `{"error": {"code", "message", "fault", "path"?}}`, and [`net`], which rewrites any other
//!   error answer (axum's plain-text rejections) into it;
//! - [`admission`]: the Host and Origin rules (DNS-rebinding protection, browser origins);
//! - [`body`]: bodies read whole within a size limit and a deadline, bounded request targets;
//! - [`server`]: the accept loop with its connection cap, head and idle timeouts, and the drain
//!   at shutdown.
//!
//! The fronts decide what a request means; the edge only decides whether it may be read and
//! how a refusal is written.

pub mod admission;
pub mod body;
pub mod error;
pub mod net;
pub mod server;

pub use error::EdgeError;
pub use server::{Drained, Draining, serve};
