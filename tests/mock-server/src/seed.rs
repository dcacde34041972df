//! Every credential and every count the seed state is built from.
//!
//! Test suites in Rust, Python and Node log in with these values, so they are
//! part of the mock's contract: README.md lists them too, and changing one
//! breaks those suites.

// ---------------------------------------------------------------- ourganize
/// API key of an admin user (may `GET /users`).
pub const OURGANIZE_ADMIN_KEY: &str = "ogz_admin_4f9c2b7e1d6a";
/// API key of a member user (`GET /users` → 403).
pub const OURGANIZE_MEMBER_KEY: &str = "ogz_member_8a3e6f0c52b1";
pub const OURGANIZE_ADMIN_USER_ID: u64 = 1;
pub const OURGANIZE_ADMIN_EMAIL: &str = "ada.admin@ourganize.test";
pub const OURGANIZE_MEMBER_USER_ID: u64 = 2;
pub const OURGANIZE_MEMBER_EMAIL: &str = "max.member@ourganize.test";
/// Users seeded in total (ids 1..=N); ids 1 and 2 are the two above.
pub const OURGANIZE_USER_COUNT: u64 = 5;
/// Projects 1..=45: `limit=20` gives three pages. Every 5th is `archived`,
/// every 7th (not already archived) `completed`, the rest `active`.
pub const OURGANIZE_PROJECT_COUNT: u64 = 45;
/// Tasks on project 1 (task ids 1..=30, statuses cycling todo, in_progress, completed).
pub const OURGANIZE_PROJECT1_TASK_COUNT: u64 = 30;
/// Tasks on each of projects 2..=5 (ids follow project 1's).
pub const OURGANIZE_OTHER_PROJECT_TASK_COUNT: u64 = 3;
/// Requests per window before 429, and the window length.
pub const OURGANIZE_DEFAULT_RATE_LIMIT: u32 = 1000;
pub const OURGANIZE_RATE_WINDOW_SECS: u64 = 3600;

// ----------------------------------------------------------------- orgstack
pub const ORGSTACK_ADMIN_USERNAME: &str = "admin";
pub const ORGSTACK_ADMIN_PASSWORD: &str = "orgstack-admin-pw";
/// A token valid from the start for the admin (what `POST /auth/login` would give).
pub const ORGSTACK_ADMIN_TOKEN: &str =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c3JfMDEiLCJyb2xlIjoiYWRtaW4ifQ.c2VlZC1hZG1pbg";
/// A read-only user: reads work, create/update/delete → 403.
pub const ORGSTACK_VIEWER_USERNAME: &str = "viewer";
pub const ORGSTACK_VIEWER_PASSWORD: &str = "orgstack-viewer-pw";
pub const ORGSTACK_VIEWER_TOKEN: &str =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c3JfMDIiLCJyb2xlIjoidmlld2VyIn0.c2VlZC12aWV3ZXI";
/// Organizations `org_01`..=`org_45`.
pub const ORGSTACK_ORG_COUNT: u64 = 45;

// -------------------------------------------------------------- achieveapex
/// Owner of all organizations.
pub const ACHIEVEAPEX_OWNER_EMAIL: &str = "olivia.owner@achieveapex.test";
pub const ACHIEVEAPEX_OWNER_PASSWORD: &str = "apex-owner-pw";
pub const ACHIEVEAPEX_OWNER_USER_ID: u64 = 101;
/// A pre-issued access token for the owner.
pub const ACHIEVEAPEX_OWNER_TOKEN: &str =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMDEifQ.c2VlZC1vd25lcg";
/// The owner's API key, sent as `x-api-key`.
pub const ACHIEVEAPEX_API_KEY: &str = "apx_key_3b1f9e27c4d8";
/// A plain member of organizations 1 and 2 only: others → 403, invites → 403.
pub const ACHIEVEAPEX_MEMBER_EMAIL: &str = "mia.member@achieveapex.test";
pub const ACHIEVEAPEX_MEMBER_PASSWORD: &str = "apex-member-pw";
pub const ACHIEVEAPEX_MEMBER_USER_ID: u64 = 102;
pub const ACHIEVEAPEX_MEMBER_TOKEN: &str =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMDIifQ.c2VlZC1tZW1iZXI";
/// Organizations 1..=25.
pub const ACHIEVEAPEX_ORG_COUNT: u64 = 25;
/// Members of organization 1 (users 101..=115).
pub const ACHIEVEAPEX_ORG1_MEMBER_COUNT: u64 = 15;

// -------------------------------------------------------------------- kaana
/// `Cookie: connect.sid=<this>`; role admin.
pub const KAANA_ADMIN_SID: &str = "sess-admin-7f3a9c";
/// Role consultant (may create and delete).
pub const KAANA_CONSULTANT_SID: &str = "sess-consultant-2b8d41";
/// Role viewer: reads only; every mutation → 403.
pub const KAANA_VIEWER_SID: &str = "sess-viewer-c05e6d";
/// `Authorization: Bearer <this>`; acts as the admin.
pub const KAANA_API_KEY: &str = "kaana_api_9d2e7b4f10";
/// Organizations 1..=3 (Acme Corporation, Globex Partners, Initech Supplies).
pub const KAANA_ORG_COUNT: u64 = 3;

