//! `--event rest`: a REST API proxy request (payload format 1.0) to the
//! function's `http` endpoint, on the stage API Gateway deploys it to
//! (the service's stage).
//!
//! Shape: the "API Gateway proxy event (REST API)" of
//! <https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway.html>
//! (`sample-apps/nodejs-apig/event.json`).

use serde_json::Value;

use crate::gateway::v1;

use super::Context;
use super::http::{SOURCE_IP, USER_AGENT, sample_request, trace_id};
use super::route::Route;

/// The request.
pub fn event(context: &Context<'_>, declaration: &Value) -> Value {
    let route = Route::of(declaration);
    let headers = |domain: &str| {
        let mut headers = vec![
            ("accept", "*/*".to_owned()),
            ("Host", domain.to_owned()),
            ("User-Agent", USER_AGENT.to_owned()),
            ("X-Amzn-Trace-Id", trace_id(context)),
            ("X-Forwarded-For", SOURCE_IP.to_owned()),
            ("X-Forwarded-Port", "443".to_owned()),
            ("X-Forwarded-Proto", "https".to_owned()),
        ];
        if route.has_body() {
            headers.push(("Content-Type", "application/json".to_owned()));
        }
        headers
    };
    let stage = &context.settings.stage;
    let (request, arrival) = sample_request(context, &route, headers, stage, context.uuid("request"));
    v1::event(&request, &arrival, &route.path, route.parameters(), None, &[])
}
