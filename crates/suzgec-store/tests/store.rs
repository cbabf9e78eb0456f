//! The store on real databases: every test runs on a fresh SQLite file and, when
//! `SUZGEC_TEST_POSTGRES_URL` is set, on a fresh PostgreSQL database.

use std::sync::OnceLock;

use suzgec_core::{Decision, Moderator, Policy, Verdict};
use suzgec_store::testing::{self, TestDatabase};
use suzgec_store::{
    ArticleUpdate, CommentLimits, EventKind, LimitHit, ModeratorDecision, NewArticle, NewComment,
    NewFeedback, NewSiteModel, Role, Status, Store,
};

/// Runs one test body on SQLite and on PostgreSQL.
macro_rules! on_both_databases {
    ($name:ident, $body:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let db = suzgec_store::testing::sqlite();
                super::$body(super::open(&db).await).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(db) = suzgec_store::testing::postgres(stringify!($name)).await {
                    super::$body(super::open(&db).await).await;
                }
            }
        }
    };
}

async fn open(db: &TestDatabase) -> Store {
    Store::connect(&db.url).await.expect("store opens")
}

fn verdict(text: &str) -> Verdict {
    static MODERATOR: OnceLock<Moderator> = OnceLock::new();
    MODERATOR
        .get_or_init(|| Moderator::new(Policy::default()).expect("default policy builds"))
        .check(text, None)
        .expect("text is checkable")
}

async fn article(store: &Store, slug: &str) -> i64 {
    store
        .create_article(&NewArticle {
            slug: slug.into(),
            language: "tr".into(),
            title: "Başlık".into(),
            body: "Gövde.".into(),
            ..NewArticle::default()
        })
        .await
        .expect("article is created")
        .id
}

fn comment(article_id: i64, author: &str, text: &str) -> NewComment {
    NewComment {
        article_id,
        parent_id: None,
        author: author.into(),
        text: text.into(),
        verdict: verdict(text),
        client_key: "client-1".into(),
        limits: None,
    }
}

async fn articles_are_created_updated_and_unique(store: Store) {
    let id = article(&store, "haber").await;
    let before = store
        .article("haber")
        .await
        .unwrap()
        .expect("article exists");
    assert_eq!(before.id, id);
    std::thread::sleep(std::time::Duration::from_millis(5));
    let after = store
        .update_article(
            "haber",
            &ArticleUpdate {
                title: Some("Yeni başlık".into()),
                ..ArticleUpdate::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(after.title, "Yeni başlık");
    assert_eq!(after.body, before.body, "fields left out stay");
    assert!(after.updated_at > before.updated_at);
    assert_eq!(after.published_at, before.published_at);
    let duplicate = store
        .create_article(&NewArticle {
            slug: "haber".into(),
            ..NewArticle::default()
        })
        .await;
    assert!(matches!(duplicate, Err(suzgec_store::Error::Conflict(_))));
    assert!(matches!(
        store.update_article("yok", &ArticleUpdate::default()).await,
        Err(suzgec_store::Error::NotFound(_))
    ));
}
on_both_databases!(articles, articles_are_created_updated_and_unique);

async fn comments_keep_text_verbatim_and_status_from_the_verdict(store: Store) {
    let article_id = article(&store, "haber").await;
    let nasty =
        "<script>alert('x')</script> '; DROP TABLE comments; -- \u{202E}abc 👩‍👩‍👧 \u{7}\u{1b}[31m";
    let good = store
        .add_comment(comment(article_id, "Ayşe", "Çok güzel bir haber olmuş."))
        .await
        .unwrap();
    assert_eq!(good.status, Status::Approved);
    let shouting = store
        .add_comment(comment(article_id, "Ali", "BU HABER ÇOK KÖTÜ YAZILMIŞ"))
        .await
        .unwrap();
    assert_eq!(shouting.verdict.decision, Decision::Reject);
    assert_eq!(shouting.status, Status::Rejected);
    let stored_nasty = store
        .add_comment(comment(article_id, "<b>x</b>", nasty))
        .await
        .unwrap();
    let read = store.comment(stored_nasty.id).await.unwrap().unwrap();
    assert_eq!(read.text, nasty);
    assert_eq!(read.author, "<b>x</b>");
    assert_eq!(read.verdict, stored_nasty.verdict);

    let with_nul = store
        .add_comment(comment(article_id, "Ali", "a\u{0}b"))
        .await;
    assert!(matches!(
        with_nul,
        Err(suzgec_store::Error::NulCharacter("text"))
    ));

    let approved = store.approved_comments(article_id).await.unwrap();
    let ids: Vec<i64> = approved.iter().map(|c| c.id).collect();
    assert!(ids.contains(&good.id));
    assert!(!ids.contains(&shouting.id));
    let history = store.history(shouting.id).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].kind, EventKind::Machine);
    assert_eq!(history[0].reason, "all_caps");
}
on_both_databases!(
    comments,
    comments_keep_text_verbatim_and_status_from_the_verdict
);

