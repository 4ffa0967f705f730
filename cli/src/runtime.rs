//! Running a command's async part (the AWS calls) on a Tokio runtime:
//! the command on the calling thread, and one worker thread for spawned
//! tasks (the Ctrl-C handler among them, so that it runs even while the
//! command's thread is busy).

use std::future::Future;

use crate::Result;
use crate::error::Error;

/// Runs `work` to its end, then drops the runtime without waiting for
/// blocking tasks (a read of the terminal's answer never ends by itself).
pub fn block_on<T>(work: impl Future<Output = Result<T>>) -> Result<T> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .map_err(|error| Error::Failed(format!("cannot start the async runtime: {error}")))?;
    let result = runtime.block_on(work);
    runtime.shutdown_background();
    result
}