// -------------------------------------------------------------------- pm415
/// Admin of all three organizations.
pub const PM415_ADMIN_USER_ID: u64 = 1;
pub const PM415_ADMIN_EMAIL: &str = "admin@pm415.test";
pub const PM415_ADMIN_PASSWORD: &str = "pm415-admin-pw";
/// The admin's API key (the value the pm415 docs use), usable as a Bearer token.
pub const PM415_ADMIN_API_KEY: &str = "50ca9ba0f7b1444fa55d5";
/// Member of organizations 1 and 2 (never an admin).
pub const PM415_MEMBER_USER_ID: u64 = 2;
pub const PM415_MEMBER_EMAIL: &str = "member@pm415.test";
pub const PM415_MEMBER_PASSWORD: &str = "pm415-member-pw";
pub const PM415_MEMBER_API_KEY: &str = "7e1b0c94d2a3f86e5c1d0";
/// Member of organization 1, admin of 2, member of 3.
pub const PM415_LEAD_USER_ID: u64 = 3;
pub const PM415_LEAD_EMAIL: &str = "lead@pm415.test";
pub const PM415_LEAD_PASSWORD: &str = "pm415-lead-pw";
pub const PM415_LEAD_API_KEY: &str = "a4f2e8c61b9d07e3f5a2c";
/// Organization ids and names.
pub const PM415_ORG_ACME: u64 = 1;
pub const PM415_ORG_GLOBEX: u64 = 2;
pub const PM415_ORG_INITECH: u64 = 3;
pub const PM415_ORG_NAMES: [&str; 3] = ["Acme", "Globex", "Initech"];
/// A pending invite of [`PM415_INVITE_EMAIL`] to organization 1 (Acme).
pub const PM415_INVITE_TOKEN: &str = "8s80f934kf94";
pub const PM415_INVITE_EMAIL: &str = "invitee@pm415.test";

/// One seeded credential the mock accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Credential {
    /// The provider (`"pm415"`).
    pub provider: &'static str,
    /// Who it belongs to (`"admin"`).
    pub who: &'static str,
    /// What it is: `token`, `api_key`, `session_cookie`, `email`, `username`, `password`.
    pub kind: &'static str,
    /// The value.
    pub value: &'static str,
}

/// Every seeded credential, for `orgkit-mock`'s banner and the testing helpers.
pub fn credentials() -> Vec<Credential> {
    let c = |provider, who, kind, value| Credential {
        provider,
        who,
        kind,
        value,
    };
    vec![
        c("ourganize", "admin", "api_key", OURGANIZE_ADMIN_KEY),
        c("ourganize", "member", "api_key", OURGANIZE_MEMBER_KEY),
        c("orgstack", "admin", "username", ORGSTACK_ADMIN_USERNAME),
        c("orgstack", "admin", "password", ORGSTACK_ADMIN_PASSWORD),
        c("orgstack", "admin", "token", ORGSTACK_ADMIN_TOKEN),
        c("orgstack", "viewer", "username", ORGSTACK_VIEWER_USERNAME),
        c("orgstack", "viewer", "password", ORGSTACK_VIEWER_PASSWORD),
        c("orgstack", "viewer", "token", ORGSTACK_VIEWER_TOKEN),
        c("achieveapex", "owner", "email", ACHIEVEAPEX_OWNER_EMAIL),
        c(
            "achieveapex",
            "owner",
            "password",
            ACHIEVEAPEX_OWNER_PASSWORD,
        ),
        c("achieveapex", "owner", "token", ACHIEVEAPEX_OWNER_TOKEN),
        c("achieveapex", "owner", "api_key", ACHIEVEAPEX_API_KEY),
        c("achieveapex", "member", "email", ACHIEVEAPEX_MEMBER_EMAIL),
        c(
            "achieveapex",
            "member",
            "password",
            ACHIEVEAPEX_MEMBER_PASSWORD,
        ),
        c("achieveapex", "member", "token", ACHIEVEAPEX_MEMBER_TOKEN),
        c("kaana", "admin", "session_cookie", KAANA_ADMIN_SID),
        c(
            "kaana",
            "consultant",
            "session_cookie",
            KAANA_CONSULTANT_SID,
        ),
        c("kaana", "viewer", "session_cookie", KAANA_VIEWER_SID),
        c("kaana", "api", "api_key", KAANA_API_KEY),
        c("pm415", "admin", "email", PM415_ADMIN_EMAIL),
        c("pm415", "admin", "password", PM415_ADMIN_PASSWORD),
        c("pm415", "admin", "api_key", PM415_ADMIN_API_KEY),
        c("pm415", "member", "email", PM415_MEMBER_EMAIL),
        c("pm415", "member", "password", PM415_MEMBER_PASSWORD),
        c("pm415", "member", "api_key", PM415_MEMBER_API_KEY),
        c("pm415", "lead", "email", PM415_LEAD_EMAIL),
        c("pm415", "lead", "password", PM415_LEAD_PASSWORD),
        c("pm415", "lead", "api_key", PM415_LEAD_API_KEY),
    ]
}

/// The seeded credentials as text: one `provider who kind value` line each.
pub fn credentials_text() -> String {
    credentials()
        .iter()
        .map(|c| {
            format!(
                "{:<12} {:<11} {:<15} {}\n",
                c.provider, c.who, c.kind, c.value
            )
        })
        .collect()
}
