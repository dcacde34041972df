mod common;

use common::Api;
use orgkit_mock::seed::*;
use serde_json::json;

#[tokio::test]
async fn auth_is_required_and_rate_headers_are_always_sent() {
    let server = orgkit_mock::spawn().await;
    let anon = Api::new(&server, "ourganize");
    let r = anon.get("/projects").await;
    assert_eq!(r.status, 401);
    assert_eq!(r.json["success"], json!(false));
    assert_eq!(r.json["error"]["code"], json!("UNAUTHORIZED"));
    assert_eq!(r.header("x-ratelimit-limit"), Some("1000"));
    assert_eq!(r.header("x-ratelimit-remaining"), Some("999"));
    let reset: u64 = r.header("x-ratelimit-reset").unwrap().parse().unwrap();
    assert!(reset > 1_700_000_000);

    let wrong = anon.clone().bearer("nope").get("/projects").await;
    assert_eq!(wrong.status, 401);
}

#[tokio::test]
async fn projects_page_through_three_pages() {
    let server = orgkit_mock::spawn().await;
    let api = Api::new(&server, "ourganize").bearer(OURGANIZE_MEMBER_KEY);
    let mut ids = Vec::new();
    for page in 1..=3 {
        let r = api.get(&format!("/projects?page={page}&limit=20")).await;
        assert_eq!(r.status, 200);
        assert_eq!(r.json["success"], json!(true));
        assert_eq!(
            r.json["meta"],
            json!({"page": page, "limit": 20, "total": 45})
        );
        ids.extend(
            r.json["data"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["id"].as_u64().unwrap()),
        );
    }
    assert_eq!(ids, (1..=45).collect::<Vec<_>>());
    let archived = api.get("/projects?status=archived").await;
    assert_eq!(archived.json["meta"]["total"], json!(9));
    let bad = api.get("/projects?limit=abc").await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json["error"]["details"][0]["field"], json!("limit"));
}

#[tokio::test]
async fn project_crud_and_validation() {
    let server = orgkit_mock::spawn().await;
    let api = Api::new(&server, "ourganize").bearer(OURGANIZE_ADMIN_KEY);
    let created = api
        .post(
            "/projects",
            json!({"name": "My New Project", "description": "A sample project",
                   "settings": {"isPublic": false, "allowComments": true}}),
        )
        .await;
    assert_eq!(created.status, 201);
    let project = &created.json["data"];
    assert_eq!(project["id"], json!(46));
    assert_eq!(project["name"], json!("My New Project"));
    assert_eq!(project["status"], json!("active"));
    assert_eq!(
        project["settings"],
        json!({"isPublic": false, "allowComments": true})
    );

    let got = api.get("/projects/46").await;
    assert_eq!(got.json["data"], *project);

    let updated = api
        .put(
            "/projects/46",
            json!({"name": "Renamed", "settings": {"isPublic": true}}),
        )
        .await;
    assert_eq!(updated.status, 200);
    assert_eq!(updated.json["data"]["name"], json!("Renamed"));
    assert_eq!(
        updated.json["data"]["settings"],
        json!({"isPublic": true, "allowComments": true})
    );

    let deleted = api.delete("/projects/46").await;
    assert_eq!(deleted.status, 200);
    assert_eq!(deleted.json, json!({"success": true, "data": null}));
    let gone = api.get("/projects/46").await;
    assert_eq!(gone.status, 404);
    assert_eq!(gone.json["error"]["code"], json!("NOT_FOUND"));

    let invalid = api
        .post("/projects", json!({"description": "no name"}))
        .await;
    assert_eq!(invalid.status, 422);
    assert_eq!(
        invalid.json,
        json!({"success": false, "error": {"code": "VALIDATION_ERROR",
            "message": "The request data is invalid",
            "details": [{"field": "name", "message": "Name is required"}]}})
    );
    let malformed = api
        .raw(reqwest::Method::POST, "/projects", "{not json")
        .await;
    assert_eq!(malformed.status, 400);
    assert_eq!(malformed.json["error"]["code"], json!("BAD_REQUEST"));
}

