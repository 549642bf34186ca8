//! The MCP front against a real gateway with sim providers: raw requests as they travel on the
//! wire (both protocol versions, every kind of bad input), and the official Rust MCP client
//! over a real socket.

mod client;
mod support;
mod wire;
