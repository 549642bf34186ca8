//! [`NotionId`]: a Notion id (a UUID), which Notion writes with dashes in its answers and
//! accepts with or without them; two ids are the same whatever their dashes and case.

use std::fmt;

/// A Notion id, kept as Notion's dashed lower-case form.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NotionId(String);

impl NotionId {
    /// Reads `text`: 32 hexadecimal digits, with or without the dashes of a UUID.
    pub fn parse(text: &str) -> Result<Self, String> {
        let digits: String = text.trim().chars().filter(|c| *c != '-').collect();
        if digits.len() != 32 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!(
                "`{text}` is not a Notion id (32 hexadecimal digits, dashes optional)"
            ));
        }
        let digits = digits.to_ascii_lowercase();
        Ok(Self(format!(
            "{}-{}-{}-{}-{}",
            &digits[..8],
            &digits[8..12],
            &digits[12..16],
            &digits[16..20],
            &digits[20..]
        )))
    }

    /// The dashed form, as Notion answers it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The 32 digits without dashes, as Notion writes ids in its URLs.
    pub fn compact(&self) -> String {
        self.0.replace('-', "")
    }
}

impl fmt::Display for NotionId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}
