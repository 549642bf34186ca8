//! The data of a project tracker: people, projects with their workflow states and labels, work
//! items and their comments. The Jira, Linear and Plane fakes each render it in their own JSON.
//!
//! Descriptions and comment bodies are kept in the tracker's own format as JSON (Jira's ADF
//! document, Linear's Markdown string, Plane's HTML string): a fake stores what it was sent and
//! answers it back, as the real services do. The seed's are plain JSON strings, which each fake
//! renders in its format (a one-paragraph ADF document, say).
//!
//! Times come from a counter, so the same seed always gives the same answers. Each change to a
//! work item moves its `updated_at` on by a minute.
//!
//! [`Tracker::seeded`] holds:
//! - people `ana` (the caller of every fake), `ben` and `chloe`, each with an account id
//!   (`acc-ana`, …), a display name and an e-mail (`ana@example.com`);
//! - projects `PLAT` (Platform), `WEB` (Web) and `OPS` (Operations), each with the states
//!   Backlog, Todo, In Progress, In Review, Done and Won't Do (one per [`StateGroup`], two
//!   started ones) and the labels `bug`, `feature`, `docs`, `conformance`;
//! - in `PLAT` work items `PLAT-1` … `PLAT-45`: state by number (`n % 5`: 0 Backlog, 1 Todo,
//!   2 In Progress, 3 Done, 4 Won't Do), even numbers labelled `bug`, every third assigned to
//!   `ben`, `PLAT-1` with two comments; `PLAT` allows no move into Done except from In Progress
//!   or In Review (a workflow rule, for "no transition reaches it");
//! - in `WEB` and `OPS` five work items each, `WEB-1` … `WEB-5`, states as above.

use crate::forge::timestamp;
use serde_json::Value;

/// The kinds of workflow state every tracker has in some form (Plane's state groups; Linear's
/// state types; Jira's categories, with the resolution telling completed from cancelled).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StateGroup {
    /// Not yet planned.
    Backlog,
    /// Planned, not started.
    Unstarted,
    /// Being worked on.
    Started,
    /// Finished.
    Completed,
    /// Abandoned.
    Cancelled,
}

impl StateGroup {
    /// Plane's and Linear's name of the group (Linear spells it `canceled`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Backlog => "backlog",
            Self::Unstarted => "unstarted",
            Self::Started => "started",
            Self::Completed => "completed",
            Self::Cancelled => "cancelled",
        }
    }
}

/// A person with an account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// Numeric id, unique in the tracker.
    pub id: u64,
    /// Opaque account id (Jira's `accountId`).
    pub account_id: String,
    /// Login (Linear and Plane display name).
    pub login: String,
    /// Display name.
    pub name: String,
    /// E-mail.
    pub email: String,
}

/// A workflow state of a project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct State {
    /// Id, unique in the tracker.
    pub id: u64,
    /// Name.
    pub name: String,
    /// Its group.
    pub group: StateGroup,
}

/// A project (Jira project, Linear team, Plane project).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Project {
    /// Id, unique in the tracker.
    pub id: u64,
    /// The key that prefixes its work items' keys.
    pub key: String,
    /// Name.
    pub name: String,
    /// Workflow states, in workflow order.
    pub states: Vec<State>,
    /// Label names.
    pub labels: Vec<String>,
    /// Moves the workflow allows, `(from, to)` by state name; empty: every move.
    pub allowed_moves: Vec<(String, String)>,
    /// The number the next work item gets.
    pub next_number: u64,
}

impl Project {
    /// The state named `name` (case as given).
    pub fn state(&self, name: &str) -> Option<&State> {
        self.states.iter().find(|state| state.name == name)
    }

    /// The state with id `id`.
    pub fn state_by_id(&self, id: u64) -> Option<&State> {
        self.states.iter().find(|state| state.id == id)
    }

    /// Whether the workflow lets a work item move from state `from` to state `to` (ids).
    pub fn can_move(&self, from: u64, to: u64) -> bool {
        if from == to {
            return false;
        }
        if self.allowed_moves.is_empty() {
            return true;
        }
        let name = |id| self.state_by_id(id).map(|state| state.name.as_str());
        self.allowed_moves
            .iter()
            .any(|(a, b)| Some(a.as_str()) == name(from) && Some(b.as_str()) == name(to))
    }
}

/// A comment.
#[derive(Clone, Debug, PartialEq)]
pub struct Comment {
    /// Id, unique in the tracker.
    pub id: u64,
    /// Author login (a [`Person`]).
    pub author: String,
    /// Body in the tracker's format.
    pub body: Value,
    /// Creation time, RFC 3339.
    pub created_at: String,
}

