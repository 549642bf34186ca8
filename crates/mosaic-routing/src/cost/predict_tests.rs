//! The predictor: unobserved, the longest recent run, and forgetting old runs.

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
fn the_prediction_is_the_longest_recent_run() {
    let mut predictor = Predictor::new();
    for minutes in [3, 9, 1, 4] {
        predictor.observe("acme/web", "ci", mins(minutes));
    }
    assert_eq!(predictor.predict("acme/web", "ci"), Some(mins(9)));
    let mut one = Predictor::new();
    one.observe("acme/web", "ci", mins(4));
    assert_eq!(one.predict("acme/web", "ci"), Some(mins(4)));
}

#[test]
fn a_pipeline_that_got_faster_is_predicted_faster_once_its_slow_runs_are_old() {
    let mut predictor = Predictor::new();
    for _ in 0..RECENT_RUNS {
        predictor.observe("acme/web", "ci", mins(12));
    }
    for _ in 0..RECENT_RUNS - 1 {
        predictor.observe("acme/web", "ci", mins(2));
    }
    assert_eq!(predictor.predict("acme/web", "ci"), Some(mins(12)));
    predictor.observe("acme/web", "ci", mins(2));
    assert_eq!(predictor.predict("acme/web", "ci"), Some(mins(2)));
}
