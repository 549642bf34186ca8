//! MosAIc's cursors over Notion's lists: where Notion's page starts (its `start_cursor`, none
//! for the first) and how many of its results were already handed out, because a filtered
//! page of MosAIc's may end inside one of Notion's.
//!
//! Written `n1.{skip}.{start_cursor or -}`; one not written here is `invalid_input`.

use mosaic_core::ProviderError;

/// A position in one of Notion's lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Position {
    /// Notion's `start_cursor` of the page, `None` for the first.
    pub start: Option<String>,
    /// Results of that page already handed out.
    pub skip: usize,
}

impl Position {
    /// The position a caller's cursor names (the start without one).
    pub fn read(cursor: Option<&str>) -> Result<Self, ProviderError> {
        let Some(cursor) = cursor else {
            return Ok(Self::default());
        };
        let refused =
            || ProviderError::Invalid(format!("cursor `{cursor}` was not issued by this instance"));
        let rest = cursor.strip_prefix("n1.").ok_or_else(refused)?;
        let (skip, start) = rest.split_once('.').ok_or_else(refused)?;
        let skip = skip.parse().map_err(|_| refused())?;
        let start = match start {
            "-" => None,
            "" => return Err(refused()),
            start => Some(start.to_owned()),
        };
        Ok(Self { start, skip })
    }

    /// The first result of the Notion page that starts at `start`.
    pub fn page(start: String) -> Self {
        Self {
            start: Some(start),
            skip: 0,
        }
    }

    /// Where to carry on after handing out result `index` of the `count` results of the Notion
    /// page that starts here: the next result of this page, or the first of the next page
    /// (`next_page`, Notion's `next_cursor`); `None` when that was the list's last result.
    pub fn after(&self, index: usize, count: usize, next_page: Option<String>) -> Option<Self> {
        if index + 1 < count {
            Some(Self {
                start: self.start.clone(),
                skip: index + 1,
            })
        } else {
            next_page.map(Self::page)
        }
    }

    /// The cursor that names this position.
    pub fn write(&self) -> String {
        format!("n1.{}.{}", self.skip, self.start.as_deref().unwrap_or("-"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_a_result_comes_the_next_of_its_page_then_the_next_page() {
        let here = Position::page("p2".into());
        let next = |index, next_page: Option<&str>| here.after(index, 3, next_page.map(Into::into));
        assert_eq!(
            next(0, Some("p3")),
            Some(Position {
                start: Some("p2".into()),
                skip: 1
            })
        );
        assert_eq!(next(2, Some("p3")), Some(Position::page("p3".into())));
        assert_eq!(next(2, None), None);
    }

    #[test]
    fn cursors_name_their_position_and_foreign_ones_are_refused() {
        let position = Position {
            start: Some("2f0c.e-9".into()),
            skip: 7,
        };
        assert_eq!(Position::read(Some(&position.write())).unwrap(), position);
        assert_eq!(Position::read(None).unwrap(), Position::default());
        assert_eq!(Position::read(Some("n1.0.-")).unwrap(), Position::default());
        for foreign in ["30", "n1.x.-", "n1.3.", "n1.3", "n2.0.-"] {
            assert!(
                matches!(
                    Position::read(Some(foreign)),
                    Err(ProviderError::Invalid(_))
                ),
                "{foreign}"
            );
        }
    }
}
