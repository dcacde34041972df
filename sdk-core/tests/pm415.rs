//! pm415 against wiremock: every supported operation's exact request and
//! the decoding of every example response the pm415 docs print (seed 004,
//! kept verbatim in fixtures/pm415; two repaired, see the .md notes).

mod common;

use common::{
    assert_no_requests, assert_standard_headers, exact_json, fixture_response, fixture_text,
    header, received, ts, ExactQuery, NoBody,
};
use orgkit::{
    Client, ErrorKind, Id, ListParams, Login, NewInvite, NewOrganization, Operation,
    OrganizationPatch, Provider, Role, UserPatch,
};
use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "50ca9ba0f7b1444fa55d5";
/// The secrets printed in the create-org and login examples.
const PASSWORD_HASH: &str = "f115e42cc1a509ed5a03879574e71";
const API_KEY: &str = "50ca9ba0f7b14f1932a1f81";

fn client(server: &MockServer) -> Client {
    Client::builder(Provider::Pm415)
        .base_url(server.uri())
        .token(TOKEN)
        .max_retries(0)
        .build()
        .unwrap()
}

async fn single_request(server: &MockServer) -> wiremock::Request {
    let reqs = received(server).await;
    assert_eq!(reqs.len(), 1, "exactly one request");
    let r = reqs.into_iter().next().unwrap();
    assert_standard_headers(&r);
    assert_eq!(
        header(&r, "authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(r.url.query(), None);
    r
}

fn bearer(r: &wiremock::Request) -> Option<String> {
    header(r, "authorization").map(str::to_string)
}

#[tokio::test]
async fn capabilities_match_the_operation_table() {
    let server = MockServer::start().await;
    let c = client(&server);
    assert_eq!(
        c.capabilities(),
        vec![
            "organizations.list",
            "organizations.create",
            "organizations.update",
            "organizations.delete",
            "organizations.switch",
            "organizations.current",
            "members.list",
            "members.set_role",
            "members.remove",
            "members.reset_passwords",
            "invites.create",
            "invites.validate",
            "invites.accept",
            "users.me",
            "users.update_me",
            "users.my_organizations",
            "auth.login",
        ]
    );
    assert!(!c.supports(Operation::OrganizationsGet));
    let default = Client::builder(Provider::Pm415).build().unwrap();
    assert_eq!(default.base_url().as_str(), "https://pm415.com/");
}

#[tokio::test]
async fn create_org_decodes_the_organization_and_drops_the_users_secrets() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/org"))
        .and(ExactQuery::none())
        .and(exact_json(json!({ "name": "myOrg" })))
        .respond_with(fixture_response(200, "pm415", "create_org"))
        .expect(1)
        .mount(&server)
        .await;
    let org = client(&server)
        .organizations()
        .create(NewOrganization::named("myOrg"))
        .await
        .unwrap();
    single_request(&server).await;
    assert_eq!(org.id, Id::Int(15));
    assert_eq!(org.name.as_deref(), Some("myOrg"));
    assert_eq!(org.created_at, Some(ts("2019-04-20T19:22:13.740Z")));
    assert_eq!(org.updated_at, Some(ts("2019-04-20T19:22:13.740Z")));
    assert!(org.extra.is_empty(), "{:?}", org.extra);
    let debug = format!("{org:?}");
    let serialized = serde_json::to_string(&org).unwrap();
    for secret in [PASSWORD_HASH, API_KEY] {
        assert!(!debug.contains(secret), "{debug}");
        assert!(!serialized.contains(secret), "{serialized}");
    }
}

#[tokio::test]
async fn create_org_only_sends_the_name() {
    // pm415 takes nothing but a name; the other fields are not sent.
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/org"))
        .and(exact_json(json!({ "name": "myOrg" })))
        .respond_with(fixture_response(200, "pm415", "create_org"))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .organizations()
        .create(NewOrganization {
            name: "myOrg".into(),
            industry: Some("Retail".into()),
            ..Default::default()
        })
        .await
        .unwrap();
}

#[tokio::test]
async fn create_org_boom_400() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/org"))
        .respond_with(fixture_response(400, "pm415", "create_org_400"))
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server)
        .organizations()
        .create(NewOrganization::named("x"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadRequest);
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.message(), "\"Name\" is required");
    assert_eq!(err.code(), Some("Bad Request"));
    assert_eq!(err.provider(), Some("pm415"));
    assert_eq!(err.operation(), Some("organizations.create"));
    assert_eq!(
        err.body(),
        Some(fixture_text("pm415", "create_org_400").as_str())
    );
    assert!(!err.is_retryable());
    // The message names the operation, the request (no query) and the attempts.
    assert_eq!(
        err.to_string(),
        format!(
            "BadRequest (400) in organizations.create on POST {}/api/org after 1 attempt: \"Name\" is required [Bad Request]",
            server.address()
        )
    );
    assert_eq!(err.method(), Some("POST"));
    assert_eq!(err.host(), Some(server.address().to_string().as_str()));
    assert_eq!(err.path(), Some("/api/org"));
    assert_eq!(err.attempts(), Some(1));
}

