//! Opening one connection to an upstream: a child process in a process group of its own
//! (`stdio`), or a streamable HTTP client with the upstream's own credentials (`http`), and
//! the MCP handshake over it. Either transport is watched ([`Tapped`]) so that what the
//! upstream sends during a call reaches that call's caller.

use crate::listener::Listener;
use crate::tap::Tapped;
use mosaic_config::UpstreamTransport;
use process_wrap::tokio::{CommandWrap, KillOnDrop, ProcessGroup};
use rmcp::RoleClient;
use rmcp::ServiceExt;
use rmcp::service::RunningService;
use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;
use rmcp::transport::{StreamableHttpClientTransport, TokioChildProcess};
use std::collections::HashMap;
use std::process::Stdio;
use std::sync::Arc;

/// A running client connection to an upstream.
pub(crate) type Connection = RunningService<RoleClient, Listener>;

/// What a connection attempt ended with, besides a connection.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ConnectError {
    /// The process could not be started.
    #[error("could not start `{command}`: {error}")]
    Spawn {
        command: String,
        #[source]
        error: std::io::Error,
    },
    /// A configured header cannot be sent.
    #[error("header `{0}` cannot be sent: its name or value is not valid in HTTP")]
    Header(String),
    /// The HTTP client could not be built (the system's TLS roots could not be read).
    #[error("the HTTP client could not be built: {0}")]
    Client(String),
    /// The MCP handshake failed.
    #[error("the MCP handshake failed: {0}")]
    Handshake(String),
}

/// Connects to the upstream `transport` describes, with `listener` as the client handler;
/// with the process id of a stdio server.
pub(crate) async fn connect(
    transport: &UpstreamTransport,
    listener: Listener,
) -> Result<(Connection, Option<u32>), ConnectError> {
    match transport {
        UpstreamTransport::Stdio { command, args, env } => {
            let mut child = tokio::process::Command::new(command);
            child.args(args);
            for (name, value) in env {
                child.env(name, value.expose());
            }
            let mut wrapped = CommandWrap::from(child);
            // Its own process group: stopping it stops whatever it started (an `npx` wrapper
            // and the server it runs), and dropping the handle kills the group, so no
            // process outlives the gateway's hold on it.
            wrapped.wrap(ProcessGroup::leader()).wrap(KillOnDrop);
            let (process, _stderr) = TokioChildProcess::builder(wrapped)
                // Its log lines go where the gateway's go.
                .stderr(Stdio::inherit())
                .spawn()
                .map_err(|error| ConnectError::Spawn {
                    command: command.clone(),
                    error,
                })?;
            let pid = process.id();
            let routes = Arc::clone(&listener.routes);
            let connection = listener
                .serve(Tapped::new(process, routes))
                .await
                .map_err(|error| ConnectError::Handshake(error.to_string()))?;
            Ok((connection, pid))
        }
        UpstreamTransport::Http {
            url,
            bearer,
            headers,
        } => {
            let mut custom = HashMap::with_capacity(headers.len());
            for (name, value) in headers {
                let header = http::HeaderName::try_from(name.as_str())
                    .map_err(|_| ConnectError::Header(name.clone()))?;
                let mut value = http::HeaderValue::try_from(value.expose())
                    .map_err(|_| ConnectError::Header(name.clone()))?;
                value.set_sensitive(true);
                custom.insert(header, value);
            }
            let mut config =
                StreamableHttpClientTransportConfig::with_uri(url.as_str()).custom_headers(custom);
            if let Some(bearer) = bearer {
                config = config.auth_header(bearer.expose());
            }
            let routes = Arc::clone(&listener.routes);
            let transport = StreamableHttpClientTransport::with_client(http_client()?, config);
            let connection = listener
                .serve(Tapped::new(transport, routes))
                .await
                .map_err(|error| ConnectError::Handshake(error.to_string()))?;
            Ok((connection, None))
        }
    }
}

/// The HTTP client of one upstream. rmcp's default client keeps no idle connection, so every
/// call would open a new TCP connection (and redo TLS); this one keeps them, as a gateway in
/// front of a busy upstream must. Redirects are not followed: a redirected POST could lose
/// its message or carry the upstream's credentials to another host.
fn http_client() -> Result<reqwest::Client, ConnectError> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .tcp_nodelay(true)
        .build()
        .map_err(|error| ConnectError::Client(error.to_string()))
}
