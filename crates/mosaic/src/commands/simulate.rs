//! `mosaic simulate ci-costs`: a month of CI builds replayed against the configuration's cost
//! models under least_cost and the static policies (the simulation is `mosaic-cost-sim`).

use mosaic_cost_sim::{Workload, simulate};
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

pub fn ci_costs(config: &Path, workload: &Path, seed: u64, json: bool) -> anyhow::Result<ExitCode> {
    let Some(config) = super::load_config(config) else {
        return Ok(ExitCode::FAILURE);
    };
    let text = std::fs::read_to_string(workload)
        .map_err(|error| anyhow::anyhow!("could not read {}: {error}", workload.display()))?;
    let workload_file = workload;
    let workload = Workload::parse(&text)
        .map_err(|error| anyhow::anyhow!("{}: {error}", workload_file.display()))?;
    let report = simulate(&config, &workload, seed)?;
    let mut out = io::stdout().lock();
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        write!(out, "{report}")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
