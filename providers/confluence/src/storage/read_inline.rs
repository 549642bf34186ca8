//! Storage format's inline elements → the model's inlines: marks, links, line breaks and
//! mentions of Atlassian accounts; what else Confluence puts inline (images, emoticons,
//! inline-comment anchors, links to pages, inline macros) is read as the text it shows and
//! named as unkept.

use super::read::{Reader, macro_name};
use super::xml::{Element, Node};
use mosaic_provider_kit::markdown::{Directory, Inline, Mention};

impl Reader {
    pub(super) fn inline(&mut self, node: &Node) -> Vec<Inline> {
        let element = match node {
            Node::Text(text) => return vec![Inline::Text(text.clone())],
            Node::Element(element) => element,
        };
        let children = |reader: &mut Self| reader.inlines(&element.children);
        match element.name.as_str() {
            "strong" | "b" => vec![Inline::Strong(children(self))],
            "em" | "i" => vec![Inline::Emphasis(children(self))],
            "s" | "del" | "strike" => vec![Inline::Strikethrough(children(self))],
            "code" => vec![Inline::Code(element.text())],
            "br" => vec![Inline::HardBreak],
            "a" => match element.attr("href") {
                Some(href) => vec![Inline::Link {
                    href: href.to_owned(),
                    title: element.attr("title").map(str::to_owned),
                    content: children(self),
                }],
                None => children(self),
            },
            "ac:link" => self.link(element),
            "ac:inline-comment-marker" => {
                self.lose("an inline-comment anchor (`<ac:inline-comment-marker>`)");
                children(self)
            }
            "ac:image" => {
                self.lose("an image (`<ac:image>`)");
                let name = element
                    .elements()
                    .find_map(|resource| {
                        resource
                            .attr("ri:filename")
                            .or_else(|| resource.attr("ri:value"))
                    })
                    .or_else(|| element.attr("ac:alt"))
                    .unwrap_or("image");
                vec![Inline::Text(format!("[image: {name}]"))]
            }
            "ac:emoticon" => {
                self.lose("an emoticon (`<ac:emoticon>`)");
                let shown = element
                    .attr("ac:emoji-fallback")
                    .map(str::to_owned)
                    .or_else(|| element.attr("ac:name").map(|name| format!(":{name}:")))
                    .unwrap_or_default();
                vec![Inline::Text(shown)]
            }
            "ac:placeholder" => {
                self.lose("an instruction placeholder (`<ac:placeholder>`)");
                Vec::new()
            }
            "time" => {
                self.lose("a date (`<time>`)");
                vec![Inline::Text(
                    element.attr("datetime").unwrap_or_default().to_owned(),
                )]
            }
            "ac:structured-macro" | "ac:macro" => {
                let name = macro_name(element);
                self.lose(format!("the `{name}` macro"));
                vec![Inline::Text(format!("[{name} macro]"))]
            }
            // Underline, colours, sub/superscript: the text stays.
            _ => children(self),
        }
    }

    /// `<ac:link>`: a mention of a user, or a link to a page, attachment or space, which
    /// Markdown cannot address (read as the text it shows).
    fn link(&mut self, element: &Element) -> Vec<Inline> {
        let shown = element
            .child("ac:plain-text-link-body")
            .map(Element::text)
            .or_else(|| element.child("ac:link-body").map(Element::text));
        let user = element.child("ri:user");
        if let Some(account) = user.and_then(|user| {
            user.attr("ri:account-id")
                .or_else(|| user.attr("ri:userkey"))
        }) {
            return vec![Inline::Mention(Mention {
                directory: Directory::Atlassian,
                id: account.to_owned(),
                name: shown.map(|name| name.trim().to_owned()).unwrap_or_default(),
            })];
        }
        let target = element
            .elements()
            .find(|child| child.name.starts_with("ri:"));
        let kind = target.map_or("a target", |target| match target.name.as_str() {
            "ri:page" | "ri:blog-post" => "a page",
            "ri:attachment" => "an attachment",
            "ri:space" => "a space",
            "ri:user" => "a user",
            _ => "a target",
        });
        self.lose(format!("a link to {kind} (`<ac:link>`)"));
        let title = target.and_then(|target| {
            target
                .attr("ri:content-title")
                .or_else(|| target.attr("ri:filename"))
                .or_else(|| target.attr("ri:space-key"))
        });
        let text = shown
            .or_else(|| title.map(str::to_owned))
            .or_else(|| element.attr("ac:anchor").map(str::to_owned))
            .unwrap_or_default();
        vec![Inline::Text(text)]
    }
}