async fn moderator_decisions_append_events_and_mark_overrides(store: Store) {
    let article_id = article(&store, "haber").await;
    let rejected = store
        .add_comment(comment(article_id, "Ali", "BU HABER ÇOK KÖTÜ YAZILMIŞ"))
        .await
        .unwrap();
    let decided = store
        .decide(
            rejected.id,
            &ModeratorDecision {
                status: Status::Approved,
                actor: "mod".into(),
                reason: "düzeltildi".into(),
                edited_text: Some("Bu haber çok kötü yazılmış".into()),
            },
        )
        .await
        .unwrap();
    assert_eq!(decided.status, Status::Approved);
    assert_eq!(decided.shown_text, "Bu haber çok kötü yazılmış");
    assert_eq!(
        decided.text, "BU HABER ÇOK KÖTÜ YAZILMIŞ",
        "the submitted text is kept"
    );
    let history = store.history(rejected.id).await.unwrap();
    assert_eq!(history.len(), 2);
    assert!(history[1].overrides_machine);
    assert_eq!(history[1].actor, "mod");

    let approved = store
        .add_comment(comment(article_id, "Ayşe", "Güzel bir haber."))
        .await
        .unwrap();
    store
        .report(approved.id, "hakaret", "reader")
        .await
        .unwrap();
    assert!(matches!(
        store.report(999_999, "hakaret", "reader").await,
        Err(suzgec_store::Error::NotFound("comment"))
    ));
    let often = store
        .add_comment(comment(article_id, "Can", "Bir yorum daha."))
        .await
        .unwrap();
    for reason in ["r1", "r2", "", "r3", "r4", "r5", "r6"] {
        store.report(often.id, reason, "reader").await.unwrap();
    }
    let queue = store.queue(10).await.unwrap();
    let item = queue
        .iter()
        .find(|q| q.comment.id == approved.id)
        .expect("a reported comment is queued");
    assert_eq!(item.reports, 1);
    assert_eq!(item.report_reasons, ["hakaret"]);
    assert_eq!(item.article_slug, "haber");
    let item = queue
        .iter()
        .find(|q| q.comment.id == often.id)
        .expect("a reported comment is queued");
    assert_eq!(item.reports, 7);
    assert_eq!(
        item.report_reasons,
        ["r6", "r5", "r4", "r3", "r2"],
        "the newest five reasons given, each comment its own"
    );
    std::thread::sleep(std::time::Duration::from_millis(5));
    let kept = ModeratorDecision {
        status: Status::Approved,
        actor: "mod".into(),
        reason: String::new(),
        edited_text: None,
    };
    let after = store.decide(approved.id, &kept).await.unwrap();
    assert_eq!(after.shown_text, "Güzel bir haber.");
    assert!(!store.history(approved.id).await.unwrap()[1].overrides_machine);
    assert!(
        store
            .queue(10)
            .await
            .unwrap()
            .iter()
            .all(|q| q.comment.id != approved.id),
        "a decision clears the reports"
    );

    let audit = store
        .audit_log(Some(EventKind::Moderator), None, 10)
        .await
        .unwrap();
    assert_eq!(audit.len(), 2);
    assert_eq!(audit[0].event.comment_id, approved.id, "newest first");
    assert!(matches!(
        store.decide(9999, &kept).await,
        Err(suzgec_store::Error::NotFound(_))
    ));
    let decisions = store.decision_counts(0).await.unwrap();
    assert!(
        decisions
            .iter()
            .any(|d| d.key == "override" && d.count == 1)
    );
    let rules = store.rule_counts(0).await.unwrap();
    assert!(rules.iter().any(|d| d.key == "all_caps" && d.count == 1));
}
on_both_databases!(
    moderation,
    moderator_decisions_append_events_and_mark_overrides
);

