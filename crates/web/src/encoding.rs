//! Responses made once and served many times: a body kept in memory
//! uncompressed, gzip and brotli, with an ETag. Picking the variant the client
//! accepts is the only per-request work, which is what lets an anonymous
//! question page be served at the speed of a static file server.
//!
//! Each compressed variant is made the first time it is asked for (or by the
//! start-up warmer, off the request path), not when the body is made:
//! compressing every page at start-up took most of a second.

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use std::io::Write;
use std::sync::OnceLock;

/// A response body in every encoding we serve.
#[derive(Debug)]
pub struct Encoded {
    status: StatusCode,
    content_type: HeaderValue,
    cache_control: HeaderValue,
    etag: HeaderValue,
    identity: Bytes,
    gzip: OnceLock<Bytes>,
    brotli: OnceLock<Bytes>,
}

/// Content types we prerender.
pub const HTML: &str = "text/html; charset=utf-8";
pub const JSON: &str = "application/json";
pub const CSS: &str = "text/css; charset=utf-8";
pub const SVG: &str = "image/svg+xml";
pub const JS: &str = "text/javascript; charset=utf-8";
pub const TEXT: &str = "text/plain; charset=utf-8";
pub const XML: &str = "application/xml; charset=utf-8";
pub const ATOM: &str = "application/atom+xml; charset=utf-8";

/// Revalidate every time (cheap with the ETag): pages change on deploy.
pub const REVALIDATE: &str = "no-cache";
/// Pages that depend on who reads them: never stored by shared caches.
pub const PRIVATE: &str = "private, no-cache";
/// For assets at fixed URLs that rarely change.
pub const DAY: &str = "public, max-age=86400";
/// For assets whose URL carries their content hash.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

impl Encoded {
    /// Keeps `body`; it is compressed once, on first use, with strong
    /// settings (gzip 9, brotli 9 with a window fitted to pages).
    pub fn new(
        status: StatusCode,
        content_type: &'static str,
        cache_control: &'static str,
        body: impl Into<Bytes>,
    ) -> Encoded {
        let identity: Bytes = body.into();
        let etag = format!("\"{:016x}\"", fnv1a(&identity));
        Encoded {
            status,
            content_type: HeaderValue::from_static(content_type),
            cache_control: HeaderValue::from_static(cache_control),
            etag: HeaderValue::from_str(&etag).expect("hex digits are a valid header value"),
            gzip: OnceLock::new(),
            brotli: OnceLock::new(),
            identity,
        }
    }

    #[cfg(test)]
    pub fn html(body: String) -> Encoded {
        Encoded::new(StatusCode::OK, HTML, REVALIDATE, body)
    }

    /// Makes both compressed variants now (the warmer calls this so
    /// readers rarely wait for a compression).
    pub fn compress(&self) {
        self.gzipped();
        self.brotlied();
    }

    fn gzipped(&self) -> Bytes {
        self.gzip.get_or_init(|| gzip(&self.identity)).clone()
    }

    fn brotlied(&self) -> Bytes {
        self.brotli.get_or_init(|| brotli(&self.identity)).clone()
    }

    pub fn etag(&self) -> &HeaderValue {
        &self.etag
    }

    /// The uncompressed body, for tests and for building other views.
    pub fn body(&self) -> &Bytes {
        &self.identity
    }

    /// The response for a request with these headers: 304 if the client has
    /// this version, otherwise the best encoding it accepts.
    pub fn respond(&self, request: &HeaderMap) -> Response {
        let not_modified = self.status == StatusCode::OK
            && request
                .get(header::IF_NONE_MATCH)
                .and_then(|value| value.to_str().ok())
                .is_some_and(|tags| tags.split(',').any(|tag| tag.trim() == self.etag || tag.trim() == "*"));
        let (status, body, encoding) = if not_modified {
            (StatusCode::NOT_MODIFIED, Bytes::new(), None)
        } else {
            match preferred_encoding(request) {
                Coding::Brotli => (self.status, self.brotlied(), Some("br")),
                Coding::Gzip => (self.status, self.gzipped(), Some("gzip")),
                Coding::Identity => (self.status, self.identity.clone(), None),
            }
        };
        let mut response = (status, Body::from(body)).into_response();
        let headers = response.headers_mut();
        if !not_modified {
            headers.insert(header::CONTENT_TYPE, self.content_type.clone());
        }
        headers.insert(header::CACHE_CONTROL, self.cache_control.clone());
        headers.insert(header::ETAG, self.etag.clone());
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding, cookie"));
        if let Some(encoding) = encoding {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
        }
        response
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Coding {
    Brotli,
    Gzip,
    Identity,
}

/// Brotli if accepted, else gzip, else none. A coding with `q=0` is refused.
fn preferred_encoding(request: &HeaderMap) -> Coding {
    let Some(accept) = request
        .get(header::ACCEPT_ENCODING)
        .and_then(|value| value.to_str().ok())
    else {
        return Coding::Identity;
    };
    let accepted = |name: &str| {
        accept.split(',').any(|item| {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or("").trim();
            let refused = parts.any(|param| {
                let param = param.trim();
                param
                    .strip_prefix("q=")
                    .is_some_and(|q| q.trim().parse::<f32>().is_ok_and(|q| q <= 0.0))
            });
            coding.eq_ignore_ascii_case(name) && !refused
        })
    };
    if accepted("br") {
        Coding::Brotli
    } else if accepted("gzip") {
        Coding::Gzip
    } else {
        Coding::Identity
    }
}

fn gzip(data: &[u8]) -> Bytes {
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(data.len() / 3), flate2::Compression::best());
    encoder.write_all(data).expect("writing to a Vec cannot fail");
    encoder.finish().expect("writing to a Vec cannot fail").into()
}

fn brotli(data: &[u8]) -> Bytes {
    let mut out = Vec::with_capacity(data.len() / 3);
    let params = brotli::enc::BrotliEncoderParams {
        quality: 9,
        lgwin: 20,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &data[..], &mut out, &params).expect("compressing into a Vec cannot fail");
    out.into()
}

/// A fast, stable hash for ETags (FNV-1a, 64-bit); collisions only cost a
/// missed 304 within one URL.
fn fnv1a(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(accept: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(accept).expect("valid"));
        headers
    }

    #[test]
    fn negotiates_encodings() {
        assert_eq!(preferred_encoding(&headers("gzip, deflate, br")), Coding::Brotli);
        assert_eq!(preferred_encoding(&headers("gzip")), Coding::Gzip);
        assert_eq!(preferred_encoding(&headers("br;q=0, gzip;q=0.5")), Coding::Gzip);
        assert_eq!(preferred_encoding(&headers("identity")), Coding::Identity);
        assert_eq!(preferred_encoding(&HeaderMap::new()), Coding::Identity);
    }

    #[test]
    fn compressed_variants_decode_to_the_body() {
        let page = Encoded::html("<p>hello</p>".repeat(100));
        let mut decoded = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&page.gzipped()[..]), &mut decoded)
            .expect("gzip");
        assert_eq!(decoded.as_bytes(), &page.identity[..]);
        let mut out = Vec::new();
        brotli::BrotliDecompress(&mut &page.brotlied()[..], &mut out).expect("brotli");
        assert_eq!(out, page.identity);
    }
}
