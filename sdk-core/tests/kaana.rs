//! kaana against wiremock: every supported operation's exact request
//! (method, path, query, auth, body) and the decoding of responses built
//! from kaana's documented field lists (see fixtures/kaana/README.md).

mod common;

use common::{
    assert_no_requests, assert_standard_headers, exact_json, exact_query, fixture_response, header,
    received, ts, ExactQuery, NoBody,
};
use orgkit::{
    Client, ErrorKind, Id, ListParams, NewOrganization, Operation, OrganizationPatch,
    OrganizationStatus, OrganizationType, Provider, Role, TaskScope, TaskStatus,
};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SID: &str = "s%3AkaanaSession.abcdef";
const API_KEY: &str = "kaana-api-key-123";

fn cookie_client(server: &MockServer) -> Client {
    Client::builder(Provider::Kaana)
        .base_url(server.uri())
        .session_cookie(SID)
        .max_retries(0)
        .build()
        .unwrap()
}

fn key_client(server: &MockServer) -> Client {
    Client::builder(Provider::Kaana)
        .base_url(server.uri())
        .api_key(API_KEY)
        .max_retries(0)
        .build()
        .unwrap()
}

/// The one request the server saw, with kaana's cookie auth and nothing else.
async fn single_cookie_request(server: &MockServer) -> wiremock::Request {
    let reqs = received(server).await;
    assert_eq!(reqs.len(), 1, "exactly one request");
    let r = reqs.into_iter().next().unwrap();
    assert_standard_headers(&r);
    assert_eq!(
        header(&r, "cookie"),
        Some(format!("connect.sid={SID}").as_str())
    );
    assert_eq!(header(&r, "authorization"), None);
    r
}

#[tokio::test]
async fn capabilities_match_the_operation_table() {
    let server = MockServer::start().await;
    let client = cookie_client(&server);
    assert_eq!(
        client.capabilities(),
        vec![
            "organizations.list",
            "organizations.get",
            "organizations.create",
            "organizations.update",
            "organizations.delete",
            "organizations.duplicate",
            "members.list",
            "members.add",
            "members.set_role",
            "members.remove",
            "projects.list",
            "tasks.list",
            "documents.list",
        ]
    );
    assert!(!client.supports(Operation::OrganizationsSwitch));
    assert_eq!(
        client.base_url().as_str(),
        format!("{}/", server.uri()).as_str()
    );
    let default = Client::builder(Provider::Kaana).build().unwrap();
    assert_eq!(default.base_url().as_str(), "https://app.kaana.com/api");
}

#[tokio::test]
async fn list_organizations_decodes_every_documented_field() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/organizations"))
        .and(ExactQuery::none())
        .and(NoBody)
        .respond_with(fixture_response(200, "kaana", "organizations"))
        .expect(1)
        .mount(&server)
        .await;
    let page = cookie_client(&server)
        .organizations()
        .list(ListParams::new())
        .await
        .unwrap();
    single_cookie_request(&server).await;
    assert_eq!(page.total, Some(2));
    assert!(page.next.is_none() && !page.has_next());
    let [acme, globex] = &page.items[..] else {
        panic!("two organizations: {:?}", page.items)
    };
    assert_eq!(acme.id, Id::Int(1));
    assert_eq!(acme.name.as_deref(), Some("Acme Corporation"));
    assert_eq!(acme.org_type, Some(OrganizationType::Customer));
    assert_eq!(acme.status, Some(OrganizationStatus::Active));
    assert_eq!(acme.industry.as_deref(), Some("Technology"));
    assert_eq!(acme.website.as_deref(), Some("https://acme.example.com"));
    assert_eq!(acme.description.as_deref(), Some("Our oldest customer"));
    assert_eq!(acme.metadata, Some(json!({"tier": "gold"})));
    assert_eq!(acme.created_at, Some(ts("2024-03-01T09:30:00Z")));
    assert_eq!(acme.updated_at, Some(ts("2024-06-15T17:05:12Z")));
    assert!(acme.extra.is_empty(), "{:?}", acme.extra);
    assert!(acme.roles.is_empty());

    // Nullable fields sent as null are absent; an unlisted type is kept.
    assert_eq!(globex.id, Id::Int(2));
    assert_eq!(
        globex.org_type,
        Some(OrganizationType::Other("prospect".into()))
    );
    assert_eq!(globex.status, Some(OrganizationStatus::Inactive));
    assert_eq!(globex.industry, None);
    assert_eq!(globex.website, None);
    assert_eq!(globex.description, None);
    assert_eq!(globex.metadata, None);
    assert!(globex.extra.is_empty(), "{:?}", globex.extra);
}

