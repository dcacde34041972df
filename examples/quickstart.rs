//! orgkit in five minutes, against the embedded mock server: no network,
//! no account. Run it with
//!
//!     cargo run -p orgkit-examples --example quickstart
//!
//! It logs in to pm415, walks organizations, creates one, invites a person,
//! changes a role and switches organizations; then lists ourganize projects
//! across pages, completes a task, reads the rate limit, and shows the typed
//! errors (404, 409, Unsupported) a program can match on.

use futures::StreamExt;
use orgkit::{
    Client, ErrorKind, ListParams, Login, NewInvite, NewOrganization, Provider, Role, TaskPatch,
    TaskScope,
};
use orgkit_mock::seed;

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

fn step(title: &str) {
    println!("\n== {title}");
}

#[tokio::main]
async fn main() -> Result {
    let mock = orgkit_mock::spawn().await;
    println!("mock server listening on {}", mock.url());

    pm415(&mock.base_url("pm415")).await?;
    ourganize(&mock.base_url("ourganize")).await?;
    println!("\nAll done.");
    Ok(())
}

async fn pm415(base_url: &str) -> Result {
    let client = Client::builder(Provider::Pm415)
        .base_url(base_url)
        .build()?;

    step("pm415: log in");
    let session = client
        .auth()
        .login(Login::email(
            seed::PM415_ADMIN_EMAIL,
            seed::PM415_ADMIN_PASSWORD,
        ))
        .await?;
    let me = session.user.as_ref().and_then(|u| u.email.clone());
    println!(
        "logged in as {} (the client now sends the returned token)",
        me.unwrap_or_default()
    );

    step("pm415: list organizations");
    let page = client.organizations().list(ListParams::new()).await?;
    let mut orgs = std::pin::pin!(page.stream());
    while let Some(org) = orgs.next().await {
        let org = org?;
        let roles: Vec<_> = org.roles.iter().map(Role::as_str).collect();
        println!(
            "  #{:<3} {:<12} my roles: {}",
            org.id,
            org.name.unwrap_or_default(),
            roles.join(", ")
        );
    }

    step("pm415: create an organization");
    let created = client
        .organizations()
        .create(NewOrganization::named("Quickstart Inc"))
        .await?;
    println!(
        "created #{} {:?}",
        created.id,
        created.name.as_deref().unwrap_or_default()
    );

    step("pm415: invite a person to it");
    let invite = client
        .invites()
        .create(NewInvite {
            email: "new.hire@example.com".into(),
            organization_id: Some(created.id.clone()),
            role: None,
        })
        .await?;
    let debug = format!("{invite:?}");
    println!(
        "invite link made for {}; Debug output hides its token: {}",
        invite.email.as_deref().unwrap_or_default(),
        if debug.contains("[redacted]") {
            "yes"
        } else {
            "NO"
        }
    );

    step("pm415: make a member an admin of Acme, then revoke it");
    let acme = client.members(seed::PM415_ORG_ACME);
    acme.set_role(seed::PM415_MEMBER_USER_ID, Role::Admin)
        .await?;
    let members = acme.list(ListParams::new()).await?.items;
    for m in &members {
        println!(
            "  user #{:<2} {:<20} {}",
            m.user_id,
            m.email.as_deref().unwrap_or_default(),
            m.role.as_ref().map(Role::as_str).unwrap_or("?")
        );
    }
    acme.set_role(seed::PM415_MEMBER_USER_ID, Role::Member)
        .await?;

    step("pm415: switch organization (the client adopts the new org-scoped token)");
    client
        .organizations()
        .switch(seed::PM415_ORG_GLOBEX)
        .await?;
    let current = client.organizations().current().await?;
    println!(
        "current organization: #{} {}",
        current.id,
        current.name.unwrap_or_default()
    );

    step("pm415: typed errors");
    match client
        .organizations()
        .create(NewOrganization::named("Acme"))
        .await
    {
        Err(e) if e.kind() == ErrorKind::Conflict => println!("409 as expected: {e}"),
        other => return Err(format!("expected a conflict, got {other:?}").into()),
    }
    match client.organizations().delete(99_999).await {
        Err(e) if e.kind() == ErrorKind::NotFound => println!("404 as expected: {e}"),
        other => return Err(format!("expected not found, got {other:?}").into()),
    }
    Ok(())
}

async fn ourganize(base_url: &str) -> Result {
    let client = Client::builder(Provider::Ourganize)
        .base_url(base_url)
        .api_key(seed::OURGANIZE_ADMIN_KEY)
        .build()?;

    step("ourganize: list every project, 20 per page, fetched lazily");
    let first = client.projects().list(ListParams::new().limit(20)).await?;
    println!("{} projects in total", first.total.unwrap_or_default());
    let mut pages = std::pin::pin!(first.pages());
    let mut n = 0;
    while let Some(page) = pages.next().await {
        let page = page?;
        n += 1;
        let names: Vec<_> = page
            .items
            .iter()
            .take(3)
            .filter_map(|p| p.name.clone())
            .collect();
        println!(
            "  page {n}: {} projects, starting {}",
            page.items.len(),
            names.join(", ")
        );
    }

    step("ourganize: list the open tasks of project 1 and complete one");
    let tasks = client
        .tasks()
        .list(
            TaskScope::Project(1.into()),
            ListParams::new().status("todo").limit(5),
        )
        .await?;
    let task = tasks.items.first().ok_or("project 1 has no open task")?;
    println!(
        "{} open tasks; completing #{} {:?}",
        tasks.total.unwrap_or_default(),
        task.id,
        task.title
    );
    let done = client
        .tasks()
        .update(task.id.clone(), TaskPatch::completed(chrono_now()))
        .await?;
    println!(
        "task #{} is now {}",
        done.id,
        done.status.as_ref().map(|s| s.as_str()).unwrap_or("?")
    );

    step("ourganize: rate limit after the last call");
    if let Some(rl) = client.rate_limit() {
        println!(
            "limit {:?}, remaining {:?}, resets at {:?}",
            rl.limit, rl.remaining, rl.reset
        );
    }

    step("ourganize: typed errors");
    match client.projects().get(424_242).await {
        Err(e) if e.kind() == ErrorKind::NotFound => println!("404 as expected: {e}"),
        other => return Err(format!("expected not found, got {other:?}").into()),
    }
    match client.organizations().list(ListParams::new()).await {
        Err(e) if e.kind() == ErrorKind::Unsupported => {
            println!("no request sent: {e}");
            println!("ourganize supports: {}", client.capabilities().join(", "));
        }
        other => return Err(format!("expected unsupported, got {other:?}").into()),
    }
    Ok(())
}

fn chrono_now() -> orgkit::DateTime {
    orgkit::DateTime::from(std::time::SystemTime::now())
}
