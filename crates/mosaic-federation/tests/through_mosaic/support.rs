//! A gateway federating the fixture upstream, served over MCP on a loopback port, the
//! clients that talk to it, and what a test asks of them: the names of the tools listed, a
//! tool called and its answer read.

use crate::fixture::{FIXTURE, eventually};
use mosaic_gateway::Gateway;
use rmcp::model::{
    CallToolRequestParams, CallToolResult, ClientCapabilities, ClientConfig, Implementation,
    JsonObject, ProtocolVersion,
};
use rmcp::service::{NotificationContext, RunningService};
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;
use rmcp::{ClientHandler, ClientLifecycleMode, ClientServiceExt, RoleClient, ServiceExt};
use serde_json::Value;
use tokio::sync::mpsc;

/// The API key callers use (its SHA-256 is in the configuration).
pub const KEY: &str = "s3cret";

/// Everything allowed.
pub const ALLOW_ALL: &str = "policies: [{ name: all, effect: allow }]";
/// Everything allowed but the fixture's `whoami`.
pub const DENY_WHOAMI: &str = r#"policies:
  - { name: no-whoami, effect: deny, operations: [mcp.tools.call], resources: ["fixture/whoami"] }
  - { name: all, effect: allow }"#;
/// Everything allowed; `tools/list` shows the meta tools alone.
pub const META_ONLY: &str = "policies: [{ name: all, effect: allow }]\nserver: { allowed_hosts: [], mcp: { tool_list: meta_only } }";

const BASE: &str = r#"
store: { url: "sqlite::memory:" }
auth:
  api_keys:
    - { name: test, key_sha256: 1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0, tenant: acme, principal: agent }
providers:
  - { name: sim, plugin: sim, settings: { dataset: federation } }
routes:
  - { name: all, targets: [{ instance: sim }] }
"#;

/// A gateway and the URL of its MCP endpoint.
pub struct Mosaic {
    pub gateway: Gateway,
    pub url: String,
}

impl Mosaic {
    /// A gateway under `policies` federating the stdio fixture as `fixture` with prefix
    /// mode `prefix`, once its tools are listed.
    pub async fn start(policies: &str, prefix: &str) -> Self {
        let server = if policies.contains("server:") {
            ""
        } else {
            "server: { allowed_hosts: [] }"
        };
        let yaml = format!(
            "{BASE}\n{server}\n{policies}\nupstreams:\n  - {{ name: fixture, prefix: {prefix}, read_only: [echo, add], stdio: {{ command: \"{FIXTURE}\", args: [stdio] }} }}\n"
        );
        Self::serve(&yaml).await
    }

    /// A gateway federating the stdio fixture as `fixture` with the upstream settings
    /// `settings` (YAML flow-mapping entries), retries on the same upstream 3 attempts with no
    /// real delay, and a breaker that opens after 3 failures.
    pub async fn start_with(settings: &str) -> Self {
        let yaml = format!(
            "{BASE}\nserver: {{ allowed_hosts: [] }}\n{ALLOW_ALL}\nexecutor: {{ retry: {{ max_attempts: 3, base_delay: 1ms, max_delay: 1ms }}, breaker: {{ failure_threshold: 3, open_for: 1h }} }}\nupstreams:\n  - {{ name: fixture, prefix: never, {settings}, stdio: {{ command: \"{FIXTURE}\", args: [stdio] }} }}\n"
        );
        Self::serve(&yaml).await
    }

    /// A gateway federating the upstream `entry` (a YAML flow mapping of `upstreams`).
    pub async fn start_upstream(entry: &str) -> Self {
        let yaml = format!(
            "{BASE}\nserver: {{ allowed_hosts: [] }}\n{ALLOW_ALL}\nupstreams:\n  - {entry}\n"
        );
        Self::serve(&yaml).await
    }

    /// The gateway's status of the upstream `name`.
    pub async fn status_of(&self, name: &str) -> Value {
        let ctx = self.gateway.authenticate(Some(KEY)).unwrap();
        let statuses = self.gateway.providers_status(&ctx).await.unwrap();
        let status = statuses.iter().find(|status| status.name == name).unwrap();
        serde_json::to_value(status).unwrap()
    }

    /// A gateway federating the HTTP fixture at `url` as `remote`, with its own bearer.
    pub async fn start_http(url: &str) -> Self {
        let yaml = format!(
            "{BASE}\nserver: {{ allowed_hosts: [] }}\n{ALLOW_ALL}\nupstreams:\n  - {{ name: remote, http: {{ url: \"{url}\", bearer: upstream-token }} }}\n"
        );
        Self::serve(&yaml).await
    }

