//! orgstack against a wiremock server. Its seed prints no JSON, so every
//! fixture in `tests/fixtures/orgstack/` is constructed from providers.md
//! (see the README.md there).

mod common;

use common::*;
use futures::StreamExt;
use orgkit::{
    Client, ErrorKind, Id, ListParams, Login, NewInvite, NewOrganization, NewProject,
    OrganizationPatch, OrganizationStatus, OrganizationType, Provider, SortOrder, TaskScope,
};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const P: &str = "orgstack";

async fn setup() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let client = client(Provider::Orgstack, &server);
    (server, client)
}

fn bearer() -> wiremock::matchers::HeaderExactMatcher {
    header("authorization", format!("Bearer {TOKEN}").as_str())
}

#[test]
fn capabilities_and_required_base_url() {
    let err = Client::builder(Provider::Orgstack).build().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert_eq!(err.field_errors()[0].field, "base_url");

    let client = Client::builder(Provider::Orgstack)
        .base_url("http://localhost:8080/api")
        .build()
        .unwrap();
    assert_eq!(
        client.capabilities(),
        vec![
            "organizations.list",
            "organizations.get",
            "organizations.create",
            "organizations.update",
            "organizations.delete",
            "auth.login",
        ]
    );
}

#[tokio::test]
async fn login_sends_username_and_password_and_adopts_the_token() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/auth/login"))
        .and(ExactQuery::none())
        .and(exact_json(
            json!({ "username": "admin", "password": "s3cret!" }),
        ))
        .respond_with(fixture_response(200, P, "login"))
        .expect(1)
        .mount(&server)
        .await;
    let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c3JfMDAxIn0.orgstack-signature";
    Mock::given(method("GET"))
        .and(path("/organizations/org_001"))
        .and(header("authorization", format!("Bearer {jwt}").as_str()))
        .respond_with(fixture_response(200, P, "organization"))
        .expect(1)
        .mount(&server)
        .await;

    // Built with an old token: login must not send it, and must replace it.
    let client = builder(Provider::Orgstack, &server)
        .token("stale")
        .max_retries(0)
        .build()
        .unwrap();
    let session = client
        .auth()
        .login(Login::username("admin", "s3cret!"))
        .await
        .unwrap();
    assert_eq!(session.token.expose(), jwt);
    let user = session.user.as_ref().expect("user in the login answer");
    assert_eq!(user.id, Id::from("usr_001"));
    assert_eq!(user.username.as_deref(), Some("admin"));
    assert_eq!(user.email.as_deref(), Some("admin@acme.example"));
    assert_eq!(session.extra.get("expiresIn"), Some(&json!(3600)));
    assert!(!format!("{session:?}").contains(jwt), "token not in Debug");

    client.organizations().get("org_001").await.unwrap();

    let reqs = received(&server).await;
    assert_eq!(reqs.len(), 2);
    assert!(
        common::header(&reqs[0], "authorization").is_none(),
        "login is sent without credentials"
    );
    for r in &reqs {
        assert_standard_headers(r);
    }
}

