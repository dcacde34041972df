//! Issues the opaque tokens providers hand out on login, org switch and invite.
//!
//! They look like JWTs (three base64url parts) because clients and logs treat
//! them as such, but the mock only ever looks them up in its own tables.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};

/// Deterministic per provider state, so a reset replays the same tokens.
#[derive(Debug, Clone)]
pub struct TokenMint {
    rng: fastrand::Rng,
}

impl TokenMint {
    pub fn new(seed: u64) -> TokenMint {
        TokenMint {
            rng: fastrand::Rng::with_seed(seed),
        }
    }

    pub fn jwt(&mut self, claims: Value) -> String {
        let header = URL_SAFE_NO_PAD.encode(json!({"alg": "HS256", "typ": "JWT"}).to_string());
        let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
        let signature = URL_SAFE_NO_PAD.encode(self.bytes::<32>());
        format!("{header}.{payload}.{signature}")
    }

    pub fn hex(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| char::from_digit(self.rng.u32(0..16), 16).unwrap_or('0'))
            .collect()
    }

    fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0u8; N];
        self.rng.fill(&mut out);
        out
    }
}
