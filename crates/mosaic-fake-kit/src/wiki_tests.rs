use super::*;

#[test]
fn the_seed_holds_what_the_module_docs_say() {
    let wiki = Wiki::seeded();
    assert_eq!(wiki.caller().login, "ana");
    assert_eq!(wiki.spaces.len(), 3);
    assert_eq!(wiki.pages_in("ENG").count(), 47);
    assert_eq!(wiki.pages_in("product").count(), 6);
    let overview = wiki
        .pages_in("ENG")
        .find(|page| page.title == "Architecture overview")
        .expect("the overview");
    let child = wiki
        .pages_in("ENG")
        .find(|page| page.parent == Some(overview.id))
        .expect("a child of the overview");
    assert_eq!(child.title, "Request path");
    let section = wiki.section(child.section.unwrap()).unwrap();
    assert_eq!(section.name, "Architecture");
    let pricing = wiki.pages_in("PRODUCT").last().unwrap();
    assert!(matches!(pricing.body, Body::Html(_)));
    let on_call = wiki.pages_in("OPS").next().unwrap();
    assert_eq!(on_call.version, 3);
    assert_ne!(on_call.created_at, on_call.updated_at);
}

#[test]
fn search_matches_titles_and_bodies_within_a_space() {
    let wiki = Wiki::seeded();
    assert_eq!(wiki.search("escalate", None).count(), 15);
    assert_eq!(wiki.search("ROADMAP", Some("product")).count(), 5);
    assert_eq!(wiki.search("roadmap", Some("ENG")).count(), 0);
    let mut trashed = wiki.clone();
    let first = trashed.pages[0].id;
    trashed.page_mut(first).unwrap().trashed = true;
    assert_eq!(trashed.search("Runbook 1", Some("ENG")).count(), 10);
    assert_eq!(wiki.search("Runbook 1", Some("ENG")).count(), 11);
}

#[test]
fn a_change_moves_the_version_and_the_clock() {
    let mut wiki = Wiki::seeded();
    let id = wiki.create_page("OPS", "New", Body::Markdown("x".to_owned()));
    let before = wiki.page(id).unwrap().clone();
    assert!(wiki.touch(id));
    let after = wiki.page(id).unwrap();
    assert_eq!(after.version, before.version + 1);
    assert!(after.updated_at > before.updated_at);
    assert!(!wiki.touch(999_999));
}

#[test]
fn a_body_reads_as_markdown_and_as_html_whatever_it_was_written_in() {
    let html = Body::Html("<h1>Pricing</h1><p>Three <strong>plans</strong>.</p>".into());
    assert_eq!(html.markdown(), "# Pricing\n\nThree **plans**.");
    assert_eq!(html.html(), html.text());
    let markdown = Body::Markdown("# Runbook\n\nSteps.\n".into());
    assert_eq!(markdown.markdown(), markdown.text());
    assert!(
        markdown.html().contains("<h1>Runbook</h1>"),
        "{}",
        markdown.html()
    );
}