#[tokio::test]
async fn login_failure_is_unauthorized_and_keeps_no_token() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/auth/login"))
        .respond_with(fixture_response(401, P, "error_unauthorized"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/organizations/org_001"))
        .respond_with(fixture_response(200, P, "organization"))
        .mount(&server)
        .await;
    let client = builder(Provider::Orgstack, &server).build().unwrap();
    let err = client
        .auth()
        .login(Login::username("admin", "wrong"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthorized);
    assert_eq!(err.message(), "Missing or invalid authentication token");
    assert_eq!(err.operation(), Some("auth.login"));
    client.organizations().get("org_001").await.unwrap();
    let reqs = received(&server).await;
    assert!(common::header(&reqs[1], "authorization").is_none());
}

#[tokio::test]
async fn list_sends_every_documented_parameter() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/organizations"))
        .and(bearer())
        .and(NoBody)
        .and(exact_query(&[
            ("page", "2"),
            ("limit", "2"),
            ("sort", "createdAt"),
            ("order", "desc"),
            ("search", "acme corp"),
            ("status", "active"),
        ]))
        .respond_with(fixture_response(200, P, "organizations_page2"))
        .expect(1)
        .mount(&server)
        .await;
    let page = client
        .organizations()
        .list(
            ListParams::new()
                .page(2)
                .limit(2)
                .sort("createdAt", SortOrder::Desc)
                .search("acme corp")
                .status("active"),
        )
        .await
        .unwrap();
    assert_eq!(page.total, Some(5));
    assert_eq!(page.items.len(), 2);
    let next = page.next.as_ref().expect("page 3 follows");
    assert_eq!(next.page, Some(3));
    assert_eq!(
        next.search.as_deref(),
        Some("acme corp"),
        "filters carry over"
    );
    assert_eq!(page.items[0].id, Id::from("org_003"));
    assert_eq!(page.items[0].status, Some(OrganizationStatus::Archived));
    let r = &received(&server).await[0];
    assert_standard_headers(r);
    // The space in the search term is encoded, not sent raw.
    assert!(!r.url.as_str().contains(' '));
}

#[tokio::test]
async fn list_asc_order_and_no_parameters() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/organizations"))
        .and(exact_query(&[("sort", "name"), ("order", "asc")]))
        .respond_with(fixture_response(200, P, "organizations_page3"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/organizations"))
        .and(ExactQuery::none())
        .respond_with(fixture_response(200, P, "organizations_page3"))
        .expect(1)
        .mount(&server)
        .await;
    client
        .organizations()
        .list(ListParams::new().sort("name", SortOrder::Asc))
        .await
        .unwrap();
    let page = client
        .organizations()
        .list(ListParams::new())
        .await
        .unwrap();
    assert_eq!(page.total, Some(5));
    assert_eq!(page.items[0].id, Id::from("org_005"));
}

#[tokio::test]
async fn stream_walks_every_page_and_stops_at_the_end() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/organizations"))
        .and(exact_query(&[("limit", "2"), ("status", "active")]))
        .respond_with(fixture_response(200, P, "organizations_page1"))
        .expect(1)
        .mount(&server)
        .await;
    for n in [2, 3] {
        Mock::given(method("GET"))
            .and(path("/organizations"))
            .and(exact_query(&[
                ("page", &n.to_string()),
                ("limit", "2"),
                ("status", "active"),
            ]))
            .respond_with(fixture_response(200, P, &format!("organizations_page{n}")))
            .expect(1)
            .mount(&server)
            .await;
    }
    let first = client
        .organizations()
        .list(ListParams::new().limit(2).status("active"))
        .await
        .unwrap();
    let orgs: Vec<_> = first
        .stream()
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<Result<_, _>>()
        .unwrap();
    let ids: Vec<String> = orgs.iter().map(|o| o.id.to_string()).collect();
    assert_eq!(ids, ["org_001", "org_002", "org_003", "org_004", "org_005"]);

    let reqs = received(&server).await;
    assert_eq!(reqs.len(), 3);
    let pages: Vec<_> = reqs.iter().map(|r| query_value(r, "page")).collect();
    assert_eq!(pages, vec![None, Some("2".into()), Some("3".into())]);

    // Decoded values of the constructed fixtures.
    let acme = &orgs[0];
    assert_eq!(acme.name.as_deref(), Some("Acme Corporation"));
    assert_eq!(acme.status, Some(OrganizationStatus::Active));
    assert_eq!(acme.description.as_deref(), Some("Primary tenant"));
    assert_eq!(acme.created_at, Some(ts("2024-03-01T12:00:00Z")));
    assert_eq!(acme.updated_at, Some(ts("2024-03-02T08:30:00Z")));
    assert_eq!(acme.extra.get("slug"), Some(&json!("acme-corporation")));
    assert_eq!(orgs[1].status, Some(OrganizationStatus::Suspended));
    assert_eq!(
        orgs[4].status,
        Some(OrganizationStatus::Other("pending_review".into()))
    );
}

#[tokio::test]
async fn collect_all_errors_past_the_cap() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/organizations"))
        .and(exact_query(&[("limit", "2")]))
        .respond_with(fixture_response(200, P, "organizations_page1"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/organizations"))
        .and(exact_query(&[("page", "2"), ("limit", "2")]))
        .respond_with(fixture_response(200, P, "organizations_page2"))
        .expect(1)
        .mount(&server)
        .await;
    let err = client
        .organizations()
        .list(ListParams::new().limit(2))
        .await
        .unwrap()
        .collect_all(2)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
}

#[tokio::test]
async fn get_decodes_plain_resource_json() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/organizations/org_001"))
        .and(bearer())
        .and(ExactQuery::none())
        .and(NoBody)
        .respond_with(fixture_response(200, P, "organization"))
        .expect(1)
        .mount(&server)
        .await;
    let org = client.organizations().get("org_001").await.unwrap();
    assert_eq!(org.id, Id::from("org_001"));
    assert_eq!(org.name.as_deref(), Some("Acme Corporation"));
    assert_eq!(org.status, Some(OrganizationStatus::Active));
    assert_eq!(
        org.metadata,
        Some(json!({ "plan": "enterprise", "seats": 250 }))
    );
    assert_eq!(org.created_at, Some(ts("2024-03-01T12:00:00Z")));
}

#[tokio::test]
async fn create_sends_the_given_fields() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/organizations"))
        .and(bearer())
        .and(exact_json(json!({
            "name": "Stark Industries",
            "type": "customer",
            "status": "active",
            "description": "Defense and energy",
            "metadata": { "plan": "pro", "snake_key": 1 }
        })))
        .respond_with(fixture_response(201, P, "organization_created"))
        .expect(1)
        .mount(&server)
        .await;
    let org = client
        .organizations()
        .create(NewOrganization {
            org_type: Some(OrganizationType::Customer),
            status: Some(OrganizationStatus::Active),
            description: Some("Defense and energy".into()),
            // free-form metadata goes out untouched (no camelCasing of its keys)
            metadata: Some(json!({ "plan": "pro", "snake_key": 1 })),
            ..NewOrganization::named("Stark Industries")
        })
        .await
        .unwrap();
    assert_eq!(org.id, Id::from("org_006"));
    assert_eq!(org.name.as_deref(), Some("Stark Industries"));
    assert_eq!(org.metadata, Some(json!({ "plan": "pro" })));
    assert_standard_headers(&received(&server).await[0]);
}