/// A comment held to limits: 5 a client, 8 an author name, no repeat within the window.
fn limited(article_id: i64, author: &str, text: &str, client: &str) -> NewComment {
    let start = suzgec_store::now_millis() - 60_000;
    NewComment {
        client_key: client.into(),
        limits: Some(CommentLimits {
            per_client: 5,
            client_since: start,
            per_author: 8,
            author_since: start,
            duplicate_since: start,
        }),
        ..comment(article_id, author, text)
    }
}

fn hit(result: &Result<suzgec_store::Comment, suzgec_store::Error>) -> Option<LimitHit> {
    match result {
        Err(suzgec_store::Error::Limited(hit)) => Some(*hit),
        Err(other) => panic!("not a limit: {other}"),
        Ok(_) => None,
    }
}

/// Sends every comment at once, alternating between two handles on the database (two instances,
/// on PostgreSQL), and returns the answers.
async fn send_at_once(
    handles: [&Store; 2],
    comments: Vec<NewComment>,
) -> Vec<Result<suzgec_store::Comment, suzgec_store::Error>> {
    let mut sent = tokio::task::JoinSet::new();
    for (i, new) in comments.into_iter().enumerate() {
        let handle = handles[i % 2].clone();
        sent.spawn(async move { handle.add_comment(new).await });
    }
    sent.join_all().await
}

async fn flood_and_duplicate_limits_hold_under_concurrency(db: &TestDatabase) {
    let store = open(db).await;
    let second = open(db).await;
    let handles = [&store, &second];
    let article_id = article(&store, "haber").await;
    // Fifty identical comments at once: one is stored, the rest are duplicates.
    let same = (0..50)
        .map(|i| {
            limited(
                article_id,
                "Ayşe",
                "Aynı yorum tekrar tekrar.",
                &format!("client-{i}"),
            )
        })
        .collect();
    let answers = send_at_once(handles, same).await;
    let hits: Vec<Option<LimitHit>> = answers.iter().map(hit).collect();
    assert_eq!(hits.iter().filter(|h| h.is_none()).count(), 1, "{hits:?}");
    assert!(
        hits.iter().flatten().all(|h| *h == LimitHit::Duplicate),
        "{hits:?}"
    );

    // Fifty different comments at once from one client: five pass its limit.
    let flood = (0..50)
        .map(|i| {
            limited(
                article_id,
                &format!("Yazar {i}"),
                &format!("Yorum {i}"),
                "flooder",
            )
        })
        .collect();
    let hits: Vec<Option<LimitHit>> = send_at_once(handles, flood).await.iter().map(hit).collect();
    assert_eq!(hits.iter().filter(|h| h.is_none()).count(), 5, "{hits:?}");
    assert!(
        hits.iter().flatten().all(|h| *h == LimitHit::Client),
        "{hits:?}"
    );

    // One author name from many addresses: eight pass the name's limit.
    let one_author = (0..20)
        .map(|i| {
            limited(
                article_id,
                "Veli",
                &format!("Başka yorum {i}"),
                &format!("address-{i}"),
            )
        })
        .collect();
    let hits: Vec<Option<LimitHit>> = send_at_once(handles, one_author)
        .await
        .iter()
        .map(hit)
        .collect();
    assert_eq!(hits.iter().filter(|h| h.is_none()).count(), 8, "{hits:?}");
    assert!(
        hits.iter().flatten().all(|h| *h == LimitHit::Author),
        "{hits:?}"
    );

    // Without limits (an import, say) nothing is refused.
    for _ in 0..2 {
        store
            .add_comment(comment(article_id, "Ayşe", "Aynı yorum tekrar tekrar."))
            .await
            .expect("stored unchecked");
    }
}

mod flood {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::flood_and_duplicate_limits_hold_under_concurrency(&suzgec_store::testing::sqlite())
            .await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        if let Some(db) = suzgec_store::testing::postgres("flood").await {
            super::flood_and_duplicate_limits_hold_under_concurrency(&db).await;
        }
    }
}