#[tokio::test]
async fn tasks_list_create_complete_delete() {
    let server = orgkit_mock::spawn().await;
    let api = Api::new(&server, "ourganize").bearer(OURGANIZE_ADMIN_KEY);
    let first = api.get("/projects/1/tasks?limit=10").await;
    assert_eq!(
        first.json["meta"],
        json!({"page": 1, "limit": 10, "total": 30})
    );
    let last = api.get("/projects/1/tasks?limit=10&page=3").await;
    assert_eq!(last.json["data"].as_array().unwrap().len(), 10);
    let todo = api.get("/projects/1/tasks?status=todo").await;
    assert_eq!(todo.json["meta"]["total"], json!(10));
    let active = api.get("/projects/1/tasks?status=active&limit=100").await;
    assert_eq!(active.json["meta"]["total"], json!(20));

    let created = api
        .post("/projects/1/tasks", json!({"title": "Write tests"}))
        .await;
    assert_eq!(created.status, 201);
    let id = created.json["data"]["id"].as_u64().unwrap();
    assert_eq!(created.json["data"]["projectId"], json!(1));
    assert_eq!(created.json["data"]["status"], json!("todo"));

    let done = api
        .put(
            &format!("/tasks/{id}"),
            json!({"status": "completed", "completedAt": "2024-01-15T10:30:00Z"}),
        )
        .await;
    assert_eq!(done.status, 200);
    assert_eq!(done.json["data"]["status"], json!("completed"));
    assert_eq!(
        done.json["data"]["completedAt"],
        json!("2024-01-15T10:30:00Z")
    );
    assert_eq!(
        api.get(&format!("/tasks/{id}")).await.json["data"]["status"],
        json!("completed")
    );

    let no_title = api.post("/projects/1/tasks", json!({})).await;
    assert_eq!(no_title.status, 422);
    assert_eq!(
        no_title.json["error"]["details"][0]["field"],
        json!("title")
    );
    assert_eq!(api.get("/projects/999/tasks").await.status, 404);

    assert_eq!(api.delete(&format!("/tasks/{id}")).await.status, 200);
    assert_eq!(api.get(&format!("/tasks/{id}")).await.status, 404);
}

#[tokio::test]
async fn users_are_admin_only_and_profile_updates() {
    let server = orgkit_mock::spawn().await;
    let admin = Api::new(&server, "ourganize").bearer(OURGANIZE_ADMIN_KEY);
    let member = Api::new(&server, "ourganize").bearer(OURGANIZE_MEMBER_KEY);
    let listed = admin.get("/users").await;
    assert_eq!(listed.status, 200);
    assert_eq!(listed.json["meta"]["total"], json!(5));
    let denied = member.get("/users").await;
    assert_eq!(denied.status, 403);
    assert_eq!(denied.json["error"]["code"], json!("FORBIDDEN"));

    let me = member.get("/user/profile").await;
    assert_eq!(me.json["data"]["email"], json!(OURGANIZE_MEMBER_EMAIL));
    let changed = member
        .put("/user/profile", json!({"firstName": "Maxine"}))
        .await;
    assert_eq!(changed.json["data"]["firstName"], json!("Maxine"));
    assert_eq!(
        member.get("/user/profile").await.json["data"]["firstName"],
        json!("Maxine")
    );

    let invited = member
        .post("/users/invite", json!({"email": "new@ourganize.test"}))
        .await;
    assert_eq!(invited.status, 201);
    assert_eq!(invited.json["data"]["status"], json!("pending"));
    assert_eq!(invited.json["data"]["role"], json!("member"));
    let no_email = member.post("/users/invite", json!({"role": "admin"})).await;
    assert_eq!(no_email.status, 422);
    assert_eq!(
        no_email.json["error"]["details"],
        json!([{"field": "email", "message": "Email is required"}])
    );
}

#[tokio::test]
async fn rate_limit_gives_429_with_retry_after() {
    let server = orgkit_mock::spawn().await;
    server.set_rate_limit(2);
    let api = Api::new(&server, "ourganize").bearer(OURGANIZE_ADMIN_KEY);
    assert_eq!(
        api.get("/projects/1").await.header("x-ratelimit-remaining"),
        Some("1")
    );
    assert_eq!(
        api.get("/projects/1").await.header("x-ratelimit-remaining"),
        Some("0")
    );
    let limited = api.get("/projects/1").await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.json["error"]["code"], json!("RATE_LIMITED"));
    assert_eq!(limited.json["success"], json!(false));
    assert_eq!(limited.header("x-ratelimit-remaining"), Some("0"));
    let retry: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=3600).contains(&retry));
    server.reset();
    assert_eq!(api.get("/projects/1").await.status, 200);
}