#[tokio::test]
async fn update_sends_a_partial_body() {
    let (server, client) = setup().await;
    Mock::given(method("PUT"))
        .and(path("/organizations/org_001"))
        .and(bearer())
        .and(exact_json(
            json!({ "name": "Acme Corp", "status": "suspended" }),
        ))
        .respond_with(fixture_response(200, P, "organization_updated"))
        .expect(1)
        .mount(&server)
        .await;
    let org = client
        .organizations()
        .update(
            "org_001",
            OrganizationPatch {
                name: Some("Acme Corp".into()),
                status: Some(OrganizationStatus::Suspended),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(org.name.as_deref(), Some("Acme Corp"));
    assert_eq!(org.status, Some(OrganizationStatus::Suspended));
    assert_eq!(org.updated_at, Some(ts("2024-06-02T09:15:00Z")));
}

#[tokio::test]
async fn delete_accepts_204_and_200() {
    let (server, client) = setup().await;
    Mock::given(method("DELETE"))
        .and(path("/organizations/org_001"))
        .and(bearer())
        .and(NoBody)
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/organizations/org_002"))
        .respond_with(json_response(200, &json!({ "message": "deleted" })))
        .expect(1)
        .mount(&server)
        .await;
    client.organizations().delete("org_001").await.unwrap();
    client.organizations().delete("org_002").await.unwrap();
}

// ---- errors -------------------------------------------------------------

#[tokio::test]
async fn error_bodies_read_message_and_error() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/organizations/org_999"))
        .respond_with(fixture_response(404, P, "error_not_found"))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/organizations"))
        .respond_with(fixture_response(400, P, "error_validation"))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/organizations/org_001"))
        .respond_with(json_response(
            403,
            &json!({ "message": "Not allowed in this tenant" }),
        ))
        .mount(&server)
        .await;

    let err = client.organizations().get("org_999").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.message(), "Organization org_999 not found");
    assert_eq!(err.code(), Some("NOT_FOUND"));
    assert_eq!(err.provider(), Some("orgstack"));
    assert_eq!(err.operation(), Some("organizations.get"));

    let err = client
        .organizations()
        .create(NewOrganization::named("Acme Corporation"))
        .await
        .unwrap_err();
    // A 400 whose code says validation is a Validation error.
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.message(), "Request body is invalid");
    assert_eq!(err.field_errors().len(), 1);
    assert_eq!(err.field_errors()[0].field, "name");
    assert_eq!(err.field_errors()[0].message, "name must be unique");

    let err = client.organizations().delete("org_001").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Forbidden);
    assert_eq!(err.message(), "Not allowed in this tenant");
    assert_eq!(err.code(), None);
}