#[tokio::test]
async fn list_filters_go_out_verbatim() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/organizations"))
        .and(exact_query(&[("industry", "Technology")]))
        .respond_with(fixture_response(200, "kaana", "organizations"))
        .expect(1)
        .mount(&server)
        .await;
    let page = cookie_client(&server)
        .organizations()
        .list(ListParams::new().filter("industry", "Technology"))
        .await
        .unwrap();
    assert_eq!(page.items.len(), 2);
}

#[tokio::test]
async fn get_organization() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/organizations/1"))
        .and(ExactQuery::none())
        .and(NoBody)
        .respond_with(fixture_response(200, "kaana", "organization"))
        .expect(1)
        .mount(&server)
        .await;
    let org = cookie_client(&server).organizations().get(1).await.unwrap();
    single_cookie_request(&server).await;
    assert_eq!(org.id, Id::Int(1));
    assert_eq!(org.name.as_deref(), Some("Acme Corporation"));
    assert_eq!(
        org.metadata,
        Some(json!({ "tier": "gold", "seats": 40, "tags": ["emea", "priority"] }))
    );
    assert_eq!(org.created_at, Some(ts("2024-03-01T09:30:00Z")));
}

#[tokio::test]
async fn create_organization_sends_every_documented_field() {
    let server = MockServer::start().await;
    let body = json!({
        "name": "New Client Inc.",
        "type": "partner",
        "status": "active",
        "industry": "Retail",
        "website": "https://newclient.example.com",
        "description": "Signed in Q3",
        // Free JSON goes out untouched: no camelCasing inside metadata.
        "metadata": { "source": "referral", "nested": { "a_b": 1 } }
    });
    Mock::given(method("POST"))
        .and(path("/organizations"))
        .and(ExactQuery::none())
        .and(exact_json(body))
        .respond_with(fixture_response(200, "kaana", "created_org"))
        .expect(1)
        .mount(&server)
        .await;
    let org = cookie_client(&server)
        .organizations()
        .create(NewOrganization {
            name: "New Client Inc.".into(),
            org_type: Some(OrganizationType::Partner),
            status: Some(OrganizationStatus::Active),
            industry: Some("Retail".into()),
            website: Some("https://newclient.example.com".into()),
            description: Some("Signed in Q3".into()),
            metadata: Some(json!({ "source": "referral", "nested": { "a_b": 1 } })),
        })
        .await
        .unwrap();
    single_cookie_request(&server).await;
    assert_eq!(org.id, Id::Int(7));
    assert_eq!(org.org_type, Some(OrganizationType::Partner));
    assert_eq!(
        org.metadata,
        Some(json!({ "source": "referral", "nested": { "a_b": 1 } }))
    );
    assert_eq!(org.created_at, Some(ts("2024-07-01T10:00:00Z")));
}

#[tokio::test]
async fn create_organization_with_only_a_name_sends_only_the_name() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/organizations"))
        .and(exact_json(json!({ "name": "Tiny" })))
        .respond_with(fixture_response(200, "kaana", "created_org"))
        .expect(1)
        .mount(&server)
        .await;
    cookie_client(&server)
        .organizations()
        .create(NewOrganization::named("Tiny"))
        .await
        .unwrap();
}

#[tokio::test]
async fn create_organization_rejects_a_blank_name_before_sending() {
    let server = MockServer::start().await;
    let err = cookie_client(&server)
        .organizations()
        .create(NewOrganization::named("  "))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert_eq!(err.field_errors()[0].field, "name");
    assert_no_requests(&server).await;
}

#[tokio::test]
async fn update_organization_sends_a_partial_body() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/organizations/7"))
        .and(exact_json(
            json!({ "status": "inactive", "description": "Paused" }),
        ))
        .respond_with(fixture_response(200, "kaana", "updated_org"))
        .expect(1)
        .mount(&server)
        .await;
    let org = cookie_client(&server)
        .organizations()
        .update(
            7,
            OrganizationPatch {
                status: Some(OrganizationStatus::Inactive),
                description: Some("Paused".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    single_cookie_request(&server).await;
    assert_eq!(org.status, Some(OrganizationStatus::Inactive));
    assert_eq!(org.metadata, None);
    assert_eq!(org.updated_at, Some(ts("2024-08-01T12:00:00Z")));
}

#[tokio::test]
async fn delete_organization_204_without_body_is_ok() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/organizations/7"))
        .and(NoBody)
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    cookie_client(&server)
        .organizations()
        .delete(7)
        .await
        .unwrap();
    single_cookie_request(&server).await;
}

#[tokio::test]
async fn duplicate_organization() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/organizations/1/duplicate"))
        .and(NoBody)
        .respond_with(fixture_response(200, "kaana", "duplicated_org"))
        .expect(1)
        .mount(&server)
        .await;
    let copy = cookie_client(&server)
        .organizations()
        .duplicate(1)
        .await
        .unwrap();
    let r = single_cookie_request(&server).await;
    assert_eq!(header(&r, "content-type"), None, "no body, no content type");
    assert_eq!(copy.id, Id::Int(8));
    assert_eq!(copy.name.as_deref(), Some("Acme Corporation (copy)"));
}

