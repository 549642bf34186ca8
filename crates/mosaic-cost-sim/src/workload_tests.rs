//! Reading workloads: errors at their path, and the month drawn the same for a seed.

use super::*;

const ONE: &str = "
month: 2026-02
repositories:
  - name: acme/web
    pipelines:
      - { name: ci, per_day: 10, minutes: { min: 2, mode: 3, max: 5 }, deadline_minutes: 15 }
";

#[test]
fn a_workload_is_read_and_drawn_the_same_for_a_seed() {
    let workload = Workload::parse(ONE).unwrap_or_else(|error| panic!("{error}"));
    let month = builds(&workload, 7);
    assert_eq!(month, builds(&workload, 7));
    // 20 weekdays of 10 builds and 8 weekend days of about 2 in February 2026.
    assert!((200..=224).contains(&month.len()), "{}", month.len());
    assert!(month.windows(2).all(|pair| pair[0].at <= pair[1].at));
    assert!(month.iter().all(|build| (120..=300).contains(&build.secs)));
    assert!(month.iter().all(|build| build.at < 28 * DAY));
}

#[test]
fn shape_and_value_errors_name_their_place() {
    let cases = [
        (
            ONE.replace("per_day: 10", "per_dya: 10"),
            "repositories[0].pipelines[0]: unknown field `per_dya`, expected one of `name`, `per_day`, `minutes`, `deadline_minutes`, `runner` at line 6",
        ),
        (
            ONE.replace("mode: 3", "mode: 9"),
            "repositories[0].pipelines[0].minutes: needs 0 < min <= mode <= max (mode optional)",
        ),
        (
            ONE.replace("deadline_minutes: 15", "deadline_minutes: 0"),
            "repositories[0].pipelines[0].deadline_minutes: must be at least 1",
        ),
        (
            ONE.replace("2026-02", "February"),
            "month: expected a month like `2026-03`",
        ),
    ];
    for (text, expected) in cases {
        let error = Workload::parse(&text).err().map(|error| error.to_string());
        assert!(
            error
                .as_deref()
                .is_some_and(|error| error.starts_with(expected)),
            "{error:?} should start with {expected:?}"
        );
    }
}