/// A work item.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// Id, unique in the tracker.
    pub id: u64,
    /// Project key.
    pub project: String,
    /// Number within the project.
    pub number: u64,
    /// Title.
    pub title: String,
    /// Description in the tracker's format.
    pub description: Option<Value>,
    /// State id (one of the project's).
    pub state: u64,
    /// Resolution name, set when the item reached a completed or cancelled state (Jira).
    pub resolution: Option<String>,
    /// Assignee login.
    pub assignee: Option<String>,
    /// Label names.
    pub labels: Vec<String>,
    /// Priority: 0 none, 1 urgent, 2 high, 3 medium, 4 low (Linear's scale).
    pub priority: u8,
    /// Issue type name (Jira), `Task` unless set.
    pub issue_type: String,
    /// Comments, oldest first.
    pub comments: Vec<Comment>,
    /// Creation time, RFC 3339.
    pub created_at: String,
    /// Last change, RFC 3339.
    pub updated_at: String,
}

impl Item {
    /// `KEY-NUMBER`.
    pub fn key(&self) -> String {
        format!("{}-{}", self.project, self.number)
    }
}

/// A whole tracker.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tracker {
    /// Accounts; the first is the caller of every fake.
    pub people: Vec<Person>,
    /// Projects.
    pub projects: Vec<Project>,
    /// Work items of every project, in creation order.
    pub items: Vec<Item>,
    next_id: u64,
    clock: u64,
}

impl Tracker {
    /// An empty tracker whose ids start at 10000.
    pub fn empty() -> Self {
        Self {
            next_id: 10_000,
            ..Self::default()
        }
    }

    /// A fresh id.
    pub fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// The next moment on the tracker's clock, RFC 3339 (a minute after the previous one).
    pub fn now(&mut self) -> String {
        self.clock += 1;
        timestamp(self.clock)
    }

    /// The caller of every fake (the first person).
    pub fn caller(&self) -> &Person {
        &self.people[0]
    }

    /// The person whose login, e-mail, account id or numeric id is `who`.
    pub fn person(&self, who: &str) -> Option<&Person> {
        self.people.iter().find(|person| {
            person.login == who
                || person.email == who
                || person.account_id == who
                || person.id.to_string() == who
        })
    }

    /// The project with key `key`.
    pub fn project(&self, key: &str) -> Option<&Project> {
        self.projects.iter().find(|project| project.key == key)
    }

    /// The project with id `id`.
    pub fn project_by_id(&self, id: u64) -> Option<&Project> {
        self.projects.iter().find(|project| project.id == id)
    }

    /// The work item `KEY-NUMBER`.
    pub fn item(&self, key: &str) -> Option<&Item> {
        self.items.iter().find(|item| item.key() == key)
    }

    /// The work item `KEY-NUMBER`, to change it.
    pub fn item_mut(&mut self, key: &str) -> Option<&mut Item> {
        self.items.iter_mut().find(|item| item.key() == key)
    }

    /// The work item with id `id`.
    pub fn item_by_id(&self, id: u64) -> Option<&Item> {
        self.items.iter().find(|item| item.id == id)
    }

    /// The state a work item is in, with its group.
    pub fn state_of(&self, item: &Item) -> Option<&State> {
        self.project(&item.project)?.state_by_id(item.state)
    }

    /// Adds a project with the six seed states and four labels.
    pub fn add_project(&mut self, key: &str, name: &str) -> u64 {
        let id = self.next_id();
        let states = [
            ("Backlog", StateGroup::Backlog),
            ("Todo", StateGroup::Unstarted),
            ("In Progress", StateGroup::Started),
            ("In Review", StateGroup::Started),
            ("Done", StateGroup::Completed),
            ("Won't Do", StateGroup::Cancelled),
        ]
        .into_iter()
        .map(|(name, group)| State {
            id: self.next_id(),
            name: name.to_owned(),
            group,
        })
        .collect();
        self.projects.push(Project {
            id,
            key: key.to_owned(),
            name: name.to_owned(),
            states,
            labels: ["bug", "feature", "docs", "conformance"]
                .map(str::to_owned)
                .to_vec(),
            allowed_moves: Vec::new(),
            next_number: 1,
        });
        id
    }

