//! What only the configuration can check of a split: that its members front one system, so
//! that a write landing on any member lands in the same system of record; and its canary's
//! rollback settings.
//!
//! The rule: members front one system when they are all instances of one plugin (any of its
//! versions) with the same settings (the same server, the same credentials), or when they all
//! carry the same `system` label — the operator's word for instances that differ in their
//! settings (a native plugin and a manifest, a new setting in the new version) but talk to
//! one server.

use crate::error::ConfigError;
use crate::model::InstanceSpec;
use crate::raw::{RollbackEntry, SplitMemberEntry};
use mosaic_routing::{RollbackSpec, SplitMember, SplitSpec};
use std::collections::HashMap;

/// The label that says which system an instance fronts.
pub const SYSTEM_LABEL: &str = "system";

/// What decides whether instances front one system, by instance name.
pub(crate) struct Systems<'s> {
    by_name: HashMap<&'s str, &'s InstanceSpec>,
}

impl<'s> Systems<'s> {
    /// The instances that validated.
    pub(crate) fn of(specs: &'s [InstanceSpec]) -> Self {
        Self {
            by_name: specs
                .iter()
                .map(|spec| (spec.name.as_str(), spec))
                .collect(),
        }
    }

    /// Why `a` and `b` may front different systems, if they may.
    fn differ(&self, a: &InstanceSpec, b: &InstanceSpec) -> Option<String> {
        let label = |spec: &InstanceSpec| spec.labels.get(SYSTEM_LABEL).cloned();
        if let (Some(first), Some(second)) = (label(a), label(b)) {
            return (first != second).then(|| {
                format!(
                    "`{}` has {SYSTEM_LABEL}={first} and `{}` {SYSTEM_LABEL}={second}",
                    a.name, b.name
                )
            });
        }
        let (plugin_a, plugin_b) = (&a.plugin.descriptor().name, &b.plugin.descriptor().name);
        if plugin_a != plugin_b {
            return Some(format!(
                "`{}` is plugin `{plugin_a}` and `{}` plugin `{plugin_b}`",
                a.name, b.name
            ));
        }
        (a.settings != b.settings).then(|| {
            format!(
                "`{}` and `{}` have different settings, so they may talk to different servers",
                a.name, b.name
            )
        })
    }
}

/// The split of the target at `path`, with every problem the router cannot see reported.
pub(crate) fn spec(
    path: &str,
    members: Vec<SplitMemberEntry>,
    rollback: Option<RollbackEntry>,
    systems: &Systems<'_>,
    errors: &mut Vec<ConfigError>,
) -> SplitSpec {
    let known: Vec<&InstanceSpec> = members
        .iter()
        .filter_map(|member| systems.by_name.get(member.instance.as_str()).copied())
        .collect();
    if let Some(first) = known.first()
        && let Some(why) = known[1..]
            .iter()
            .find_map(|other| systems.differ(first, other))
    {
        errors.push(ConfigError::new(
            format!("{path}.split"),
            format!(
                "a split's members must front one system, so that writes land in it whichever \
                 member a caller sticks to: {why}; split versions of one plugin with the same \
                 settings, or give every member the same `{SYSTEM_LABEL}` label"
            ),
        ));
    }
    let has_canary = members.iter().any(|member| member.canary);
    let rollback = match (rollback, has_canary) {
        (Some(entry), _) => Some(rollback_spec(&format!("{path}.rollback"), &entry, errors)),
        (None, true) => Some(rollback_spec(path, &RollbackEntry::default(), errors)),
        (None, false) => None,
    };
    SplitSpec {
        members: members
            .into_iter()
            .map(|member| SplitMember {
                instance: member.instance,
                weight: member.weight,
                canary: member.canary,
            })
            .collect(),
        rollback,
    }
}

fn rollback_spec(path: &str, entry: &RollbackEntry, errors: &mut Vec<ConfigError>) -> RollbackSpec {
    super::sections::positive(entry.window.0, &format!("{path}.window"), errors);
    if entry.min_calls == 0 {
        errors.push(ConfigError::new(
            format!("{path}.min_calls"),
            "must be at least 1: a canary is judged on calls it made",
        ));
    }
    let margin_ok = entry.margin.is_finite() && (0.0..1.0).contains(&entry.margin);
    if !margin_ok {
        errors.push(ConfigError::new(
            format!("{path}.margin"),
            "must be a fraction from 0 (any excess) up to, not including, 1 (`0.05` is five percentage points)",
        ));
    }
    RollbackSpec {
        window: entry.window.0,
        min_calls: entry.min_calls,
        // Whole basis points keep the router's rules comparable; finer margins mean nothing
        // against a sampled error rate.
        margin_bp: if margin_ok {
            (entry.margin * 10_000.0).round() as u32
        } else {
            0
        },
    }
}

#[cfg(test)]
#[path = "split_tests.rs"]
mod tests;