async fn export_and_import_keep_comments_and_histories(store: Store) {
    let article_id = article(&store, "haber").await;
    let parent = store
        .add_comment(comment(article_id, "Ayşe", "Güzel bir haber."))
        .await
        .unwrap();
    let mut reply = comment(article_id, "Ali", "BU HABER ÇOK KÖTÜ YAZILMIŞ");
    reply.parent_id = Some(parent.id);
    let reply = store.add_comment(reply).await.unwrap();
    store
        .decide(
            reply.id,
            &ModeratorDecision {
                status: Status::Approved,
                actor: "mod".into(),
                reason: "ok".into(),
                edited_text: None,
            },
        )
        .await
        .unwrap();
    let exported = store.export_page(0, 100).await.unwrap();
    assert_eq!(exported.len(), 2);
    assert_eq!(exported[1].events.len(), 2);

    let other_db = testing::sqlite();
    let other = Store::connect(&other_db.url).await.unwrap();
    article(&other, "haber").await;
    let new_parent = other.import_comment(&exported[0], None).await.unwrap();
    let new_reply = other
        .import_comment(&exported[1], Some(new_parent))
        .await
        .unwrap();
    let imported = other.comment(new_reply).await.unwrap().unwrap();
    assert_eq!(imported.status, Status::Approved);
    assert_eq!(imported.parent_id, Some(new_parent));
    assert_eq!(imported.text, reply.text);
    assert_eq!(other.history(new_reply).await.unwrap(), {
        let mut events = exported[1].events.clone();
        for (event, new) in events
            .iter_mut()
            .zip(other.history(new_reply).await.unwrap())
        {
            event.id = new.id;
            event.comment_id = new_reply;
        }
        events
    });
}
on_both_databases!(export, export_and_import_keep_comments_and_histories);

async fn accounts_sessions_tokens_and_settings(store: Store) {
    let user = store
        .add_user("mod", Role::Moderator, "$argon2id$hash")
        .await
        .unwrap();
    assert!(matches!(
        store.add_user("mod", Role::Admin, "x").await,
        Err(suzgec_store::Error::Conflict(_))
    ));
    assert_eq!(store.user_by_name("mod").await.unwrap(), Some(user.clone()));
    let far = suzgec_store::now_millis() + 60_000;
    store
        .create_session("session-hash", user.id, "csrf", far)
        .await
        .unwrap();
    store
        .create_session("old-hash", user.id, "csrf2", 1)
        .await
        .unwrap();
    let session = store.session("session-hash").await.unwrap().unwrap();
    assert_eq!(session.user, user);
    assert_eq!(session.csrf_token, "csrf");
    assert!(
        store.session("old-hash").await.unwrap().is_none(),
        "expired"
    );
    store.delete_session("session-hash").await.unwrap();
    assert!(store.session("session-hash").await.unwrap().is_none());

    let token = store
        .create_token("cms", Role::Editor, "token-hash")
        .await
        .unwrap();
    assert_eq!(store.token("token-hash").await.unwrap(), Some(token));
    assert!(store.token("other").await.unwrap().is_none());
    assert!(Role::Admin.allows(Role::Moderator));
    assert!(!Role::Api.allows(Role::Editor));

    assert_eq!(store.setting_or_insert("secret", "a").await.unwrap(), "a");
    assert_eq!(store.setting_or_insert("secret", "b").await.unwrap(), "a");
}
on_both_databases!(accounts, accounts_sessions_tokens_and_settings);

#[tokio::test]
async fn an_unknown_database_url_is_a_clear_error() {
    let error = Store::connect("mysql://localhost/x").await.unwrap_err();
    assert!(error.to_string().contains("sqlite://"), "{error}");
}

#[tokio::test]
async fn reopening_a_sqlite_file_keeps_its_comments() {
    let db = testing::sqlite();
    let store = Store::connect(&db.url).await.unwrap();
    let article_id = article(&store, "haber").await;
    let saved = store
        .add_comment(comment(article_id, "Ayşe", "Güzel bir haber."))
        .await
        .unwrap();
    store.close().await;
    let again = Store::connect(&db.url).await.unwrap();
    assert_eq!(
        again.comment(saved.id).await.unwrap().unwrap().text,
        saved.text
    );
}

