//! achieveapex (FeathersJS) against a wiremock server. The seed's examples
//! are kept verbatim in `tests/fixtures/achieveapex/` (README.md there
//! lists which files are verbatim and which are constructed).
//!
//! Doc note: the seed's curl examples send the Feathers query as a JSON
//! *body* on GET; Feathers reads `req.query`, so orgkit sends `$limit`,
//! `$skip`, `searchTerm`, `$sort[field]` in the query string and the GETs
//! here are asserted to carry no body.

mod common;

use std::time::Duration;

use common::*;
use futures::StreamExt;
use orgkit::{
    Client, ErrorKind, Id, InviteStatus, ListParams, Login, NewInvite, NewOrganization, NewProject,
    OrganizationPatch, Provider, Role, SortOrder, SubscriptionStatus, TaskScope,
};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer};

const P: &str = "achieveapex";

async fn setup() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let client = client(Provider::Achieveapex, &server);
    (server, client)
}

fn bearer() -> wiremock::matchers::HeaderExactMatcher {
    header("authorization", format!("Bearer {TOKEN}").as_str())
}

#[test]
fn capabilities_and_default_base_url() {
    let client = Client::builder(Provider::Achieveapex).build().unwrap();
    assert_eq!(client.base_url().as_str(), "https://api.achieveapex.com/");
    assert_eq!(
        client.capabilities(),
        vec![
            "organizations.list",
            "organizations.get",
            "members.list",
            "invites.create",
            "auth.login",
        ]
    );
}

#[tokio::test]
async fn list_organizations_sends_the_feathers_query_string() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/organizations"))
        .and(bearer())
        .and(NoBody)
        .and(exact_query(&[
            ("$limit", "10"),
            ("$skip", "0"),
            ("searchTerm", "acme"),
        ]))
        .respond_with(fixture_response(200, P, "organizations_list"))
        .expect(1)
        .mount(&server)
        .await;
    let page = client
        .organizations()
        .list(ListParams::new().limit(10).skip(0).search("acme"))
        .await
        .unwrap();
    assert_eq!(page.total, Some(2));
    assert!(page.next.is_none(), "skip 0 + 2 items = total 2");
    assert_eq!(page.items.len(), 2);
    let acme = &page.items[0];
    assert_eq!(acme.id, Id::Int(123));
    assert_eq!(acme.name.as_deref(), Some("Acme Inc"));
    assert_eq!(acme.subscription_status, Some(SubscriptionStatus::Active));
    assert_eq!(acme.created_at, Some(ts("2023-01-01T00:00:00Z")));
    assert_eq!(acme.updated_at, Some(ts("2023-01-01T00:00:00Z")));
    assert!(acme.extra.is_empty(), "{:?}", acme.extra);
    let sol = &page.items[1];
    assert_eq!(sol.id, Id::Int(456));
    assert_eq!(sol.name.as_deref(), Some("Acme Solutions"));
    assert_eq!(sol.subscription_status, Some(SubscriptionStatus::Active));
    assert_eq!(sol.created_at, Some(ts("2023-02-01T00:00:00Z")));

    let r = &received(&server).await[0];
    assert_standard_headers(r);
    // `$` and brackets arrive percent-encoded or raw; either decodes the same.
    assert_eq!(query_value(r, "$limit").as_deref(), Some("10"));
}

#[tokio::test]
async fn list_with_a_sort_sends_the_bracket_form() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/organizations"))
        .and(exact_query(&[("$sort[name]", "1")]))
        .respond_with(fixture_response(200, P, "organizations_list"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/organizations"))
        .and(exact_query(&[("$sort[created_at]", "-1")]))
        .respond_with(fixture_response(200, P, "organizations_list"))
        .expect(1)
        .mount(&server)
        .await;
    client
        .organizations()
        .list(ListParams::new().sort("name", SortOrder::Asc))
        .await
        .unwrap();
    client
        .organizations()
        .list(ListParams::new().sort("created_at", SortOrder::Desc))
        .await
        .unwrap();
}

#[tokio::test]
async fn get_organization_decodes_the_seed_object() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/organizations/123"))
        .and(bearer())
        .and(ExactQuery::none())
        .and(NoBody)
        .respond_with(fixture_response(200, P, "organization_get"))
        .expect(1)
        .mount(&server)
        .await;
    let org = client.organizations().get(123).await.unwrap();
    let object =
        orgkit::Organization::from_json_slice(fixture_text(P, "organization_object").as_bytes())
            .unwrap();
    assert_eq!(org, object, "the Organization Object decodes the same");
    assert_eq!(org.id, Id::Int(123));
    assert_eq!(org.name.as_deref(), Some("Acme Inc"));
    assert_eq!(org.subscription_status, Some(SubscriptionStatus::Active));
    assert_eq!(org.created_at, Some(ts("2023-01-01T00:00:00.000Z")));
    assert_eq!(org.updated_at, Some(ts("2023-01-01T00:00:00.000Z")));
    assert_standard_headers(&received(&server).await[0]);
}

