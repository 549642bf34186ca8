//! The data of a Git forge: users, repositories with branches, files, commits, labels,
//! issues and pull requests with their comments. Each forge fake renders it in its own JSON.
//!
//! Issues and pull requests of a repository share one number sequence (as on GitHub and
//! Gitea; GitLab's separate `iid` sequences are unique either way). Ids are global across the
//! forge. Times come from a counter, so the same seed always gives the same answers.
//!
//! [`Forge::seeded`] holds:
//! - users `ana` (id 1), `ben` (2), `chloe` (3);
//! - `acme/internal-api` (private): branches `main` (protected), `develop`, `feature/login`;
//!   files `README.md`, `src/main.rs` (text) and `assets/logo.png` (binary); 35 commits;
//!   labels `bug`, `feature`, `docs`, `conformance` (the conformance suite's); issues #1–#45 (every third closed, even ones labelled
//!   `bug`, #1 with two comments); pull requests #46 open `feature/login` → `main`, #47 merged
//!   `develop` → `main`, #48 closed;
//! - `acme/internal-web`, `acme-oss/toolkit` (public), `client-a/portal` and the nested-group
//!   project `client-a/platform/backend`: each with `main`, a `README.md`, 5 commits, issues
//!   #1–#3 and pull request #4 open `feature/x` → `main`.

use std::collections::BTreeMap;

/// A person with an account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    /// Global id.
    pub id: u64,
    /// Login.
    pub login: String,
    /// Display name.
    pub name: String,
    /// E-mail.
    pub email: String,
}

/// A branch and its tip.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Branch {
    /// Name.
    pub name: String,
    /// Tip commit SHA.
    pub sha: String,
    /// Whether pushes are restricted.
    pub protected: bool,
}

/// A commit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commit {
    /// SHA, 40 hex digits.
    pub sha: String,
    /// Message.
    pub message: String,
    /// Author login (a [`User`]).
    pub author: String,
    /// Authoring time, RFC 3339.
    pub authored_at: String,
    /// Paths it touched.
    pub paths: Vec<String>,
}

/// A label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// Global id.
    pub id: u64,
    /// Name.
    pub name: String,
    /// Colour, six hex digits.
    pub color: String,
}

/// A comment (GitLab: note).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// Global id.
    pub id: u64,
    /// Author login.
    pub author: String,
    /// Markdown body.
    pub body: String,
    /// Creation time.
    pub created_at: String,
}

/// An issue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    /// Global id.
    pub id: u64,
    /// Number in its repository.
    pub number: u64,
    /// Title.
    pub title: String,
    /// Body.
    pub body: Option<String>,
    /// Open or closed.
    pub open: bool,
    /// Author login.
    pub author: String,
    /// Assignee logins.
    pub assignees: Vec<String>,
    /// Label names.
    pub labels: Vec<String>,
    /// Comments, oldest first.
    pub comments: Vec<Note>,
    /// Creation time.
    pub created_at: String,
    /// Last change.
    pub updated_at: String,
    /// When it was closed.
    pub closed_at: Option<String>,
}

/// Where a pull request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PullState {
    /// Open.
    Open,
    /// Closed without merging.
    Closed,
    /// Merged.
    Merged,
}

/// A pull request (GitLab: merge request).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pull {
    /// Global id.
    pub id: u64,
    /// Number in its repository.
    pub number: u64,
    /// Title.
    pub title: String,
    /// Body.
    pub body: Option<String>,
    /// State.
    pub state: PullState,
    /// Draft.
    pub draft: bool,
    /// Branch with the changes.
    pub source: String,
    /// Branch to merge into.
    pub target: String,
    /// Author login.
    pub author: String,
    /// Whether a merge would succeed now.
    pub mergeable: bool,
    /// Comments, oldest first.
    pub comments: Vec<Note>,
    /// Creation time.
    pub created_at: String,
    /// Last change.
    pub updated_at: String,
    /// When it was merged.
    pub merged_at: Option<String>,
    /// The merge commit.
    pub merge_sha: Option<String>,
}

/// A repository (GitLab: project).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repo {
    /// Global id.
    pub id: u64,
    /// Owner path: user, organization, or nested groups (`client-a/platform`).
    pub owner: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Private.
    pub private: bool,
    /// Default branch.
    pub default_branch: String,
    /// Branches.
    pub branches: Vec<Branch>,
    /// Files on the default branch by path.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Commits, newest first.
    pub commits: Vec<Commit>,
    /// Labels.
    pub labels: Vec<Label>,
    /// Issues by number order.
    pub issues: Vec<Issue>,
    /// Pull requests by number order.
    pub pulls: Vec<Pull>,
    /// Last change.
    pub updated_at: String,
}