async fn comments_sent_together_are_all_stored_with_their_own_ids(store: Store) {
    let article_id = article(&store, "haber").await;
    let mut tasks = Vec::new();
    for i in 0..100 {
        let store = store.clone();
        let new = comment(
            article_id,
            &format!("Okur {i}"),
            &format!("Güzel bir haber {i}."),
        );
        tasks.push(tokio::spawn(async move { store.add_comment(new).await }));
    }
    let mut ids = Vec::new();
    for task in tasks {
        let stored = task.await.expect("task").expect("stored");
        assert_eq!(
            store.comment(stored.id).await.unwrap().unwrap().text,
            stored.text
        );
        ids.push(stored.id);
    }
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 100);
    // A comment under an article that does not exist fails alone; the others in its batch stand.
    let bad = comment(999_999, "Ali", "Yetim yorum.");
    let good = comment(article_id, "Ayşe", "Son yorum.");
    let (bad, good) = tokio::join!(store.add_comment(bad), store.add_comment(good));
    assert!(bad.is_err());
    assert!(good.is_ok());
    assert_eq!(
        store.approved_comments(article_id).await.unwrap().len(),
        101
    );
}
on_both_databases!(
    group_commit,
    comments_sent_together_are_all_stored_with_their_own_ids
);

async fn feedback_and_external_checks_are_kept_newest_first(store: Store) {
    use suzgec_store::NewExternalCheck;
    for (token, approved) in [("comment:1", false), ("comment:2", true)] {
        store
            .add_feedback(&NewFeedback {
                source: "perspective".into(),
                client_token: token.into(),
                text: format!("Metin {token} '; DROP TABLE feedback; --"),
                approved,
                actor: "coral".into(),
            })
            .await
            .unwrap();
    }
    let nul = NewFeedback {
        source: "perspective".into(),
        client_token: String::new(),
        text: "a\0b".into(),
        approved: true,
        actor: "coral".into(),
    };
    assert!(matches!(
        store.add_feedback(&nul).await,
        Err(suzgec_store::Error::NulCharacter(_))
    ));
    let feedback = store.feedback(10).await.unwrap();
    assert_eq!(feedback.len(), 2);
    assert_eq!(feedback[0].client_token, "comment:2");
    assert!(feedback[0].approved && !feedback[1].approved);
    assert_eq!(
        feedback[1].text,
        "Metin comment:1 '; DROP TABLE feedback; --"
    );

    store
        .log_external_check(&NewExternalCheck {
            source: "coral".into(),
            reference: "tenant=t story=s author=a".into(),
            text_sha256: "ab".repeat(32),
            decision: "reject".into(),
            rules: "swearing,insult".into(),
        })
        .await
        .unwrap();
    let checks = store.external_checks(5).await.unwrap();
    assert_eq!(checks.len(), 1);
    assert_eq!(checks[0].decision, "reject");
    assert_eq!(checks[0].rules, "swearing,insult");
}
on_both_databases!(
    integrations,
    feedback_and_external_checks_are_kept_newest_first
);

async fn embedded_pages_get_one_article_each_even_when_asked_at_once(store: Store) {
    let url = "https://haber.example/gundem/123";
    let new = |slug: &str| NewArticle {
        slug: slug.into(),
        language: "tr".into(),
        title: "Gömülü haber".into(),
        ..NewArticle::default()
    };
    let asks = (0..8).map(|i| {
        let store = store.clone();
        let new = new(&format!("gomulu-{i}"));
        tokio::spawn(async move { store.article_for_url(url, new).await })
    });
    let mut ids = Vec::new();
    for ask in asks {
        let article = ask.await.unwrap().expect("embedded article");
        assert_eq!(article.canonical_url.as_deref(), Some(url));
        ids.push(article.id);
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "one article for one page: {ids:?}");
    let other = store
        .article_for_url("https://haber.example/gundem/124", new("baska"))
        .await
        .unwrap();
    assert_ne!(other.id, ids[0]);
    assert_eq!(other.slug, "baska");
    let found = store.article_by_url(url).await.unwrap().expect("found");
    assert_eq!(found.id, ids[0]);
    assert!(
        store
            .article_by_url("https://yok.example/")
            .await
            .unwrap()
            .is_none()
    );
    // Articles of the site itself have no page elsewhere.
    let own = article(&store, "kendi-haberi").await;
    let own = store.article_by_id(own).await.unwrap().expect("own");
    assert_eq!(own.canonical_url, None);
}
on_both_databases!(
    embedded_articles,
    embedded_pages_get_one_article_each_even_when_asked_at_once
);