#[tokio::test]
async fn members_list_hoists_the_nested_user() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/organizations-users"))
        .and(bearer())
        .and(NoBody)
        .and(exact_query(&[
            ("organization_id", "123"),
            ("$limit", "100"),
            ("$sort[created_at]", "-1"),
        ]))
        .respond_with(fixture_response(200, P, "organizations_users"))
        .expect(1)
        .mount(&server)
        .await;
    let page = client
        .members(123)
        .list(ListParams::new().limit(100))
        .await
        .unwrap();
    assert_eq!(page.total, Some(2));
    assert!(page.next.is_none());
    let john = &page.items[0];
    assert_eq!(john.user_id, Id::Int(101));
    assert_eq!(john.membership_id, Some(Id::Int(789)));
    assert_eq!(john.organization_id, Some(Id::Int(123)));
    assert_eq!(john.role, Some(Role::Admin));
    assert_eq!(john.email.as_deref(), Some("john.doe@example.com"));
    assert_eq!(john.first_name.as_deref(), Some("John"));
    assert_eq!(john.last_name.as_deref(), Some("Doe"));
    assert_eq!(john.created_at, Some(ts("2023-01-01T00:00:00Z")));
    assert_eq!(john.updated_at, Some(ts("2023-01-01T00:00:00Z")));
    assert!(john.extra.is_empty(), "{:?}", john.extra);
    let jane = &page.items[1];
    assert_eq!(jane.user_id, Id::Int(102));
    assert_eq!(jane.membership_id, Some(Id::Int(790)));
    assert_eq!(jane.role, Some(Role::Member));
    assert_eq!(jane.email.as_deref(), Some("jane.smith@example.com"));
    assert_eq!(jane.first_name.as_deref(), Some("Jane"));
    assert_eq!(jane.last_name.as_deref(), Some("Smith"));
    assert_eq!(jane.created_at, Some(ts("2023-01-02T00:00:00Z")));
}

#[tokio::test]
async fn members_list_of_a_string_org_id_and_a_custom_sort() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/organizations-users"))
        .and(exact_query(&[
            ("organization_id", "123"),
            ("$sort[role]", "1"),
            ("$skip", "10"),
        ]))
        .respond_with(fixture_response(200, P, "organizations_users"))
        .expect(1)
        .mount(&server)
        .await;
    client
        .members("123")
        .list(ListParams::new().skip(10).sort("role", SortOrder::Asc))
        .await
        .unwrap();
}

#[tokio::test]
async fn skip_paging_walks_every_page_and_stops_at_the_end() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/organizations"))
        .and(exact_query(&[("$limit", "2")]))
        .respond_with(fixture_response(200, P, "organizations_skip0"))
        .expect(1)
        .mount(&server)
        .await;
    for skip in [2, 4] {
        Mock::given(method("GET"))
            .and(path("/organizations"))
            .and(exact_query(&[
                ("$limit", "2"),
                ("$skip", &skip.to_string()),
            ]))
            .respond_with(fixture_response(
                200,
                P,
                &format!("organizations_skip{skip}"),
            ))
            .expect(1)
            .mount(&server)
            .await;
    }
    let first = client
        .organizations()
        .list(ListParams::new().limit(2))
        .await
        .unwrap();
    assert_eq!(first.total, Some(5));
    assert_eq!(first.next.as_ref().unwrap().skip, Some(2));
    let orgs: Vec<_> = first
        .stream()
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<Result<_, _>>()
        .unwrap();
    let ids: Vec<Id> = orgs.iter().map(|o| o.id.clone()).collect();
    assert_eq!(ids, [201, 202, 203, 204, 205].map(Id::Int).to_vec());
    let subs: Vec<_> = orgs
        .iter()
        .map(|o| o.subscription_status.clone().unwrap())
        .collect();
    assert_eq!(
        subs,
        vec![
            SubscriptionStatus::Active,
            SubscriptionStatus::Trialing,
            SubscriptionStatus::PastDue,
            SubscriptionStatus::Canceled,
            SubscriptionStatus::Other("paused".into()),
        ]
    );

    let reqs = received(&server).await;
    assert_eq!(reqs.len(), 3);
    let skips: Vec<_> = reqs.iter().map(|r| query_value(r, "$skip")).collect();
    assert_eq!(skips, vec![None, Some("2".into()), Some("4".into())]);
}