#[tokio::test]
async fn list_orgs_and_current() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/org"))
        .and(ExactQuery::none())
        .and(NoBody)
        .respond_with(fixture_response(200, "pm415", "list_orgs"))
        .expect(2)
        .mount(&server)
        .await;
    let c = client(&server);
    let page = c.organizations().list(ListParams::new()).await.unwrap();
    assert_eq!(page.total, Some(2));
    assert!(!page.has_next());
    let ids: Vec<_> = page.items.iter().map(|o| o.id.clone()).collect();
    assert_eq!(ids, [Id::Int(6), Id::Int(15)]);
    for org in &page.items {
        assert_eq!(org.roles, vec![Role::Admin]);
        assert!(org.extra.is_empty(), "{:?}", org.extra);
    }
    assert_eq!(page.items[0].name.as_deref(), Some("foo"));
    assert_eq!(
        page.items[1].created_at,
        Some(ts("2019-04-20T19:22:13.000Z"))
    );

    let current = c.organizations().current().await.unwrap();
    assert_eq!(current.id, Id::Int(6));
    assert_eq!(current.name.as_deref(), Some("foo"));
    assert_eq!(current.roles, vec![Role::Admin]);
    assert_eq!(current.updated_at, Some(ts("2019-04-08T02:38:34Z")));
    for r in received(&server).await {
        assert_eq!(bearer(&r), Some(format!("Bearer {TOKEN}")));
    }
}

#[tokio::test]
async fn list_orgs_stream_collects_both() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/org"))
        .respond_with(fixture_response(200, "pm415", "list_orgs"))
        .expect(1)
        .mount(&server)
        .await;
    let all = client(&server)
        .organizations()
        .list(ListParams::new())
        .await
        .unwrap()
        .collect_all(10)
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
}

#[tokio::test]
async fn switch_adopts_the_new_token_for_the_client_and_its_clones() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/org/switch/1"))
        .and(NoBody)
        .respond_with(fixture_response(200, "pm415", "switch_org"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/org"))
        .respond_with(fixture_response(200, "pm415", "list_orgs"))
        .expect(2)
        .mount(&server)
        .await;
    let c = client(&server);
    let clone_before = c.clone();
    let org = c.organizations().switch(1).await.unwrap();
    assert_eq!(org.id, Id::Int(1));
    assert_eq!(org.name, None);

    c.organizations().current().await.unwrap();
    clone_before.organizations().current().await.unwrap();
    let reqs = received(&server).await;
    assert_eq!(reqs.len(), 3);
    assert_eq!(bearer(&reqs[0]), Some(format!("Bearer {TOKEN}")));
    assert_eq!(
        bearer(&reqs[1]).as_deref(),
        Some("Bearer 00jf9w4dog73jfosdfu")
    );
    assert_eq!(
        bearer(&reqs[2]).as_deref(),
        Some("Bearer 00jf9w4dog73jfosdfu")
    );
}

#[tokio::test]
async fn switch_without_a_token_is_a_decode_error_and_keeps_the_old_token() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/org/switch/1"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({ "success": true, "organization": 1 })),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/org"))
        .respond_with(fixture_response(200, "pm415", "list_orgs"))
        .mount(&server)
        .await;
    let c = client(&server);
    let err = c.organizations().switch(1).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_eq!(err.status(), Some(200));
    assert_eq!(err.operation(), Some("organizations.switch"));
    c.organizations().current().await.unwrap();
    let reqs = received(&server).await;
    assert_eq!(bearer(&reqs[1]), Some(format!("Bearer {TOKEN}")));
}

