//! `mosaic route explain`: the plan and its reasons for a request, without executing it.

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
    // Explaining needs the instances (for what each supports) but none of the state.
    config.store.url = "sqlite::memory:".into();
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
