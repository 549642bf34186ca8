use super::*;

fn element(nodes: &[Node]) -> &Element {
    match &nodes[0] {
        Node::Element(element) => element,
        Node::Text(text) => panic!("expected an element, got text {text:?}"),
    }
}

#[test]
fn elements_attributes_and_references_are_read() {
    let nodes = parse(
        r#"<p class='x'>a &amp; b&nbsp;&#39;&#x41;&bogus; <ac:link><ri:user ri:account-id="42" /></ac:link></p>"#,
    );
    let p = element(&nodes);
    assert_eq!(p.attr("class"), Some("x"));
    assert_eq!(p.children[0], Node::Text("a & b\u{a0}'A&bogus; ".into()));
    let link = p.child("ac:link").expect("the link");
    assert_eq!(
        link.child("ri:user").and_then(|u| u.attr("ri:account-id")),
        Some("42")
    );
}

#[test]
fn cdata_is_kept_as_it_is() {
    let nodes =
        parse("<ac:plain-text-body><![CDATA[a < b && ]]]]><![CDATA[>]]></ac:plain-text-body>");
    assert_eq!(element(&nodes).text(), "a < b && ]]>");
}

#[test]
fn broken_markup_is_read_without_failing() {
    let nodes = parse("<p>open <strong>bold</p> stray</em> a < b <br> end");
    let p = element(&nodes);
    assert_eq!(p.text(), "open bold");
    assert_eq!(nodes[1], Node::Text(" stray a < b ".into()));
    assert!(matches!(&nodes[2], Node::Element(br) if br.name == "br"));
    for hostile in [
        "<",
        "<a",
        "<a b=",
        "<a b='x",
        "&",
        "&#xFFFFFFFF;",
        "<![CDATA[",
        "<!--",
        "</",
        "<p/",
    ] {
        parse(hostile);
    }
}