#[tokio::test]
async fn list_members() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/organizations/1/members"))
        .and(ExactQuery::none())
        .respond_with(fixture_response(200, "kaana", "members"))
        .expect(1)
        .mount(&server)
        .await;
    let page = cookie_client(&server)
        .members(1)
        .list(ListParams::new())
        .await
        .unwrap();
    single_cookie_request(&server).await;
    assert_eq!(page.items.len(), 2);
    let m = &page.items[0];
    assert_eq!(m.user_id, Id::Int(42));
    assert_eq!(m.organization_id, Some(Id::Int(1)));
    assert_eq!(m.role, Some(Role::Owner));
    assert_eq!(
        page.items[1].role,
        Some(Role::Other("consultant".into())),
        "kaana roles are open"
    );
    assert!(m.extra.is_empty(), "{:?}", m.extra);
}

#[tokio::test]
async fn add_member_posts_contact_id_as_a_number_and_role() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/organizations/1/members"))
        .and(exact_json(json!({ "contactId": 42, "role": "admin" })))
        // The docs: "200 Member added successfully / No content".
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    // An id given as a string still goes out as a JSON number.
    cookie_client(&server)
        .members(1)
        .add("42", "Admin")
        .await
        .unwrap();
    single_cookie_request(&server).await;
}

#[tokio::test]
async fn add_member_keeps_an_unknown_role_verbatim() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/organizations/1/members"))
        .and(exact_json(json!({ "contactId": 43, "role": "Consultant" })))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    cookie_client(&server)
        .members(1)
        .add(43, "Consultant")
        .await
        .unwrap();
}

#[tokio::test]
async fn set_role_patches_one_member() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/organizations/1/members/42"))
        .and(exact_json(json!({ "role": "member" })))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    cookie_client(&server)
        .members(1)
        .set_role(42, Role::Member)
        .await
        .unwrap();
    single_cookie_request(&server).await;
}

#[tokio::test]
async fn remove_sends_one_delete_per_person() {
    let server = MockServer::start().await;
    for id in [42, 43, 44] {
        Mock::given(method("DELETE"))
            .and(path(format!("/organizations/1/members/{id}")))
            .and(NoBody)
            .respond_with(ResponseTemplate::new(204))
            .expect(1)
            .mount(&server)
            .await;
    }
    cookie_client(&server)
        .members(1)
        .remove(&[Id::Int(42), Id::from("43"), Id::Int(44)])
        .await
        .unwrap();
    let reqs = received(&server).await;
    assert_eq!(reqs.len(), 3);
    let paths: Vec<_> = reqs.iter().map(|r| r.url.path().to_string()).collect();
    assert_eq!(
        paths,
        [
            "/organizations/1/members/42",
            "/organizations/1/members/43",
            "/organizations/1/members/44"
        ]
    );
    for r in &reqs {
        assert_eq!(
            header(r, "cookie"),
            Some(format!("connect.sid={SID}").as_str())
        );
    }
}

#[tokio::test]
async fn remove_stops_at_the_first_failure() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/organizations/1/members/42"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/organizations/1/members/43"))
        .respond_with(fixture_response(404, "kaana", "error_404"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/organizations/1/members/44"))
        .respond_with(ResponseTemplate::new(204))
        .expect(0)
        .mount(&server)
        .await;
    let err = cookie_client(&server)
        .members(1)
        .remove(&[Id::Int(42), Id::Int(43), Id::Int(44)])
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.operation(), Some("members.remove"));
}

#[tokio::test]
async fn remove_nobody_is_an_invalid_argument() {
    let server = MockServer::start().await;
    let err = cookie_client(&server)
        .members(1)
        .remove(&[])
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert_no_requests(&server).await;
}

