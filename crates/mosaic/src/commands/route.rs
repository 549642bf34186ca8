//! `mosaic route explain`: the plan and its reasons for a request, without executing it. A
//! federated tool, named by its policy resource `<upstream>/<tool>`, has a plan of one: its
//! upstream, with how its calls are made.

use crate::cli::ExplainArgs;
use mosaic_core::{OpId, RequestContext};
use mosaic_gateway::{CallRequest, Gateway};
use std::io::{self, Write};
use std::process::ExitCode;

pub async fn explain(args: ExplainArgs) -> anyhow::Result<ExitCode> {
    let path = crate::config_path::resolve(args.config)?;
    let Some(mut config) = super::load_config(&path) else {
        return Ok(ExitCode::FAILURE);
    };
    if let Some((upstream, tool)) = args.operation.split_once('/') {
        return federated(&config, upstream, tool, args.json);
    }
    // Explaining needs the instances (for what each supports) but none of the state, and no
    // upstream MCP server started.
    config.store.url = "sqlite::memory:".into();
    config.upstreams.clear();
    let op = OpId::from_name(&args.operation)
        .or_else(|| OpId::from_tool_name(&args.operation))
        .ok_or_else(|| {
            anyhow::anyhow!(
                "unknown operation `{}`; see `mosaic providers coverage`",
                args.operation
            )
        })?;
    let arguments: serde_json::Value = serde_json::from_str(&args.args)
        .map_err(|error| anyhow::anyhow!("--args is not valid JSON: {error}"))?;
    let mut ctx = RequestContext::local(&args.principal);
    ctx.tenant = args.tenant;
    ctx.region = args.region;
    ctx.labels = args.labels.into_iter().collect();
    let gateway = Gateway::start(config).await?;
    let result = gateway.explain_plan(
        &ctx,
        &CallRequest {
            op,
            arguments,
            provider: args.provider,
        },
    );
    gateway.shutdown().await;
    let text = match result {
        Ok(explanation) if args.json => {
            format!("{}\n", serde_json::to_string_pretty(&explanation)?)
        }
        Ok(explanation) => explanation.to_string(),
        Err(error) => {
            let _ = writeln!(io::stderr(), "no plan: {error}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The plan of a call of `tool` of `upstream`: `mcp.tools.call` on `<upstream>/<tool>`, served
/// by that upstream alone, retried only when read-only, cached only where configured.
fn federated(
    config: &mosaic_config::GatewayConfig,
    upstream: &str,
    tool: &str,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let Some(spec) = config.upstreams.iter().find(|spec| spec.name == upstream) else {
        let _ = writeln!(
            io::stderr(),
            "no plan: no upstream `{upstream}` in the configuration (a federated tool is named `<upstream>/<tool>`)"
        );
        return Ok(ExitCode::FAILURE);
    };
    let timeout = spec.timeout.unwrap_or(config.executor.timeout);
    let plan = serde_json::json!({
        "operation": mosaic_core::meta::FEDERATED_CALL,
        "resource": format!("{upstream}/{tool}"),
        "upstream": upstream,
        "transport": match spec.transport {
            mosaic_config::UpstreamTransport::Stdio { .. } => "stdio",
            mosaic_config::UpstreamTransport::Http { .. } => "http",
        },
        "offered_as": mosaic_federation::exposed_name(upstream, tool, spec.prefix),
        "read_only": spec.is_read_only(tool),
        "cached_for": spec.is_cacheable(tool).then(|| mosaic_config::format_duration(spec.cache_ttl)),
        "timeout": mosaic_config::format_duration(timeout),
    });
    let text = if json {
        format!("{}\n", serde_json::to_string_pretty(&plan)?)
    } else {
        format!(
            "{operation} on {resource}: upstream `{upstream}` ({transport}), offered as `{offered}`\n  timeout {timeout}; {retries}; {cache}\n",
            operation = plan["operation"].as_str().unwrap_or_default(),
            resource = plan["resource"].as_str().unwrap_or_default(),
            transport = plan["transport"].as_str().unwrap_or_default(),
            offered = plan["offered_as"].as_str().unwrap_or_default(),
            timeout = plan["timeout"].as_str().unwrap_or_default(),
            retries = if spec.is_read_only(tool) {
                "read-only: retried after transient failures"
            } else {
                "not read-only: tried once"
            },
            cache = match plan["cached_for"].as_str() {
                Some(ttl) => format!("results cached for {ttl}"),
                None => "not cached".to_owned(),
            },
        )
    };
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