    async fn serve(yaml: &str) -> Self {
        let config = mosaic_config::load(yaml, &|_| None, &mosaic_providers::builtin())
            .unwrap_or_else(|errors| panic!("{errors}"));
        let gateway = Gateway::start(config).await.unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let app = mosaic_mcp::http_service(gateway.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        let mosaic = Self {
            gateway,
            url: format!("http://{address}/mcp"),
        };
        // Ready once the upstream's tools are offered.
        eventually(|| {
            mosaic
                .gateway
                .upstreams_status()
                .iter()
                .all(|status| status.tools > 0)
        })
        .await;
        mosaic
    }

    fn transport(&self) -> StreamableHttpClientTransport<reqwest::Client> {
        StreamableHttpClientTransport::from_config(
            StreamableHttpClientTransportConfig::with_uri(self.url.as_str()).auth_header(KEY),
        )
    }

    /// A 2025-11-25 client with a session.
    pub async fn client(&self) -> RunningService<RoleClient, ()> {
        ().serve(self.transport()).await.unwrap()
    }

    /// A 2026-07-28 client, stateless.
    pub async fn stateless_client(&self) -> RunningService<RoleClient, ()> {
        let lifecycle = ClientLifecycleMode::Discover {
            preferred_versions: vec![ProtocolVersion::V_2026_07_28],
        };
        ().serve_with_lifecycle(self.transport(), lifecycle)
            .await
            .unwrap()
    }

    /// A 2025-11-25 client with its own handler.
    pub async fn client_with<H: ClientHandler>(&self, handler: H) -> RunningService<RoleClient, H> {
        handler.serve(self.transport()).await.unwrap()
    }

    /// A 2026-07-28 client, stateless, with its own handler.
    pub async fn stateless_client_with<H: ClientHandler>(
        &self,
        handler: H,
    ) -> RunningService<RoleClient, H> {
        let lifecycle = ClientLifecycleMode::Discover {
            preferred_versions: vec![ProtocolVersion::V_2026_07_28],
        };
        handler
            .serve_with_lifecycle(self.transport(), lifecycle)
            .await
            .unwrap()
    }

    /// A 2025-11-25 client that reports every `notifications/tools/list_changed` it hears.
    pub async fn client_hearing_list_changes(
        &self,
    ) -> (
        RunningService<RoleClient, Hearing>,
        mpsc::UnboundedReceiver<()>,
    ) {
        let (heard, receiver) = mpsc::unbounded_channel();
        let client = Hearing { heard }.serve(self.transport()).await.unwrap();
        (client, receiver)
    }

    /// Stops the gateway and its upstreams.
    pub async fn stop(self) {
        self.gateway.shutdown().await;
    }
}

/// A client handler that reports tool-list changes.
#[derive(Clone)]
pub struct Hearing {
    heard: mpsc::UnboundedSender<()>,
}

impl ClientHandler for Hearing {
    fn get_info(&self) -> ClientConfig {
        ClientConfig::new(
            ClientCapabilities::default(),
            Implementation::new("test", "1"),
        )
    }

    async fn on_tool_list_changed(&self, _context: NotificationContext<RoleClient>) {
        let _ = self.heard.send(());
    }
}

/// `value` as tool arguments.
pub fn arguments(value: Value) -> JsonObject {
    value.as_object().cloned().unwrap()
}

/// The instance that served a result, from its `_meta`.
pub fn served_by(result: &CallToolResult) -> String {
    result.meta.as_ref().unwrap().0["mosaic/served"]["instance"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The names of every tool `client` is offered, in the order listed.
pub async fn tool_names<H: ClientHandler>(client: &RunningService<RoleClient, H>) -> Vec<String> {
    client
        .list_all_tools()
        .await
        .unwrap()
        .into_iter()
        .map(|tool| tool.name.to_string())
        .collect()
}

/// Calls `name` with the arguments `json` and waits for its result.
pub async fn call<H: ClientHandler>(
    client: &RunningService<RoleClient, H>,
    name: &str,
    json: Value,
) -> CallToolResult {
    client
        .call_tool(CallToolRequestParams::new(name.to_owned()).with_arguments(arguments(json)))
        .await
        .unwrap()
}
