//! The one layer every request passes through on its way to its route:
//! request targets too long to be a link are refused (`guard`), and so are
//! cross-site writes (`security`); on the way back errors become the site's
//! error page (`guard`) and every answer gets the security headers
//! (`security`).
//!
//! These were three `axum::middleware::from_fn` layers. Each boxed its
//! future and cloned the route behind it on every request; one hand-written
//! layer boxes once, and the order is the same as theirs was.

use crate::app::SharedApp;
use crate::{guard, security};
use axum::extract::Request;
use axum::response::Response;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use tower::{Layer, Service};

/// See the module's documentation.
#[derive(Clone)]
pub struct GateLayer {
    app: SharedApp,
}

impl GateLayer {
    pub fn new(app: SharedApp) -> GateLayer {
        GateLayer { app }
    }
}

impl<S> Layer<S> for GateLayer {
    type Service = Gate<S>;

    fn layer(&self, inner: S) -> Gate<S> {
        Gate {
            inner,
            app: self.app.clone(),
        }
    }
}

#[derive(Clone)]
pub struct Gate<S> {
    inner: S,
    app: SharedApp,
}

impl<S> Service<Request> for Gate<S>
where
    S: Service<Request, Response = Response, Error = Infallible>,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, context: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(context)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let app = self.app.clone();
        let api = guard::is_api(&request);
        let refused = guard::too_long(&app, &request)
            .or_else(|| security::cross_site_refusal(&request).map(|refusal| guard::finish(&app, api, refusal)));
        if let Some(refused) = refused {
            return Box::pin(std::future::ready(Ok(with_headers(&app, refused))));
        }
        let answer = self.inner.call(request);
        Box::pin(async move {
            let Ok(response) = answer.await;
            Ok(with_headers(&app, guard::finish(&app, api, response)))
        })
    }
}

fn with_headers(app: &SharedApp, mut response: Response) -> Response {
    security::add_headers(app.config.https, response.headers_mut());
    response
}
