use super::*;

#[test]
fn the_seed_holds_what_its_docs_say() {
    let service = Builds::seeded();
    assert_eq!(service.repositories.len(), 3);
    assert!(service.repository("ACME/WEB").unwrap().public);
    assert_eq!(service.pipelines_of("acme/api").count(), 2);
    let api: Vec<&Build> = service.builds_of("acme/api").collect();
    assert_eq!(api.len(), 35);
    assert_eq!(api[0].number, 35, "newest first");
    assert_eq!(api[0].stage, Stage::Finished(Outcome::Failure));
    assert_eq!(api[1].stage, Stage::Finished(Outcome::Success));
    assert!(api[0].log().ends_with("error: 2 tests failed\n"));
    let web = service.builds_of("acme/web").next().unwrap();
    assert_eq!(web.current_step().unwrap().name, "build");
    let deploy = service.builds_of("acme/infra").next().unwrap();
    assert_eq!(deploy.stage, Stage::Queued);
    assert_eq!(deploy.inputs["environment"], "staging");
    assert_eq!(deploy.log(), "");
}

#[test]
fn a_build_moves_one_stage_per_advance_and_its_log_grows() {
    let mut service = Builds::seeded();
    let pipeline = service.pipeline_named("acme/api", "release").unwrap().id;
    let id = service
        .trigger(pipeline, "v1.0.0", "manual", BTreeMap::new())
        .unwrap();
    let mut stages = vec![service.build(id).unwrap().stage];
    let mut sizes = vec![0];
    for _ in 0..5 {
        service.advance(id);
        let build = service.build(id).unwrap();
        stages.push(build.stage);
        sizes.push(build.log().len());
    }
    assert_eq!(
        stages,
        [
            Stage::Queued,
            Stage::Running(0),
            Stage::Running(1),
            Stage::Running(2),
            Stage::Finished(Outcome::Success),
            Stage::Finished(Outcome::Success),
        ]
    );
    assert!(
        sizes.windows(2).take(3).all(|pair| pair[0] < pair[1]),
        "{sizes:?}"
    );
    assert_eq!(sizes[3], sizes[5], "nothing logged after the last step");
    let build = service.build(id).unwrap();
    assert!(build.log().starts_with("[api#1 checkout] line 1 of 3\n"));
    assert!(build.started_at.is_some() && build.finished_at.is_some());
}

#[test]
fn only_an_unfinished_build_is_cancelled() {
    let mut service = Builds::seeded();
    let queued = service.builds_of("acme/infra").next().unwrap().id;
    let finished = service.builds_of("acme/api").next().unwrap().id;
    assert_eq!(service.cancel(queued), Ok(()));
    assert_eq!(
        service.build(queued).unwrap().stage,
        Stage::Finished(Outcome::Cancelled)
    );
    assert_eq!(service.cancel(finished), Err(CancelRefused::Finished));
    assert_eq!(service.cancel(9), Err(CancelRefused::Missing));
}
