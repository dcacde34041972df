//! ourganize against a wiremock server: exact requests, envelope decoding,
//! errors, page-number paging, rate-limit headers, unsupported operations.
//!
//! Fixtures: `tests/fixtures/ourganize/` (see `envelope_success.md` there:
//! the seed prints only envelope shapes, so most bodies are constructed).

mod common;

use common::*;
use futures::StreamExt;
use orgkit::{
    Client, ErrorKind, Id, ListParams, Login, Method, NewInvite, NewOrganization, NewProject,
    NewTask, Operation, ProjectPatch, ProjectSettings, ProjectStatus, Provider, Role, TaskPatch,
    TaskScope, TaskStatus, UserPatch,
};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const P: &str = "ourganize";

async fn setup() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let client = client(Provider::Ourganize, &server);
    (server, client)
}

fn bearer() -> wiremock::matchers::HeaderExactMatcher {
    header("authorization", format!("Bearer {TOKEN}").as_str())
}

/// The one request the server got, after checking the headers every call carries.
async fn only_request(server: &MockServer) -> wiremock::Request {
    let mut got = received(server).await;
    assert_eq!(got.len(), 1, "expected exactly one request");
    let r = got.remove(0);
    assert_standard_headers(&r);
    assert_eq!(
        common::header(&r, "authorization"),
        Some("Bearer test-token")
    );
    r
}

#[test]
fn capabilities_are_the_documented_ones() {
    let client = Client::builder(Provider::Ourganize).build().unwrap();
    assert_eq!(client.base_url().as_str(), "https://api.ourganize.com/v1");
    assert_eq!(
        client.capabilities(),
        vec![
            "invites.create",
            "projects.list",
            "projects.get",
            "projects.create",
            "projects.update",
            "projects.delete",
            "tasks.list",
            "tasks.get",
            "tasks.create",
            "tasks.update",
            "tasks.complete",
            "tasks.delete",
            "users.list",
            "users.me",
            "users.update_me",
        ]
    );
    assert!(!client.supports(Operation::OrganizationsList));
    assert!(client.rate_limit().is_none());
}

#[tokio::test]
async fn create_project_sends_the_seed_body_and_decodes_the_envelope() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/projects"))
        .and(bearer())
        .and(ExactQuery::none())
        .and(exact_json(json!({
            "name": "My New Project",
            "description": "A sample project",
            "settings": { "isPublic": false, "allowComments": true }
        })))
        .respond_with(fixture_response(201, P, "project"))
        .expect(1)
        .mount(&server)
        .await;

    let project = client
        .projects()
        .create(NewProject {
            description: Some("A sample project".into()),
            settings: Some(ProjectSettings {
                is_public: Some(false),
                allow_comments: Some(true),
                ..Default::default()
            }),
            ..NewProject::named("My New Project")
        })
        .await
        .unwrap();

    assert_eq!(project.id, Id::Int(123));
    assert_eq!(project.name.as_deref(), Some("My New Project"));
    assert_eq!(project.description.as_deref(), Some("A sample project"));
    assert_eq!(project.status, Some(ProjectStatus::Active));
    let settings = project.settings.unwrap();
    assert_eq!(settings.is_public, Some(false));
    assert_eq!(settings.allow_comments, Some(true));
    assert_eq!(project.created_at, Some(ts("2024-01-10T09:00:00Z")));
    assert_eq!(project.updated_at, Some(ts("2024-01-10T09:00:00Z")));
    assert!(project.extra.is_empty(), "{:?}", project.extra);
    only_request(&server).await;
}

#[tokio::test]
async fn get_project() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/projects/123"))
        .and(bearer())
        .and(ExactQuery::none())
        .and(NoBody)
        .respond_with(fixture_response(200, P, "project"))
        .expect(1)
        .mount(&server)
        .await;
    let project = client.projects().get(123).await.unwrap();
    assert_eq!(project.id, Id::Int(123));
    assert_eq!(project.name.as_deref(), Some("My New Project"));
    let r = only_request(&server).await;
    assert_eq!(
        common::header(&r, "content-type"),
        None,
        "no body, no content type"
    );
}

