//! `mosaic audit tail` and `mosaic audit verify`: read and check the tamper-evident audit log.
//!
//! The log is the one of `--store URL`, or else of the configuration file's `store.url`,
//! found as every command finds it (`crate::config_path`).

use mosaic_store::{AnchorCheck, AuditOptions, Store, Verified};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

async fn open(config: Option<PathBuf>, store: Option<String>) -> anyhow::Result<Store> {
    let (url, audit) = match store {
        Some(url) => (url, Default::default()),
        None => {
            let path = crate::config_path::resolve(config)?;
            let loaded = crate::plugin_host::PluginHost::for_config(&path)
                .and_then(|host| mosaic_config::load_file(&path, &host.plugins()));
            match loaded {
                Ok(config) => (config.store.url, config.store.audit),
                Err(errors) => anyhow::bail!("{}: invalid configuration\n{errors}", path.display()),
            }
        }
    };
    Ok(Store::open_with(&url, &read_only(audit)).await?)
}

/// The configuration's audit settings, for reading: the audit commands never generate a key,
/// write an anchor or append.
pub(super) fn read_only(audit: mosaic_config::AuditConfig) -> AuditOptions {
    AuditOptions {
        key: audit.key,
        key_file: audit.key_file,
        anchor_file: audit.anchor_file,
        read_only: true,
    }
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
    let key_id = store.audit_key_id().map(str::to_owned);
    let result = store.verify().await;
    store.close().await;
    match result {
        Ok(verified) => {
            let mut out = io::stdout().lock();
            writeln!(out, "{}", report(&verified, key_id.as_deref()))?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            let _ = writeln!(io::stderr(), "audit log check FAILED: {error}");
            Ok(ExitCode::FAILURE)
        }
    }
}

/// What a successful verification proved, and what it could not.
fn report(verified: &Verified, key_id: Option<&str>) -> String {
    let Verified {
        records,
        unsealed,
        anchor,
    } = verified;
    let sealed = records - unsealed;
    let mut lines = vec![match key_id {
        Some(key_id) if sealed > 0 => {
            format!("audit log intact: {records} records, HMAC chain verified with key {key_id}")
        }
        _ => format!("audit log intact: {records} records, hash chain verified"),
    }];
    match anchor {
        AnchorCheck::Matched(id) => lines.push(format!(
            "the log reaches its anchor (record {id}): no records were cut off the end before it"
        )),
        AnchorCheck::None => lines.push(
            "note: no anchor yet (the next `mosaic serve` writes one): records cut off the end would not be noticed"
                .to_owned(),
        ),
        AnchorCheck::NotKept => lines.push(
            "note: no anchor is kept for this store (set `store.audit.anchor_file`): records cut off the end would not be noticed"
                .to_owned(),
        ),
    }
    if *unsealed > 0 {
        lines.push(format!(
            "note: records 1 to {unsealed} are from before the chain was keyed: their links are consistent, but anyone who could write the database could have recomputed them"
        ));
    }
    lines.join("\n")
}

#[cfg(test)]
#[path = "audit_tests.rs"]
mod tests;
