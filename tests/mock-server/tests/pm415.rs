mod common;

use common::Api;
use orgkit_mock::seed::*;
use serde_json::json;

#[tokio::test]
async fn login_and_wrong_password() {
    let server = orgkit_mock::spawn().await;
    let anon = Api::new(&server, "pm415");
    let wrong = anon
        .post(
            "/api/account/login",
            json!({"email": PM415_ADMIN_EMAIL, "password": "nope"}),
        )
        .await;
    assert_eq!(wrong.status, 401);
    // pm415's own quirk: a failed login still says success:true.
    assert_eq!(
        wrong.json,
        json!({"statusCode": 401, "error": "Unauthorized", "message": "Invalid email or password", "success": true})
    );
    let login = anon
        .post(
            "/api/account/login",
            json!({"email": PM415_MEMBER_EMAIL, "password": PM415_MEMBER_PASSWORD}),
        )
        .await;
    assert_eq!(login.status, 200);
    assert_eq!(login.json["success"], json!(true));
    assert_eq!(login.json["user"]["id"], json!(PM415_MEMBER_USER_ID));
    let token = login.json["token"].as_str().unwrap();
    let orgs = anon.clone().bearer(token).get("/api/user/orgs").await;
    assert_eq!(
        orgs.json,
        json!([{"orgId": 1, "name": "Acme", "role": "Member"}, {"orgId": 2, "name": "Globex", "role": "Member"}])
    );
    let unauth = anon.get("/api/org").await;
    assert_eq!(unauth.status, 401);
    assert_eq!(unauth.json["success"], json!(false));
}