#[tokio::test]
async fn update_project_sends_only_the_given_fields() {
    let (server, client) = setup().await;
    Mock::given(method("PUT"))
        .and(path("/projects/123"))
        .and(bearer())
        .and(exact_json(json!({
            "name": "Renamed Project",
            "status": "archived",
            "settings": { "isPublic": true }
        })))
        .respond_with(fixture_response(200, P, "project_updated"))
        .expect(1)
        .mount(&server)
        .await;
    let project = client
        .projects()
        .update(
            "123",
            ProjectPatch {
                name: Some("Renamed Project".into()),
                status: Some(ProjectStatus::Archived),
                settings: Some(ProjectSettings {
                    is_public: Some(true),
                    ..Default::default()
                }),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(project.name.as_deref(), Some("Renamed Project"));
    assert_eq!(project.status, Some(ProjectStatus::Archived));
    assert_eq!(project.updated_at, Some(ts("2024-01-12T16:45:30Z")));
    only_request(&server).await;
}

#[tokio::test]
async fn delete_project_and_task() {
    let (server, client) = setup().await;
    Mock::given(method("DELETE"))
        .and(path("/projects/123"))
        .and(bearer())
        .and(NoBody)
        .respond_with(fixture_response(200, P, "deleted"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/tasks/456"))
        .and(bearer())
        .and(NoBody)
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    client.projects().delete(123).await.unwrap();
    client.tasks().delete(456).await.unwrap();
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn list_tasks_sends_the_seed_query() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/projects/123/tasks"))
        .and(bearer())
        .and(exact_query(&[("status", "active"), ("limit", "10")]))
        .respond_with(fixture_response(200, P, "tasks_list"))
        .expect(1)
        .mount(&server)
        .await;
    let page = client
        .tasks()
        .list(
            TaskScope::Project(Id::Int(123)),
            ListParams::new().status("active").limit(10),
        )
        .await
        .unwrap();
    assert_eq!(page.total, Some(2));
    assert!(page.next.is_none(), "1 * 10 >= 2: no next page");
    assert_eq!(page.items.len(), 2);
    let t = &page.items[0];
    assert_eq!(t.id, Id::Int(456));
    assert_eq!(t.project_id, Some(Id::Int(123)));
    assert_eq!(t.title.as_deref(), Some("Draft the project charter"));
    assert_eq!(t.description.as_deref(), Some("One page, goals and owners"));
    assert_eq!(t.status, Some(TaskStatus::Active));
    assert_eq!(t.assignee_id, Some(Id::Int(42)));
    assert_eq!(t.due_date, Some(ts("2024-01-20T17:00:00Z")));
    assert_eq!(t.completed_at, None);
    assert_eq!(t.created_at, Some(ts("2024-01-10T09:05:00Z")));
    assert_eq!(page.items[1].id, Id::Int(457));
    only_request(&server).await;
}

#[tokio::test]
async fn get_task() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/tasks/456"))
        .and(bearer())
        .and(ExactQuery::none())
        .respond_with(fixture_response(200, P, "task"))
        .expect(1)
        .mount(&server)
        .await;
    let task = client.tasks().get(456).await.unwrap();
    assert_eq!(task.id, Id::Int(456));
    assert_eq!(task.status, Some(TaskStatus::Active));
    only_request(&server).await;
}

#[tokio::test]
async fn create_task_in_a_project() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/projects/123/tasks"))
        .and(bearer())
        .and(exact_json(json!({
            "title": "Draft the project charter",
            "description": "One page, goals and owners",
            "status": "active",
            "assigneeId": 42,
            "dueDate": "2024-01-20T17:00:00Z"
        })))
        .respond_with(fixture_response(201, P, "task"))
        .expect(1)
        .mount(&server)
        .await;
    let task = client
        .tasks()
        .create(
            123,
            NewTask {
                description: Some("One page, goals and owners".into()),
                status: Some(TaskStatus::Active),
                // a numeric string id goes out as a JSON number
                assignee_id: Some(Id::from("42")),
                due_date: Some(ts("2024-01-20T17:00:00Z")),
                ..NewTask::titled("Draft the project charter")
            },
        )
        .await
        .unwrap();
    assert_eq!(task.id, Id::Int(456));
    assert_eq!(task.project_id, Some(Id::Int(123)));
    only_request(&server).await;
}

#[tokio::test]
async fn update_task_status_sends_the_seed_body() {
    let (server, client) = setup().await;
    Mock::given(method("PUT"))
        .and(path("/tasks/456"))
        .and(bearer())
        .and(exact_json(json!({
            "status": "completed",
            "completedAt": "2024-01-15T10:30:00Z"
        })))
        .respond_with(fixture_response(200, P, "task_completed"))
        .expect(1)
        .mount(&server)
        .await;
    let task = client
        .tasks()
        .update(456, TaskPatch::completed(ts("2024-01-15T10:30:00Z")))
        .await
        .unwrap();
    assert_eq!(task.status, Some(TaskStatus::Completed));
    assert_eq!(task.completed_at, Some(ts("2024-01-15T10:30:00Z")));
    assert_eq!(task.updated_at, Some(ts("2024-01-15T10:30:00Z")));
    only_request(&server).await;
}

#[tokio::test]
async fn complete_task_sends_status_and_the_time_it_was_called() {
    let (server, client) = setup().await;
    Mock::given(method("PUT"))
        .and(path("/tasks/456"))
        .and(bearer())
        .respond_with(fixture_response(200, P, "task_completed"))
        .expect(1)
        .mount(&server)
        .await;
    let before = chrono::Utc::now();
    let task = client.tasks().complete(456).await.unwrap();
    let after = chrono::Utc::now();
    assert_eq!(task.status, Some(TaskStatus::Completed));
    let r = only_request(&server).await;
    let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(body["status"], "completed");
    assert_eq!(body.as_object().unwrap().len(), 2, "{body}");
    let sent = chrono::DateTime::parse_from_rfc3339(body["completedAt"].as_str().unwrap())
        .unwrap()
        .with_timezone(&chrono::Utc);
    // Sent with whole seconds or its fraction: within the call, to the second.
    assert!(
        sent >= before - chrono::Duration::seconds(1) && sent <= after,
        "{sent}"
    );
}

#[tokio::test]
async fn users_list_me_and_update_me() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/users"))
        .and(bearer())
        .and(ExactQuery::none())
        .respond_with(fixture_response(200, P, "users_list"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/user/profile"))
        .and(bearer())
        .and(ExactQuery::none())
        .respond_with(fixture_response(200, P, "user_profile"))
        .expect(1)
        .mount(&server)
        .await;
    let mut extra = serde_json::Map::new();
    extra.insert("timezone".into(), json!("Europe/London"));
    Mock::given(method("PUT"))
        .and(path("/user/profile"))
        .and(bearer())
        .and(exact_json(json!({
            "firstName": "Ada",
            "lastName": "Lovelace",
            "timezone": "Europe/London"
        })))
        .respond_with(fixture_response(200, P, "user_profile"))
        .expect(1)
        .mount(&server)
        .await;

    let users = client.users().list(ListParams::new()).await.unwrap();
    assert_eq!(users.total, Some(2));
    assert!(users.next.is_none());
    assert_eq!(users.items[0].id, Id::Int(42));
    assert_eq!(users.items[0].email.as_deref(), Some("ada@example.com"));
    assert_eq!(users.items[1].first_name.as_deref(), Some("Charles"));
    assert_eq!(users.items[1].role, Some(Role::Member));
    assert_eq!(users.items[1].is_active, Some(false));

    let me = client.users().me().await.unwrap();
    assert_eq!(me.id, Id::Int(42));
    assert_eq!(me.first_name.as_deref(), Some("Ada"));
    assert_eq!(me.last_name.as_deref(), Some("Lovelace"));
    assert_eq!(me.role, Some(Role::Admin));
    assert_eq!(me.is_active, Some(true));
    assert_eq!(me.created_at, Some(ts("2023-12-01T08:00:00Z")));
    assert_eq!(me.extra.get("timezone"), Some(&json!("Europe/London")));

    let updated = client
        .users()
        .update_me(UserPatch {
            first_name: Some("Ada".into()),
            last_name: Some("Lovelace".into()),
            extra,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(updated.email.as_deref(), Some("ada@example.com"));
    for r in received(&server).await {
        assert_standard_headers(&r);
    }
}

#[tokio::test]
async fn invite_a_user() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/users/invite"))
        .and(bearer())
        .and(exact_json(
            json!({ "email": "new.hire@example.com", "role": "member" }),
        ))
        .respond_with(fixture_response(201, P, "invite"))
        .expect(1)
        .mount(&server)
        .await;
    let invite = client
        .invites()
        .create(NewInvite {
            role: Some(Role::Member),
            ..NewInvite::new("new.hire@example.com")
        })
        .await
        .unwrap();
    assert_eq!(invite.id, Some(Id::Int(901)));
    assert_eq!(invite.email.as_deref(), Some("new.hire@example.com"));
    assert_eq!(invite.role, Some(Role::Member));
    assert_eq!(invite.status, Some(orgkit::InviteStatus::Pending));
    assert_eq!(invite.expires_at, Some(ts("2024-01-22T10:30:00Z")));
    only_request(&server).await;
}

#[tokio::test]
async fn invite_without_a_role_sends_only_the_email() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/users/invite"))
        .and(exact_json(json!({ "email": "new.hire@example.com" })))
        .respond_with(fixture_response(201, P, "invite"))
        .expect(1)
        .mount(&server)
        .await;
    client
        .invites()
        .create(NewInvite::new("new.hire@example.com"))
        .await
        .unwrap();
}

// ---- errors -------------------------------------------------------------

#[tokio::test]
async fn the_seed_validation_error_maps_to_validation_with_field_errors() {
    for status in [400, 422] {
        let (server, client) = setup().await;
        Mock::given(method("POST"))
            .and(path("/users/invite"))
            .respond_with(fixture_response(status, P, "error_validation"))
            .expect(1)
            .mount(&server)
            .await;
        let err = client
            .invites()
            .create(NewInvite::new("someone@example.com"))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Validation, "status {status}");
        assert_eq!(err.status(), Some(status));
        assert_eq!(err.code(), Some("VALIDATION_ERROR"));
        assert_eq!(err.message(), "The request data is invalid");
        assert_eq!(err.field_errors().len(), 1);
        assert_eq!(err.field_errors()[0].field, "email");
        assert_eq!(err.field_errors()[0].message, "Email is required");
        assert_eq!(err.provider(), Some("ourganize"));
        assert_eq!(err.operation(), Some("invites.create"));
        assert!(!err.is_retryable());
        assert!(err.body().unwrap().contains("VALIDATION_ERROR"));
    }
}

#[tokio::test]
async fn success_false_in_a_2xx_is_an_error() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/projects/123"))
        .respond_with(fixture_response(200, P, "error_validation"))
        .mount(&server)
        .await;
    let err = client.projects().get(123).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert_eq!(err.status(), Some(200));
    assert_eq!(err.code(), Some("VALIDATION_ERROR"));
    assert_eq!(err.message(), "The request data is invalid");
    assert_eq!(err.field_errors()[0].field, "email");

    // Other codes in a 2xx `success:false` are a BadRequest with the code kept.
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/projects/123"))
        .respond_with(json_response(
            200,
            &json!({"success": false, "error": {"code": "SOMETHING_ODD", "message": "odd"}}),
        ))
        .mount(&server)
        .await;
    let err = client.projects().get(123).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadRequest);
    assert_eq!(err.code(), Some("SOMETHING_ODD"));
    assert_eq!(err.message(), "odd");
}

