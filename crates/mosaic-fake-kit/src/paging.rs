//! Pages of a list as the forges serve them: 1-based page numbers, a page size, and a `Link`
//! header pointing at the neighbours.

/// One page of `items`: the slice, the next page's number (none on the last page), and the
/// number of the last page.
pub fn page_of<T: Clone>(items: &[T], page: u32, per_page: u32) -> (Vec<T>, Option<u32>, u32) {
    let per_page = per_page.max(1) as usize;
    let page = page.max(1) as usize;
    let last = items.len().div_ceil(per_page).max(1);
    let start = (page - 1).saturating_mul(per_page).min(items.len());
    let end = (start + per_page).min(items.len());
    let next = (page < last).then(|| page as u32 + 1);
    (items[start..end].to_vec(), next, last as u32)
}

/// A `Link` header for a page: `url` is the list's absolute URL with its query except `page`
/// (`http://127.0.0.1:1234/repos/a/b/issues?per_page=30`); `rel="next"` and `rel="last"` as
/// GitHub, Gitea and GitLab send them, `rel="prev"` and `rel="first"` after the first page.
pub fn link_header(url: &str, page: u32, next: Option<u32>, last: u32) -> String {
    let separator = if url.contains('?') { '&' } else { '?' };
    let link = |number: u32, rel: &str| format!("<{url}{separator}page={number}>; rel=\"{rel}\"");
    let mut links = Vec::new();
    if let Some(next) = next {
        links.push(link(next, "next"));
        links.push(link(last, "last"));
    }
    if page > 1 {
        links.push(link(1, "first"));
        links.push(link(page - 1, "prev"));
    }
    links.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_cover_the_list_once() {
        let items: Vec<u32> = (1..=7).collect();
        assert_eq!(page_of(&items, 1, 3), (vec![1, 2, 3], Some(2), 3));
        assert_eq!(page_of(&items, 3, 3), (vec![7], None, 3));
        assert_eq!(page_of(&items, 9, 3), (vec![], None, 3));
        assert_eq!(page_of::<u32>(&[], 1, 3), (vec![], None, 1));
    }

    #[test]
    fn links_name_the_neighbours() {
        let header = link_header("http://h/x?per_page=2", 2, Some(3), 4);
        assert_eq!(
            header,
            "<http://h/x?per_page=2&page=3>; rel=\"next\", <http://h/x?per_page=2&page=4>; rel=\"last\", <http://h/x?per_page=2&page=1>; rel=\"first\", <http://h/x?per_page=2&page=1>; rel=\"prev\""
        );
        assert_eq!(link_header("http://h/x", 1, None, 1), "");
    }
}
