//! HTTP/1.1 on a loopback port (hyper): each connection served on its
//! own task, each request read whole (up to Lambda's payload limit) into
//! a [`Request`] and answered with what the handler gives. A request hyper
//! cannot parse is answered 400 by hyper itself; the server goes on.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

use crate::gateway::request::Request;
use crate::gateway::response::Response;

/// The largest request body: Lambda's synchronous payload limit (6 MB).
pub const MAX_BODY: usize = 6 * 1024 * 1024;

/// Accepts connections on `listener` for ever, answering each request
/// with `handle`.
pub async fn serve<F, Fut>(listener: TcpListener, handle: Arc<F>)
where
    F: Fn(Request) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Response> + Send + 'static,
{
    loop {
        let Ok((stream, peer)) = listener.accept().await else { continue };
        let _ = stream.set_nodelay(true);
        let handle = Arc::clone(&handle);
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let handle = Arc::clone(&handle);
                async move { Ok::<_, std::convert::Infallible>(answer(request, peer, handle.as_ref()).await) }
            });
            // A connection that breaks off is the client's business.
            let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
        });
    }
}

async fn answer<F, Fut>(request: hyper::Request<Incoming>, peer: SocketAddr, handle: &F) -> hyper::Response<Full<Bytes>>
where
    F: Fn(Request) -> Fut,
    Fut: Future<Output = Response>,
{
    let (parts, body) = request.into_parts();
    let response = match Limited::new(body, MAX_BODY).collect().await {
        Ok(body) => {
            handle(Request {
                method: parts.method.as_str().to_ascii_uppercase(),
                raw_path: parts.uri.path().to_owned(),
                raw_query: parts.uri.query().unwrap_or_default().to_owned(),
                headers: parts
                    .headers
                    .iter()
                    .map(|(name, value)| {
                        (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned())
                    })
                    .collect(),
                body: body.to_bytes().to_vec(),
                source_ip: peer.ip().to_string(),
            })
            .await
        }
        Err(_) => Response::too_large(),
    };
    to_hyper(response)
}

/// A [`Response`] as hyper sends it (a header it cannot send is left out).
fn to_hyper(response: Response) -> hyper::Response<Full<Bytes>> {
    let mut builder = hyper::Response::builder().status(response.status);
    for (name, value) in &response.headers {
        if hyper::header::HeaderName::from_bytes(name.as_bytes()).is_ok()
            && hyper::header::HeaderValue::from_str(value).is_ok()
        {
            builder = builder.header(name.as_str(), value.as_str());
        }
    }
    builder.body(Full::new(Bytes::from(response.body))).unwrap_or_else(|_| {
        let mut fallback =
            hyper::Response::new(Full::new(Bytes::from_static(b"{\"message\":\"Internal Server Error\"}")));
        *fallback.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
        fallback
    })
}
