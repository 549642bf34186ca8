//! What the three Git forge plugins share above HTTP and below their kind SDK traits: how a
//! repository name splits into a path's parts, and how a list answer becomes a unified page.
//! The operations themselves are each forge's, written against the traits of
//! `mosaic_plugin::kinds`, whose dispatch answers what a forge does not serve.

use crate::http::Reply;
use mosaic_core::ProviderError;
use mosaic_core::model::Page;
use serde::de::DeserializeOwned;

/// `owner/name` of a forge where repositories have exactly one owner level (GitHub, Gitea),
/// each part encoded for a path.
pub fn owner_and_name(repo: &str, forge: &str) -> Result<(String, String), ProviderError> {
    match repo.split('/').collect::<Vec<_>>().as_slice() {
        [owner, name] => Ok((
            crate::http::encode_segment(owner)?,
            crate::http::encode_segment(name)?,
        )),
        _ => Err(ProviderError::Invalid(format!(
            "{forge} repositories are `owner/name`, got `{repo}`"
        ))),
    }
}

/// A list answer as a unified page, keeping the forge's cursor.
pub fn page_of<T: DeserializeOwned, U>(
    reply: &Reply,
    unify: impl FnMut(T) -> Option<Result<U, ProviderError>>,
) -> Result<Page<U>, ProviderError> {
    let items: Vec<T> = reply.json()?;
    Ok(Page {
        items: items
            .into_iter()
            .filter_map(unify)
            .collect::<Result<_, _>>()?,
        next_cursor: reply.next_cursor.clone(),
    })
}
