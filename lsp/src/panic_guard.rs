//! A handler that panics fails its own request, not the server.
//!
//! [`PanicGuard`] wraps the protocol service and runs each call — the call
//! itself and the future it returns — under `catch_unwind`. A request
//! whose handler panics is answered with JSON-RPC's InternalError (-32603)
//! under its id; a notification whose handler panics is dropped. Either
//! way the server goes on with the next message. The panic's message
//! still goes to stderr (the client's server log) through the panic hook.
//! State a handler left half-changed is the handler's to recover from: the
//! documents mutex recovers from poisoning (see `Backend`).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::task::{Context, Poll};

use futures::FutureExt;
use futures::future::BoxFuture;
use tower::Service;
use tower_lsp::jsonrpc::{Error, ErrorCode, Id, Request, Response};

/// A service whose calls cannot panic through it.
pub struct PanicGuard<S> {
    inner: S,
}

impl<S> PanicGuard<S> {
    /// Guards `inner`.
    pub fn new(inner: S) -> Self {
        PanicGuard { inner }
    }
}

impl<S> Service<Request> for PanicGuard<S>
where
    S: Service<Request, Response = Option<Response>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = Option<Response>;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<Option<Response>, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let id = request.id().cloned();
        let inner = &mut self.inner;
        match catch_unwind(AssertUnwindSafe(|| inner.call(request))) {
            Ok(future) => AssertUnwindSafe(future)
                .catch_unwind()
                .map(move |outcome| outcome.unwrap_or_else(|_| Ok(id.map(internal_error))))
                .boxed(),
            Err(_) => futures::future::ready(Ok(id.map(internal_error))).boxed(),
        }
    }
}

/// The answer to request `id` whose handler panicked.
fn internal_error(id: Id) -> Response {
    let error = Error {
        code: ErrorCode::InternalError,
        message: "Internal error: the server failed on this request (a bug in svc; its log has the details)".into(),
        data: None,
    };
    Response::from_error(id, error)
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use tower::ServiceExt;

    use super::*;

    /// A service that panics on `panic-now` (in `call`) and `panic-later`
    /// (in the future it returns), and answers anything else with `true`.
    fn fragile() -> PanicGuard<impl Service<Request, Response = Option<Response>, Error = Error, Future: Send>> {
        let mut calls = 0;
        PanicGuard::new(tower::service_fn(move |request: Request| {
            calls += 1;
            assert_ne!(request.method(), "panic-now", "a handler that panics (call {calls})");
            async move {
                assert_ne!(request.method(), "panic-later", "a handler that panics later");
                Ok(request.id().cloned().map(|id| Response::from_ok(id, json!(true))))
            }
        }))
    }

    async fn call<S>(service: &mut S, method: &str, id: Option<i64>) -> Option<Response>
    where
        S: Service<Request, Response = Option<Response>, Error = Error>,
    {
        let request = match id {
            Some(id) => Request::build(method.to_owned()).id(id).finish(),
            None => Request::build(method.to_owned()).finish(),
        };
        service.ready().await.expect("ready").call(request).await.expect("no service error")
    }

    fn internal(id: i64) -> Option<Response> {
        let response = internal_error(Id::Number(id));
        let (_, error) = response.clone().into_parts();
        assert_eq!(error.map_err(|e| e.code), Err(ErrorCode::InternalError));
        Some(response)
    }

    #[tokio::test]
    async fn a_panicking_request_gets_an_internal_error_and_the_service_goes_on() {
        let mut service = fragile();
        assert_eq!(call(&mut service, "panic-now", Some(1)).await, internal(1));
        assert_eq!(call(&mut service, "panic-later", Some(2)).await, internal(2));
        assert_eq!(call(&mut service, "fine", Some(3)).await, Some(Response::from_ok(Id::Number(3), json!(true))));
    }

    #[tokio::test]
    async fn a_panicking_notification_is_dropped_and_the_service_goes_on() {
        let mut service = fragile();
        assert_eq!(call(&mut service, "panic-now", None).await, None);
        assert_eq!(call(&mut service, "panic-later", None).await, None);
        assert_eq!(call(&mut service, "fine", Some(4)).await, Some(Response::from_ok(Id::Number(4), json!(true))));
    }
}