async fn site_models_keep_every_version_one_in_force_and_roll_back(store: Store) {
    assert_eq!(store.active_site_model_version().await.unwrap(), None);
    assert!(matches!(
        store.rollback_site_model().await,
        Err(suzgec_store::Error::NotFound(_))
    ));
    let model = |version: &str, activate| NewSiteModel {
        version: version.into(),
        info: format!("{{\"version\": \"{version}\"}}"),
        // Every byte value, a NUL among them: the model is binary.
        model: (0..=255u8).chain([0, 0, 255]).collect(),
        activate,
    };
    let first = store.add_site_model(&model("v1", true)).await.unwrap();
    assert!(first.active);
    store.add_site_model(&model("v2", false)).await.unwrap();
    store.add_site_model(&model("v3", true)).await.unwrap();
    assert_eq!(
        store.active_site_model_version().await.unwrap().as_deref(),
        Some("v3")
    );
    assert_eq!(
        store.site_model_bytes("v3").await.unwrap(),
        model("v3", true).model
    );
    assert!(matches!(
        store.add_site_model(&model("v3", false)).await,
        Err(suzgec_store::Error::Conflict(_))
    ));
    let listed: Vec<(String, bool)> = store
        .site_models()
        .await
        .unwrap()
        .into_iter()
        .map(|m| (m.version, m.active))
        .collect();
    assert_eq!(
        listed,
        [
            ("v3".into(), true),
            ("v2".into(), false),
            ("v1".into(), false)
        ]
    );
    // v2 was never in force: rolling back from v3 returns to v1, then to the rules as shipped.
    let back = store.rollback_site_model().await.unwrap();
    assert_eq!(back.map(|m| m.version).as_deref(), Some("v1"));
    assert_eq!(
        store.active_site_model_version().await.unwrap().as_deref(),
        Some("v1")
    );
    assert_eq!(store.rollback_site_model().await.unwrap(), None);
    assert_eq!(store.active_site_model_version().await.unwrap(), None);
}
on_both_databases!(
    site_models,
    site_models_keep_every_version_one_in_force_and_roll_back
);