#[tokio::test]
async fn documented_statuses_map_to_kinds() {
    let cases = [
        (400, ErrorKind::BadRequest),
        (401, ErrorKind::Unauthorized),
        (403, ErrorKind::Forbidden),
        (404, ErrorKind::NotFound),
        (422, ErrorKind::Validation),
        (429, ErrorKind::RateLimited),
        (500, ErrorKind::Server),
    ];
    for (status, kind) in cases {
        let (server, client) = setup().await;
        Mock::given(method("GET"))
            .and(path("/projects/9"))
            .respond_with(json_response(
                status,
                &json!({"success": false, "error": {"code": "E", "message": format!("m{status}")}}),
            ))
            .mount(&server)
            .await;
        let err = client.projects().get(9).await.unwrap_err();
        assert_eq!(err.kind(), kind, "status {status}");
        assert_eq!(err.status(), Some(status));
        assert_eq!(err.message(), format!("m{status}"));
        assert_eq!(err.code(), Some("E"));
    }
}

#[tokio::test]
async fn not_found_and_unauthorized_fixtures() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/projects/999"))
        .respond_with(fixture_response(404, P, "error_not_found"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/user/profile"))
        .respond_with(fixture_response(401, P, "error_unauthorized"))
        .mount(&server)
        .await;
    let err = client.projects().get(999).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.code(), Some("NOT_FOUND"));
    assert_eq!(err.message(), "Project not found");
    let err = client.users().me().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthorized);
    assert_eq!(err.message(), "Invalid or missing authentication");
}

