//! What the plugins folder holds, as status shows it: each manifest file with the plugin it
//! serves and, when its latest content was refused, every error. Plain data, so the gateway
//! can show it without knowing how the folder is read.

use serde::Serialize;

/// The plugins folder as last read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FolderReport {
    /// The folder, as configured.
    pub dir: String,
    /// Why the folder itself could not be read, when it could not (its files then keep
    /// serving as they were).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Every manifest file, by name.
    pub files: Vec<FileState>,
}

/// One manifest file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileState {
    /// The file's name in the folder.
    pub file: String,
    /// The plugin it serves (`name@version`): the last version of the file that loaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serving: Option<String>,
    /// Every error of the file's latest content, when it was refused: the plugin in
    /// `serving`, if any, is the file's previous version, which goes on serving.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<String>,
}
