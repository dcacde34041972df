//! One `Client` shared by many tokio tasks and by several OS threads, each
//! thread with its own current-thread runtime (runtimes that end while the
//! others still use the client's connection pool); plus a compile-time
//! check that the client, every resource handle, `Page<T>` and every
//! future and stream the resources return are `Send + 'static`.

use std::sync::Arc;

use futures::StreamExt;
use orgkit::{
    Client, Id, ListParams, Login, NewInvite, NewOrganization, NewProject, NewTask,
    OrganizationPatch, Page, Project, ProjectPatch, Provider, TaskPatch, TaskScope, UserPatch,
};
use serde_json::json;
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// `GET /projects/{id}` → that project, named after its id.
struct ProjectById;

impl Respond for ProjectById {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let id: u64 = request
            .url
            .path()
            .rsplit('/')
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        ResponseTemplate::new(200).set_body_json(json!({
            "success": true,
            "data": {"id": id, "name": format!("Project {id}"), "status": "active"},
        }))
    }
}

/// `GET /projects?page=N&limit=2` → 5 projects over 3 pages.
struct ProjectPages;

impl Respond for ProjectPages {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let page: u64 = request
            .url
            .query_pairs()
            .find(|(k, _)| k == "page")
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(1);
        let data: Vec<_> = (page * 2 - 1..=(page * 2).min(5))
            .map(|id| json!({"id": id, "name": format!("Project {id}")}))
            .collect();
        ResponseTemplate::new(200).set_body_json(json!({
            "success": true, "data": data, "meta": {"page": page, "limit": 2, "total": 5},
        }))
    }
}

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path_regex(r"^/projects/\d+$"))
        .respond_with(ProjectById)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/projects"))
        .respond_with(ProjectPages)
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> Client {
    // No retries: a request lost to a stale pooled connection must show.
    Client::builder(Provider::Ourganize)
        .base_url(server.uri())
        .token("test-token")
        .max_retries(0)
        .build()
        .unwrap()
}

async fn get_and_check(client: &Client, id: u64) {
    let p: Project = client
        .projects()
        .get(id)
        .await
        .unwrap_or_else(|e| panic!("get {id}: {e}"));
    assert_eq!(p.id, Id::from(id));
    assert_eq!(p.name.as_deref(), Some(format!("Project {id}").as_str()));
}

async fn list_and_check(client: &Client) {
    let all: Vec<Project> = client
        .projects()
        .list(ListParams::new().limit(2))
        .await
        .unwrap()
        .stream()
        .map(|r| r.unwrap())
        .collect()
        .await;
    let ids: Vec<Id> = all.into_iter().map(|p| p.id).collect();
    assert_eq!(ids, (1..=5u64).map(Id::from).collect::<Vec<_>>());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_client_shared_by_64_tasks() {
    let server = server().await;
    let client = client(&server);
    const TASKS: u64 = 64;
    const GETS: u64 = 5;
    let mut handles = Vec::new();
    for t in 0..TASKS {
        let client = client.clone();
        handles.push(tokio::spawn(async move {
            for k in 0..GETS {
                get_and_check(&client, 1 + t * GETS + k).await;
            }
            list_and_check(&client).await; // 3 pages
        }));
    }
    for h in handles {
        h.await.unwrap();
    }
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len() as u64, TASKS * (GETS + 3));
}

#[test]
fn one_client_shared_by_8_threads_with_their_own_runtimes() {
    let server_rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let server = server_rt.block_on(server());
    // Built outside every runtime that uses it.
    let client = Arc::new(client(&server));
    const THREADS: u64 = 8;
    let barrier = Arc::new(std::sync::Barrier::new(THREADS as usize));
    let mut expected = 0;
    let mut threads = Vec::new();
    for t in 0..THREADS {
        // Uneven work: early threads end (and drop their runtime, with the
        // connections it drove) while the others keep using the pool.
        let gets = 2 + t * 3;
        expected += gets + 3;
        let (client, barrier) = (client.clone(), barrier.clone());
        threads.push(std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            barrier.wait();
            rt.block_on(async {
                let gets_done = futures::future::join_all(
                    (0..gets).map(|k| get_and_check(&client, 1000 * (t + 1) + k)),
                );
                let ((), ()) = futures::join!(
                    async {
                        gets_done.await;
                    },
                    list_and_check(&client)
                );
            });
        }));
    }
    for t in threads {
        t.join().unwrap();
    }
    // Every runtime that made a connection is gone now; a fresh one must
    // still get answers from the same client.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        for k in 0..4 {
            get_and_check(&client, 9000 + k).await;
        }
    });
    expected += 4;
    let requests = server_rt.block_on(server.received_requests()).unwrap();
    assert_eq!(requests.len() as u64, expected);
}

