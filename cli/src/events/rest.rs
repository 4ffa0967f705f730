//! `--event rest`: a REST API proxy request (payload format 1.0) to the
//! function's `http` endpoint, on the stage API Gateway deploys it to
//! (the service's stage).
//!
//! Shape: the "API Gateway proxy event (REST API)" of
//! <https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway.html>
//! (`sample-apps/nodejs-apig/event.json`).

use serde_json::Value;

use crate::gateway::request::Request;
use crate::gateway::v1;
use crate::gateway::v2::Arrival;

use super::Context;
use super::http::{SAMPLE_BODY, SOURCE_IP, USER_AGENT, trace_id};
use super::route::Route;

/// The request.
pub fn event(context: &Context<'_>, declaration: &Value) -> Value {
    let route = Route::of(declaration);
    let api = context.token("api", 10);
    let domain = format!("{api}.execute-api.{}.amazonaws.com", context.region());
    let mut headers = vec![
        ("accept", "*/*".to_owned()),
        ("Host", domain.clone()),
        ("User-Agent", USER_AGENT.to_owned()),
        ("X-Amzn-Trace-Id", trace_id(context)),
        ("X-Forwarded-For", SOURCE_IP.to_owned()),
        ("X-Forwarded-Port", "443".to_owned()),
        ("X-Forwarded-Proto", "https".to_owned()),
    ];
    if route.has_body() {
        headers.push(("Content-Type", "application/json".to_owned()));
    }
    let request = Request {
        method: route.request_method().to_owned(),
        raw_path: route.request_path(),
        raw_query: String::new(),
        headers: headers.into_iter().map(|(name, value)| (name.to_owned(), value)).collect(),
        body: if route.has_body() { SAMPLE_BODY.as_bytes().to_vec() } else { Vec::new() },
        source_ip: SOURCE_IP.to_owned(),
    };
    let arrival = Arrival {
        account: context.account().to_owned(),
        domain,
        stage: context.settings.stage.clone(),
        request_id: context.uuid("request"),
        time: context.clock.common_log(),
        epoch: context.clock.millis(),
        api_id: api,
    };
    v1::event(&request, &arrival, &route.path, route.parameters(), None, &[])
}