#[tokio::test]
async fn collect_all_errors_past_the_cap_and_stops_fetching() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/organizations"))
        .and(exact_query(&[("$limit", "2")]))
        .respond_with(fixture_response(200, P, "organizations_skip0"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/organizations"))
        .and(exact_query(&[("$limit", "2"), ("$skip", "2")]))
        .respond_with(fixture_response(200, P, "organizations_skip2"))
        .expect(1)
        .mount(&server)
        .await;
    let err = client
        .organizations()
        .list(ListParams::new().limit(2))
        .await
        .unwrap()
        .collect_all(3)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn a_stream_consumer_that_stops_early_fetches_no_further_page() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/organizations"))
        .and(exact_query(&[("$limit", "2")]))
        .respond_with(fixture_response(200, P, "organizations_skip0"))
        .expect(1)
        .mount(&server)
        .await;
    let first = client
        .organizations()
        .list(ListParams::new().limit(2))
        .await
        .unwrap();
    let two: Vec<_> = first.stream().take(2).collect().await;
    assert_eq!(two.len(), 2);
    assert_eq!(received(&server).await.len(), 1);
}

// ---- auth ---------------------------------------------------------------

#[tokio::test]
async fn login_uses_the_local_strategy_and_adopts_the_access_token() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/authentication"))
        .and(ExactQuery::none())
        .and(exact_json(json!({
            "strategy": "local",
            "email": "john.doe@example.com",
            "password": "correct horse"
        })))
        .respond_with(fixture_response(201, P, "login"))
        .expect(1)
        .mount(&server)
        .await;
    let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6ImFjY2VzcyJ9.eyJzdWIiOiIxMDEifQ.achieveapex-signature";
    Mock::given(method("GET"))
        .and(path("/organizations/123"))
        .and(header("authorization", format!("Bearer {jwt}").as_str()))
        .respond_with(fixture_response(200, P, "organization_get"))
        .expect(1)
        .mount(&server)
        .await;
    let client = builder(Provider::Achieveapex, &server)
        .max_retries(0)
        .build()
        .unwrap();
    let session = client
        .auth()
        .login(Login::email("john.doe@example.com", "correct horse"))
        .await
        .unwrap();
    assert_eq!(session.token.expose(), jwt);
    let user = session.user.as_ref().unwrap();
    assert_eq!(user.id, Id::Int(101));
    assert_eq!(user.email.as_deref(), Some("john.doe@example.com"));
    assert_eq!(user.first_name.as_deref(), Some("John"));
    assert_eq!(user.last_name.as_deref(), Some("Doe"));
    assert_eq!(user.created_at, Some(ts("2023-01-01T00:00:00Z")));
    assert!(!session.extra.contains_key("authentication"));
    assert!(!format!("{session:?}").contains(jwt));

    client.organizations().get(123).await.unwrap();
    let reqs = received(&server).await;
    assert!(common::header(&reqs[0], "authorization").is_none());
    assert_standard_headers(&reqs[0]);
}

#[tokio::test]
async fn a_failed_login_is_unauthorized() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/authentication"))
        .respond_with(fixture_response(401, P, "error_not_authenticated"))
        .expect(1)
        .mount(&server)
        .await;
    let err = client
        .auth()
        .login(Login::email("john.doe@example.com", "nope"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthorized);
    assert_eq!(err.message(), "Invalid login");
    assert_eq!(err.code(), Some("not-authenticated"));
}

#[tokio::test]
async fn api_key_goes_in_x_api_key_not_authorization() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/organizations/123"))
        .and(header("x-api-key", "ak_live_abc"))
        .respond_with(fixture_response(200, P, "organization_get"))
        .expect(1)
        .mount(&server)
        .await;
    let client = builder(Provider::Achieveapex, &server)
        .api_key("ak_live_abc")
        .build()
        .unwrap();
    client.organizations().get(123).await.unwrap();
    let r = &received(&server).await[0];
    assert!(common::header(r, "authorization").is_none());
    assert_standard_headers(r);
    assert!(!format!("{client:?}").contains("ak_live_abc"));
}

