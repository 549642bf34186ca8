//! Markdown ⇄ ADF and Markdown ⇄ Plane HTML for a 10 KB page: what a Jira or Plane read or
//! write of a long description costs in conversion.

use criterion::{Criterion, criterion_group, criterion_main};
use mosaic_provider_kit::adf::{adf_to_markdown, markdown_to_adf};
use mosaic_provider_kit::html::{html_to_markdown, markdown_to_html};
use std::hint::black_box;

/// A page of about 10 KB mixing everything the converters carry.
fn page() -> String {
    let section = "## Steps to reproduce\n\n\
        1. Open **Settings** and pick _Billing_\n\
        2. Run `make test` against [the staging API](https://staging.example.com/api?x=1&y=2 \"Staging\")\n\
        3. See @[Ada Lovelace](accountid:5b10ac8d82e05b22cc7d4ef5) ~~before~~ after\n\n\
        - [ ] write the failing test\n- [x] find the cause\n  - [ ] nested follow-up\n\n\
        > Quoted from the *incident* report, with literal \\*stars\\* and a \\[bracket\\].\n\n\
        ```rust\nfn main() {\n    println!(\"hello\");\n}\n```\n\n\
        | Key | Value |\n| --- | --- |\n| region | `eu-west-1` |\n| retries | **3** |\n\n\
        ___\n\n";
    let mut page = String::new();
    while page.len() < 10_000 {
        page.push_str(section);
    }
    page
}

fn markup(c: &mut Criterion) {
    let markdown = page();
    let adf = markdown_to_adf(&markdown);
    let html = markdown_to_html(&markdown);
    c.bench_function("markdown_to_adf_10kb", |b| {
        b.iter(|| markdown_to_adf(black_box(&markdown)))
    });
    c.bench_function("adf_to_markdown_10kb", |b| {
        b.iter(|| adf_to_markdown(black_box(&adf)))
    });
    c.bench_function("markdown_to_html_10kb", |b| {
        b.iter(|| markdown_to_html(black_box(&markdown)))
    });
    c.bench_function("html_to_markdown_10kb", |b| {
        b.iter(|| html_to_markdown(black_box(&html)))
    });
}

criterion_group!(benches, markup);
criterion_main!(benches);
