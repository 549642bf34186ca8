use super::*;

#[test]
fn the_seed_holds_what_the_module_docs_say() {
    let tracker = Tracker::seeded();
    assert_eq!(tracker.caller().login, "ana");
    assert_eq!(
        tracker
            .items
            .iter()
            .filter(|item| item.project == "PLAT")
            .count(),
        45
    );
    let first = tracker.item("PLAT-1").expect("PLAT-1");
    assert_eq!(first.comments.len(), 2);
    assert_eq!(
        tracker.state_of(first).map(|state| state.group),
        Some(StateGroup::Unstarted)
    );
    let cancelled = tracker.item("PLAT-4").expect("PLAT-4");
    assert_eq!(cancelled.resolution.as_deref(), Some("Won't Do"));
    assert_eq!(cancelled.labels, ["bug"]);
    assert_eq!(tracker.item("WEB-5").map(|item| item.number), Some(5));
    assert!(tracker.person("ben@example.com").is_some());
}

#[test]
fn plat_only_reaches_done_from_started_states() {
    let tracker = Tracker::seeded();
    let plat = tracker.project("PLAT").expect("PLAT");
    let id = |name| plat.state(name).expect(name).id;
    assert!(!plat.can_move(id("Todo"), id("Done")));
    assert!(plat.can_move(id("In Progress"), id("Done")));
    assert!(plat.can_move(id("Todo"), id("Won't Do")));
    let web = tracker.project("WEB").expect("WEB");
    let web_id = |name| web.state(name).expect(name).id;
    assert!(web.can_move(web_id("Todo"), web_id("Done")));
}

#[test]
fn changes_move_the_clock_and_resolution() {
    let mut tracker = Tracker::seeded();
    let before = tracker.item("WEB-1").expect("WEB-1").updated_at.clone();
    let done = tracker
        .project("WEB")
        .and_then(|p| p.state("Done"))
        .expect("Done")
        .id;
    tracker.move_item("WEB-1", done);
    let item = tracker.item("WEB-1").expect("WEB-1");
    assert!(item.updated_at > before);
    assert_eq!(item.resolution.as_deref(), Some("Done"));
}