#[tokio::test]
async fn org_create_rename_delete_and_rules() {
    let server = orgkit_mock::spawn().await;
    let admin = Api::new(&server, "pm415").bearer(PM415_ADMIN_API_KEY);
    let member = Api::new(&server, "pm415").bearer(PM415_MEMBER_API_KEY);
    let created = admin.post("/api/org", json!({"name": "myOrg"})).await;
    assert_eq!(created.status, 200);
    assert_eq!(created.json["organization"]["name"], json!("myOrg"));
    assert_eq!(created.json["organization"]["id"], json!(4));
    assert_eq!(created.json["user"]["apiKey"], json!(PM415_ADMIN_API_KEY));
    assert!(created.json["user"]["password"].is_string());

    let taken = admin.post("/api/org", json!({"name": "MYORG"})).await;
    assert_eq!(taken.status, 409);
    assert_eq!(taken.json["error"], json!("Conflict"));
    let nameless = admin.post("/api/org", json!({})).await;
    assert_eq!(
        nameless.json,
        json!({"statusCode": 400, "error": "Bad Request", "message": "\"Name\" is required", "success": false})
    );

    let renamed = admin.put("/api/org/4", json!({"name": "renamed"})).await;
    assert_eq!(renamed.json, json!({"success": true, "organization": 4}));
    let forbidden = member.put("/api/org/1", json!({"name": "mine now"})).await;
    assert_eq!(forbidden.status, 403);
    assert_eq!(member.delete("/api/org/1").await.status, 403);

    assert_eq!(
        admin.delete("/api/org/4").await.json,
        json!({"success": true})
    );
    let names: Vec<String> = admin.get("/api/org").await.json["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["Acme", "Globex", "Initech"]);
}

#[tokio::test]
async fn switch_changes_current_for_the_new_token() {
    let server = orgkit_mock::spawn().await;
    let admin = Api::new(&server, "pm415").bearer(PM415_ADMIN_API_KEY);
    let before = admin.get("/api/org").await;
    assert_eq!(before.json["current"]["id"], json!(1));
    assert_eq!(
        before.json["organizations"][0]["roles"][0]["role"],
        json!("Admin")
    );
    let switched = admin.post("/api/org/switch/3", json!({})).await;
    assert_eq!(switched.json["success"], json!(true));
    assert_eq!(switched.json["organization"], json!(3));
    let token = switched.json["token"].as_str().unwrap();
    let after = Api::new(&server, "pm415")
        .bearer(token)
        .get("/api/org")
        .await;
    assert_eq!(after.json["current"]["id"], json!(3));
    assert_eq!(after.json["current"]["name"], json!("Initech"));
    let member = Api::new(&server, "pm415").bearer(PM415_MEMBER_API_KEY);
    assert_eq!(
        member.post("/api/org/switch/3", json!({})).await.status,
        403
    );
    assert_eq!(
        member.post("/api/org/switch/99", json!({})).await.status,
        404
    );
}

#[tokio::test]
async fn admin_grants_and_the_last_admin_rule() {
    let server = orgkit_mock::spawn().await;
    let admin = Api::new(&server, "pm415").bearer(PM415_ADMIN_API_KEY);
    let users = admin.get("/api/org/1/users").await;
    assert_eq!(users.json["users"].as_array().unwrap().len(), 3);
    assert_eq!(
        users.json["users"][0],
        json!({"userId": 1, "email": PM415_ADMIN_EMAIL, "firstName": "Matthew", "lastName": "Reider", "isActive": 1, "role": "Admin"})
    );
    let last_admin = admin
        .put("/api/org/3/admin/revoke", json!({"usersId": [1]}))
        .await;
    assert_eq!(last_admin.status, 409);
    assert_eq!(
        admin
            .post("/api/org/3/users/remove", json!({"usersId": ["1"]}))
            .await
            .status,
        409
    );

    assert_eq!(
        admin
            .put("/api/org/3/admin/grant", json!({"usersId": ["3"]}))
            .await
            .json,
        json!({"success": true})
    );
    assert_eq!(
        admin
            .put("/api/org/3/admin/revoke", json!({"usersId": [1]}))
            .await
            .status,
        200
    );
    // The admin is no admin of org 3 any more.
    assert_eq!(
        admin.put("/api/org/3", json!({"name": "x"})).await.status,
        403
    );
    let lead = Api::new(&server, "pm415").bearer(PM415_LEAD_API_KEY);
    assert_eq!(
        lead.put(
            "/api/org/3/admin/resetpassword",
            json!({"usersId": [1, "3"]})
        )
        .await
        .status,
        200
    );
    // The doubled slash from the docs routes too.
    let removed = lead
        .post("//api/org/3/users/remove", json!({"usersId": [1]}))
        .await;
    assert_eq!(removed.json, json!({"success": true}));
    assert_eq!(admin.get("/api/org/3/users").await.status, 403);
    let member = Api::new(&server, "pm415").bearer(PM415_MEMBER_API_KEY);
    assert_eq!(
        member
            .put("/api/org/1/admin/grant", json!({"usersId": [2]}))
            .await
            .status,
        403
    );
    assert_eq!(
        admin
            .put("/api/org/1/admin/grant", json!({"usersId": "2"}))
            .await
            .status,
        400
    );
}

#[tokio::test]
async fn invite_link_validate_and_accept() {
    let server = orgkit_mock::spawn().await;
    let anon = Api::new(&server, "pm415");
    let seeded = anon
        .get(&format!("/api/org/invite/?token={PM415_INVITE_TOKEN}"))
        .await;
    assert_eq!(
        seeded.json,
        json!({"success": true, "email": PM415_INVITE_EMAIL, "organization": "Acme"})
    );
    assert_eq!(anon.get("/api/org/invite/?token=unknown").await.status, 404);

    let admin = anon.clone().bearer(PM415_ADMIN_API_KEY);
    let link = admin
        .post(
            "/api/org/2/invitelink",
            json!({"email": "suzie@tmail.test"}),
        )
        .await;
    let url = link.json["confirmUrl"].as_str().unwrap();
    let prefix = format!("{}/account/invite/?token=", server.base_url("pm415"));
    assert!(url.starts_with(&prefix), "{url}");
    let token = &url[prefix.len()..];
    let check = anon.get(&format!("/api/org/invite/?token={token}")).await;
    assert_eq!(check.json["organization"], json!("Globex"));

    let accepted = anon
        .post(
            "/api/account/login",
            json!({"email": "suzie@tmail.test", "password": "pw", "token": token}),
        )
        .await;
    assert_eq!(accepted.status, 200);
    let new_token = accepted.json["token"].as_str().unwrap();
    let orgs = anon.clone().bearer(new_token).get("/api/org").await;
    assert_eq!(orgs.json["current"]["name"], json!("Globex"));
    assert_eq!(
        orgs.json["organizations"][0]["roles"][0]["role"],
        json!("Member")
    );
    let users = admin.get("/api/org/2/users").await;
    assert!(users.json["users"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["email"] == "suzie@tmail.test"));
    // An invite is good for one use.
    assert_eq!(
        anon.get(&format!("/api/org/invite/?token={token}"))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn me_and_update_me() {
    let server = orgkit_mock::spawn().await;
    let lead = Api::new(&server, "pm415").bearer(PM415_LEAD_API_KEY);
    assert_eq!(
        lead.get("/api/user").await.json["user"]["email"],
        json!(PM415_LEAD_EMAIL)
    );
    let changed = lead.put("/api/user", json!({"firstName": "Sue"})).await;
    assert_eq!(changed.json["user"]["firstName"], json!("Sue"));
    let clash = lead
        .put("/api/user", json!({"email": PM415_ADMIN_EMAIL}))
        .await;
    assert_eq!(clash.status, 409);
    let malformed = lead.raw(reqwest::Method::PUT, "/api/user", "[1,").await;
    assert_eq!(malformed.status, 400);
    assert_eq!(malformed.json["success"], json!(false));
    assert_eq!(lead.get("/api/nothing").await.status, 404);
}
