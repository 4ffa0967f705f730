//! What the AWS commands show, apart from talking to AWS: the change
//! table and the risks that need a confirmation, the template's diff, the
//! summary of a deployed service, why a stack operation failed, and the
//! progress of one.

pub mod confirm;
pub mod failure;
pub mod progress;
pub mod summary;
pub mod table;
pub mod template_diff;