impl Repo {
    /// `owner/name`.
    pub fn full_name(&self) -> String {
        format!("{}/{}", self.owner, self.name)
    }

    /// The next free number for an issue or pull request.
    pub fn next_number(&self) -> u64 {
        let issues = self.issues.iter().map(|issue| issue.number);
        let pulls = self.pulls.iter().map(|pull| pull.number);
        issues.chain(pulls).max().unwrap_or(0) + 1
    }

    /// The issue numbered `number`.
    pub fn issue_mut(&mut self, number: u64) -> Option<&mut Issue> {
        self.issues.iter_mut().find(|issue| issue.number == number)
    }

    /// The pull request numbered `number`.
    pub fn pull_mut(&mut self, number: u64) -> Option<&mut Pull> {
        self.pulls.iter_mut().find(|pull| pull.number == number)
    }

    /// A branch by name.
    pub fn branch(&self, name: &str) -> Option<&Branch> {
        self.branches.iter().find(|branch| branch.name == name)
    }
}

/// Why a merge was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MergeRefusal {
    /// Already merged.
    AlreadyMerged,
    /// Closed.
    Closed,
    /// Conflicts with its target.
    NotMergeable,
}

/// A whole forge.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Forge {
    /// Accounts.
    pub users: Vec<User>,
    /// Repositories.
    pub repos: Vec<Repo>,
    next_id: u64,
    clock: u64,
}

impl Forge {
    /// An empty forge whose ids start at 1000.
    pub fn empty() -> Self {
        Self {
            next_id: 1000,
            ..Self::default()
        }
    }

    /// A fresh global id.
    pub fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// The next moment on the forge's clock, RFC 3339 (a minute after the previous one).
    pub fn now(&mut self) -> String {
        self.clock += 1;
        timestamp(self.clock)
    }

    /// The repository `owner/name` (owner may nest).
    pub fn repo(&self, full_name: &str) -> Option<&Repo> {
        self.repos.iter().find(|repo| repo.full_name() == full_name)
    }

    /// The repository `owner/name`, to change it.
    pub fn repo_mut(&mut self, full_name: &str) -> Option<&mut Repo> {
        self.repos
            .iter_mut()
            .find(|repo| repo.full_name() == full_name)
    }

    /// The repository with global id `id`.
    pub fn repo_by_id(&self, id: u64) -> Option<&Repo> {
        self.repos.iter().find(|repo| repo.id == id)
    }

    /// A user by login.
    pub fn user(&self, login: &str) -> Option<&User> {
        self.users.iter().find(|user| user.login == login)
    }

    /// A user by id.
    pub fn user_by_id(&self, id: u64) -> Option<&User> {
        self.users.iter().find(|user| user.id == id)
    }

    /// Opens an issue and gives it back.
    pub fn open_issue(
        &mut self,
        repo: &str,
        title: &str,
        body: Option<String>,
        author: &str,
    ) -> Option<Issue> {
        let id = self.next_id();
        let now = self.now();
        let repo = self.repo_mut(repo)?;
        let issue = Issue {
            id,
            number: repo.next_number(),
            title: title.to_owned(),
            body,
            open: true,
            author: author.to_owned(),
            assignees: Vec::new(),
            labels: Vec::new(),
            comments: Vec::new(),
            created_at: now.clone(),
            updated_at: now.clone(),
            closed_at: None,
        };
        repo.updated_at = now;
        repo.issues.push(issue.clone());
        Some(issue)
    }

    /// Opens a pull request and gives it back.
    pub fn open_pull(
        &mut self,
        repo: &str,
        title: &str,
        source: &str,
        target: &str,
        author: &str,
    ) -> Option<Pull> {
        let id = self.next_id();
        let now = self.now();
        let repo = self.repo_mut(repo)?;
        let pull = Pull {
            id,
            number: repo.next_number(),
            title: title.to_owned(),
            body: None,
            state: PullState::Open,
            draft: false,
            source: source.to_owned(),
            target: target.to_owned(),
            author: author.to_owned(),
            mergeable: true,
            comments: Vec::new(),
            created_at: now.clone(),
            updated_at: now.clone(),
            merged_at: None,
            merge_sha: None,
        };
        repo.updated_at = now;
        repo.pulls.push(pull.clone());
        Some(pull)
    }

    /// Adds a comment to issue or pull request `number` and gives it back.
    pub fn comment(&mut self, repo: &str, number: u64, author: &str, body: &str) -> Option<Note> {
        let id = self.next_id();
        let now = self.now();
        let repo = self.repo_mut(repo)?;
        let note = Note {
            id,
            author: author.to_owned(),
            body: body.to_owned(),
            created_at: now.clone(),
        };
        if let Some(issue) = repo.issue_mut(number) {
            issue.comments.push(note.clone());
            issue.updated_at = now;
        } else if let Some(pull) = repo.pull_mut(number) {
            pull.comments.push(note.clone());
            pull.updated_at = now;
        } else {
            return None;
        }
        Some(note)
    }