#[tokio::test]
async fn token_and_api_key_are_both_sent() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/organizations/123"))
        .and(header("x-api-key", "ak_live_abc"))
        .and(bearer())
        .respond_with(fixture_response(200, P, "organization_get"))
        .expect(1)
        .mount(&server)
        .await;
    let client = builder(Provider::Achieveapex, &server)
        .api_key("ak_live_abc")
        .token(TOKEN)
        .build()
        .unwrap();
    client.organizations().get(123).await.unwrap();
}

// ---- invites ------------------------------------------------------------

#[tokio::test]
async fn invite_sends_email_organization_and_role() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/organizations-users-invites"))
        .and(bearer())
        .and(exact_json(json!({
            "email": "new.member@example.com",
            "organization_id": 123,
            "role": "admin"
        })))
        .respond_with(fixture_response(201, P, "invite"))
        .expect(1)
        .mount(&server)
        .await;
    let invite = client
        .invites()
        .create(NewInvite {
            email: "new.member@example.com".into(),
            // a numeric string id goes out as a number
            organization_id: Some(Id::from("123")),
            role: Some(Role::parse("Admin")),
        })
        .await
        .unwrap();
    assert_eq!(invite.id, Some(Id::Int(55)));
    assert_eq!(invite.email.as_deref(), Some("new.member@example.com"));
    assert_eq!(invite.organization.as_ref().unwrap().id, Id::Int(123));
    assert_eq!(invite.role, Some(Role::Admin));
    assert_eq!(invite.token.as_deref(), Some("inv_7f3c2a9e4b"));
    assert_eq!(invite.expires_at, Some(ts("2023-01-08T00:00:00Z")));
    assert_eq!(invite.status, Some(InviteStatus::Pending));
    assert_eq!(invite.created_at, Some(ts("2023-01-01T00:00:00Z")));
    assert!(!format!("{invite:?}").contains("inv_7f3c2a9e4b"));
    assert_standard_headers(&received(&server).await[0]);
}

#[tokio::test]
async fn invite_role_defaults_to_member() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/organizations-users-invites"))
        .and(exact_json(json!({
            "email": "new.member@example.com",
            "organization_id": 123,
            "role": "member"
        })))
        .respond_with(fixture_response(201, P, "invite"))
        .expect(1)
        .mount(&server)
        .await;
    client
        .invites()
        .create(NewInvite {
            organization_id: Some(Id::Int(123)),
            ..NewInvite::new("new.member@example.com")
        })
        .await
        .unwrap();
}

#[tokio::test]
async fn invite_errors_keep_field_errors() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/organizations-users-invites"))
        .respond_with(fixture_response(400, P, "error_bad_request"))
        .expect(1)
        .mount(&server)
        .await;
    let err = client
        .invites()
        .create(NewInvite {
            organization_id: Some(Id::Int(123)),
            ..NewInvite::new("john.doe@example.com")
        })
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadRequest);
    assert_eq!(err.message(), "Invalid invite");
    assert_eq!(err.code(), Some("bad-request"));
    assert_eq!(err.field_errors().len(), 1);
    assert_eq!(err.field_errors()[0].field, "email");
    assert_eq!(
        err.field_errors()[0].message,
        "email is already a member of this organization"
    );
}

// ---- errors -------------------------------------------------------------

#[tokio::test]
async fn the_seed_not_found_error() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/organizations/999"))
        .respond_with(fixture_response(404, P, "error_not_found"))
        .expect(1)
        .mount(&server)
        .await;
    let err = client.organizations().get(999).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.message(), "No record found for id '999'");
    assert_eq!(err.code(), Some("not-found"));
    assert_eq!(err.provider(), Some("achieveapex"));
    assert_eq!(err.operation(), Some("organizations.get"));
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn a_429_reads_retry_after_and_the_rate_limit_from_the_body() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/organizations"))
        .respond_with(fixture_response(429, P, "error_rate_limited"))
        .expect(1)
        .mount(&server)
        .await;
    let before = chrono::Utc::now();
    let err = client
        .organizations()
        .list(ListParams::new())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert_eq!(err.status(), Some(429));
    assert_eq!(err.code(), Some("too-many-requests"));
    assert_eq!(err.message(), "Too many requests, please try again later.");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(30)));
    assert!(err.is_retryable());
    let rl = client.rate_limit().expect("rate limit from the body");
    assert_eq!(rl.limit, Some(100));
    assert_eq!(rl.remaining, Some(0));
    let reset = rl.reset.expect("reset = now + retryAfter");
    assert!(reset >= before + chrono::Duration::seconds(30));
    assert!(reset <= chrono::Utc::now() + chrono::Duration::seconds(30));
}

