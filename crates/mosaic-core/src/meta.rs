//! The gateway's own operations besides the catalog: asking about the gateway rather than a
//! provider. They have stable dotted names so that policies can name them like any catalog
//! operation (`operations: ["mosaic.*"]`), and every call of one is audited under its name.

/// The live state of every provider instance (`GET /v1/providers`, `mosaic_providers_status`).
pub const PROVIDERS_STATUS: &str = "mosaic.providers.status";

/// The routing plan of a call, without executing it (`GET /v1/route/explain`,
/// `mosaic_route_explain`).
pub const ROUTE_EXPLAIN: &str = "mosaic.route.explain";

/// A call of a tool of an upstream MCP server that MosAIc federates (MCP `tools/call` of a
/// federated tool, directly or through `mosaic_tools_call`). Its resource is
/// `<upstream>/<tool>`, the tool as the upstream names it, so policies can allow one
/// upstream (`resources: ["everything/*"]`) or one tool.
pub const FEDERATED_CALL: &str = "mcp.tools.call";

/// Every meta operation, in the order front ends list them.
pub const ALL: [&str; 3] = [PROVIDERS_STATUS, ROUTE_EXPLAIN, FEDERATED_CALL];
