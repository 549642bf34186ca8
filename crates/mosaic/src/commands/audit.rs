//! `mosaic audit tail` and `mosaic audit verify`: read and check the tamper-evident audit log.

use mosaic_store::Store;
use std::path::PathBuf;
use std::process::ExitCode;

async fn open(config: Option<PathBuf>, store: Option<String>) -> anyhow::Result<Store> {
    let url = match (config, store) {
        (_, Some(url)) => url,
        (Some(path), None) => {
            match mosaic_config::load_file(&path, &mosaic_providers::Registry::builtin()) {
                Ok(config) => config.store.url,
                Err(errors) => anyhow::bail!("{}: invalid configuration\n{errors}", path.display()),
            }
        }
        (None, None) => anyhow::bail!("give --config FILE or --store URL"),
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
    for record in store.tail(lines, tenant.as_deref()).await? {
        if json {
            println!("{}", serde_json::to_string(&record)?);
            continue;
        }
        let call = &record.call;
        println!(
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
        );
    }
    store.close().await;
    Ok(ExitCode::SUCCESS)
}

pub async fn verify(config: Option<PathBuf>, store: Option<String>) -> anyhow::Result<ExitCode> {
    let store = open(config, store).await?;
    let result = store.verify().await;
    store.close().await;
    match result {
        Ok(count) => {
            println!("audit log intact: {count} records, hash chain verified");
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            eprintln!("audit log check FAILED: {error}");
            Ok(ExitCode::FAILURE)
        }
    }
}
