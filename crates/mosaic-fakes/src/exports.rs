//! The fakes' base URLs and credentials as shell `export` lines, named the way the example
//! configurations read them (`examples/hybrid-git.yaml` takes
//! `${MOSAIC_GITHUB_URL:-https://api.github.com}` and `${MOSAIC_GITHUB_TOKEN}`), so that
//! evaluating them points the examples at the fakes.

use crate::all_fakes::Mount;

/// `MOSAIC_{NAME}_{WHAT}` for a mount and one of `URL`, `TOKEN`, `EMAIL`
/// (`gitea-mirror` gives `MOSAIC_GITEA_MIRROR_URL`).
pub fn variable(mount: &Mount, what: &str) -> String {
    let name = mount.name.to_ascii_uppercase().replace('-', "_");
    format!("MOSAIC_{name}_{what}")
}

/// The variables of one mount and their values: its base URL, its token, when its
/// credentials carry one its e-mail, and whatever more it exports.
pub fn variables(mount: &Mount) -> Vec<(String, String)> {
    let mut pairs = vec![
        (variable(mount, "URL"), mount.base_url.clone()),
        (variable(mount, "TOKEN"), mount.token.to_owned()),
    ];
    if let Some(email) = mount.email {
        pairs.push((variable(mount, "EMAIL"), email.to_owned()));
    }
    for (what, value) in &mount.more {
        pairs.push((variable(mount, what), value.clone()));
    }
    pairs
}

/// One `export NAME='value'` line per variable of every mount, each ending in a newline.
pub fn export_lines(mounts: &[Mount]) -> String {
    mounts
        .iter()
        .flat_map(variables)
        .map(|(name, value)| format!("export {name}={}\n", quoted(&value)))
        .collect()
}

/// `value` in single quotes, so that no character of it means anything to the shell (an
/// IPv6 address's brackets would otherwise be a glob).
fn quoted(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
}

#[cfg(test)]
#[path = "exports_tests.rs"]
mod tests;