#[tokio::test]
async fn update_org_renames() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/api/org/6"))
        .and(exact_json(json!({ "name": "updatedOrgName" })))
        .respond_with(fixture_response(200, "pm415", "update_org"))
        .expect(1)
        .mount(&server)
        .await;
    let org = client(&server)
        .organizations()
        .update(
            6,
            OrganizationPatch {
                name: Some("updatedOrgName".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    single_request(&server).await;
    assert_eq!(org.id, Id::Int(6));
    // The answer is the id only; the name given is filled in.
    assert_eq!(org.name.as_deref(), Some("updatedOrgName"));
}

#[tokio::test]
async fn update_org_without_a_name_is_rejected_before_sending() {
    let server = MockServer::start().await;
    let err = client(&server)
        .organizations()
        .update(
            6,
            OrganizationPatch {
                industry: Some("Retail".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert_no_requests(&server).await;
}

#[tokio::test]
async fn delete_org() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/api/org/6"))
        .and(NoBody)
        .respond_with(fixture_response(200, "pm415", "delete_org"))
        .expect(1)
        .mount(&server)
        .await;
    client(&server).organizations().delete(6).await.unwrap();
    single_request(&server).await;
}

#[tokio::test]
async fn list_members_maps_pm415_fields() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/org/6/users"))
        .and(ExactQuery::none())
        .respond_with(fixture_response(200, "pm415", "org_users"))
        .expect(1)
        .mount(&server)
        .await;
    let page = client(&server)
        .members(6)
        .list(ListParams::new())
        .await
        .unwrap();
    single_request(&server).await;
    assert_eq!(page.items.len(), 2);
    let m = &page.items[0];
    assert_eq!(m.user_id, Id::Int(4));
    assert_eq!(m.email.as_deref(), Some("mattr@tmail.com"));
    assert_eq!(m.first_name.as_deref(), Some("Matthew"));
    assert_eq!(m.last_name.as_deref(), Some("Reider"));
    assert_eq!(m.is_active, Some(true));
    assert_eq!(m.role, Some(Role::Admin));
    assert!(m.extra.is_empty(), "{:?}", m.extra);
    let s = &page.items[1];
    assert_eq!(s.user_id, Id::Int(6));
    assert_eq!(s.first_name.as_deref(), Some("Suzie"));
}

#[tokio::test]
async fn set_role_admin_grants_and_member_revokes() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/api/org/6/admin/grant"))
        .and(exact_json(json!({ "usersId": [4] })))
        .respond_with(fixture_response(200, "pm415", "admin_grant"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/api/org/6/admin/revoke"))
        .and(exact_json(json!({ "usersId": [6] })))
        .respond_with(fixture_response(200, "pm415", "admin_revoke"))
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server);
    // Ids given as strings still go out as numbers; roles as case-insensitive strings.
    c.members(6).set_role("4", "ADMIN").await.unwrap();
    c.members("6").set_role(6, Role::Member).await.unwrap();
    for r in received(&server).await {
        assert_standard_headers(&r);
        assert_eq!(bearer(&r), Some(format!("Bearer {TOKEN}")));
    }
}

#[tokio::test]
async fn set_role_to_anything_else_is_an_invalid_argument() {
    let server = MockServer::start().await;
    let c = client(&server);
    for role in [Role::Pending, Role::Owner, Role::Other("boss".into())] {
        let err = c.members(6).set_role(4, role).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{err}");
    }
    assert_no_requests(&server).await;
}

#[tokio::test]
async fn remove_posts_numeric_user_ids() {
    let server = MockServer::start().await;
    // The docs print `//api/org/:orgid/users/remove` and `["4", "6"]`: the
    // SDK sends one slash and numbers.
    Mock::given(method("POST"))
        .and(path("/api/org/6/users/remove"))
        .and(exact_json(json!({ "usersId": [4, 6] })))
        .respond_with(fixture_response(200, "pm415", "users_remove"))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .members(6)
        .remove(&[Id::from("4"), Id::from("6")])
        .await
        .unwrap();
    single_request(&server).await;
}

#[tokio::test]
async fn non_numeric_ids_stay_strings() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/org/6/users/remove"))
        .and(exact_json(json!({ "usersId": ["u-7", 8, "007"] })))
        .respond_with(fixture_response(200, "pm415", "users_remove"))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .members(6)
        .remove(&[Id::from("u-7"), Id::Int(8), Id::from("007")])
        .await
        .unwrap();
}

#[tokio::test]
async fn reset_passwords() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/api/org/6/admin/resetpassword"))
        .and(exact_json(json!({ "usersId": [4, 6] })))
        .respond_with(fixture_response(200, "pm415", "admin_resetpassword"))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .members(6)
        .reset_passwords(&[Id::Int(4), Id::from("6")])
        .await
        .unwrap();
    single_request(&server).await;
}

#[tokio::test]
async fn invite_link_returns_the_confirm_url_and_its_token() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/org/6/invitelink"))
        .and(exact_json(json!({ "email": "suziereider@tmail.com" })))
        .respond_with(fixture_response(200, "pm415", "invite_link"))
        .expect(1)
        .mount(&server)
        .await;
    let invite = client(&server)
        .invites()
        .create(NewInvite {
            email: "suziereider@tmail.com".into(),
            organization_id: Some(Id::Int(6)),
            role: None,
        })
        .await
        .unwrap();
    single_request(&server).await;
    assert_eq!(
        invite.confirm_url.as_deref(),
        Some("https://pm415.com/account/invite/?token=eyJh")
    );
    assert_eq!(invite.token.as_deref(), Some("eyJh"));
    assert_eq!(invite.email.as_deref(), Some("suziereider@tmail.com"));
    assert_eq!(
        invite.organization.as_ref().map(|o| &o.id),
        Some(&Id::Int(6))
    );
    let debug = format!("{invite:?}");
    assert!(!debug.contains("eyJh"), "{debug}");
}

