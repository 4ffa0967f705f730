//! The local Lambda runtime: a function's handler run on this machine the
//! way Lambda calls it (`svc invoke local`), in a process that can be kept
//! warm for repeated invocations.
//!
//! - [`function`]: what a run needs, read from the service's template;
//! - [`environment`]: the variables Lambda sets, the function's own (with
//!   [`references`] read from the deployed stack) and the credentials;
//! - [`context`]: the `context` fields of one invocation;
//! - [`process`] and [`protocol`]: the Python or Node.js process running
//!   svc's bootstrap, and what it and svc say to each other.

pub mod context;
pub mod environment;
pub mod function;
pub mod process;
pub mod protocol;
pub mod references;