    /// Merges pull request `number`: a merge commit on the target branch. `None` when there is
    /// no such pull request.
    pub fn merge(
        &mut self,
        repo: &str,
        number: u64,
        message: &str,
    ) -> Option<Result<Pull, MergeRefusal>> {
        let now = self.now();
        let clock = self.clock;
        let repo = self.repo_mut(repo)?;
        let full_name = repo.full_name();
        let pull = repo.pull_mut(number)?.clone();
        match pull.state {
            PullState::Merged => return Some(Err(MergeRefusal::AlreadyMerged)),
            PullState::Closed => return Some(Err(MergeRefusal::Closed)),
            PullState::Open if !pull.mergeable => return Some(Err(MergeRefusal::NotMergeable)),
            PullState::Open => {}
        }
        let sha = sha(&full_name, 10_000 + clock);
        repo.commits.insert(
            0,
            Commit {
                sha: sha.clone(),
                message: message.to_owned(),
                author: pull.author.clone(),
                authored_at: now.clone(),
                paths: Vec::new(),
            },
        );
        if let Some(target) = repo
            .branches
            .iter_mut()
            .find(|branch| branch.name == pull.target)
        {
            target.sha = sha.clone();
        }
        repo.updated_at = now.clone();
        let merged = repo.pull_mut(number)?;
        merged.state = PullState::Merged;
        merged.merged_at = Some(now.clone());
        merged.updated_at = now;
        merged.merge_sha = Some(sha);
        Some(Ok(merged.clone()))
    }

    /// The seed described in the module docs.
    pub fn seeded() -> Self {
        let mut forge = Self::empty();
        for (id, login, name) in [
            (1, "ana", "Ana Souza"),
            (2, "ben", "Ben Okafor"),
            (3, "chloe", "Chloé Martin"),
        ] {
            forge.users.push(User {
                id,
                login: login.into(),
                name: name.into(),
                email: format!("{login}@acme.dev"),
            });
        }
        seed_main_repo(&mut forge);
        for (owner, name, private) in [
            ("acme", "internal-web", true),
            ("acme-oss", "toolkit", false),
            ("client-a", "portal", true),
            ("client-a/platform", "backend", true),
        ] {
            seed_small_repo(&mut forge, owner, name, private);
        }
        forge
    }
}

/// Minute `minute` after 2026-11-01T00:00:00Z, RFC 3339.
pub(crate) fn timestamp(minute: u64) -> String {
    let day = 1 + minute / 1440;
    let hour = minute / 60 % 24;
    let min = minute % 60;
    // The seed and any test stay within November: 28 days are 40 320 minutes.
    format!("2026-11-{:02}T{hour:02}:{min:02}:00Z", day.min(30))
}

/// A SHA-shaped, stable id for the `n`th object of a repository.
pub fn sha(repo: &str, n: u64) -> String {
    // FNV-1a, twice with different offsets: stable across runs and platforms.
    let fnv = |offset: u64| {
        let mut hash = offset;
        for byte in repo.bytes().chain(n.to_le_bytes()) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        hash
    };
    let (a, b, c) = (
        fnv(0xcbf2_9ce4_8422_2325),
        fnv(0x8422_2325_cbf2_9ce4),
        fnv(0x1234_5678_9abc_def0),
    );
    format!("{a:016x}{b:016x}{:08x}", c >> 32)
}

fn empty_repo(forge: &mut Forge, owner: &str, name: &str, private: bool) -> Repo {
    let id = forge.next_id();
    let now = forge.now();
    Repo {
        id,
        owner: owner.into(),
        name: name.into(),
        description: Some(format!("The {name} service")),
        private,
        default_branch: "main".into(),
        branches: Vec::new(),
        files: BTreeMap::new(),
        commits: Vec::new(),
        labels: Vec::new(),
        issues: Vec::new(),
        pulls: Vec::new(),
        updated_at: now,
    }
}

fn seed_commits(forge: &mut Forge, repo: &mut Repo, count: u64) {
    let full_name = repo.full_name();
    for n in 1..=count {
        let path = if n % 2 == 0 {
            "README.md"
        } else {
            "src/main.rs"
        };
        let authored_at = forge.now();
        repo.commits.insert(
            0,
            Commit {
                sha: sha(&full_name, n),
                message: format!("Change {n} to {path}"),
                author: ["ana", "ben", "chloe"][(n % 3) as usize].into(),
                authored_at,
                paths: vec![path.into()],
            },
        );
    }
}

