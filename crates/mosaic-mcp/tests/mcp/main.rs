//! The MCP front against a real gateway with sim providers: raw requests as they travel on the
//! wire (both protocol versions, every kind of bad input, the session limits), and the
//! official Rust MCP client over a real socket.

mod client;
mod drain;
mod refusals;
mod sessions;
mod support;
mod wire;
