//! kaana: organizations with members, projects, tasks and documents. Session
//! cookie (`connect.sid`) or Bearer API key; lists are bare JSON arrays;
//! errors are `{error, message}`. Viewers may read but not change anything
//! (the docs name the consultant/admin rule for create and delete; the mock
//! applies it to every mutation).

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::fields::{self, FieldError};
use crate::message::{parse_id, reason, Reply, Req};
use crate::seed::*;
use crate::time::{now_iso, seed_time};

const TYPES: &[&str] = &["customer", "partner", "vendor", "internal"];
const STATUSES: &[&str] = &["active", "inactive"];

#[derive(Debug, Clone)]
pub struct State {
    orgs: BTreeMap<u64, Map<String, Value>>,
    members: Vec<Member>,
    /// Projects, tasks and documents all hang off an organization the same way.
    children: BTreeMap<&'static str, Vec<Map<String, Value>>>,
    credentials: BTreeMap<String, &'static str>,
    next_org: u64,
}

#[derive(Debug, Clone)]
struct Member {
    org: u64,
    contact: u64,
    role: String,
}

impl Member {
    fn json(&self) -> Value {
        json!({"organizationId": self.org, "contactId": self.contact, "role": self.role})
    }
}

type Outcome = Result<Reply, Reply>;

impl State {
    pub fn seeded() -> State {
        let orgs = [
            json!({
                "id": 1, "name": "Acme Corporation", "type": "customer", "status": "active",
                "industry": "Technology", "website": "https://acme.example.com",
                "description": "Our first customer", "metadata": {"tier": "gold", "region": "emea"},
                "createdAt": seed_time(0), "updatedAt": seed_time(1),
            }),
            json!({
                "id": 2, "name": "Globex Partners", "type": "partner", "status": "active",
                "industry": "Manufacturing", "website": "https://globex.example.com",
                "description": null, "metadata": null,
                "createdAt": seed_time(24), "updatedAt": seed_time(24),
            }),
            json!({
                "id": 3, "name": "Initech Supplies", "type": "vendor", "status": "inactive",
                "industry": null, "website": null, "description": "Paper and staplers",
                "metadata": {"paymentTerms": "net30"},
                "createdAt": seed_time(48), "updatedAt": seed_time(72),
            }),
        ];
        let orgs = (1u64..).zip(orgs).map(|(id, o)| (id, as_map(o))).collect();
        let members = [
            (1, 101, "owner"),
            (1, 102, "admin"),
            (1, 103, "member"),
            (2, 101, "admin"),
            (2, 104, "member"),
            (3, 105, "owner"),
        ]
        .into_iter()
        .map(|(org, contact, role)| Member {
            org,
            contact,
            role: role.to_string(),
        })
        .collect();
        let mut projects = Vec::new();
        for (id, org, name, status) in [
            (1, 1, "Website relaunch", "active"),
            (2, 1, "CRM migration", "planning"),
            (3, 1, "Security audit", "completed"),
            (4, 2, "Partner portal", "active"),
            (5, 2, "Joint webinar", "on_hold"),
            (6, 3, "Supplier onboarding", "active"),
        ] {
            projects.push(as_map(json!({
                "id": id, "organizationId": org, "name": name, "status": status,
                "description": null, "startDate": seed_time(id * 24), "endDate": null,
                "createdAt": seed_time(id), "updatedAt": seed_time(id),
            })));
        }
        let mut tasks = Vec::new();
        for (id, org, project, title, status) in [
            (1, 1, 1, "Draft sitemap", "done"),
            (2, 1, 1, "Design homepage", "in_progress"),
            (3, 1, 2, "Export contacts", "todo"),
            (4, 1, 2, "Map custom fields", "todo"),
            (5, 1, 3, "Pen test report", "done"),
            (6, 2, 4, "Partner SSO", "in_progress"),
            (7, 2, 5, "Book speakers", "todo"),
            (8, 3, 6, "Collect W-9", "todo"),
        ] {
            tasks.push(as_map(json!({
                "id": id, "organizationId": org, "projectId": project, "title": title,
                "status": status, "priority": if id % 2 == 0 { "high" } else { "normal" },
                "dueDate": seed_time(id * 48), "assigneeId": 101,
                "createdAt": seed_time(id), "updatedAt": seed_time(id),
            })));
        }
        let mut documents = Vec::new();
        for (id, org, name, mime, size) in [
            (
                1,
                1,
                "Master services agreement.pdf",
                "application/pdf",
                482_133,
            ),
            (
                2,
                1,
                "Kickoff notes.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                20_480,
            ),
            (3, 2, "Partner agreement.pdf", "application/pdf", 310_002),
        ] {
            documents.push(as_map(json!({
                "id": id, "organizationId": org, "name": name, "mimeType": mime, "size": size,
                "url": format!("https://files.kaana.test/documents/{id}"), "uploadedBy": 101,
                "createdAt": seed_time(id), "updatedAt": seed_time(id),
            })));
        }
        State {
            orgs,
            members,
            children: BTreeMap::from([
                ("projects", projects),
                ("tasks", tasks),
                ("documents", documents),
            ]),
            credentials: BTreeMap::from([
                (format!("sid:{KAANA_ADMIN_SID}"), "admin"),
                (format!("sid:{KAANA_CONSULTANT_SID}"), "consultant"),
                (format!("sid:{KAANA_VIEWER_SID}"), "viewer"),
                (format!("key:{KAANA_API_KEY}"), "admin"),
            ]),
            next_org: KAANA_ORG_COUNT + 1,
        }
    }