async fn decisions_to_learn_are_moderators_latest_and_feedback(store: Store) {
    let article_id = article(&store, "haber").await;
    let decide = |status, edited: Option<&str>| ModeratorDecision {
        status,
        actor: "mod".into(),
        reason: String::new(),
        edited_text: edited.map(str::to_owned),
    };
    let shouting = store
        .add_comment(comment(article_id, "Ali", "BU HABER ÇOK KÖTÜ"))
        .await
        .unwrap();
    store
        .decide(
            shouting.id,
            &decide(Status::Approved, Some("Bu haber çok kötü")),
        )
        .await
        .unwrap();
    let changed = store
        .add_comment(comment(article_id, "Can", "Sen ne anlarsın"))
        .await
        .unwrap();
    store
        .decide(changed.id, &decide(Status::Approved, None))
        .await
        .unwrap();
    store
        .decide(changed.id, &decide(Status::Rejected, None))
        .await
        .unwrap();
    // A comment only the machine decided is no moderator's decision.
    store
        .add_comment(comment(article_id, "Ece", "Güzel bir haber."))
        .await
        .unwrap();
    store
        .add_feedback(&NewFeedback {
            source: "perspective".into(),
            client_token: String::new(),
            text: "Başka bir sitenin yorumu".into(),
            approved: true,
            actor: "coral".into(),
        })
        .await
        .unwrap();
    let decisions: Vec<(String, bool)> = store
        .moderator_decisions()
        .await
        .unwrap()
        .into_iter()
        .map(|d| (d.text, d.refused))
        .collect();
    assert_eq!(decisions.len(), 4, "{decisions:?}");
    for expected in [
        ("BU HABER ÇOK KÖTÜ", true),
        ("Bu haber çok kötü", false),
        ("Sen ne anlarsın", true),
        ("Başka bir sitenin yorumu", false),
    ] {
        assert!(
            decisions.contains(&(expected.0.to_owned(), expected.1)),
            "{expected:?} in {decisions:?}"
        );
    }
}
on_both_databases!(
    decisions_to_learn,
    decisions_to_learn_are_moderators_latest_and_feedback
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_of_a_live_sqlite_database_restores_every_comment() {
    let db = testing::sqlite();
    let store = Store::connect(&db.url).await.unwrap();
    let article_id = article(&store, "haber").await;
    let mut before = Vec::new();
    for i in 0..30 {
        let text = format!("Yorum {i}: çok güzel bir haber.");
        let saved = store
            .add_comment(comment(article_id, "Ayşe", &text))
            .await
            .unwrap();
        before.push(saved);
    }
    store
        .decide(
            before[0].id,
            &ModeratorDecision {
                status: Status::Rejected,
                actor: "mod".into(),
                reason: "spam".into(),
                edited_text: None,
            },
        )
        .await
        .unwrap();

    // Writers go on while the copy is made.
    let writer = {
        let store = store.clone();
        tokio::spawn(async move {
            for i in 0..40 {
                let text = format!("Sonraki yorum {i}.");
                store
                    .add_comment(comment(article_id, "Ali", &text))
                    .await
                    .unwrap();
            }
        })
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("yedek.db");
    let summary = store.backup_to(&out).await.unwrap();
    writer.await.unwrap();
    assert!(summary.comments >= 30, "{summary:?}");
    assert_eq!(summary.articles, 1);
    assert_eq!(summary.events, summary.comments + 1, "one decision");
    assert!(!dir.path().join("yedek.db.partial").exists());

    // Restored as an operator would: the file copied into place and opened by the server.
    let restored_path = dir.path().join("restored.db");
    std::fs::copy(&out, &restored_path).unwrap();
    let restored = Store::connect(&format!("sqlite://{}", restored_path.display()))
        .await
        .unwrap();
    let copied = restored.export_page(0, 1000).await.unwrap();
    assert_eq!(i64::try_from(copied.len()).unwrap(), summary.comments);
    let source = store.export_page(0, 1000).await.unwrap();
    for (copy, original) in copied.iter().zip(&source) {
        assert_eq!(copy.id, original.id);
        assert_eq!(copy.text, original.text);
        assert_eq!(copy.verdict, original.verdict);
        assert_eq!(copy.events, original.events);
    }
    assert_eq!(copied[0].events.len(), 2, "the decision is in the copy");

    // A second backup to the same name is refused and leaves the first as it was.
    let first = std::fs::read(&out).unwrap();
    let error = store.backup_to(&out).await.unwrap_err();
    assert!(error.to_string().contains("never overwrites"), "{error}");
    assert_eq!(std::fs::read(&out).unwrap(), first);

    // A file that is not a database is not taken for a backup.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"not a database at all, just some bytes").unwrap();
    assert!(suzgec_store::verify_backup(&junk).await.is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgres_backup_points_to_pg_dump() {
    let Some(db) = testing::postgres("backup").await else {
        return;
    };
    let store = open(&db).await;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("yedek.db");
    let error = store.backup_to(&out).await.unwrap_err();
    assert!(error.to_string().contains("pg_dump"), "{error}");
    assert!(!out.exists());
}

/// Decisions and reports read, then write, in one transaction: sent at once beside new comments,
/// each must wait its turn rather than fail with "database is locked" (found by bench/soak.sh).
async fn decisions_and_reports_sent_at_once_all_land(store: Store) {
    let article_id = article(&store, "haber").await;
    let mut ids = Vec::new();
    for i in 0..20 {
        let text = format!("Güzel bir haber, {i}. kez teşekkürler.");
        ids.push(
            store
                .add_comment(comment(article_id, &format!("Okur {i}"), &text))
                .await
                .unwrap()
                .id,
        );
    }
    let mut tasks = tokio::task::JoinSet::new();
    for (i, &id) in ids.iter().enumerate() {
        for round in 0..3 {
            let store = store.clone();
            tasks.spawn(async move {
                let decision = ModeratorDecision {
                    status: if round % 2 == 0 {
                        Status::Rejected
                    } else {
                        Status::Approved
                    },
                    actor: format!("mod-{round}"),
                    reason: "sırayla".into(),
                    edited_text: None,
                };
                store.decide(id, &decision).await.map(|_| ())
            });
        }
        let store_for_report = store.clone();
        tasks.spawn(async move { store_for_report.report(id, "uygunsuz", "client-9").await });
        let store_for_comment = store.clone();
        tasks.spawn(async move {
            let text = format!("Yeni bir yorum, {i}.");
            store_for_comment
                .add_comment(comment(article_id, &format!("Yeni {i}"), &text))
                .await
                .map(|_| ())
        });
    }
    while let Some(result) = tasks.join_next().await {
        result.unwrap().expect("every write lands");
    }
    for id in ids {
        let moderator_events = store
            .history(id)
            .await
            .unwrap()
            .into_iter()
            .filter(|event| event.kind == EventKind::Moderator)
            .count();
        assert_eq!(moderator_events, 3, "comment {id}");
    }
}
on_both_databases!(writes_at_once, decisions_and_reports_sent_at_once_all_land);
