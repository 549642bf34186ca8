//! The wait a new run faces on a pool of executors: the runs on them end when predicted, the
//! runs queued ahead take the executors as they free up, first come first served, and the new
//! run gets the first executor free after that.
//!
//! Every run ahead is taken to last a quarter longer than predicted: a prediction rests on
//! recent runs and the next may well be longer, and a wait adds up the predictions of several
//! runs at once. Without that margin a short build with a tight deadline queues behind long
//! ones that end a little later than predicted, and misses it.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::time::Duration;

/// How long a new run waits for one of `executors`, given the predicted time left of the runs
/// on them (`running`) and the predicted durations of the runs queued ahead, in queue order.
/// Runs beyond `executors` in `running` are taken as queued (their time left is their
/// duration). Zero executors never free up: [`Duration::MAX`].
pub fn queue_wait(executors: u32, running: &[Duration], queued: &[Duration]) -> Duration {
    let executors = usize::try_from(executors).unwrap_or(usize::MAX);
    if executors == 0 {
        return Duration::MAX;
    }
    let (on, ahead) = running.split_at(running.len().min(executors));
    // When each executor is next free, soonest first.
    let mut free_at: BinaryHeap<Reverse<Duration>> = on.iter().copied().map(Reverse).collect();
    while free_at.len() < executors {
        free_at.push(Reverse(Duration::ZERO));
    }
    for &duration in ahead.iter().chain(queued) {
        if let Some(Reverse(at)) = free_at.pop() {
            free_at.push(Reverse(at.saturating_add(with_margin(duration))));
        }
    }
    free_at.peek().map_or(Duration::ZERO, |Reverse(at)| *at)
}

/// A predicted duration with the margin every run ahead gets.
fn with_margin(predicted: Duration) -> Duration {
    predicted.saturating_add(predicted / 4)
}

/// The predicted time left of a run `elapsed` into its `predicted` duration (with the margin). A run past its
/// prediction is late, so it is likely one of the long ones: it is taken to need another
/// quarter of the time it has run (at least a minute), rather than to end at once, which
/// would promise the next run an executor that is not free.
pub fn time_left(predicted: Duration, elapsed: Duration) -> Duration {
    match with_margin(predicted).checked_sub(elapsed) {
        Some(left) if !left.is_zero() => left,
        _ => (elapsed / 4).max(Duration::from_secs(60)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mins(m: u64) -> Duration {
        Duration::from_secs(m * 60)
    }

    #[test]
    fn a_free_executor_means_no_wait() {
        assert_eq!(queue_wait(4, &[mins(5), mins(9)], &[]), Duration::ZERO);
    }

    #[test]
    fn a_full_pool_waits_for_the_first_run_to_end() {
        assert_eq!(queue_wait(2, &[mins(5), mins(9)], &[]), mins(5));
    }

    #[test]
    fn runs_queued_ahead_take_executors_first() {
        // Executors free at 5 and 9; the queued 8-minute run (10 with the margin) takes the
        // one at 5 (until 15), so the new run starts at 9.
        assert_eq!(queue_wait(2, &[mins(5), mins(9)], &[mins(8)]), mins(9));
        // Two queued: 5+10=15 and 9+5=14, the new run at 14.
        assert_eq!(
            queue_wait(2, &[mins(5), mins(9)], &[mins(8), mins(4)]),
            mins(14)
        );
    }

    #[test]
    fn running_beyond_the_executors_counts_as_queued() {
        assert_eq!(queue_wait(1, &[mins(3), mins(4)], &[]), mins(8));
    }

    #[test]
    fn a_late_run_is_taken_to_need_more() {
        assert_eq!(time_left(mins(8), mins(4)), mins(6));
        assert_eq!(time_left(mins(8), mins(12)), mins(3));
        assert_eq!(time_left(mins(1), mins(2)), mins(1));
    }

    #[test]
    fn no_executor_never_frees() {
        assert_eq!(queue_wait(0, &[], &[]), Duration::MAX);
    }
}
