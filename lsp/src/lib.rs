//! The svc language server. The editor issue fills this in; for now it
//! only re-exports the compiler it will serve.

pub use svc_compiler as compiler;
