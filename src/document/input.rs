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

/// Why a file in a folder was left unchecked (a warning, not a failure).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Skipped {
    /// Larger than `--max-file-size`.
    #[error("larger than {limit} bytes ({size} bytes); raise --max-file-size to check it")]
    TooLarge {
        /// The file's size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// Holds NUL bytes: not a text draft.
    #[error("a binary file (it holds NUL bytes)")]
    Binary,
}

/// Reads a draft as UTF-8 text, or says why it is skipped: too large (by
/// its size, before reading it) or binary.
pub fn read_draft(path: &Path, max_size: u64) -> Result<Result<String, Skipped>, InputError> {
    let io = |source| InputError::Io {
        path: path.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > max_size {
        return Ok(Err(Skipped::TooLarge {
            size,
            limit: max_size,
        }));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    // memchr's search is vectorised; the slice's reads a word at a time.
    if memchr::memchr(0, &bytes).is_some() {
        return Ok(Err(Skipped::Binary));
    }
    decode(path, bytes).map(Ok)
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