#[tokio::test]
async fn a_non_json_error_page_still_gives_a_typed_error() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/projects/1"))
        .respond_with(
            ResponseTemplate::new(502).set_body_raw("<html>Bad gateway</html>", "text/html"),
        )
        .mount(&server)
        .await;
    let err = client.projects().get(1).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    assert_eq!(err.status(), Some(502));
    assert!(err.message().contains("502"), "{}", err.message());
}

// ---- rate limits --------------------------------------------------------

#[tokio::test]
async fn rate_limit_headers_are_readable_after_a_call() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/user/profile"))
        .respond_with(
            fixture_response(200, P, "user_profile")
                .insert_header("X-RateLimit-Limit", "1000")
                .insert_header("X-RateLimit-Remaining", "999")
                .insert_header("X-RateLimit-Reset", "1640995200"),
        )
        .mount(&server)
        .await;
    assert!(client.rate_limit().is_none());
    client.users().me().await.unwrap();
    let rl = client.rate_limit().expect("rate limit seen");
    assert_eq!(rl.limit, Some(1000));
    assert_eq!(rl.remaining, Some(999));
    assert_eq!(rl.reset, Some(ts("2022-01-01T00:00:00Z")));
    // clones share the state
    assert_eq!(client.clone().rate_limit(), Some(rl));
}

