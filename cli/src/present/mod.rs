//! What the AWS commands show, apart from talking to AWS: the change
//! table and the risks that need a confirmation, the template's diff, the
//! summary of a deployed service, why a stack operation failed, the
//! progress of one, log lines and metrics tables.

pub mod confirm;
pub mod failure;
pub mod log_line;
pub mod metrics;
pub mod progress;
pub mod summary;
pub mod table;
pub mod template_diff;
