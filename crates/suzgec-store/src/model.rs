//! The rows the store reads and writes, as Rust types. Times are Unix milliseconds.

use serde::{Deserialize, Serialize};
use suzgec_core::{Decision, Verdict};

use crate::Error;

/// Where a comment stands: shown, refused, or waiting for a moderator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Shown under the article.
    Approved,
    /// Not shown.
    Rejected,
    /// Waiting in the moderators' queue.
    Pending,
}

impl Status {
    /// The status a machine decision gives a new comment.
    pub fn from_decision(decision: Decision) -> Status {
        match decision {
            Decision::Approve => Status::Approved,
            Decision::Review => Status::Pending,
            Decision::Reject => Status::Rejected,
        }
    }

    /// The name stored and shown in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Approved => "approved",
            Status::Rejected => "rejected",
            Status::Pending => "pending",
        }
    }

    pub(crate) fn parse(text: &str) -> Result<Status, Error> {
        match text {
            "approved" => Ok(Status::Approved),
            "rejected" => Ok(Status::Rejected),
            "pending" => Ok(Status::Pending),
            other => Err(Error::Corrupt(format!("unknown comment status {other:?}"))),
        }
    }
}

/// Who changed a comment's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// Süzgeç's verdict when the comment arrived.
    Machine,
    /// A moderator's decision.
    Moderator,
    /// Brought in by `suzgec import`.
    Import,
}

impl EventKind {
    /// The name stored and shown in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Machine => "machine",
            EventKind::Moderator => "moderator",
            EventKind::Import => "import",
        }
    }

    pub(crate) fn parse(text: &str) -> Result<EventKind, Error> {
        match text {
            "machine" => Ok(EventKind::Machine),
            "moderator" => Ok(EventKind::Moderator),
            "import" => Ok(EventKind::Import),
            other => Err(Error::Corrupt(format!("unknown event kind {other:?}"))),
        }
    }
}

/// What an account or API token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Calls `POST /api/v1/moderate`.
    Api,
    /// Also creates and updates articles.
    Editor,
    /// Also works the moderation queue.
    Moderator,
    /// Everything, including accounts.
    Admin,
}

impl Role {
    /// The name stored and given on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Api => "api",
            Role::Editor => "editor",
            Role::Moderator => "moderator",
            Role::Admin => "admin",
        }
    }

    /// Reads a role name (`api`, `editor`, `moderator`, `admin`).
    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "api" => Some(Role::Api),
            "editor" => Some(Role::Editor),
            "moderator" => Some(Role::Moderator),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    /// Whether this role may do what `needed` may (roles are ordered api < editor < moderator <
    /// admin).
    pub fn allows(self, needed: Role) -> bool {
        self >= needed
    }
}

/// A published article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Row id.
    pub id: i64,
    /// The URL name, unique.
    pub slug: String,
    /// `tr` or `en`: the language of the page and of its comment policy.
    pub language: String,
    /// Headline.
    pub title: String,
    /// The lead paragraph.
    pub summary: String,
    /// Body text; paragraphs are separated by blank lines.
    pub body: String,
    /// The source line (agency, author).
    pub source: String,
    /// The slug of the same article in the other language, if any.
    pub translation_slug: Option<String>,
    /// The page of another site this article's comments are embedded in, if any.
    pub canonical_url: Option<String>,
    /// When it was published.
    pub published_at: i64,
    /// When it was last changed.
    pub updated_at: i64,
}

/// An article to create.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NewArticle {
    /// The URL name, unique.
    pub slug: String,
    /// `tr` or `en`.
    pub language: String,
    /// Headline.
    pub title: String,
    /// The lead paragraph.
    #[serde(default)]
    pub summary: String,
    /// Body text; paragraphs are separated by blank lines.
    pub body: String,
    /// The source line.
    #[serde(default)]
    pub source: String,
    /// The slug of the same article in the other language.
    #[serde(default)]
    pub translation_slug: Option<String>,
    /// The page of another site that embeds this article's comments (unique).
    #[serde(default)]
    pub canonical_url: Option<String>,
}