// ------------------------------------------------ compile-time Send + 'static

fn assert_send_static<T: Send + 'static>(_: &T) {}
fn assert_send_sync_static<T: Send + Sync + 'static>(_: &T) {}

/// Never awaited: building each future is enough for the type checker.
#[test]
fn handles_futures_and_streams_are_send_static() {
    let client = Client::builder(Provider::Pm415)
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();
    assert_send_sync_static(&client);
    assert_send_static(&client.clone());

    let orgs = client.organizations();
    assert_send_sync_static(&orgs);
    assert_send_static(&orgs.list(ListParams::new()));
    assert_send_static(&orgs.get(1));
    assert_send_static(&orgs.create(NewOrganization::default()));
    assert_send_static(&orgs.update(1, OrganizationPatch::default()));
    assert_send_static(&orgs.delete(1));
    assert_send_static(&orgs.duplicate(1));
    assert_send_static(&orgs.switch(1));
    assert_send_static(&orgs.current());

    let members = client.members(1);
    assert_send_sync_static(&members);
    assert_send_static(&members.list(ListParams::new()));
    assert_send_static(&members.add(2, "member"));
    assert_send_static(&members.set_role(2, "admin"));
    assert_send_static(&members.remove(&[Id::from(2u64)]));
    assert_send_static(&members.reset_passwords(&[Id::from(2u64)]));

    let invites = client.invites();
    assert_send_sync_static(&invites);
    assert_send_static(&invites.create(NewInvite::new("a@example.com")));
    assert_send_static(&invites.validate(String::from("tok")));
    assert_send_static(&invites.accept("tok", "a@example.com", "pw"));

    let projects = client.projects();
    assert_send_sync_static(&projects);
    assert_send_static(&projects.list(ListParams::new()));
    assert_send_static(&projects.get(1));
    assert_send_static(&projects.create(NewProject::default()));
    assert_send_static(&projects.update(1, ProjectPatch::default()));
    assert_send_static(&projects.delete(1));

    let tasks = client.tasks();
    assert_send_sync_static(&tasks);
    assert_send_static(&tasks.list(TaskScope::Project(Id::from(1u64)), ListParams::new()));
    assert_send_static(&tasks.get(1));
    assert_send_static(&tasks.create(1, NewTask::default()));
    assert_send_static(&tasks.update(1, TaskPatch::default()));
    assert_send_static(&tasks.delete(1));

    let documents = client.documents(1);
    assert_send_sync_static(&documents);
    assert_send_static(&documents.list(ListParams::new()));

    let users = client.users();
    assert_send_sync_static(&users);
    assert_send_static(&users.list(ListParams::new()));
    assert_send_static(&users.me());
    assert_send_static(&users.update_me(UserPatch::default()));
    assert_send_static(&users.my_organizations());

    let auth = client.auth();
    assert_send_sync_static(&auth);
    assert_send_static(&auth.login(Login::email("a@example.com", "pw")));

    assert_send_static(&client.request(orgkit::Method::GET, "/x", None));

    let page: Page<Project> = Page::single(Vec::new());
    assert_send_static(&page);
    assert_send_static(&page.next_page());
    assert_send_static(&Page::<Project>::single(Vec::new()).pages());
    assert_send_static(&Page::<Project>::single(Vec::new()).stream());
    assert_send_static(&Page::<Project>::single(Vec::new()).collect_all(10));

    let err = orgkit::Error::new(orgkit::ErrorKind::Connection, "x");
    assert_send_sync_static(&err);
}
