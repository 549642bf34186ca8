//! The predictor: unobserved, a high percentile of recent runs, and forgetting old runs.

use super::*;

fn mins(m: u64) -> Duration {
    Duration::from_secs(m * 60)
}

#[test]
fn an_unobserved_pipeline_has_no_prediction() {
    let mut predictor = Predictor::new();
    predictor.observe("acme/web", "ci", mins(3));
    assert_eq!(predictor.predict("acme/web", "deploy"), None);
    assert_eq!(predictor.predict("acme/api", "ci"), None);
}

#[test]
fn the_prediction_is_the_80th_percentile_of_recent_runs() {
    let mut predictor = Predictor::new();
    for minutes in 1..=10 {
        predictor.observe("acme/web", "ci", mins(minutes));
    }
    assert_eq!(predictor.predict("acme/web", "ci"), Some(mins(8)));
    let mut one = Predictor::new();
    one.observe("acme/web", "ci", mins(4));
    assert_eq!(one.predict("acme/web", "ci"), Some(mins(4)));
}

#[test]
fn a_pipeline_that_got_slower_is_predicted_slower() {
    let mut predictor = Predictor::new();
    for _ in 0..RECENT_RUNS {
        predictor.observe("acme/web", "ci", mins(2));
    }
    for _ in 0..RECENT_RUNS {
        predictor.observe("acme/web", "ci", mins(12));
    }
    assert_eq!(predictor.predict("acme/web", "ci"), Some(mins(12)));
}
