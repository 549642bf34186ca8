//! `mosaic audit tail` and `mosaic audit verify`: read and check the tamper-evident audit log.
//!
//! The log is the one of `--store URL`, or else of the configuration file's `store.url`,
//! found as every command finds it (`crate::config_path`).

use mosaic_store::Store;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

async fn open(config: Option<PathBuf>, store: Option<String>) -> anyhow::Result<Store> {
    let url = match store {
        Some(url) => url,
        None => {
            let path = crate::config_path::resolve(config)?;
            match mosaic_config::load_file(&path, &mosaic_providers::Registry::builtin()) {
                Ok(config) => config.store.url,
                Err(errors) => anyhow::bail!("{}: invalid configuration\n{errors}", path.display()),
            }
        }
    };
    Ok(Store::open(&url).await?)
}

pub async fn tail(
    config: Option<PathBuf>,
    store: Option<String>,
    lines: u32,
    tenant: Option<String>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let store = open(config, store).await?;
    let records = store.tail(lines, tenant.as_deref()).await;
    store.close().await;
    let mut out = io::stdout().lock();
    for record in records? {
        if json {
            writeln!(out, "{}", serde_json::to_string(&record)?)?;
            continue;
        }
        let call = &record.call;
        writeln!(
            out,
            "{:>6} {} {}/{} {} {} -> {} via {} ({}, {} µs){}",
            record.id,
            record.at_rfc3339(),
            call.tenant,
            call.principal,
            call.operation,
            if call.resource.is_empty() {
                "*"
            } else {
                &call.resource
            },
            call.outcome,
            call.instance.as_deref().unwrap_or("-"),
            call.cache,
            call.latency_us,
            call.rule
                .as_deref()
                .map(|rule| format!(" rule={rule}"))
                .unwrap_or_default(),
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub async fn verify(config: Option<PathBuf>, store: Option<String>) -> anyhow::Result<ExitCode> {
    let store = open(config, store).await?;
    let result = store.verify().await;
    store.close().await;
    match result {
        Ok(count) => {
            let mut out = io::stdout().lock();
            writeln!(
                out,
                "audit log intact: {count} records, hash chain verified"
            )?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            let _ = writeln!(io::stderr(), "audit log check FAILED: {error}");
            Ok(ExitCode::FAILURE)
        }
    }
}
