//! The gateway's own operations besides the catalog: asking about the gateway rather than a
//! provider. They have stable dotted names so that policies can name them like any catalog
//! operation (`operations: ["mosaic.*"]`), and every call of one is audited under its name.

/// The live state of every provider instance (`GET /v1/providers`, `mosaic_providers_status`).
pub const PROVIDERS_STATUS: &str = "mosaic.providers.status";

/// The routing plan of a call, without executing it (`GET /v1/route/explain`,
/// `mosaic_route_explain`).
pub const ROUTE_EXPLAIN: &str = "mosaic.route.explain";

/// The installed plugins with their versions, and the state of every split's canary
/// (`GET /v1/plugins`, `mosaic plugins list|status`).
pub const PLUGINS_STATUS: &str = "mosaic.plugins.status";

/// Promoting a split's canary (it takes all the traffic of its split) or rolling it back (it
/// gets none): `POST /v1/plugins/canaries/{instance}/promote|rollback`, `mosaic plugins
/// promote|rollback`. The resource is the canary instance's name.
pub const PLUGINS_MANAGE: &str = "mosaic.plugins.manage";

/// A call of a tool of an upstream MCP server that MosAIc federates (MCP `tools/call` of a
/// federated tool, directly or through `mosaic_tools_call`). Its resource is
/// `<upstream>/<tool>`, the tool as the upstream names it, so policies can allow one
/// upstream (`resources: ["everything/*"]`) or one tool.
pub const FEDERATED_CALL: &str = "mcp.tools.call";

/// Every meta operation, in the order front ends list them.
pub const ALL: [&str; 5] = [
    PROVIDERS_STATUS,
    ROUTE_EXPLAIN,
    PLUGINS_STATUS,
    PLUGINS_MANAGE,
    FEDERATED_CALL,
];
