//! Reading article text from files and stdin.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Why an input could not be read as text.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file could not be opened or read.
    #[error("{path}: {source}")]
    Io {
        /// The path as given.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The bytes are not valid UTF-8.
    #[error("{path}: not UTF-8 at byte {byte}")]
    NotUtf8 {
        /// The path as given.
        path: PathBuf,
        /// Offset of the first invalid byte.
        byte: usize,
    },
}

/// Reads a file as UTF-8 text.
pub fn read_path(path: &Path) -> Result<String, InputError> {
    let bytes = std::fs::read(path).map_err(|source| InputError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    decode(path, bytes)
}

/// Reads all of stdin as UTF-8 text.
pub fn read_stdin() -> Result<String, InputError> {
    let path = PathBuf::from("-");
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|source| InputError::Io {
            path: path.clone(),
            source,
        })?;
    decode(&path, bytes)
}

/// Decodes bytes as UTF-8, naming the first bad byte; a leading BOM is dropped.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, InputError> {
    let mut text = String::from_utf8(bytes).map_err(|e| InputError::NotUtf8 {
        path: path.to_path_buf(),
        byte: e.utf8_error().valid_up_to(),
    })?;
    if text.starts_with('\u{feff}') {
        // Replace rather than remove so that byte offsets still match the file.
        text.replace_range(0..3, "   ");
    }
    Ok(text)
}
