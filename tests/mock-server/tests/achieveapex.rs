mod common;

use common::Api;
use orgkit_mock::seed::*;
use serde_json::json;

#[tokio::test]
async fn authentication_and_api_key() {
    let server = orgkit_mock::spawn().await;
    let anon = Api::new(&server, "achieveapex");
    let missing = anon.get("/organizations").await;
    assert_eq!(missing.status, 401);
    assert_eq!(
        missing.json,
        json!({"name": "NotAuthenticated", "message": "Not authenticated", "code": 401, "className": "not-authenticated"})
    );
    let wrong = anon
        .post(
            "/authentication",
            json!({"strategy": "local", "email": ACHIEVEAPEX_OWNER_EMAIL, "password": "x"}),
        )
        .await;
    assert_eq!(wrong.status, 401);
    assert_eq!(wrong.json["message"], json!("Invalid login"));
    let login = anon
        .post(
            "/authentication",
            json!({"strategy": "local", "email": ACHIEVEAPEX_OWNER_EMAIL, "password": ACHIEVEAPEX_OWNER_PASSWORD}),
        )
        .await;
    assert_eq!(login.status, 201);
    assert_eq!(login.json["authentication"], json!({"strategy": "local"}));
    assert_eq!(login.json["user"]["id"], json!(ACHIEVEAPEX_OWNER_USER_ID));
    let token = login.json["accessToken"].as_str().unwrap();
    assert_eq!(
        anon.clone()
            .bearer(token)
            .get("/organizations")
            .await
            .status,
        200
    );
    let by_key = anon
        .clone()
        .header("x-api-key", ACHIEVEAPEX_API_KEY)
        .get("/organizations/1")
        .await;
    assert_eq!(by_key.status, 200);
    assert_eq!(by_key.json["name"], json!("Acme Inc"));
}

#[tokio::test]
async fn organizations_page_with_limit_and_skip() {
    let server = orgkit_mock::spawn().await;
    let api = Api::new(&server, "achieveapex").bearer(ACHIEVEAPEX_OWNER_TOKEN);
    let first = api.get("/organizations").await;
    assert_eq!(first.json["total"], json!(25));
    assert_eq!(first.json["limit"], json!(10));
    assert_eq!(first.json["skip"], json!(0));
    let last = api.get("/organizations?$limit=10&$skip=20").await;
    assert_eq!(last.json["data"].as_array().unwrap().len(), 5);
    assert_eq!(last.json["data"][0]["id"], json!(21));
    let acme = api.get("/organizations?searchTerm=acme").await;
    assert_eq!(acme.json["total"], json!(2));
    assert_eq!(acme.json["data"][1]["name"], json!("Acme Solutions"));
    let missing = api.get("/organizations/999").await;
    assert_eq!(
        missing.json,
        json!({"name": "NotFound", "message": "No record found for id '999'", "code": 404, "className": "not-found"})
    );
    let member = Api::new(&server, "achieveapex").bearer(ACHIEVEAPEX_MEMBER_TOKEN);
    assert_eq!(member.get("/organizations").await.json["total"], json!(2));
    assert_eq!(member.get("/organizations/3").await.status, 403);
}

#[tokio::test]
async fn organization_members_sorted_and_paged() {
    let server = orgkit_mock::spawn().await;
    let api = Api::new(&server, "achieveapex").bearer(ACHIEVEAPEX_OWNER_TOKEN);
    let page = api
        .get("/organizations-users?organization_id=1&$limit=10&$skip=10&$sort%5Bcreated_at%5D=-1")
        .await;
    assert_eq!(page.status, 200);
    assert_eq!(page.json["total"], json!(15));
    let items = page.json["data"].as_array().unwrap();
    assert_eq!(items.len(), 5);
    // Newest first, so the second page ends with the oldest member: the owner.
    let last = &items[4];
    assert_eq!(last["user_id"], json!(ACHIEVEAPEX_OWNER_USER_ID));
    assert_eq!(last["role"], json!("owner"));
    assert_eq!(
        last["user"],
        json!({"id": 101, "first_name": "Olivia", "last_name": "Owner", "email": ACHIEVEAPEX_OWNER_EMAIL})
    );
    let member = Api::new(&server, "achieveapex").bearer(ACHIEVEAPEX_MEMBER_TOKEN);
    let denied = member.get("/organizations-users?organization_id=3").await;
    assert_eq!(denied.status, 403);
    assert_eq!(denied.json["className"], json!("forbidden"));
}

#[tokio::test]
async fn invites_need_an_admin_and_valid_fields() {
    let server = orgkit_mock::spawn().await;
    let api = Api::new(&server, "achieveapex").header("x-api-key", ACHIEVEAPEX_API_KEY);
    let invite = api
        .post(
            "/organizations-users-invites",
            json!({"email": "new@x.test", "organization_id": 1, "role": "admin"}),
        )
        .await;
    assert_eq!(invite.status, 201);
    assert_eq!(invite.json["status"], json!("pending"));
    assert_eq!(invite.json["organization_id"], json!(1));
    assert_eq!(invite.json["role"], json!("admin"));
    assert!(invite.json["token"].as_str().unwrap().len() >= 16);
    assert!(invite.json["expires_at"].is_string());

    let bad = api
        .post(
            "/organizations-users-invites",
            json!({"organization_id": 1}),
        )
        .await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json["name"], json!("BadRequest"));
    assert_eq!(bad.json["data"], json!({"email": "'email' is required"}));
    let member = Api::new(&server, "achieveapex").bearer(ACHIEVEAPEX_MEMBER_TOKEN);
    let denied = member
        .post(
            "/organizations-users-invites",
            json!({"email": "a@b.test", "organization_id": 1, "role": "member"}),
        )
        .await;
    assert_eq!(denied.status, 403);
    let not_allowed = api.post("/organizations", json!({"name": "x"})).await;
    assert_eq!(not_allowed.status, 405);
    assert_eq!(not_allowed.json["name"], json!("MethodNotAllowed"));
}