/// kaana removes each person with `DELETE /organizations/{org}/members/{id}`:
/// one `..` among them would delete somewhere else, so none is sent.
#[tokio::test]
async fn a_dot_id_among_the_people_sends_nothing() {
    let server = MockServer::start().await;
    let client = cookie_client(&server);
    let err = client
        .members(1)
        .remove(&[Id::Int(42), Id::from("..")])
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert_eq!(err.field_errors()[0].field, "people.1");
    let err = client
        .members("..")
        .set_role(42, Role::Admin)
        .await
        .unwrap_err();
    let field = err.field_errors().first().map(|f| f.field.as_str());
    assert_eq!(field, Some("organization_id"), "{err:?}");
    assert_no_requests(&server).await;
}

#[tokio::test]
async fn projects_are_listed_per_organization() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/organizations/1/projects"))
        .and(ExactQuery::none())
        .respond_with(fixture_response(200, "kaana", "projects"))
        .expect(1)
        .mount(&server)
        .await;
    let page = cookie_client(&server)
        .projects()
        .list(ListParams::new().organization(1))
        .await
        .unwrap();
    single_cookie_request(&server).await;
    let p = &page.items[0];
    assert_eq!(p.id, Id::Int(101));
    assert_eq!(p.name.as_deref(), Some("Website relaunch"));
    assert_eq!(p.organization_id, Some(Id::Int(1)));
    assert_eq!(p.extra.get("budget"), Some(&json!(12000)));
    assert_eq!(p.created_at, Some(ts("2024-05-01T00:00:00Z")));
}

#[tokio::test]
async fn projects_without_an_organization_is_an_invalid_argument() {
    let server = MockServer::start().await;
    let err = cookie_client(&server)
        .projects()
        .list(ListParams::new())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert_no_requests(&server).await;
}

#[tokio::test]
async fn tasks_are_listed_per_organization() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/organizations/1/tasks"))
        .and(ExactQuery::none())
        .respond_with(fixture_response(200, "kaana", "tasks"))
        .expect(1)
        .mount(&server)
        .await;
    let page = cookie_client(&server)
        .tasks()
        .list(TaskScope::Organization(Id::Int(1)), ListParams::new())
        .await
        .unwrap();
    single_cookie_request(&server).await;
    assert_eq!(page.items.len(), 2);
    let t = &page.items[0];
    assert_eq!(t.id, Id::Int(501));
    assert_eq!(t.title.as_deref(), Some("Kick-off call"));
    assert_eq!(t.status, Some(TaskStatus::Completed));
    assert_eq!(t.organization_id, Some(Id::Int(1)));
    assert_eq!(t.due_date, Some(ts("2024-05-03T15:00:00Z")));
    assert_eq!(t.completed_at, Some(ts("2024-05-03T16:00:00Z")));
    assert_eq!(t.extra.get("priority"), Some(&json!("high")));
    assert_eq!(page.items[1].status, Some(TaskStatus::Todo));

    let err = cookie_client(&server)
        .tasks()
        .list(TaskScope::Project(Id::Int(1)), ListParams::new())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert_eq!(received(&server).await.len(), 1, "nothing more was sent");
}

#[tokio::test]
async fn documents_are_listed_per_organization() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/organizations/1/documents"))
        .and(ExactQuery::none())
        .respond_with(fixture_response(200, "kaana", "documents"))
        .expect(1)
        .mount(&server)
        .await;
    let page = cookie_client(&server)
        .documents(1)
        .list(ListParams::new())
        .await
        .unwrap();
    single_cookie_request(&server).await;
    let d = &page.items[0];
    assert_eq!(d.id, Id::Int(9001));
    assert_eq!(d.name.as_deref(), Some("contract.pdf"));
    assert_eq!(d.mime_type.as_deref(), Some("application/pdf"));
    assert_eq!(d.organization_id, Some(Id::Int(1)));
    assert_eq!(d.extra.get("size"), Some(&json!(48213)));
}

#[tokio::test]
async fn api_key_goes_out_as_bearer() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/organizations/1"))
        .respond_with(fixture_response(200, "kaana", "organization"))
        .expect(1)
        .mount(&server)
        .await;
    key_client(&server).organizations().get(1).await.unwrap();
    let r = &received(&server).await[0];
    assert_eq!(
        header(r, "authorization"),
        Some(format!("Bearer {API_KEY}").as_str())
    );
    assert_eq!(header(r, "cookie"), None);
}