#[tokio::test]
async fn rate_limited_and_server_errors() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/organizations"))
        .respond_with(
            json_response(429, &json!({ "message": "Too Many Requests" }))
                .insert_header("Retry-After", "5"),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/organizations/x"))
        .respond_with(ResponseTemplate::new(500).set_body_string("Internal Server Error"))
        .expect(1)
        .mount(&server)
        .await;
    let err = client
        .organizations()
        .list(ListParams::new())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert_eq!(err.retry_after(), Some(std::time::Duration::from_secs(5)));
    assert_eq!(err.message(), "Too Many Requests");
    let err = client.organizations().get("x").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    assert_eq!(err.status(), Some(500));
    assert_eq!(err.body(), Some("Internal Server Error"));
}

// ---- unsupported and client-side validation ----------------------------

#[tokio::test]
async fn unsupported_operations_send_nothing() {
    let (server, client) = setup().await;
    let errs = vec![
        client.organizations().duplicate("o").await.unwrap_err(),
        client.organizations().switch("o").await.unwrap_err(),
        client.organizations().current().await.unwrap_err(),
        client
            .members("o")
            .list(ListParams::new())
            .await
            .unwrap_err(),
        client
            .invites()
            .create(NewInvite::new("a@example.com"))
            .await
            .unwrap_err(),
        client.projects().list(ListParams::new()).await.unwrap_err(),
        client
            .projects()
            .create(NewProject::named("p"))
            .await
            .unwrap_err(),
        client
            .tasks()
            .list(TaskScope::Project(Id::Int(1)), ListParams::new())
            .await
            .unwrap_err(),
        client.users().me().await.unwrap_err(),
        client.users().list(ListParams::new()).await.unwrap_err(),
        client
            .documents("o")
            .list(ListParams::new())
            .await
            .unwrap_err(),
    ];
    for e in &errs {
        assert_eq!(e.kind(), ErrorKind::Unsupported, "{e:?}");
        assert_eq!(e.provider(), Some("orgstack"));
    }
    assert_eq!(errs[0].operation(), Some("organizations.duplicate"));
    assert_no_requests(&server).await;
}

#[tokio::test]
async fn client_side_validation_sends_nothing() {
    let (server, client) = setup().await;
    let cases = vec![
        (
            client
                .organizations()
                .list(ListParams::new().limit(101))
                .await
                .unwrap_err(),
            "limit",
        ),
        (
            client
                .organizations()
                .list(ListParams::new().limit(0))
                .await
                .unwrap_err(),
            "limit",
        ),
        (
            client
                .organizations()
                .create(NewOrganization::named(""))
                .await
                .unwrap_err(),
            "name",
        ),
        (
            client
                .organizations()
                .update(
                    "org_001",
                    OrganizationPatch {
                        name: Some(" ".into()),
                        ..Default::default()
                    },
                )
                .await
                .unwrap_err(),
            "name",
        ),
        (
            client
                .auth()
                .login(Login::username("", "pw"))
                .await
                .unwrap_err(),
            "username",
        ),
        (
            client
                .auth()
                .login(Login::username("admin", ""))
                .await
                .unwrap_err(),
            "password",
        ),
    ];
    for (err, field) in &cases {
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{err:?}");
        assert_eq!(err.field_errors()[0].field, *field);
    }
    assert!(
        cases[0].0.message().contains("100"),
        "{}",
        cases[0].0.message()
    );
    assert_no_requests(&server).await;

    // 100 itself is allowed.
    Mock::given(method("GET"))
        .and(path("/organizations"))
        .and(exact_query(&[("limit", "100")]))
        .respond_with(fixture_response(200, P, "organizations_page3"))
        .expect(1)
        .mount(&server)
        .await;
    client
        .organizations()
        .list(ListParams::new().limit(100))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_data_wrapped_single_resource_is_read_too() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/organizations/org_001"))
        .respond_with(json_response(
            200,
            &json!({ "data": fixture(P, "organization") }),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let org = client.organizations().get("org_001").await.unwrap();
    assert_eq!(org.id, Id::from("org_001"));
    assert_eq!(org.name.as_deref(), Some("Acme Corporation"));
}
