//! A thin raw-HTTP client for the tests: they check the wire, so no SDK here.
#![allow(dead_code)]

use reqwest::header::HeaderMap;
use reqwest::Method;
use serde_json::Value;

pub struct Resp {
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
    pub json: Value,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

#[derive(Clone)]
pub struct Api {
    client: reqwest::Client,
    base: String,
    headers: Vec<(String, String)>,
}

impl Api {
    pub fn new(server: &orgkit_mock::MockServer, provider: &str) -> Api {
        Api {
            // Environment proxies must not see loopback test traffic.
            client: http_builder().build().expect("client"),
            base: server.base_url(provider),
            headers: Vec::new(),
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Api {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn bearer(self, token: &str) -> Api {
        self.header("authorization", &format!("Bearer {token}"))
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.send(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Resp {
        self.send(Method::POST, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> Resp {
        self.send(Method::PUT, path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Resp {
        self.send(Method::PATCH, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> Resp {
        self.send(Method::DELETE, path, None).await
    }

    pub async fn raw(&self, method: Method, path: &str, body: &str) -> Resp {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header("content-type", "application/json")
            .body(body.to_string());
        for (k, v) in &self.headers {
            request = request.header(k, v);
        }
        finish(request.send().await.expect("request")).await
    }

    pub async fn send(&self, method: Method, path: &str, body: Option<Value>) -> Resp {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        for (k, v) in &self.headers {
            request = request.header(k, v);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        finish(request.send().await.expect("request")).await
    }
}

async fn finish(response: reqwest::Response) -> Resp {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.expect("body");
    let json = serde_json::from_str(&text).unwrap_or(Value::Null);
    Resp {
        status,
        headers,
        text,
        json,
    }
}

/// A reqwest client builder for loopback test traffic: no environment
/// proxies, and rustls given its crypto provider (ring, as orgkit uses).
pub fn http_builder() -> reqwest::ClientBuilder {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder().no_proxy()
}