#[tokio::test]
async fn cookie_and_key_together_send_both() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/organizations/1"))
        .respond_with(fixture_response(200, "kaana", "organization"))
        .mount(&server)
        .await;
    Client::builder(Provider::Kaana)
        .base_url(server.uri())
        .session_cookie(SID)
        .api_key(API_KEY)
        .build()
        .unwrap()
        .organizations()
        .get(1)
        .await
        .unwrap();
    let r = &received(&server).await[0];
    assert_eq!(
        header(r, "cookie"),
        Some(format!("connect.sid={SID}").as_str())
    );
    assert_eq!(
        header(r, "authorization"),
        Some(format!("Bearer {API_KEY}").as_str())
    );
}

#[tokio::test]
async fn base_url_with_a_path_prefix_is_kept() {
    let server = MockServer::start().await;
    for base in [
        format!("{}/api", server.uri()),
        format!("{}/api/", server.uri()),
    ] {
        let client = Client::builder(Provider::Kaana)
            .base_url(base)
            .session_cookie(SID)
            .build()
            .unwrap();
        server.reset().await;
        Mock::given(method("GET"))
            .and(path("/api/organizations/1"))
            .respond_with(fixture_response(200, "kaana", "organization"))
            .expect(1)
            .mount(&server)
            .await;
        client.organizations().get(1).await.unwrap();
    }
}

#[tokio::test]
async fn string_ids_are_percent_encoded_in_paths() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/organizations/a%2Fb%3Fc"))
        .respond_with(fixture_response(200, "kaana", "organization"))
        .expect(1)
        .mount(&server)
        .await;
    cookie_client(&server)
        .organizations()
        .get("a/b?c")
        .await
        .unwrap();
    let r = &received(&server).await[0];
    assert_eq!(r.url.query(), None);
}

#[tokio::test]
async fn documented_errors_map_to_kinds() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/organizations/99"))
        .respond_with(
            fixture_response(404, "kaana", "error_404")
                .insert_header("x-request-id", "req-kaana-1"),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/organizations"))
        .respond_with(fixture_response(401, "kaana", "error_401"))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/organizations/5"))
        .respond_with(ResponseTemplate::new(403).set_body_json(
            json!({ "error": "Forbidden", "message": "Requires consultant or admin role" }),
        ))
        .mount(&server)
        .await;
    let client = cookie_client(&server);

    let err = client.organizations().get(99).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.message(), "Organization 99 not found");
    assert_eq!(err.code(), Some("Not Found"));
    assert_eq!(err.request_id(), Some("req-kaana-1"));
    assert_eq!(err.provider(), Some("kaana"));
    assert_eq!(err.operation(), Some("organizations.get"));
    assert!(!err.is_retryable());
    assert_eq!(
        err.body(),
        Some(common::fixture_text("kaana", "error_404").as_str())
    );

    let err = client
        .organizations()
        .list(ListParams::new())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthorized);
    assert_eq!(err.message(), "Not authenticated");
    assert_eq!(err.code(), Some("Unauthorized"));

    let err = client.organizations().delete(5).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Forbidden);
    assert_eq!(err.message(), "Requires consultant or admin role");
}

#[tokio::test]
async fn error_with_only_an_error_field_uses_it_as_message() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/organizations/1"))
        .respond_with(ResponseTemplate::new(409).set_body_json(json!({ "error": "Conflict" })))
        .mount(&server)
        .await;
    let err = cookie_client(&server)
        .organizations()
        .get(1)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert_eq!(err.message(), "Conflict");
}

#[tokio::test]
async fn unsupported_operations_fail_before_any_request() {
    let server = MockServer::start().await;
    let client = cookie_client(&server);
    let errs = vec![
        client.organizations().switch(1).await.unwrap_err(),
        client.organizations().current().await.unwrap_err(),
        client
            .members(1)
            .reset_passwords(&[Id::Int(1)])
            .await
            .unwrap_err(),
        client
            .invites()
            .create(orgkit::NewInvite::new("a@b.c"))
            .await
            .unwrap_err(),
        client.invites().validate("tok").await.unwrap_err(),
        client.users().me().await.unwrap_err(),
        client
            .auth()
            .login(orgkit::Login::email("a@b.c", "pw"))
            .await
            .unwrap_err(),
        client.projects().get(1).await.unwrap_err(),
    ];
    for err in errs {
        assert_eq!(err.kind(), ErrorKind::Unsupported, "{err}");
        assert_eq!(err.provider(), Some("kaana"));
        assert!(err.message().contains("kaana does not support"), "{err}");
    }
    assert_no_requests(&server).await;
}

#[tokio::test]
async fn a_list_answered_with_an_object_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/organizations"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "ok": true })))
        .mount(&server)
        .await;
    let err = cookie_client(&server)
        .organizations()
        .list(ListParams::new())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_eq!(err.status(), Some(200));
}
