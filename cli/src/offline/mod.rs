//! `svc offline`: the service's HTTP APIs and REST APIs served on this
//! machine, as API Gateway would serve them ([`crate::gateway`]), each
//! function run by warm workers of the local Lambda runtime
//! ([`crate::local`], which `svc invoke local` uses too).
//!
//! - [`served`]: the routes and worker pools of one analysis;
//! - [`workers`]: one function's warm workers;
//! - [`dispatch`]: one request through API Gateway's steps;
//! - [`http`]: HTTP/1.1 on a port;
//! - [`lambda_api`]: Lambda's Invoke API on a second port;
//! - [`schedules`]: `schedule` rules run at their rate or cron;
//! - [`watch`]: reloading on a change to the service or its code.

pub mod dispatch;
pub mod http;
pub mod lambda_api;
pub mod schedules;
pub mod served;
pub mod watch;
pub mod workers;