#[tokio::test]
async fn invite_without_an_organization_is_rejected() {
    let server = MockServer::start().await;
    let c = client(&server);
    let err = c
        .invites()
        .create(NewInvite::new("a@b.c"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    let err = c
        .invites()
        .create(NewInvite {
            email: "not-an-email".into(),
            organization_id: Some(Id::Int(6)),
            role: None,
        })
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert_no_requests(&server).await;
}

#[tokio::test]
async fn validate_invite_sends_no_credentials() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/org/invite/"))
        .and(query_param("token", "8s80f934kf94"))
        .respond_with(fixture_response(200, "pm415", "invite_validate"))
        .expect(1)
        .mount(&server)
        .await;
    let invite = client(&server)
        .invites()
        .validate("8s80f934kf94")
        .await
        .unwrap();
    let reqs = received(&server).await;
    assert_eq!(reqs.len(), 1);
    let r = &reqs[0];
    assert_eq!(r.url.query(), Some("token=8s80f934kf94"));
    assert_eq!(header(r, "authorization"), None);
    assert_standard_headers(r);
    assert_eq!(invite.email.as_deref(), Some("mattreider@tmail.com"));
    // The doc sends the organization's name, not an object or id.
    assert_eq!(invite.organization, None);
    assert_eq!(invite.organization_name.as_deref(), Some("my-org"));
    assert_eq!(invite.token.as_deref(), Some("8s80f934kf94"));
    assert!(invite.extra.is_empty(), "{:?}", invite.extra);
}

#[tokio::test]
async fn validate_invite_escapes_the_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/org/invite/"))
        .and(query_param("token", "a&b=c d"))
        .respond_with(fixture_response(200, "pm415", "invite_validate"))
        .expect(1)
        .mount(&server)
        .await;
    client(&server).invites().validate("a&b=c d").await.unwrap();
    let r = &received(&server).await[0];
    assert_eq!(common::query_pairs(r), [("token".into(), "a&b=c d".into())]);
}

#[tokio::test]
async fn login_adopts_the_token_and_drops_secrets() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/account/login"))
        .and(exact_json(
            json!({ "email": "mattreider@tmail.com", "password": "hunter2" }),
        ))
        .respond_with(fixture_response(200, "pm415", "login"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/user"))
        .respond_with(fixture_response(200, "pm415", "me"))
        .expect(1)
        .mount(&server)
        .await;
    let c = Client::builder(Provider::Pm415)
        .base_url(server.uri())
        .build()
        .unwrap();
    let session = c
        .auth()
        .login(Login::email("mattreider@tmail.com", "hunter2"))
        .await
        .unwrap();
    assert_eq!(
        session.token.expose(),
        "eyJhbGciOiJIUzI1NiJ9.login-token.sig"
    );
    let user = session.user.clone().expect("user");
    assert_eq!(user.id, Id::Int(4));
    assert_eq!(user.first_name.as_deref(), Some("Matthew"));
    assert_eq!(user.is_active, Some(true));
    let debug = format!("{session:?}");
    for secret in [
        PASSWORD_HASH,
        API_KEY,
        "eyJhbGciOiJIUzI1NiJ9.login-token.sig",
        "hunter2",
    ] {
        assert!(!debug.contains(secret), "{debug}");
    }
    assert!(!user.extra.contains_key("password") && !user.extra.contains_key("apiKey"));

    let me = c.users().me().await.unwrap();
    assert_eq!(me.email.as_deref(), Some("mattreider@tmail.com"));
    assert!(!format!("{me:?}").contains(API_KEY));
    let reqs = received(&server).await;
    assert_eq!(
        header(&reqs[0], "authorization"),
        None,
        "login is anonymous"
    );
    assert_eq!(
        bearer(&reqs[1]).as_deref(),
        Some("Bearer eyJhbGciOiJIUzI1NiJ9.login-token.sig")
    );
}

#[tokio::test]
async fn wrong_password_401_with_success_true_is_unauthorized() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/account/login"))
        .respond_with(fixture_response(401, "pm415", "login_wrong_password"))
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server);
    let err = c
        .auth()
        .login(Login::email("mattreider@tmail.com", "nope"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthorized);
    assert_eq!(err.status(), Some(401));
    assert_eq!(err.message(), "Invalid email or password");
    assert!(!format!("{err:?}{err}").contains("nope"));
}

