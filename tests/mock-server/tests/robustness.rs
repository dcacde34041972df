//! Bad input from the network gets the provider's 4xx shape, never a panic or a 5xx.
mod common;

use common::Api;
use orgkit_mock::seed::*;
use reqwest::Method;

fn targets(server: &orgkit_mock::MockServer) -> Vec<(Api, Vec<(Method, &'static str)>)> {
    vec![
        (
            Api::new(server, "ourganize").bearer(OURGANIZE_ADMIN_KEY),
            vec![
                (Method::POST, "/projects"),
                (Method::PUT, "/projects/1"),
                (Method::POST, "/projects/1/tasks"),
                (Method::PUT, "/tasks/1"),
                (Method::PUT, "/user/profile"),
                (Method::POST, "/users/invite"),
            ],
        ),
        (
            Api::new(server, "orgstack").bearer(ORGSTACK_ADMIN_TOKEN),
            vec![
                (Method::POST, "/auth/login"),
                (Method::POST, "/organizations"),
                (Method::PUT, "/organizations/org_01"),
            ],
        ),
        (
            Api::new(server, "achieveapex").header("x-api-key", ACHIEVEAPEX_API_KEY),
            vec![
                (Method::POST, "/authentication"),
                (Method::POST, "/organizations-users-invites"),
            ],
        ),
        (
            Api::new(server, "kaana").bearer(KAANA_API_KEY),
            vec![
                (Method::POST, "/organizations"),
                (Method::PUT, "/organizations/1"),
                (Method::POST, "/organizations/1/members"),
                (Method::PATCH, "/organizations/1/members/101"),
            ],
        ),
        (
            Api::new(server, "pm415").bearer(PM415_ADMIN_API_KEY),
            vec![
                (Method::POST, "/api/account/login"),
                (Method::POST, "/api/org"),
                (Method::PUT, "/api/org/1"),
                (Method::POST, "/api/org/1/invitelink"),
                (Method::POST, "/api/org/1/users/remove"),
                (Method::PUT, "/api/org/1/admin/grant"),
                (Method::PUT, "/api/org/1/admin/revoke"),
                (Method::PUT, "/api/org/1/admin/resetpassword"),
                (Method::PUT, "/api/user"),
            ],
        ),
    ]
}

#[tokio::test]
async fn malformed_and_mistyped_bodies_are_400s() {
    let server = orgkit_mock::spawn().await;
    let bodies = [
        "{",
        "[]",
        "\"text\"",
        "{\"name\": 5, \"type\": [], \"email\": {}, \"usersId\": [\"x\"], \"contactId\": -1, \"role\": 3, \"title\": null, \"settings\": 1, \"status\": 9}",
        "\u{0}\u{1}binary",
    ];
    for (api, routes) in targets(&server) {
        for (method, path) in routes {
            for body in bodies {
                let r = api.raw(method.clone(), path, body).await;
                assert!(
                    (400..500).contains(&r.status) && r.status != 404,
                    "{method} {path} with {body:?} gave {} {}",
                    r.status,
                    r.text
                );
                assert!(
                    !r.json.is_null(),
                    "{method} {path}: error body must be JSON: {}",
                    r.text
                );
            }
        }
    }
}

#[tokio::test]
async fn odd_ids_and_queries_never_5xx() {
    let server = orgkit_mock::spawn().await;
    let paths = [
        ("ourganize", "/projects/abc"),
        ("ourganize", "/projects/99999999999999999999999/tasks"),
        ("ourganize", "/projects?page=0"),
        ("ourganize", "/projects?page=18446744073709551615&limit=100"),
        ("orgstack", "/organizations/org_"),
        ("orgstack", "/organizations?page=-1"),
        ("achieveapex", "/organizations?$limit=x"),
        (
            "achieveapex",
            "/organizations-users?$sort[created_at]=sideways",
        ),
        ("kaana", "/organizations/0"),
        ("pm415", "/api/org/abc/users"),
    ];
    for (provider, path) in paths {
        let api = match provider {
            "ourganize" => Api::new(&server, provider).bearer(OURGANIZE_ADMIN_KEY),
            "orgstack" => Api::new(&server, provider).bearer(ORGSTACK_ADMIN_TOKEN),
            "achieveapex" => Api::new(&server, provider).bearer(ACHIEVEAPEX_OWNER_TOKEN),
            "kaana" => Api::new(&server, provider).bearer(KAANA_API_KEY),
            _ => Api::new(&server, provider).bearer(PM415_ADMIN_API_KEY),
        };
        let r = api.get(path).await;
        assert!(
            r.status < 500,
            "{provider}{path} gave {} {}",
            r.status,
            r.text
        );
    }
}