    pub fn handle(&mut self, req: &Req) -> Reply {
        self.route(req).unwrap_or_else(|e| e)
    }

    fn role(&self, req: &Req) -> Option<&'static str> {
        let by_cookie = req
            .cookie("connect.sid")
            .and_then(|sid| self.credentials.get(&format!("sid:{sid}")).copied());
        let by_key = || {
            req.bearer()
                .and_then(|key| self.credentials.get(&format!("key:{key}")).copied())
        };
        by_cookie.or_else(by_key)
    }

    fn route(&mut self, req: &Req) -> Outcome {
        let role = self
            .role(req)
            .ok_or_else(|| error(401, "Authentication required"))?;
        let segments = req.segments();
        let method = req.method.as_str();
        let mutating = !matches!(method, "GET" | "HEAD");
        if mutating && role == "viewer" {
            // Answer the route's 404 first so a viewer cannot probe for ids.
            if let ["organizations", id, ..] = segments.as_slice() {
                self.org(id)?;
            }
            return Err(error(403, "Requires consultant or admin role"));
        }
        match (method, segments.as_slice()) {
            ("GET", ["organizations"]) => {
                Ok(array(self.orgs.values().map(|o| Value::Object(o.clone()))))
            }
            ("POST", ["organizations"]) => self.create(req),
            ("GET", ["organizations", id]) => {
                Ok(Reply::json(200, &Value::Object(self.org(id)?.clone())))
            }
            ("PUT" | "PATCH", ["organizations", id]) => self.update(req, id),
            ("DELETE", ["organizations", id]) => self.delete(id),
            ("POST", ["organizations", id, "duplicate"]) => self.duplicate(id),
            ("GET", ["organizations", id, kind @ ("projects" | "tasks" | "documents")]) => {
                self.children(id, kind)
            }
            ("GET", ["organizations", id, "members"]) => {
                let org = self.org_id(id)?;
                Ok(array(
                    self.members
                        .iter()
                        .filter(|m| m.org == org)
                        .map(Member::json),
                ))
            }
            ("POST", ["organizations", id, "members"]) => self.add_member(req, id),
            ("PATCH" | "PUT", ["organizations", id, "members", contact]) => {
                self.set_role(req, id, contact)
            }
            ("DELETE", ["organizations", id, "members", contact]) => {
                self.remove_member(id, contact)
            }
            _ => Err(error(404, &format!("Cannot {} {}", req.method, req.path))),
        }
    }

    fn org(&self, id: &str) -> Result<&Map<String, Value>, Reply> {
        parse_id(id)
            .and_then(|n| self.orgs.get(&n))
            .ok_or_else(|| error(404, "Organization not found"))
    }

    fn org_id(&self, id: &str) -> Result<u64, Reply> {
        self.org(id)
            .map(|o| o.get("id").and_then(Value::as_u64).unwrap_or_default())
    }

    fn create(&mut self, req: &Req) -> Outcome {
        let body = body(req)?;
        let name = fields::required_str(&body, "name").map_err(bad_field)?;
        let kind = fields::required_enum(&body, "type", TYPES).map_err(bad_field)?;
        let mut org = as_map(json!({
            "id": self.next_org, "name": name, "type": kind, "status": "active",
            "industry": null, "website": null, "description": null, "metadata": null,
            "createdAt": now_iso(), "updatedAt": now_iso(),
        }));
        apply_patch(&mut org, &body).map_err(bad_field)?;
        self.orgs.insert(self.next_org, org.clone());
        self.next_org += 1;
        Ok(Reply::json(200, &Value::Object(org)))
    }

    fn update(&mut self, req: &Req, id: &str) -> Outcome {
        let body = body(req)?;
        let n = self.org_id(id)?;
        let mut updated = self.orgs.get(&n).cloned().unwrap_or_default();
        if let Some(name) = fields::optional_str(&body, "name").map_err(bad_field)? {
            updated.insert("name".into(), json!(name));
        }
        if let Some(kind) = fields::optional_enum(&body, "type", TYPES).map_err(bad_field)? {
            updated.insert("type".into(), json!(kind));
        }
        apply_patch(&mut updated, &body).map_err(bad_field)?;
        updated.insert("updatedAt".into(), json!(now_iso()));
        self.orgs.insert(n, updated.clone());
        Ok(Reply::json(200, &Value::Object(updated)))
    }

    fn delete(&mut self, id: &str) -> Outcome {
        let n = self.org_id(id)?;
        self.orgs.remove(&n);
        self.members.retain(|m| m.org != n);
        for rows in self.children.values_mut() {
            rows.retain(|r| r.get("organizationId").and_then(Value::as_u64) != Some(n));
        }
        Ok(Reply::empty(204))
    }

    fn duplicate(&mut self, id: &str) -> Outcome {
        let mut copy = self.org(id)?.clone();
        let name = copy.get("name").and_then(Value::as_str).unwrap_or_default();
        let name = format!("{name} (Copy)");
        copy.insert("id".into(), json!(self.next_org));
        copy.insert("name".into(), json!(name));
        copy.insert("createdAt".into(), json!(now_iso()));
        copy.insert("updatedAt".into(), json!(now_iso()));
        self.orgs.insert(self.next_org, copy.clone());
        self.next_org += 1;
        Ok(Reply::json(200, &Value::Object(copy)))
    }

    fn children(&self, id: &str, kind: &str) -> Outcome {
        let org = self.org_id(id)?;
        let rows = self
            .children
            .get(kind)
            .map(Vec::as_slice)
            .unwrap_or_default();
        Ok(array(
            rows.iter()
                .filter(|r| r.get("organizationId").and_then(Value::as_u64) == Some(org))
                .map(|r| Value::Object(r.clone())),
        ))
    }

    fn add_member(&mut self, req: &Req, id: &str) -> Outcome {
        let body = body(req)?;
        let org = self.org_id(id)?;
        let contact = fields::required_id(&body, "contactId").map_err(bad_field)?;
        let role = fields::required_str(&body, "role").map_err(bad_field)?;
        if self
            .members
            .iter()
            .any(|m| m.org == org && m.contact == contact)
        {
            return Err(error(
                409,
                "Contact is already a member of this organization",
            ));
        }
        self.members.push(Member { org, contact, role });
        Ok(Reply::empty(200))
    }

    fn set_role(&mut self, req: &Req, id: &str, contact: &str) -> Outcome {
        let body = body(req)?;
        let org = self.org_id(id)?;
        let role = fields::optional_str(&body, "role").map_err(bad_field)?;
        let member = parse_id(contact)
            .and_then(|c| {
                self.members
                    .iter_mut()
                    .find(|m| m.org == org && m.contact == c)
            })
            .ok_or_else(|| error(404, "Member not found"))?;
        if let Some(role) = role {
            member.role = role;
        }
        Ok(Reply::empty(200))
    }

    fn remove_member(&mut self, id: &str, contact: &str) -> Outcome {
        let org = self.org_id(id)?;
        let contact = parse_id(contact).ok_or_else(|| error(404, "Member not found"))?;
        let before = self.members.len();
        self.members
            .retain(|m| !(m.org == org && m.contact == contact));
        if self.members.len() == before {
            return Err(error(404, "Member not found"));
        }
        Ok(Reply::empty(204))
    }
}

fn apply_patch(org: &mut Map<String, Value>, body: &Map<String, Value>) -> Result<(), FieldError> {
    if let Some(status) = fields::optional_enum(body, "status", STATUSES)? {
        org.insert("status".into(), json!(status));
    }
    for field in ["industry", "website", "description"] {
        if let Some(value) = fields::nullable_str(body, field)? {
            org.insert(field.into(), value);
        }
    }
    if let Some(metadata) = fields::nullable_object(body, "metadata")? {
        org.insert("metadata".into(), metadata);
    }
    Ok(())
}

fn as_map(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

fn array(items: impl Iterator<Item = Value>) -> Reply {
    Reply::json(200, &Value::Array(items.collect()))
}

fn body(req: &Req) -> Result<Map<String, Value>, Reply> {
    req.json_object().map_err(|e| error(400, &e.message()))
}

fn bad_field(e: FieldError) -> Reply {
    error(400, &e.describe(&e.field))
}

/// kaana's error body.
pub fn error(status: u16, message: &str) -> Reply {
    Reply::json(
        status,
        &json!({"error": reason(status), "message": message}),
    )
}