    /// Creates a work item in `project` (which must exist) in its first state, and returns
    /// its key.
    pub fn create_item(&mut self, project: &str, title: &str) -> String {
        let now = self.now();
        let id = self.next_id();
        let target = self
            .projects
            .iter_mut()
            .find(|candidate| candidate.key == project)
            .expect("create_item in an existing project");
        let number = target.next_number;
        target.next_number += 1;
        let state = target.states[0].id;
        self.items.push(Item {
            id,
            project: project.to_owned(),
            number,
            title: title.to_owned(),
            description: None,
            state,
            resolution: None,
            assignee: None,
            labels: Vec::new(),
            priority: 0,
            issue_type: "Task".into(),
            comments: Vec::new(),
            created_at: now.clone(),
            updated_at: now,
        });
        format!("{project}-{number}")
    }

    /// Marks `key` changed now.
    pub fn touch(&mut self, key: &str) {
        let now = self.now();
        if let Some(item) = self.item_mut(key) {
            item.updated_at = now;
        }
    }

    /// Moves `key` to the state with id `state` (not checking the workflow), setting or
    /// clearing the resolution as Jira does: `Done` for a completed state, `Won't Do` for a
    /// cancelled one, none otherwise.
    pub fn move_item(&mut self, key: &str, state: u64) {
        let group = self
            .item(key)
            .and_then(|item| self.project(&item.project))
            .and_then(|project| project.state_by_id(state))
            .map(|state| state.group);
        if let Some(item) = self.item_mut(key) {
            item.state = state;
            item.resolution = match group {
                Some(StateGroup::Completed) => Some("Done".into()),
                Some(StateGroup::Cancelled) => Some("Won't Do".into()),
                _ => None,
            };
        }
        self.touch(key);
    }

    /// Adds a comment by the caller to `key` and returns its id.
    pub fn add_comment(&mut self, key: &str, body: Value) -> Option<u64> {
        let now = self.now();
        let id = self.next_id();
        let author = self.caller().login.clone();
        let item = self.item_mut(key)?;
        item.comments.push(Comment {
            id,
            author,
            body,
            created_at: now.clone(),
        });
        item.updated_at = now;
        Some(id)
    }

    /// The seed described in the module docs.
    pub fn seeded() -> Self {
        let mut tracker = Self::empty();
        for (id, login, name) in [
            (1, "ana", "Ana Alves"),
            (2, "ben", "Ben Brandt"),
            (3, "chloe", "Chloé Coste"),
        ] {
            tracker.people.push(Person {
                id,
                account_id: format!("acc-{login}"),
                login: login.into(),
                name: name.into(),
                email: format!("{login}@example.com"),
            });
        }
        for (key, name, count) in [
            ("PLAT", "Platform", 45),
            ("WEB", "Web", 5),
            ("OPS", "Operations", 5),
        ] {
            tracker.add_project(key, name);
            for number in 1..=count {
                seed_item(&mut tracker, key, number);
            }
        }
        let plat = tracker
            .projects
            .iter_mut()
            .find(|project| project.key == "PLAT")
            .expect("PLAT was just added");
        let names: Vec<String> = plat.states.iter().map(|state| state.name.clone()).collect();
        for from in &names {
            for to in &names {
                let into_done = to == "Done" && from != "In Progress" && from != "In Review";
                if from != to && !into_done {
                    plat.allowed_moves.push((from.clone(), to.clone()));
                }
            }
        }
        tracker.add_comment("PLAT-1", Value::String("Seen on staging too.".into()));
        tracker.add_comment("PLAT-1", Value::String("Fixed by the retry change.".into()));
        tracker
    }
}

/// Work item `number` of the seed: state, labels and assignee follow from the number.
fn seed_item(tracker: &mut Tracker, project: &str, number: u64) {
    let key = tracker.create_item(project, &format!("{project} work item {number}"));
    let states: Vec<u64> = tracker
        .project(project)
        .map(|project| project.states.iter().map(|state| state.id).collect())
        .unwrap_or_default();
    // Backlog, Todo, In Progress, Done, Won't Do.
    let state = [states[0], states[1], states[2], states[4], states[5]][(number % 5) as usize];
    tracker.move_item(&key, state);
    let item = tracker.item_mut(&key).expect("just created");
    item.description = None;
    if number.is_multiple_of(2) {
        item.labels.push("bug".into());
    }
    if number.is_multiple_of(3) {
        item.assignee = Some("ben".into());
    }
    item.priority = (number % 5) as u8;
}

#[cfg(test)]
#[path = "tracker_tests.rs"]
mod tests;
