//! Running a command's async part (the AWS calls) on a single-threaded
//! Tokio runtime.

use std::future::Future;

use crate::Result;
use crate::error::Error;

/// Runs `work` to its end.
pub fn block_on<T>(work: impl Future<Output = Result<T>>) -> Result<T> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| Error::Failed(format!("cannot start the async runtime: {error}")))?;
    runtime.block_on(work)
}