#[tokio::test]
async fn a_200_with_success_false_is_an_error() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/api/org/6"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "success": false,
            "error": "Forbidden",
            "message": "Only admins can delete an org"
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/org"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "success": false })))
        .mount(&server)
        .await;
    let c = client(&server);
    let err = c.organizations().delete(6).await.unwrap_err();
    assert_eq!(err.status(), Some(200));
    assert_eq!(err.message(), "Only admins can delete an org");
    assert_eq!(err.code(), Some("Forbidden"));
    assert_eq!(err.operation(), Some("organizations.delete"));
    assert!(err.body().is_some());

    let err = c.organizations().list(ListParams::new()).await.unwrap_err();
    assert_eq!(err.status(), Some(200));
    assert_ne!(err.kind(), ErrorKind::Decode, "{err}");
}

#[tokio::test]
async fn accept_invite_logs_in_with_the_token() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/account/login"))
        .and(exact_json(json!({
            "email": "suziereider@tmail.com",
            "password": "s3cret!",
            "token": "eyJh"
        })))
        .respond_with(fixture_response(200, "pm415", "login"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/user/orgs"))
        .respond_with(fixture_response(200, "pm415", "my_orgs"))
        .expect(1)
        .mount(&server)
        .await;
    let c = Client::builder(Provider::Pm415)
        .base_url(server.uri())
        .build()
        .unwrap();
    c.invites()
        .accept("eyJh", "suziereider@tmail.com", "s3cret!")
        .await
        .unwrap();
    let orgs = c.users().my_organizations().await.unwrap();
    assert_eq!(orgs.len(), 2);
    assert_eq!(orgs[0].id, Id::Int(6));
    assert_eq!(orgs[0].name.as_deref(), Some("foo"));
    assert_eq!(orgs[0].roles, vec![Role::Admin]);
    assert_eq!(orgs[1].roles, vec![Role::Member]);
    let reqs = received(&server).await;
    assert_eq!(header(&reqs[0], "authorization"), None);
    assert_eq!(
        bearer(&reqs[1]).as_deref(),
        Some("Bearer eyJhbGciOiJIUzI1NiJ9.login-token.sig")
    );
}

#[tokio::test]
async fn update_me_puts_camel_case_fields() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/api/user"))
        .and(exact_json(json!({ "firstName": "Matt", "lastName": "R" })))
        .respond_with(fixture_response(200, "pm415", "me"))
        .expect(1)
        .mount(&server)
        .await;
    let me = client(&server)
        .users()
        .update_me(UserPatch {
            first_name: Some("Matt".into()),
            last_name: Some("R".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    single_request(&server).await;
    assert_eq!(me.id, Id::Int(4));
}

#[tokio::test]
async fn unsupported_operations_fail_before_any_request() {
    let server = MockServer::start().await;
    let c = client(&server);
    let errs = vec![
        c.organizations().get(6).await.unwrap_err(),
        c.organizations().duplicate(6).await.unwrap_err(),
        c.members(6).add(4, Role::Member).await.unwrap_err(),
        c.projects().list(ListParams::new()).await.unwrap_err(),
        c.documents(6).list(ListParams::new()).await.unwrap_err(),
        c.users().list(ListParams::new()).await.unwrap_err(),
    ];
    for err in errs {
        assert_eq!(err.kind(), ErrorKind::Unsupported, "{err}");
        assert_eq!(err.provider(), Some("pm415"));
    }
    assert_no_requests(&server).await;
}

#[tokio::test]
async fn not_found_and_server_errors() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/org/99/users"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "statusCode": 404, "error": "Not Found", "message": "Organization not found", "success": false
        })))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/api/org/6"))
        .respond_with(ResponseTemplate::new(500).set_body_json(json!({
            "statusCode": 500, "error": "Internal Server Error", "message": "An internal server error occurred", "success": false
        })))
        .mount(&server)
        .await;
    let c = client(&server);
    let err = c.members(99).list(ListParams::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.message(), "Organization not found");
    assert_eq!(err.code(), Some("Not Found"));
    let err = c.organizations().delete(6).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    assert_eq!(err.status(), Some(500));
    assert!(err.is_retryable());
}
