//! `/metrics` as Prometheus scrapes it: every metric described, latencies as histograms with
//! buckets, and the audit queue, reloads, cache and failovers counted; attempts by plugin
//! version.

use crate::serve::Served;
use crate::support::{TempDir, config_file};
use std::collections::BTreeSet;

fn config(dir: &std::path::Path, comment: &str) -> String {
    format!(
        r#"# {comment}
store: {{ url: "sqlite://{db}" }}
auth: {{ anonymous: {{ tenant: acme, principal: scraper }} }}
policies: [{{ name: all, effect: allow }}]
providers:
  - {{ name: primary, plugin: sim, settings: {{ kinds: [git], dataset: metrics, down: true }} }}
  - {{ name: mirror, plugin: sim, settings: {{ kinds: [git], dataset: metrics }} }}
routes:
  - name: git
    kinds: [git]
    targets: [{{ instance: primary }}, {{ instance: mirror, read_only: true }}]
"#,
        db = dir.join("mosaic.db").display()
    )
}

/// The value of the sample `name{labels}` (labels as rendered, `""` for none).
fn sample(page: &str, series: &str) -> Option<f64> {
    page.lines()
        .filter(|line| !line.starts_with('#'))
        .find_map(|line| {
            let (name, value) = line.rsplit_once(' ')?;
            (name == series).then(|| value.parse().ok()).flatten()
        })
}

/// Replaces the configuration file in one step, as editors and deploy tools do.
fn replace(path: &std::path::Path, yaml: &str) {
    let temporary = path.with_extension("yaml.new");
    std::fs::write(&temporary, yaml).unwrap();
    std::fs::rename(&temporary, path).unwrap();
}

/// Scrapes until `ready` holds for the page (a reload is applied in the background).
fn scrape_until(server: &Served, what: &str, ready: impl Fn(&str) -> bool) -> String {
    for _ in 0..2000 {
        let page = server.get("/metrics");
        if ready(&page) {
            return page;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!(
        "{what} never showed on /metrics:\n{}",
        server.get("/metrics")
    );
}

#[test]
fn every_metric_is_described_latencies_are_histograms_and_operations_are_counted() {
    let dir = TempDir::new("mosaic-metrics");
    let config_path = config_file(dir.path(), &config(dir.path(), "first"));
    let server = Served::start(&config_path, Vec::new());
    // A read that fails over from the down primary, the same read from the cache, a write.
    for _ in 0..2 {
        server.get("/v1/git.issues.get?repo=acme/api&number=1");
    }
    let (status, body) = server
        .request(
            "POST",
            "/v1/git.issues.comment",
            &[],
            r#"{"repo":"acme/api","number":1,"body":"hi"}"#,
        )
        .unwrap();
    assert_eq!(status, 503, "the write has no second system: {body}");
    replace(&config_path, &config(dir.path(), "second"));
    scrape_until(&server, "a reload", |page| {
        sample(page, r#"mosaic_config_reloads_total{outcome="ok"}"#).is_some_and(|n| n >= 1.0)
    });
    replace(
        &config_path,
        "providers: [{ name: broken, plugin: nope }]\n",
    );
    let page = scrape_until(&server, "a rejected reload", |page| {
        sample(page, r#"mosaic_config_reloads_total{outcome="rejected"}"#).is_some_and(|n| n >= 1.0)
            && sample(page, "mosaic_audit_records_committed_total").is_some_and(|n| n >= 3.0)
            // Refreshed once a second from the cache itself.
            && sample(page, "mosaic_cache_entries").is_some_and(|n| n >= 1.0)
            && sample(page, r#"mosaic_cache_tier_fills_total{tier="l1"}"#).is_some_and(|n| n >= 1.0)
    });

    let typed: BTreeSet<&str> = page
        .lines()
        .filter_map(|line| line.strip_prefix("# TYPE "))
        .filter_map(|rest| rest.split(' ').next())
        .collect();
    let described: BTreeSet<&str> = page
        .lines()
        .filter_map(|line| line.strip_prefix("# HELP "))
        .filter_map(|rest| rest.split(' ').next())
        .collect();
    assert!(!typed.is_empty(), "{page}");
    let undescribed: Vec<_> = typed.difference(&described).collect();
    assert!(
        undescribed.is_empty(),
        "metrics without # HELP: {undescribed:?}\n{page}"
    );
    assert!(
        !page.contains(" summary"),
        "latencies must be histograms:\n{page}"
    );
    for histogram in [
        "mosaic_request_duration_seconds",
        "mosaic_provider_call_duration_seconds",
        "mosaic_audit_commit_duration_seconds",
        "mosaic_cache_tier_duration_seconds",
    ] {
        assert!(
            page.contains(&format!("# TYPE {histogram} histogram")),
            "{histogram}\n{page}"
        );
        assert!(
            page.contains(&format!("{histogram}_bucket{{")),
            "{histogram}\n{page}"
        );
    }

    let at_least = |series: &str, least: f64| {
        let value = sample(&page, series).unwrap_or_else(|| panic!("{series} missing:\n{page}"));
        assert!(
            value >= least,
            "{series} = {value}, expected at least {least}"
        );
    };
    at_least("mosaic_audit_records_committed_total", 3.0);
    at_least("mosaic_audit_records_queued", 0.0);
    at_least("mosaic_audit_batch_failures_total", 0.0);
    at_least(r#"mosaic_config_reloads_total{outcome="ok"}"#, 1.0);
    at_least(r#"mosaic_config_reloads_total{outcome="rejected"}"#, 1.0);
    at_least("mosaic_cache_entries", 1.0);
    at_least("mosaic_cache_evictions_total", 0.0);
    // The second read was an L1 hit; the first missed L1 and filled it.
    at_least(
        r#"mosaic_cache_tier_requests_total{tier="l1",result="hit"}"#,
        1.0,
    );
    at_least(
        r#"mosaic_cache_tier_requests_total{tier="l1",result="miss"}"#,
        1.0,
    );
    at_least(r#"mosaic_cache_tier_fills_total{tier="l1"}"#, 1.0);
    at_least(r#"mosaic_cache_tier_available{tier="l1"}"#, 1.0);
    at_least(r#"mosaic_cache_tier_errors_total{tier="l1"}"#, 0.0);
    at_least(
        r#"mosaic_failovers_total{operation="git.issues.get",instance="primary"}"#,
        1.0,
    );
    // Attempts are counted per plugin version, so versions side by side are told apart.
    at_least(
        r#"mosaic_provider_calls_total{instance="mirror",plugin="sim",version="1.0.0",operation="git.issues.get",outcome="ok"}"#,
        1.0,
    );
}
