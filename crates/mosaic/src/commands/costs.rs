//! `mosaic costs`: minutes and cost of finished CI runs per month, tenant and instance, from
//! the usage ledger of `--store URL` or of the configuration's `store.url`, with the fixed
//! monthly cost of the configuration's self-hosted capacity beside it.

use crate::cli::CostsArgs;
use mosaic_routing::CostModel;
use mosaic_store::{Store, UsageTotal};
use serde_json::json;
use std::io::{self, Write};
use std::process::ExitCode;

pub async fn run(args: CostsArgs) -> anyhow::Result<ExitCode> {
    if let Some(month) = &args.month
        && !is_month(month)
    {
        anyhow::bail!("--month `{month}` is not a month like `2026-03`");
    }
    let (url, audit, fixed) = match args.store {
        Some(url) => (url, Default::default(), Vec::new()),
        None => {
            let path = crate::config_path::resolve(args.config)?;
            let loaded = crate::plugin_host::PluginHost::for_config(&path)
                .and_then(|host| mosaic_config::load_file(&path, &host.plugins()));
            match loaded {
                Ok(config) => {
                    let fixed = fixed_costs(&config);
                    (config.store.url, config.store.audit, fixed)
                }
                Err(errors) => anyhow::bail!("{}: invalid configuration\n{errors}", path.display()),
            }
        }
    };
    let store = Store::open_with(&url, &super::audit::read_only(audit)).await?;
    let totals = store
        .usage_totals(args.tenant.as_deref(), args.month.as_deref())
        .await;
    store.close().await;
    let totals = totals?;
    let mut out = io::stdout().lock();
    if args.json {
        let fixed: Vec<_> = fixed
            .iter()
            .map(|(instance, monthly)| json!({ "instance": instance, "monthly": monthly }))
            .collect();
        let report = json!({ "usage": totals, "fixed_monthly": fixed });
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        out.write_all(table(&totals, &fixed).as_bytes())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn is_month(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 7
        && bytes[4] == b'-'
        && text[..4].bytes().all(|b| b.is_ascii_digit())
        && matches!(text[5..].parse::<u32>(), Ok(1..=12))
}

/// The self-hosted instances and their fixed monthly cost.
fn fixed_costs(config: &mosaic_config::GatewayConfig) -> Vec<(String, f64)> {
    config
        .costs
        .instances
        .iter()
        .filter_map(|cost| match cost.model {
            Some(CostModel::Capacity { monthly, .. }) => Some((cost.instance.clone(), monthly)),
            Some(CostModel::PerMinute { .. }) | None => None,
        })
        .collect()
}

/// The ledger's sums as a table, a total line per month, then the fixed costs.
fn table(totals: &[UsageTotal], fixed: &[(String, f64)]) -> String {
    let mut text = String::new();
    if totals.is_empty() {
        text.push_str("no finished CI runs recorded\n");
    } else {
        text.push_str(&format!(
            "{:<8} {:<16} {:<20} {:>6} {:>10} {:>10} {:>10}\n",
            "month", "tenant", "instance", "runs", "minutes", "included", "cost"
        ));
        let mut month_total = 0.0;
        for (index, total) in totals.iter().enumerate() {
            text.push_str(&format!(
                "{:<8} {:<16} {:<20} {:>6} {:>10.1} {:>10.1} {:>10.2}\n",
                total.month,
                total.tenant,
                total.instance,
                total.runs,
                total.minutes,
                total.included_minutes,
                total.cost
            ));
            month_total += total.cost;
            let last_of_month = totals
                .get(index + 1)
                .is_none_or(|next| next.month != total.month);
            if last_of_month {
                text.push_str(&format!(
                    "{:<8} {:<16} {:<20} {:>6} {:>10} {:>10} {:>10.2}\n",
                    total.month, "all", "billed runs", "", "", "", month_total
                ));
                month_total = 0.0;
            }
        }
    }
    for (instance, monthly) in fixed {
        text.push_str(&format!(
            "fixed: {instance} costs {monthly:.2} a month whatever it runs\n"
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total(month: &str, instance: &str, cost: f64) -> UsageTotal {
        UsageTotal {
            instance: instance.into(),
            tenant: "platform".into(),
            month: month.into(),
            runs: 2,
            minutes: 12.0,
            included_minutes: 4.0,
            cost,
        }
    }

    #[test]
    fn the_table_sums_each_month_and_names_fixed_costs() {
        let totals = [
            total("2026-03", "github-actions", 1.5),
            total("2026-03", "jenkins", 0.0),
            total("2026-04", "github-actions", 2.25),
        ];
        let text = table(&totals, &[("jenkins".into(), 480.0)]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 7, "{text}");
        assert!(
            lines[3].starts_with("2026-03  all") && lines[3].ends_with("1.50"),
            "{text}"
        );
        assert!(lines[5].ends_with("2.25"), "{text}");
        assert_eq!(
            lines[6],
            "fixed: jenkins costs 480.00 a month whatever it runs"
        );
        assert_eq!(table(&[], &[]), "no finished CI runs recorded\n");
    }

    #[test]
    fn months_are_checked() {
        assert!(is_month("2026-03"));
        assert!(!is_month("2026-3"));
        assert!(!is_month("2026-13"));
        assert!(!is_month("march"));
    }
}
