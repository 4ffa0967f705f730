//! One request through API Gateway, locally: which API and route it
//! takes, CORS, API key and authorizer, the event, the function's warm
//! worker, and the response API Gateway would send.

use std::borrow::Cow;
use std::io::{IsTerminal, Write};
use std::sync::{Arc, OnceLock, RwLock};
use std::time::{Duration, Instant, SystemTime};

use serde_json::{Map, Value};

use crate::events::Clock;
use crate::gateway::authorizers::{self, Expected};
use crate::gateway::request::Request;
use crate::gateway::response::Response;
use crate::gateway::routes::{Api, Authorizer, Found, Payload, Target};
use crate::gateway::{v1, v2};
use crate::local::environment::request_id;
use crate::style::{self, paint};

use super::served::Served;
use super::workers::Invoked;

/// The account in the events' ARNs and contexts (not asked of AWS).
pub const ACCOUNT: &str = "123456789012";

/// What every request reads: the service as served now, and the options.
pub struct Gateway {
    served: RwLock<Arc<Served>>,
    /// REST routes are under `/<stage>` (serverless-offline's default).
    pub stage_prefix: bool,
    /// The HTTP API's ID in events (`offlineContext_apiId` style IDs are
    /// not needed: one made up per run).
    api_id: String,
}

impl Gateway {
    /// A gateway serving `served`.
    pub fn new(served: Served, stage_prefix: bool) -> Gateway {
        let api_id = format!("{:010x}", crate::local::environment::random()).chars().take(10).collect();
        Gateway { served: RwLock::new(Arc::new(served)), stage_prefix, api_id }
    }