#[tokio::test]
async fn a_429_is_rate_limited_and_updates_the_rate_limit() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/projects"))
        .respond_with(
            fixture_response(429, P, "error_rate_limited")
                .insert_header("X-RateLimit-Limit", "1000")
                .insert_header("X-RateLimit-Remaining", "0")
                .insert_header("X-RateLimit-Reset", "1640995200")
                .insert_header("Retry-After", "17"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let err = client.projects().list(ListParams::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert_eq!(err.code(), Some("RATE_LIMIT_EXCEEDED"));
    assert_eq!(err.message(), "Rate limit exceeded");
    assert_eq!(err.retry_after(), Some(std::time::Duration::from_secs(17)));
    assert!(err.is_retryable());
    let rl = client.rate_limit().unwrap();
    assert_eq!(rl.remaining, Some(0));
    assert_eq!(rl.limit, Some(1000));
}

// ---- pagination ---------------------------------------------------------

async fn mount_project_pages(server: &MockServer) {
    mount_project_pages_expecting(server, 1).await
}

/// `last` is how often page 3 must be asked for.
async fn mount_project_pages_expecting(server: &MockServer, last: u64) {
    // First page: no `page` parameter; then page=2 and page=3.
    Mock::given(method("GET"))
        .and(path("/projects"))
        .and(exact_query(&[("limit", "2")]))
        .respond_with(fixture_response(200, P, "projects_page1"))
        .expect(1)
        .mount(server)
        .await;
    for n in [2, 3] {
        Mock::given(method("GET"))
            .and(path("/projects"))
            .and(exact_query(&[("limit", "2"), ("page", &n.to_string())]))
            .respond_with(fixture_response(200, P, &format!("projects_page{n}")))
            .expect(if n == 3 { last } else { 1 })
            .mount(server)
            .await;
    }
}

#[tokio::test]
async fn stream_walks_every_page_and_stops_at_the_end() {
    let (server, client) = setup().await;
    mount_project_pages(&server).await;
    let first = client
        .projects()
        .list(ListParams::new().limit(2))
        .await
        .unwrap();
    assert_eq!(first.total, Some(5));
    assert!(first.has_next());
    assert_eq!(first.next.as_ref().unwrap().page, Some(2));

    let items: Vec<_> = first.stream().collect().await;
    let ids: Vec<Id> = items.into_iter().map(|p| p.unwrap().id).collect();
    assert_eq!(ids, [123, 124, 125, 126, 127].map(Id::Int).to_vec());

    let reqs = received(&server).await;
    assert_eq!(reqs.len(), 3, "exactly three pages fetched");
    let pages: Vec<_> = reqs.iter().map(|r| query_value(r, "page")).collect();
    assert_eq!(pages, vec![None, Some("2".into()), Some("3".into())]);
    for r in &reqs {
        assert_eq!(query_value(r, "limit").as_deref(), Some("2"));
        assert_eq!(
            common::header(r, "authorization"),
            Some("Bearer test-token")
        );
    }
}

#[tokio::test]
async fn page_models_decode_open_enums_and_nulls() {
    let (server, client) = setup().await;
    mount_project_pages(&server).await;
    let all = client
        .projects()
        .list(ListParams::new().limit(2))
        .await
        .unwrap()
        .collect_all(10)
        .await
        .unwrap();
    assert_eq!(all.len(), 5);
    assert_eq!(all[2].status, Some(ProjectStatus::OnHold));
    assert_eq!(all[3].status, Some(ProjectStatus::Completed));
    assert_eq!(all[3].description, None);
    assert_eq!(all[4].status, Some(ProjectStatus::Other("paused".into())));
    assert_eq!(all[4].name.as_deref(), Some("Office Move"));
}

#[tokio::test]
async fn collect_all_errors_past_the_cap() {
    let (server, client) = setup().await;
    mount_project_pages_expecting(&server, 0).await;
    let page = client
        .projects()
        .list(ListParams::new().limit(2))
        .await
        .unwrap();
    let err = page.collect_all(3).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert!(err.message().contains('3'), "{}", err.message());
    // It stopped as soon as the cap was passed: pages 1 and 2 only.
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn collect_all_at_exactly_the_cap_is_fine() {
    let (server, client) = setup().await;
    mount_project_pages(&server).await;
    let all = client
        .projects()
        .list(ListParams::new().limit(2))
        .await
        .unwrap()
        .collect_all(5)
        .await
        .unwrap();
    assert_eq!(all.len(), 5);
}

#[tokio::test]
async fn list_starting_at_a_given_page_sends_it() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/projects"))
        .and(exact_query(&[
            ("page", "3"),
            ("limit", "2"),
            ("status", "active"),
        ]))
        .respond_with(fixture_response(200, P, "projects_page3"))
        .expect(1)
        .mount(&server)
        .await;
    let page = client
        .projects()
        .list(ListParams::new().page(3).limit(2).status("active"))
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    assert!(page.next.is_none());
    assert!(page.next_page().await.unwrap().is_none());
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn an_error_on_a_later_page_ends_the_stream_with_it() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/projects"))
        .and(exact_query(&[("limit", "2")]))
        .respond_with(fixture_response(200, P, "projects_page1"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/projects"))
        .and(exact_query(&[("limit", "2"), ("page", "2")]))
        .respond_with(fixture_response(401, P, "error_unauthorized"))
        .mount(&server)
        .await;
    let page = client
        .projects()
        .list(ListParams::new().limit(2))
        .await
        .unwrap();
    let items: Vec<_> = page.stream().collect().await;
    assert_eq!(items.len(), 3);
    assert!(items[0].is_ok() && items[1].is_ok());
    assert_eq!(
        items[2].as_ref().unwrap_err().kind(),
        ErrorKind::Unauthorized
    );
}

// ---- unsupported and client-side validation ----------------------------

#[tokio::test]
async fn unsupported_operations_send_nothing() {
    let (server, client) = setup().await;
    let errs = vec![
        client
            .organizations()
            .list(ListParams::new())
            .await
            .unwrap_err(),
        client.organizations().get(1).await.unwrap_err(),
        client
            .organizations()
            .create(NewOrganization::named("Acme"))
            .await
            .unwrap_err(),
        client.organizations().delete(1).await.unwrap_err(),
        client.organizations().switch(1).await.unwrap_err(),
        client.organizations().current().await.unwrap_err(),
        client.members(1).list(ListParams::new()).await.unwrap_err(),
        client.members(1).add(2, "admin").await.unwrap_err(),
        client.members(1).remove(&[Id::Int(2)]).await.unwrap_err(),
        client.invites().validate("tok").await.unwrap_err(),
        client
            .invites()
            .accept("tok", "a@example.com", "pw")
            .await
            .unwrap_err(),
        client
            .documents(1)
            .list(ListParams::new())
            .await
            .unwrap_err(),
        client.users().my_organizations().await.unwrap_err(),
        client
            .auth()
            .login(Login::email("a@example.com", "pw"))
            .await
            .unwrap_err(),
    ];
    for e in &errs {
        assert_eq!(e.kind(), ErrorKind::Unsupported, "{e:?}");
        assert_eq!(e.provider(), Some("ourganize"));
        assert!(e.message().contains("ourganize"), "{}", e.message());
    }
    assert_eq!(errs[0].operation(), Some("organizations.list"));
    assert_eq!(errs[13].operation(), Some("auth.login"));
    assert_no_requests(&server).await;
}

#[tokio::test]
async fn client_side_validation_sends_nothing() {
    let (server, client) = setup().await;
    let cases = vec![
        (
            client
                .projects()
                .create(NewProject::named(""))
                .await
                .unwrap_err(),
            "name",
        ),
        (
            client
                .projects()
                .create(NewProject::named("   "))
                .await
                .unwrap_err(),
            "name",
        ),
        (
            client
                .projects()
                .update(
                    1,
                    ProjectPatch {
                        name: Some(String::new()),
                        ..Default::default()
                    },
                )
                .await
                .unwrap_err(),
            "name",
        ),
        (
            client
                .tasks()
                .create(1, NewTask::titled(""))
                .await
                .unwrap_err(),
            "title",
        ),
        (
            client
                .invites()
                .create(NewInvite::new(""))
                .await
                .unwrap_err(),
            "email",
        ),
        (
            client
                .invites()
                .create(NewInvite::new("not-an-email"))
                .await
                .unwrap_err(),
            "email",
        ),
        (
            client
                .invites()
                .create(NewInvite::new("two words@example.com"))
                .await
                .unwrap_err(),
            "email",
        ),
        (
            client
                .tasks()
                .list(TaskScope::Organization(Id::Int(1)), ListParams::new())
                .await
                .unwrap_err(),
            "project_id",
        ),
        (
            client
                .projects()
                .list(ListParams::new().limit(0))
                .await
                .unwrap_err(),
            "limit",
        ),
    ];
    for (err, field) in &cases {
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{err:?}");
        assert_eq!(err.field_errors()[0].field, *field, "{err:?}");
        assert!(err.message().starts_with(field), "{}", err.message());
    }
    assert_no_requests(&server).await;
}

// ---- headers, auth and the escape hatch ---------------------------------

#[tokio::test]
async fn api_key_is_sent_as_bearer_and_user_agent_is_configurable() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/user/profile"))
        .and(header("authorization", "Bearer sk_live_123"))
        .and(header("user-agent", "my-app/2.0"))
        .and(header("x-tenant", "t1"))
        .respond_with(fixture_response(200, P, "user_profile"))
        .expect(1)
        .mount(&server)
        .await;
    let client = builder(Provider::Ourganize, &server)
        .api_key("sk_live_123")
        .user_agent("my-app/2.0")
        .header("X-Tenant", "t1")
        .build()
        .unwrap();
    client.users().me().await.unwrap();
}

#[tokio::test]
async fn without_credentials_no_authorization_header_is_sent() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/user/profile"))
        .respond_with(fixture_response(200, P, "user_profile"))
        .mount(&server)
        .await;
    let client = builder(Provider::Ourganize, &server).build().unwrap();
    client.users().me().await.unwrap();
    let r = &received(&server).await[0];
    assert!(common::header(r, "authorization").is_none());
}

#[tokio::test]
async fn base_url_with_a_path_prefix_is_kept() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/projects/123"))
        .respond_with(fixture_response(200, P, "project"))
        .expect(2)
        .mount(&server)
        .await;
    for base in [
        format!("{}/v1", server.uri()),
        format!("{}/v1/", server.uri()),
    ] {
        let client = Client::builder(Provider::Ourganize)
            .base_url(base)
            .token(TOKEN)
            .build()
            .unwrap();
        let p = client.projects().get(123).await.unwrap();
        assert_eq!(p.id, Id::Int(123));
    }
}

#[tokio::test]
async fn ids_are_percent_encoded_in_paths() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/tasks/a%2Fb%3Fc"))
        .respond_with(fixture_response(200, P, "task"))
        .expect(1)
        .mount(&server)
        .await;
    client.tasks().get("a/b?c").await.unwrap();
    let r = only_request(&server).await;
    assert_eq!(r.url.path(), "/tasks/a%2Fb%3Fc");
    assert_eq!(r.url.query(), None);
}

