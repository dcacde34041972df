mod common;

use common::Api;
use orgkit_mock::seed::*;
use serde_json::json;

#[tokio::test]
async fn login_then_list_pages() {
    let server = orgkit_mock::spawn().await;
    let anon = Api::new(&server, "orgstack");
    let bad = anon
        .post(
            "/auth/login",
            json!({"username": ORGSTACK_ADMIN_USERNAME, "password": "wrong"}),
        )
        .await;
    assert_eq!(bad.status, 401);
    assert_eq!(
        bad.json,
        json!({"error": "Unauthorized", "message": "Invalid username or password", "statusCode": 401})
    );
    let login = anon
        .post(
            "/auth/login",
            json!({"username": ORGSTACK_ADMIN_USERNAME, "password": ORGSTACK_ADMIN_PASSWORD}),
        )
        .await;
    assert_eq!(login.status, 200);
    assert_eq!(login.json["user"]["username"], json!("admin"));
    let token = login.json["token"].as_str().unwrap();
    assert_eq!(token.split('.').count(), 3);

    assert_eq!(anon.get("/organizations").await.status, 401);
    let api = anon.clone().bearer(token);
    let mut seen = Vec::new();
    for page in 1..=3 {
        let r = api.get(&format!("/organizations?page={page}")).await;
        assert_eq!(r.status, 200);
        assert_eq!(
            r.json["pagination"],
            json!({"page": page, "limit": 20, "total": 45, "totalPages": 3})
        );
        seen.extend(
            r.json["data"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["id"].clone()),
        );
    }
    assert_eq!(seen.len(), 45);
    assert_eq!(seen[0], json!("org_01"));
    // `size` is the intro page's name for `limit`.
    let sized = api.get("/organizations?size=5&page=9").await;
    assert_eq!(sized.json["pagination"]["totalPages"], json!(9));
    assert_eq!(sized.json["data"].as_array().unwrap().len(), 5);
    let capped = api.get("/organizations?limit=500").await;
    assert_eq!(capped.json["pagination"]["limit"], json!(100));
}

#[tokio::test]
async fn filters_sort_and_search() {
    let server = orgkit_mock::spawn().await;
    let api = Api::new(&server, "orgstack").bearer(ORGSTACK_VIEWER_TOKEN);
    let archived = api.get("/organizations?status=archived").await;
    assert_eq!(archived.json["pagination"]["total"], json!(3));
    let search = api
        .get("/organizations?search=acme&sort=name&order=asc")
        .await;
    let names: Vec<&str> = search.json["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Acme Group",
            "Acme Holdings",
            "Acme Labs",
            "Acme Partners",
            "Acme Systems"
        ]
    );
    let by_update = api
        .get("/organizations?sort=updatedAt&order=asc&limit=1")
        .await;
    assert_eq!(by_update.json["data"][0]["id"], json!("org_45"));
    let bad = api.get("/organizations?sort=color").await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json["error"], json!("Bad Request"));
    assert_eq!(bad.json["statusCode"], json!(400));
}

#[tokio::test]
async fn crud_with_roles() {
    let server = orgkit_mock::spawn().await;
    let admin = Api::new(&server, "orgstack").bearer(ORGSTACK_ADMIN_TOKEN);
    let viewer = Api::new(&server, "orgstack").bearer(ORGSTACK_VIEWER_TOKEN);
    let created = admin
        .post("/organizations", json!({"name": "New Tenant"}))
        .await;
    assert_eq!(created.status, 201);
    assert_eq!(created.json["id"], json!("org_46"));
    assert_eq!(created.json["status"], json!("active"));
    assert_eq!(created.json["slug"], json!("new-tenant"));
    assert_eq!(
        admin.get("/organizations/org_46").await.json["name"],
        json!("New Tenant")
    );

    let updated = admin
        .put("/organizations/org_46", json!({"status": "suspended"}))
        .await;
    assert_eq!(updated.status, 200);
    assert_eq!(updated.json["status"], json!("suspended"));
    assert_eq!(updated.json["name"], json!("New Tenant"));

    let denied = viewer.delete("/organizations/org_46").await;
    assert_eq!(denied.status, 403);
    assert_eq!(denied.json["error"], json!("Forbidden"));
    let dup = admin
        .post("/organizations", json!({"name": "new tenant"}))
        .await;
    assert_eq!(dup.status, 409);
    let missing = admin.post("/organizations", json!({})).await;
    assert_eq!(missing.status, 400);
    assert_eq!(missing.json["message"], json!("name is required"));

    let deleted = admin.delete("/organizations/org_46").await;
    assert_eq!(deleted.status, 204);
    assert_eq!(deleted.text, "");
    let gone = admin.get("/organizations/org_46").await;
    assert_eq!(gone.status, 404);
    assert_eq!(
        gone.json,
        json!({"error": "Not Found", "message": "Organization org_46 not found", "statusCode": 404})
    );
}
