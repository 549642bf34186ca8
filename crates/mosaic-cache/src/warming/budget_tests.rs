use super::{Budgets, Refusal};
use crate::warming::{BUDGET_WINDOW, WarmingSettings};
use mosaic_core::Quota;
use std::time::Duration;
use tokio::time::Instant;

fn settings(budget: u32, quota_reserve_bp: u16) -> WarmingSettings {
    WarmingSettings {
        enabled: true,
        budget,
        quota_reserve_bp,
        ..WarmingSettings::default()
    }
}

fn quota(remaining: u64, limit: u64) -> Option<Quota> {
    Some(Quota {
        remaining,
        limit,
        resets_in: Some(Duration::from_secs(60)),
    })
}

#[test]
fn the_budget_counts_refreshes_per_instance_and_window() {
    let settings = settings(2, 0);
    let mut budgets = Budgets::default();
    let start = Instant::now();
    for _ in 0..2 {
        assert_eq!(budgets.check(&settings, "gh", None, 0, start), Ok(()));
        budgets.spend("gh", start);
    }
    assert_eq!(
        budgets.check(&settings, "gh", None, 0, start),
        Err(Refusal::Budget)
    );
    assert_eq!(budgets.check(&settings, "gitea", None, 0, start), Ok(()));
    let next_window = start + BUDGET_WINDOW;
    assert_eq!(budgets.check(&settings, "gh", None, 0, next_window), Ok(()));
    budgets.prune(next_window);
    assert_eq!(budgets.by_instance.len(), 0);
}

#[test]
fn the_quota_reserve_is_kept_for_callers() {
    // A quarter of 100 calls kept: 26 left may be spent down to 25, never below.
    let settings = settings(100, 2500);
    let mut budgets = Budgets::default();
    let now = Instant::now();
    assert_eq!(
        budgets.check(&settings, "gh", quota(26, 100), 0, now),
        Ok(())
    );
    assert_eq!(
        budgets.check(&settings, "gh", quota(25, 100), 0, now),
        Err(Refusal::Quota)
    );
    assert_eq!(
        budgets.check(&settings, "gh", quota(26, 100), 1, now),
        Err(Refusal::Quota),
        "a refresh already on its way counts"
    );
}

#[test]
fn a_spent_quota_is_never_used_even_without_a_reserve() {
    let settings = settings(100, 0);
    let mut budgets = Budgets::default();
    let now = Instant::now();
    assert_eq!(
        budgets.check(&settings, "gh", quota(0, 100), 0, now),
        Err(Refusal::Quota)
    );
    assert_eq!(
        budgets.check(&settings, "gh", quota(1, 100), 0, now),
        Ok(())
    );
}