/// Percent-encoding cannot keep `.` and `..` in their segment: URL parsers
/// and servers read them as "here" and "up", so `tasks/..` would be `/`.
/// They (and blank ids) are refused before anything is sent; `...` is an
/// ordinary segment and goes out as it is.
#[tokio::test]
async fn dot_and_blank_ids_are_refused_before_sending() {
    let (server, client) = setup().await;
    for bad in ["..", ".", "", "  "] {
        let errors = [
            (client.tasks().get(bad).await.unwrap_err(), "id"),
            (client.tasks().delete(bad).await.unwrap_err(), "id"),
            (
                client
                    .tasks()
                    .create(bad, NewTask::titled("t"))
                    .await
                    .unwrap_err(),
                "project_id",
            ),
            (
                client
                    .tasks()
                    .list(TaskScope::Project(bad.into()), ListParams::new())
                    .await
                    .unwrap_err(),
                "project_id",
            ),
        ];
        for (err, field) in &errors {
            assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{bad:?}: {err:?}");
            assert_eq!(err.field_errors()[0].field, *field, "{bad:?}: {err:?}");
        }
    }
    assert_no_requests(&server).await;

    Mock::given(method("GET"))
        .and(path("/tasks/..."))
        .respond_with(fixture_response(200, P, "task"))
        .expect(1)
        .mount(&server)
        .await;
    client.tasks().get("...").await.unwrap();
    assert_eq!(only_request(&server).await.url.path(), "/tasks/...");
}

