//! The MCP front against a real gateway with sim providers: raw requests as they travel on the
//! wire (both protocol versions, every kind of bad input, the session limits), the gateway's
//! promises as MCP shows them (tools and meta tools by policy, write outcomes, failover
//! provenance, granted hints), and the official Rust MCP client over a real socket.

mod client;
mod drain;
mod refusals;
mod semantics;
mod sessions;
mod support;
mod tasks;
mod wire;