#[tokio::test]
async fn a_429_is_retried_after_the_bodys_retry_after() {
    // retryAfter 0 in the body; the backoff the client would otherwise use is
    // an hour, past the 10 s deadline. Only by honouring the body's
    // retryAfter can the retry happen (and no real time is spent waiting).
    let server = MockServer::start().await;
    let mut body = fixture(P, "error_rate_limited");
    body["data"]["retryAfter"] = json!(0);
    Mock::given(method("GET"))
        .and(path("/organizations/123"))
        .respond_with(json_response(429, &body))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/organizations/123"))
        .respond_with(fixture_response(200, P, "organization_get"))
        .expect(1)
        .mount(&server)
        .await;
    let client = builder(Provider::Achieveapex, &server)
        .token(TOKEN)
        .retry_policy(orgkit::RetryPolicy {
            max_retries: 1,
            initial_backoff: Duration::from_secs(3600),
            max_backoff: Duration::from_secs(3600),
            ..Default::default()
        })
        .deadline(Duration::from_secs(10))
        .build()
        .unwrap();
    let org = client.organizations().get(123).await.unwrap();
    assert_eq!(org.id, Id::Int(123));
    assert_eq!(received(&server).await.len(), 2);
}

// ---- unsupported and client-side validation ----------------------------

#[tokio::test]
async fn unsupported_operations_send_nothing() {
    let (server, client) = setup().await;
    let errs = vec![
        client
            .organizations()
            .create(NewOrganization::named("Acme"))
            .await
            .unwrap_err(),
        client
            .organizations()
            .update(
                123,
                OrganizationPatch {
                    name: Some("x".into()),
                    ..Default::default()
                },
            )
            .await
            .unwrap_err(),
        client.organizations().delete(123).await.unwrap_err(),
        client.organizations().duplicate(123).await.unwrap_err(),
        client.organizations().switch(123).await.unwrap_err(),
        client.organizations().current().await.unwrap_err(),
        client.members(123).add(1, "member").await.unwrap_err(),
        client.members(123).set_role(1, "admin").await.unwrap_err(),
        client.members(123).remove(&[Id::Int(1)]).await.unwrap_err(),
        client
            .members(123)
            .reset_passwords(&[Id::Int(1)])
            .await
            .unwrap_err(),
        client.invites().validate("tok").await.unwrap_err(),
        client.projects().list(ListParams::new()).await.unwrap_err(),
        client
            .projects()
            .create(NewProject::named("p"))
            .await
            .unwrap_err(),
        client
            .tasks()
            .list(TaskScope::Organization(Id::Int(123)), ListParams::new())
            .await
            .unwrap_err(),
        client
            .documents(123)
            .list(ListParams::new())
            .await
            .unwrap_err(),
        client.users().me().await.unwrap_err(),
        client.users().my_organizations().await.unwrap_err(),
    ];
    for e in &errs {
        assert_eq!(e.kind(), ErrorKind::Unsupported, "{e:?}");
        assert_eq!(e.provider(), Some("achieveapex"));
    }
    assert_eq!(errs[0].operation(), Some("organizations.create"));
    assert_no_requests(&server).await;
}

#[tokio::test]
async fn client_side_validation_sends_nothing() {
    let (server, client) = setup().await;
    let with_org = |email: &str| NewInvite {
        organization_id: Some(Id::Int(123)),
        ..NewInvite::new(email)
    };
    let cases = vec![
        (
            client.invites().create(with_org("")).await.unwrap_err(),
            "email",
        ),
        (
            client
                .invites()
                .create(with_org("john.doe"))
                .await
                .unwrap_err(),
            "email",
        ),
        (
            client
                .invites()
                .create(with_org("@example.com"))
                .await
                .unwrap_err(),
            "email",
        ),
        (
            client
                .invites()
                .create(NewInvite::new("john.doe@example.com"))
                .await
                .unwrap_err(),
            "organization_id",
        ),
        (
            client
                .auth()
                .login(Login::email("", "pw"))
                .await
                .unwrap_err(),
            "email",
        ),
        (
            client
                .auth()
                .login(Login::email("john.doe@example.com", ""))
                .await
                .unwrap_err(),
            "password",
        ),
        (
            client
                .organizations()
                .list(ListParams::new().limit(0))
                .await
                .unwrap_err(),
            "limit",
        ),
    ];
    for (err, field) in &cases {
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{err:?}");
        assert_eq!(err.field_errors()[0].field, *field, "{err:?}");
    }
    assert_no_requests(&server).await;
}