/// Changes to an article; fields left out stay as they are.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ArticleUpdate {
    /// New headline.
    pub title: Option<String>,
    /// New lead paragraph.
    pub summary: Option<String>,
    /// New body.
    pub body: Option<String>,
    /// New source line.
    pub source: Option<String>,
}

/// A comment to store, with the verdict Süzgeç gave it.
#[derive(Debug, Clone)]
pub struct NewComment {
    /// The article it is written under.
    pub article_id: i64,
    /// The comment it answers (replies are one level deep).
    pub parent_id: Option<i64>,
    /// The name the author gave.
    pub author: String,
    /// The text exactly as submitted.
    pub text: String,
    /// Süzgeç's verdict on the text.
    pub verdict: Verdict,
    /// A keyed hash of the client's address, for flood detection; never the address itself.
    pub client_key: String,
    /// The flood and duplicate limits to hold the comment to, checked in the transaction that
    /// stores it; `None` stores it unchecked.
    pub limits: Option<CommentLimits>,
}

/// Flood and duplicate limits for a new comment. The store checks them in the transaction that
/// writes the comment, after every comment before it, so comments sent at once cannot all slip
/// past them (on PostgreSQL, instances take turns with a transaction lock).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommentLimits {
    /// Comments from the same client (its key) since `client_since` (Unix ms) that are allowed.
    pub per_client: i64,
    /// Start of the client's window.
    pub client_since: i64,
    /// Comments under the same author name since `author_since` that are allowed.
    pub per_author: i64,
    /// Start of the author's window.
    pub author_since: i64,
    /// The same text by the same author under the same article since this time is a duplicate.
    pub duplicate_since: i64,
}

/// Which limit a comment met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitHit {
    /// Too many comments from its client.
    Client,
    /// Too many comments under its author name.
    Author,
    /// The same author sent the same text under the same article a moment ago.
    Duplicate,
}

/// A stored comment and where it stands now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comment {
    /// Row id.
    pub id: i64,
    /// The article it is written under.
    pub article_id: i64,
    /// The comment it answers.
    pub parent_id: Option<i64>,
    /// The name the author gave.
    pub author: String,
    /// The text exactly as submitted.
    pub text: String,
    /// The text shown: a moderator's edit if there is one, else the submitted text.
    pub shown_text: String,
    /// Süzgeç's verdict when the comment arrived.
    pub verdict: Verdict,
    /// The policy version that verdict was made under.
    pub policy_version: String,
    /// Where it stands now (its latest event).
    pub status: Status,
    /// When it was submitted.
    pub created_at: i64,
    /// When its status last changed.
    pub status_at: i64,
}

/// One change of a comment's status: the log is appended to, never rewritten.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Row id; increases with time.
    pub id: i64,
    /// The comment.
    pub comment_id: i64,
    /// The status it gave the comment.
    pub status: Status,
    /// Machine, moderator or import.
    pub kind: EventKind,
    /// `suzgec` for the machine, else the moderator's name.
    pub actor: String,
    /// Why (a moderator's note, or the machine's rules).
    pub reason: String,
    /// The text a moderator approved in place of the submitted one.
    pub edited_text: Option<String>,
    /// A moderator's decision that goes against the machine's.
    pub overrides_machine: bool,
    /// When.
    pub at: i64,
}

/// A moderator's decision on a comment.
#[derive(Debug, Clone)]
pub struct ModeratorDecision {
    /// Approved or rejected.
    pub status: Status,
    /// The moderator's account name.
    pub actor: String,
    /// The moderator's note.
    pub reason: String,
    /// An edited text to approve instead of the submitted one.
    pub edited_text: Option<String>,
}

/// A comment waiting for a moderator: held by the machine, or reported by readers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueueItem {
    /// The comment.
    pub comment: Comment,
    /// The article's slug.
    pub article_slug: String,
    /// The article's headline.
    pub article_title: String,
    /// Reader reports since the last moderator decision.
    pub reports: i64,
    /// What those readers wrote, newest first (empty reasons left out; at most five).
    pub report_reasons: Vec<String>,
}

