//! API Gateway as a Lambda function meets it, on this machine: the routes
//! of the service's template (HTTP APIs and REST APIs, as `svc deploy`
//! creates them), the events API Gateway sends for a request (payload 2.0
//! and 1.0), how it maps what the function returns to an HTTP response,
//! CORS, authorizers and API keys. `svc offline` serves it.
//!
//! - [`request`]: an HTTP request as API Gateway reads it;
//! - [`routes`]: the routes of the template, and which one a request takes;
//! - [`v2`] and [`v1`]: the event and the response of each payload format;
//! - [`cors`]: the answers of an HTTP API with a CORS configuration;
//! - [`authorizers`]: JWT, Lambda and IAM authorizers, and API keys;
//! - [`response`]: an HTTP response, and API Gateway's own error answers.

pub mod authorizers;
pub mod cors;
pub mod request;
pub mod response;
pub mod routes;
pub mod v1;
pub mod v2;