fn seed_issue(forge: &mut Forge, repo: &mut Repo, number: u64, open: bool, labels: Vec<String>) {
    let id = forge.next_id();
    let created_at = forge.now();
    repo.issues.push(Issue {
        id,
        number,
        title: format!("Issue {number} of {}", repo.name),
        body: Some(format!("What happens in issue {number}.")),
        open,
        author: ["ana", "ben", "chloe"][(number % 3) as usize].into(),
        assignees: if number % 2 == 1 {
            vec!["ana".into()]
        } else {
            Vec::new()
        },
        labels,
        comments: Vec::new(),
        created_at: created_at.clone(),
        updated_at: created_at.clone(),
        closed_at: (!open).then_some(created_at),
    });
}

fn seed_pull(forge: &mut Forge, repo: &mut Repo, number: u64, state: PullState, source: &str) {
    let id = forge.next_id();
    let created_at = forge.now();
    let merged = state == PullState::Merged;
    repo.pulls.push(Pull {
        id,
        number,
        title: format!("Pull request {number}: {source}"),
        body: Some(format!("Merges {source}.")),
        state,
        draft: false,
        source: source.into(),
        target: "main".into(),
        author: "ben".into(),
        mergeable: state == PullState::Open,
        comments: Vec::new(),
        created_at: created_at.clone(),
        updated_at: created_at.clone(),
        merged_at: merged.then(|| created_at.clone()),
        merge_sha: merged.then(|| sha(&repo.full_name(), 9_000 + number)),
    });
}

fn seed_main_repo(forge: &mut Forge) {
    let mut repo = empty_repo(forge, "acme", "internal-api", true);
    seed_commits(forge, &mut repo, 35);
    let tip = repo.commits[0].sha.clone();
    for (name, protected) in [("main", true), ("develop", false), ("feature/login", false)] {
        repo.branches.push(Branch {
            name: name.into(),
            sha: if name == "main" {
                tip.clone()
            } else {
                sha(&repo.full_name(), 500 + name.len() as u64)
            },
            protected,
        });
    }
    repo.files.insert(
        "README.md".into(),
        b"# internal-api\n\nThe API behind the internal tools.\n".to_vec(),
    );
    repo.files.insert(
        "src/main.rs".into(),
        b"fn main() {\n    println!(\"internal-api\");\n}\n".to_vec(),
    );
    // A PNG signature and bytes that are not UTF-8: served base64, never decoded to text.
    repo.files.insert(
        "assets/logo.png".into(),
        vec![
            0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80,
        ],
    );
    for (name, color) in [
        ("bug", "d73a4a"),
        ("feature", "a2eeef"),
        ("docs", "0075ca"),
        ("conformance", "ededed"),
    ] {
        let id = forge.next_id();
        repo.labels.push(Label {
            id,
            name: name.into(),
            color: color.into(),
        });
    }
    for number in 1..=45 {
        let labels = if number % 2 == 0 {
            vec!["bug".to_owned()]
        } else {
            Vec::new()
        };
        seed_issue(forge, &mut repo, number, number % 3 != 0, labels);
    }
    for (author, body) in [
        ("ben", "I can reproduce this."),
        ("ana", "Fixed on develop."),
    ] {
        let id = forge.next_id();
        let created_at = forge.now();
        repo.issues[0].comments.push(Note {
            id,
            author: author.into(),
            body: body.into(),
            created_at,
        });
    }
    seed_pull(forge, &mut repo, 46, PullState::Open, "feature/login");
    seed_pull(forge, &mut repo, 47, PullState::Merged, "develop");
    seed_pull(forge, &mut repo, 48, PullState::Closed, "develop");
    forge.repos.push(repo);
}

fn seed_small_repo(forge: &mut Forge, owner: &str, name: &str, private: bool) {
    let mut repo = empty_repo(forge, owner, name, private);
    seed_commits(forge, &mut repo, 5);
    let tip = repo.commits[0].sha.clone();
    repo.branches.push(Branch {
        name: "main".into(),
        sha: tip,
        protected: true,
    });
    repo.branches.push(Branch {
        name: "feature/x".into(),
        sha: sha(&repo.full_name(), 600),
        protected: false,
    });
    repo.files
        .insert("README.md".into(), format!("# {name}\n").into_bytes());
    for number in 1..=3 {
        seed_issue(forge, &mut repo, number, true, Vec::new());
    }
    seed_pull(forge, &mut repo, 4, PullState::Open, "feature/x");
    forge.repos.push(repo);
}

#[cfg(test)]
#[path = "forge_tests.rs"]
mod tests;