/// One line of the audit log: an event with the comment and article it concerns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    /// The event.
    pub event: Event,
    /// The article's slug.
    pub article_slug: String,
    /// The comment's submitted text.
    pub comment_text: String,
}

/// A count for one day: comments a rule flagged, or comments given a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DailyCount {
    /// Days since 1970-01-01 (UTC).
    pub day: i64,
    /// What was counted: a rule id, or a decision.
    pub key: String,
    /// How many.
    pub count: i64,
}

/// A moderator or admin account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Row id.
    pub id: i64,
    /// Login name, unique.
    pub name: String,
    /// Moderator or admin.
    pub role: Role,
    /// The argon2 hash of the password (PHC string).
    pub password_hash: String,
}

/// A logged-in user's session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The user.
    pub user: User,
    /// The token every form of this session must carry.
    pub csrf_token: String,
    /// When it ends.
    pub expires_at: i64,
}

/// An API token (only its hash is stored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiToken {
    /// Row id.
    pub id: i64,
    /// What it is for.
    pub name: String,
    /// What it may do.
    pub role: Role,
}

/// A comment with its article and full history, as `suzgec export` writes it and `import` reads
/// it: one JSON object per line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedComment {
    /// The id it had in the exporting database.
    pub id: i64,
    /// The article's slug.
    pub article_slug: String,
    /// The id of the comment it answers, in the exporting database.
    pub parent_id: Option<i64>,
    /// The author's name.
    pub author: String,
    /// The submitted text.
    pub text: String,
    /// The verdict it got.
    pub verdict: Verdict,
    /// The policy version of that verdict.
    pub policy_version: String,
    /// When it was submitted.
    pub created_at: i64,
    /// Its status history, oldest first.
    pub events: Vec<Event>,
}

/// A moderator's decision on a text, reported by another comment platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFeedback {
    /// The platform or protocol it came through (`perspective`).
    pub source: String,
    /// The platform's own reference to the comment (`comment:<id>`), or empty.
    pub client_token: String,
    /// The text decided on.
    pub text: String,
    /// Whether the moderators let it through.
    pub approved: bool,
    /// The API token that reported it.
    pub actor: String,
}

/// Stored feedback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Feedback {
    /// Row id.
    pub id: i64,
    /// The platform or protocol it came through.
    pub source: String,
    /// The platform's own reference to the comment.
    pub client_token: String,
    /// The text decided on.
    pub text: String,
    /// Whether the moderators let it through.
    pub approved: bool,
    /// The API token that reported it.
    pub actor: String,
    /// When it arrived (Unix milliseconds).
    pub created_at: i64,
}

/// A verdict given to another platform's comment, as the audit keeps it: no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewExternalCheck {
    /// The platform (`coral`).
    pub source: String,
    /// The platform's own ids for the comment (tenant, story, author), as one string.
    pub reference: String,
    /// SHA-256 of the text judged, hex.
    pub text_sha256: String,
    /// The decision (`approve`, `review`, `reject`).
    pub decision: String,
    /// The rules that gave reasons, comma-separated.
    pub rules: String,
}

/// A logged external check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExternalCheck {
    /// Row id.
    pub id: i64,
    /// The platform.
    pub source: String,
    /// The platform's own ids for the comment.
    pub reference: String,
    /// SHA-256 of the text judged, hex.
    pub text_sha256: String,
    /// The decision.
    pub decision: String,
    /// The rules that gave reasons, comma-separated.
    pub rules: String,
    /// When (Unix milliseconds).
    pub created_at: i64,
}

/// One page of an article's approved threads.
#[derive(Debug, Clone, PartialEq)]
pub struct ThreadPage {
    /// The page's top-level comments, newest first, then their replies, oldest first.
    pub comments: Vec<Comment>,
    /// The cursor of the next, older page (the `before` to ask for), when there is one.
    pub older: Option<i64>,
}
