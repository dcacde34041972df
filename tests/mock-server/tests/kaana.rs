mod common;

use common::Api;
use orgkit_mock::seed::*;
use serde_json::json;

fn session(server: &orgkit_mock::MockServer, sid: &str) -> Api {
    Api::new(server, "kaana").header("cookie", &format!("connect.sid={sid}"))
}

#[tokio::test]
async fn cookie_or_api_key_auth() {
    let server = orgkit_mock::spawn().await;
    let anon = Api::new(&server, "kaana");
    let r = anon.get("/organizations").await;
    assert_eq!(r.status, 401);
    assert_eq!(
        r.json,
        json!({"error": "Unauthorized", "message": "Authentication required"})
    );
    assert_eq!(
        session(&server, "bogus").get("/organizations").await.status,
        401
    );
    let list = session(&server, KAANA_VIEWER_SID)
        .get("/organizations")
        .await;
    assert_eq!(list.status, 200);
    assert_eq!(list.json.as_array().unwrap().len(), 3);
    assert_eq!(list.json[0]["name"], json!("Acme Corporation"));
    let keyed = anon
        .clone()
        .bearer(KAANA_API_KEY)
        .get("/organizations/2")
        .await;
    assert_eq!(keyed.json["type"], json!("partner"));
}

#[tokio::test]
async fn organization_crud_duplicate_and_children() {
    let server = orgkit_mock::spawn().await;
    let api = session(&server, KAANA_CONSULTANT_SID);
    let created = api
        .post(
            "/organizations",
            json!({"name": "New Client Inc.", "type": "customer", "industry": "Retail"}),
        )
        .await;
    assert_eq!(created.status, 200);
    assert_eq!(created.json["id"], json!(4));
    assert_eq!(created.json["status"], json!("active"));
    assert_eq!(created.json["website"], json!(null));
    let updated = api
        .put(
            "/organizations/4",
            json!({"website": "https://new.example.com"}),
        )
        .await;
    assert_eq!(updated.json["website"], json!("https://new.example.com"));
    assert_eq!(updated.json["industry"], json!("Retail"));
    let copy = api.post("/organizations/4/duplicate", json!({})).await;
    assert_eq!(copy.status, 200);
    assert_eq!(copy.json["id"], json!(5));
    assert_eq!(copy.json["name"], json!("New Client Inc. (Copy)"));
    let deleted = api.delete("/organizations/4").await;
    assert_eq!(deleted.status, 204);
    assert_eq!(deleted.text, "");
    assert_eq!(api.get("/organizations/4").await.status, 404);

    let missing_type = api.post("/organizations", json!({"name": "x"})).await;
    assert_eq!(missing_type.status, 400);
    assert_eq!(
        missing_type.json,
        json!({"error": "Bad Request", "message": "type is required"})
    );

    assert_eq!(
        api.get("/organizations/1/projects")
            .await
            .json
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        api.get("/organizations/1/tasks")
            .await
            .json
            .as_array()
            .unwrap()
            .len(),
        5
    );
    assert_eq!(
        api.get("/organizations/1/documents")
            .await
            .json
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(api.get("/organizations/9/tasks").await.status, 404);
}

#[tokio::test]
async fn members_add_change_remove() {
    let server = orgkit_mock::spawn().await;
    let api = session(&server, KAANA_ADMIN_SID);
    let added = api
        .post(
            "/organizations/2/members",
            json!({"contactId": 200, "role": "member"}),
        )
        .await;
    assert_eq!(added.status, 200);
    assert_eq!(added.text, "");
    let again = api
        .post(
            "/organizations/2/members",
            json!({"contactId": 200, "role": "member"}),
        )
        .await;
    assert_eq!(again.status, 409);
    assert_eq!(
        api.patch("/organizations/2/members/200", json!({"role": "admin"}))
            .await
            .status,
        200
    );
    let members = api.get("/organizations/2/members").await;
    assert_eq!(
        members.json,
        json!([
            {"organizationId": 2, "contactId": 101, "role": "admin"},
            {"organizationId": 2, "contactId": 104, "role": "member"},
            {"organizationId": 2, "contactId": 200, "role": "admin"},
        ])
    );
    assert_eq!(api.delete("/organizations/2/members/200").await.status, 204);
    assert_eq!(api.delete("/organizations/2/members/200").await.status, 404);
    assert_eq!(
        api.get("/organizations/2/members")
            .await
            .json
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn viewer_cannot_change_anything() {
    let server = orgkit_mock::spawn().await;
    let viewer = session(&server, KAANA_VIEWER_SID);
    let denied = viewer
        .post("/organizations", json!({"name": "x", "type": "vendor"}))
        .await;
    assert_eq!(denied.status, 403);
    assert_eq!(
        denied.json,
        json!({"error": "Forbidden", "message": "Requires consultant or admin role"})
    );
    assert_eq!(viewer.delete("/organizations/1").await.status, 403);
    assert_eq!(viewer.delete("/organizations/77").await.status, 404);
    assert_eq!(viewer.get("/organizations/1").await.status, 200);
}