    /// The service as served now.
    pub fn served(&self) -> Arc<Served> {
        match self.served.read() {
            Ok(served) => Arc::clone(&served),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Serves `served` from now on (requests under way finish on the old one).
    pub fn replace(&self, served: Served) {
        match self.served.write() {
            Ok(mut slot) => *slot = Arc::new(served),
            Err(poisoned) => *poisoned.into_inner() = Arc::new(served),
        }
    }

    /// The answer to `request`, as API Gateway would give it.
    pub async fn handle(&self, request: Request) -> Response {
        let started = Instant::now();
        let served = self.served();
        let id = request_id();
        let (api, local) = self.api_of(&served, &request);
        let cors = served.routes.cors.as_ref().filter(|_| api == Api::Http);
        let preflight = cors.and_then(|c| c.preflight(&local));
        let mut response = match preflight {
            Some(preflight) => preflight,
            None => {
                let mut response = self.answer(&served, api, &request, &local, &id).await;
                if let Some(cors) = cors {
                    cors.apply(&request, &mut response);
                }
                response
            }
        };
        match api {
            Api::Http => response.headers.push(("apigw-requestid".to_owned(), id.clone())),
            Api::Rest => response.headers.push(("x-amzn-RequestId".to_owned(), id.clone())),
        }
        log(&request, &response, started.elapsed());
        response
    }

    /// The API a request is for, and the request as that API sees it (a
    /// REST request without its `/<stage>` prefix; the others as they
    /// are, not copied).
    fn api_of<'r>(&self, served: &Served, request: &'r Request) -> (Api, Cow<'r, Request>) {
        let routes = &served.routes;
        if routes.has(Api::Rest) {
            if self.stage_prefix {
                let prefix = format!("/{}", served.target.stage);
                let rest = request.raw_path.strip_prefix(&prefix).filter(|r| r.is_empty() || r.starts_with('/'));
                if let Some(rest) = rest {
                    let path = if rest.is_empty() { "/".to_owned() } else { rest.to_owned() };
                    return (Api::Rest, Cow::Owned(Request { raw_path: path, ..request.clone() }));
                }
            } else if !routes.has(Api::Http) || routes.find(Api::Rest, &request.method, &request.path()).is_some() {
                return (Api::Rest, Cow::Borrowed(request));
            }
        }
        (Api::Http, Cow::Borrowed(request))
    }

    async fn answer(&self, served: &Served, api: Api, original: &Request, request: &Request, id: &str) -> Response {
        let path = request.path();
        let Some(found) = served.routes.find(api, &request.method, &path) else {
            return match api {
                Api::Http => Response::not_found(),
                // What a REST API answers for a path or method it lacks.
                Api::Rest => Response::message(403, "Missing Authentication Token"),
            };
        };
        if found.route.api_key
            && let Err(refused) = authorizers::api_key(request, &served.routes.api_keys)
        {
            return refused;
        }
        let arrival = self.arrival(served, api, original, id);
        let authorized = match self.authorize(served, &found, request, &arrival).await {
            Ok(context) => context,
            Err(refused) => return refused,
        };
        match &found.route.target {
            Target::Mock(answer) => answer.clone(),
            Target::Function { name, payload } => {
                let Some(pool) = served.pools.get(name) else {
                    let why = served.unavailable.get(name).map_or("it cannot run here", String::as_str);
                    crate::output::error(&format!("function `{name}` cannot run locally: {why}"));
                    return Response::bad_gateway(gateway_error(api));
                };
                let event = event(&found, request, &arrival, *payload, authorized, &served.routes.binary_media_types);
                let invoked = pool.invoke(&event, id).await;
                respond(api, *payload, &pool.function.name, invoked)
            }
        }
    }

    /// What `requestContext` says of where and when the request arrived.
    fn arrival(&self, served: &Served, api: Api, request: &Request, id: &str) -> v2::Arrival {
        let clock = Clock::at(SystemTime::now());
        v2::Arrival {
            account: ACCOUNT.to_owned(),
            api_id: self.api_id.clone(),
            domain: request.header("host").unwrap_or("localhost").to_owned(),
            stage: match api {
                Api::Http => "$default".to_owned(),
                Api::Rest => served.target.stage.clone(),
            },
            request_id: id.to_owned(),
            time: clock.common_log(),
            epoch: clock.millis(),
        }
    }

    /// What `requestContext.authorizer` holds after the route's
    /// authorizer accepted the request, or its refusal.
    async fn authorize(
        &self,
        served: &Served,
        found: &Found<'_>,
        request: &Request,
        arrival: &v2::Arrival,
    ) -> Result<Option<Value>, Response> {
        let route = found.route;
        let payload = match route.api {
            Api::Http => Payload::V2,
            Api::Rest => Payload::V1,
        };
        match &route.authorizer {
            None => Ok(None),
            Some(Authorizer::Iam) => Ok((route.api == Api::Http).then(|| authorizers::iam_context(ACCOUNT))),
            Some(Authorizer::Outside { .. }) => Ok(None),
            Some(Authorizer::Jwt { identity_source, issuer, audience, scopes, .. }) => {
                let sources = [identity_source.clone()];
                let token = authorizers::identity(&sources, request).ok_or_else(Response::unauthorized)?;
                let now = Clock::at(SystemTime::now()).millis() / 1000;
                let expected = Expected { issuer: issuer.as_deref(), audience, scopes, now };
                let claims = authorizers::jwt(token.first().map_or("", String::as_str), &expected)?;
                Ok(Some(authorizers::jwt_context(&claims, payload)))
            }
            Some(Authorizer::Lambda { function, token, identity_source, payload: format, simple, .. }) => {
                let identity = authorizers::identity(identity_source, request).ok_or_else(Response::unauthorized)?;
                let pool = served.pools.get(function).ok_or_else(|| Response::message(500, "Internal Server Error"))?;
                let arn = authorizers::arn(
                    &served.target.region,
                    ACCOUNT,
                    &arrival.api_id,
                    &arrival.stage,
                    route,
                    &request.path(),
                );
                let request_event = event(found, request, arrival, *format, None, &served.routes.binary_media_types);
                let token = token.then(|| identity.first().cloned().unwrap_or_default());
                let authorizer_event =
                    authorizers::lambda_event(token.as_deref(), &arn, &identity, &request_event, *format);
                match pool.invoke(&authorizer_event, &arrival.request_id).await {
                    Invoked::Returned(answer) => authorizers::lambda_decision(&answer, *simple, payload).map(Some),
                    Invoked::Raised(error) if error["errorMessage"] == "Unauthorized" => Err(Response::unauthorized()),
                    other => {
                        crate::output::error(&format!("authorizer function `{function}` failed: {}", describe(&other)));
                        Err(Response::message(500, "Internal Server Error"))
                    }
                }
            }
        }
    }
}

/// The event of `payload` format for `request` on the found route.
fn event(
    found: &Found<'_>,
    request: &Request,
    arrival: &v2::Arrival,
    payload: Payload,
    authorizer: Option<Value>,
    binary: &[String],
) -> Value {
    let parameters: Map<String, Value> = found.parameters.clone();
    match payload {
        Payload::V2 => v2::event(request, arrival, &found.route.key(), parameters, authorizer),
        Payload::V1 => v1::event(request, arrival, &found.route.path, parameters, authorizer, binary),
    }
}

/// The response for how the invocation of function `name` ended.
fn respond(api: Api, payload: Payload, name: &str, invoked: Invoked) -> Response {
    let mapped = match invoked {
        Invoked::Returned(value) => match payload {
            Payload::V2 => v2::response(&value),
            Payload::V1 => v1::response(&value),
        },
        Invoked::TimedOut => {
            crate::output::error(&format!("function `{name}` timed out"));
            return Response::timed_out();
        }
        other => Err(describe(&other)),
    };
    mapped.unwrap_or_else(|why| {
        crate::output::error(&format!("function `{name}`: {why}"));
        Response::bad_gateway(gateway_error(api))
    })
}

/// API Gateway's message for a function that failed.
fn gateway_error(api: Api) -> &'static str {
    match api {
        Api::Http => "Internal Server Error",
        Api::Rest => "Internal server error",
    }
}

/// One clause for an invocation that did not return.
fn describe(invoked: &Invoked) -> String {
    match invoked {
        Invoked::Returned(_) => "it returned".to_owned(),
        Invoked::Raised(error) => {
            let kind = error["errorType"].as_str().unwrap_or("Error");
            let message = error["errorMessage"].as_str().unwrap_or_default();
            format!("it raised {kind}: {message}")
        }
        Invoked::TimedOut => "it timed out".to_owned(),
        Invoked::Crashed(why) => why.clone(),
    }
}

/// One line per request on stderr, `GET /users/7 200 3.1 ms`, written
/// at once (coloured on a terminal).
pub fn log(request: &Request, response: &Response, took: Duration) {
    static TERMINAL: OnceLock<bool> = OnceLock::new();
    let status = response.status.to_string();
    let shown = match (*TERMINAL.get_or_init(|| std::io::stderr().is_terminal()), response.status < 400) {
        (false, _) => status,
        (true, true) => paint(style::DIM, &status),
        (true, false) => paint(style::WARNING, &status),
    };
    let line = format!("{} {} {shown} {:.1} ms\n", request.method, request.raw_path, took.as_secs_f64() * 1000.0);
    let _ = std::io::stderr().write_all(line.as_bytes());
}