/// RFC 3339 has four-digit years: a timestamp after 9999 in UTC would go
/// out as `+10000-…`, which no server reads, so it is refused.
#[tokio::test]
async fn a_timestamp_rfc3339_cannot_write_is_refused() {
    use chrono::TimeZone;
    let (server, client) = setup().await;
    let late = chrono::Utc.with_ymd_and_hms(10000, 1, 1, 0, 0, 0).unwrap();
    let err = client
        .tasks()
        .create(
            1,
            NewTask {
                due_date: Some(late),
                ..NewTask::titled("t")
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert_eq!(err.field_errors()[0].field, "due_date", "{err}");
    assert!(err.message().contains("0000 to 9999"), "{err}");
    let err = client
        .tasks()
        .update(
            1,
            TaskPatch {
                completed_at: Some(late),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "completed_at", "{err}");
    assert_no_requests(&server).await;
}

#[tokio::test]
async fn the_seed_success_envelope_through_the_escape_hatch() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/pms/boards"))
        .and(exact_query(&[("page", "1")]))
        .and(bearer())
        .respond_with(fixture_response(200, P, "envelope_success"))
        .expect(1)
        .mount(&server)
        .await;
    let v = client
        .request(Method::GET, "/pms/boards?page=1", None)
        .await
        .unwrap();
    assert_eq!(v, fixture(P, "envelope_success"));
    assert_eq!(v["meta"]["total"], json!(100));
}

#[tokio::test]
async fn the_escape_hatch_treats_success_false_as_an_error() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/users/invite"))
        .and(exact_json(json!({ "email": "" })))
        .respond_with(fixture_response(200, P, "error_validation"))
        .expect(1)
        .mount(&server)
        .await;
    let err = client
        .request(Method::POST, "/users/invite", Some(json!({ "email": "" })))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert_eq!(err.code(), Some("VALIDATION_ERROR"));
    assert_eq!(err.field_errors()[0].field, "email");
}

#[tokio::test]
async fn sub_second_timestamps_are_not_truncated() {
    let (server, client) = setup().await;
    Mock::given(method("PUT"))
        .and(path("/tasks/456"))
        .and(exact_json(json!({
            "status": "completed",
            "completedAt": "2024-01-15T10:30:00.250Z"
        })))
        .respond_with(fixture_response(200, P, "task_completed"))
        .expect(1)
        .mount(&server)
        .await;
    client
        .tasks()
        .update(456, TaskPatch::completed(ts("2024-01-15T10:30:00.250Z")))
        .await
        .unwrap();
}

#[tokio::test]
async fn page_zero_is_rejected_before_sending() {
    let (server, client) = setup().await;
    let err = client
        .projects()
        .list(ListParams::new().page(0))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert_eq!(err.field_errors()[0].field, "page");
    assert_no_requests(&server).await;
}

#[tokio::test]
async fn collect_all_reports_a_failing_page_as_itself_even_at_the_cap() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/projects"))
        .and(exact_query(&[("limit", "2")]))
        .respond_with(fixture_response(200, P, "projects_page1"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/projects"))
        .and(exact_query(&[("limit", "2"), ("page", "2")]))
        .respond_with(fixture_response(500, P, "error_not_found"))
        .mount(&server)
        .await;
    let err = client
        .projects()
        .list(ListParams::new().limit(2))
        .await
        .unwrap()
        .collect_all(2)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
}

#[tokio::test]
async fn pages_yields_page_by_page_with_totals() {
    let (server, client) = setup().await;
    mount_project_pages(&server).await;
    let pages: Vec<_> = client
        .projects()
        .list(ListParams::new().limit(2))
        .await
        .unwrap()
        .pages()
        .collect()
        .await;
    let sizes: Vec<usize> = pages
        .iter()
        .map(|p| p.as_ref().unwrap().items.len())
        .collect();
    assert_eq!(sizes, vec![2, 2, 1]);
    assert!(pages.iter().all(|p| p.as_ref().unwrap().total == Some(5)));
    assert!(!pages[2].as_ref().unwrap().has_next());
}
