//! The reader's and the moderator's paths in a real browser: headless Chromium driven through
//! chromedriver (WebDriver) with fantoccini, against the server started in this process on a
//! fresh SQLite database.
//!
//! A reader types an ASCII-only Turkish comment, sees the live check's `no_turkish_chars` reason,
//! applies the fix, sends the comment and sees it published; a comment with markup is shown as
//! text and never runs; the comment is reported, and a moderator logs in, approves it from the
//! queue with the `a` key, and finds the decision in the audit log.
//!
//! Needs `/usr/bin/chromedriver` and `/usr/bin/chromium` (`scripts/install-browser.sh` installs
//! both); without them the test says it is skipped on stderr and returns, and fails under CI.
//! With `SUZGEC_SCREENSHOTS=DIR` it also saves `DIR/article.png` and `DIR/moderation-queue.png`.

use std::future::Future;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;
use suzgec_server::{Config, DEMO_SLUG_TR, Server};
use suzgec_store::{Role, Store};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";
/// How long any one thing may take to appear before the test fails.
const PATIENCE: Duration = Duration::from_secs(20);

const ASCII_COMMENT: &str = "Bu uygulama cok guzel, ogrenciler icin harika bir haber";
const MARKUP_COMMENT: &str = "Güzel haber <script>alert(1)</script> teşekkürler.";
const MODERATOR: &str = "editor-ayse";
const PASSWORD: &str = "gizli-parola-123";

/// chromedriver, started in a process group of its own, with the profile folder of the Chromium
/// it starts. Dropping it ends chromedriver, every process of its group, and any Chromium process
/// still using the profile (Chromium's helpers may leave the group), then removes the profile.
struct Browser {
    driver: Child,
    profile: PathBuf,
    port: u16,
}

impl Browser {
    fn start() -> Browser {
        let port = free_port();
        let stamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let profile =
            std::env::temp_dir().join(format!("suzgec-browser-{}-{stamp}", std::process::id()));
        std::fs::create_dir_all(&profile).expect("creating the browser profile folder");
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("starting chromedriver");
        let browser = Browser {
            driver,
            profile,
            port,
        };
        let address = SocketAddr::from(([127, 0, 0, 1], port));
        let started = Instant::now();
        while TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_err() {
            assert!(
                started.elapsed() < PATIENCE,
                "chromedriver did not listen on port {port} within {PATIENCE:?}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        browser
    }

    async fn client(&self) -> Client {
        let capabilities = json!({
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--window-size=1280,1000",
                    "--lang=tr-TR",
                    format!("--user-data-dir={}", self.profile.display()),
                ],
            }
        });
        let serde_json::Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        let mut builder = ClientBuilder::new(HttpConnector::new());
        builder
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("opening a WebDriver session in chromedriver")
    }

    /// Processes other than chromedriver's group whose command line names this profile.
    fn profile_processes(&self) -> Vec<u32> {
        let marker = self.profile.to_string_lossy().into_owned();
        let Ok(entries) = std::fs::read_dir("/proc") else {
            return Vec::new();
        };
        entries
            .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
            .filter(|pid| {
                std::fs::read(format!("/proc/{pid}/cmdline")).is_ok_and(|cmdline| {
                    String::from_utf8_lossy(&cmdline).contains(marker.as_str())
                })
            })
            .collect()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let group = self.driver.id();
        // The whole group: chromedriver and the Chromium it started.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{group}")])
            .stderr(Stdio::null())
            .status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        // Chromium's helpers that left the group still name the profile on their command line.
        for _ in 0..50 {
            let left = self.profile_processes();
            if left.is_empty() {
                break;
            }
            for pid in left {
                let _ = Command::new("kill")
                    .args(["-KILL", &pid.to_string()])
                    .stderr(Stdio::null())
                    .status();
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("finding a free port")
        .port()
}

/// Polls `probe` every 100 ms until it gives `Some`, for at most [`PATIENCE`].
async fn until<T, F, Fut>(what: &str, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let started = Instant::now();
    loop {
        if let Some(value) = probe().await {
            return value;
        }
        assert!(
            started.elapsed() < PATIENCE,
            "waited {PATIENCE:?} for {what}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn wait_for(client: &Client, css: &str) -> fantoccini::elements::Element {
    client
        .wait()
        .at_most(PATIENCE)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("waited {PATIENCE:?} for {css}: {e}"))
}

async fn text_of(client: &Client, css: &str) -> String {
    wait_for(client, css)
        .await
        .text()
        .await
        .unwrap_or_else(|e| panic!("reading the text of {css}: {e}"))
}

async fn count(client: &Client, css: &str) -> usize {
    client
        .find_all(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("finding {css}: {e}"))
        .len()
}

/// Waits for the page at `url_part` to be the current one and loaded.
async fn wait_for_url(client: &Client, url_part: &str) -> String {
    until(&format!("a page whose URL has {url_part:?}"), || async {
        let url = client.current_url().await.ok()?;
        let ready = client
            .execute("return document.readyState", vec![])
            .await
            .ok()?;
        (url.as_str().contains(url_part) && ready == "complete").then(|| url.to_string())
    })
    .await
}

/// No JavaScript dialog is open (a dialog would mean a comment's markup ran).
async fn assert_no_alert(client: &Client) {
    match client.get_alert_text().await {
        Err(e) if e.is_no_such_alert() => {}
        Ok(text) => panic!("a JavaScript dialog is open: {text:?}"),
        Err(e) => panic!("asking for a dialog: {e}"),
    }
}

async fn screenshot(client: &Client, name: &str) {
    let Some(dir) = std::env::var_os("SUZGEC_SCREENSHOTS") else {
        return;
    };
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir).expect("creating the screenshot folder");
    let png = client.screenshot().await.expect("taking a screenshot");
    let path = dir.join(name);
    std::fs::write(&path, png).expect("writing the screenshot");
    eprintln!("screenshot: {}", path.display());
}

async fn scroll_into_view(client: &Client, css: &str) {
    client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});",
            vec![json!(css)],
        )
        .await
        .unwrap_or_else(|e| panic!("scrolling to {css}: {e}"));
}

async fn type_comment(client: &Client, base: &str, author: &str, text: &str) {
    client
        .goto(&format!("{base}/articles/{DEMO_SLUG_TR}"))
        .await
        .expect("opening the article");
    wait_for(client, "#comment-form-element").await;
    let name = wait_for(client, "#author").await;
    name.clear().await.expect("clearing the name");
    name.send_keys(author).await.expect("typing the name");
    let textarea = wait_for(client, "#text").await;
    textarea.clear().await.expect("clearing the comment box");
    textarea.send_keys(text).await.expect("typing the comment");
}

async fn textarea_value(client: &Client) -> String {
    wait_for(client, "#text")
        .await
        .prop("value")
        .await
        .expect("reading the comment box")
        .unwrap_or_default()
}

/// Sends the form and returns the id of the published comment from the redirect's `?posted=ID`.
async fn send_and_expect_published(client: &Client) -> i64 {
    wait_for(client, "#comment-form-element .send")
        .await
        .click()
        .await
        .expect("pressing send");
    let url = wait_for_url(client, "posted=").await;
    let notice = text_of(client, ".notice").await;
    assert!(
        notice.contains("Yorumunuz yayımlandı"),
        "notice after sending: {notice:?}"
    );
    url.split_once("posted=")
        .and_then(|(_, rest)| rest.split(['&', '#']).next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no comment id in {url}"))
}

/// Whether chromedriver is there to drive Chromium; when it is not, says the test named `test` is
/// skipped (which fails the run under CI).
fn have_browser(test: &str) -> bool {
    let there = Path::new(CHROMEDRIVER).exists();
    if !there {
        suzgec_store::testing::skip(
            test,
            "chromedriver not found (scripts/install-browser.sh installs it)",
        );
    }
    there
}

/// Süzgeç started in this process on its own port, until [`Running::stop`].
struct Running {
    base: String,
    stop: tokio::sync::oneshot::Sender<()>,
    serving: tokio::task::JoinHandle<Result<(), suzgec_server::Error>>,
}

impl Running {
    async fn start(config: Config) -> Running {
        let server = Server::bind(config).await.expect("starting the server");
        let base = format!("http://{}", server.local_addr().expect("server address"));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let serving = tokio::spawn(server.run(async {
            let _ = stopped.await;
        }));
        Running {
            base,
            stop,
            serving,
        }
    }

    /// Stops the server as SIGTERM would and waits until it has finished.
    async fn stop(self) {
        let _ = self.stop.send(());
        self.serving
            .await
            .expect("the server task")
            .expect("the server stopped cleanly");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reader_and_moderator_in_a_real_browser() {
    if !have_browser("the browser test") {
        return;
    }

    let database = suzgec_store::testing::sqlite();
    let server = Running::start(Config {
        listen: "127.0.0.1:0".into(),
        database_url: database.url.clone(),
        demo_content: true,
        ..Config::default()
    })
    .await;
    let base = server.base.clone();

    let browser = Browser::start();
    let client = browser.client().await;

    // 1. The live check refuses the ASCII-typed comment and offers the restored text.
    type_comment(&client, &base, "Ayşe Okur", ASCII_COMMENT).await;
    let reason = text_of(&client, "#live-check .reason.rule-no_turkish_chars").await;
    assert!(!reason.is_empty(), "the no_turkish_chars reason is empty");
    let fix = wait_for(&client, "#live-check .fix-button").await;
    scroll_into_view(&client, "#live-check").await;
    screenshot(&client, "article.png").await;
    fix.click().await.expect("pressing the fix button");
    let fixed = until("the fixed text in the comment box", || async {
        let value = textarea_value(&client).await;
        (value != ASCII_COMMENT).then_some(value)
    })
    .await;
    assert!(fixed.contains("çok güzel"), "fixed text: {fixed:?}");
    assert!(fixed.contains("öğrenciler için"), "fixed text: {fixed:?}");
    // The fix checks the new text again: it is fine now.
    wait_for(&client, "#live-check.live-ok").await;

    // 2. Sent, it is published and shown under the article.
    let id = send_and_expect_published(&client).await;
    let shown = text_of(&client, &format!("#comment-{id} .comment-text")).await;
    assert_eq!(shown, fixed, "the published comment's text");

    // 3. Markup in a comment is text: shown literally, never run.
    type_comment(&client, &base, "Mehmet Deneme", MARKUP_COMMENT).await;
    // The live check shows its verdict with the markup as text too.
    wait_for(
        &client,
        "#live-check.live-ok, #live-check.live-review, #live-check.live-refused",
    )
    .await;
    assert_no_alert(&client).await;
    assert_eq!(count(&client, "#live-check script").await, 0);
    let markup_id = send_and_expect_published(&client).await;
    assert_no_alert(&client).await;
    let selector = format!("#comment-{markup_id} .comment-text");
    let shown = text_of(&client, &selector).await;
    assert_eq!(
        shown, MARKUP_COMMENT,
        "the comment with markup is shown as typed"
    );
    assert_eq!(
        count(&client, &format!("{selector} script")).await,
        0,
        "the comment's <script> became an element"
    );

    // 4. A reader reports the first comment: it goes back to the moderators.
    let report = format!("#comment-{id} .report-form button");
    scroll_into_view(&client, &report).await;
    wait_for(&client, &report)
        .await
        .click()
        .await
        .expect("pressing the report button");
    wait_for_url(&client, "reported=1").await;
    let notice = text_of(&client, ".notice").await;
    assert!(notice.contains("Bildiriminiz alındı"), "notice: {notice:?}");

    // 5. A moderator logs in and approves it from the queue with the keyboard.
    let store = Store::connect(&database.url)
        .await
        .expect("opening the store");
    let hash = suzgec_server::auth::hash_password(PASSWORD).expect("hashing the password");
    store
        .add_user(MODERATOR, Role::Moderator, &hash)
        .await
        .expect("adding the moderator");
    client
        .goto(&format!("{base}/moderation/login"))
        .await
        .expect("opening the login page");
    wait_for(&client, "#name")
        .await
        .send_keys(MODERATOR)
        .await
        .expect("typing the name");
    wait_for(&client, "#password")
        .await
        .send_keys(PASSWORD)
        .await
        .expect("typing the password");
    wait_for(&client, ".login button[type=submit]")
        .await
        .click()
        .await
        .expect("pressing log in");
    until("the moderation queue after logging in", || async {
        let url = client.current_url().await.ok()?;
        (url.path() == "/moderation").then_some(())
    })
    .await;
    let item = wait_for(&client, &format!(".queue-item#item-{id}")).await;
    let item_text = item.text().await.expect("reading the queue item");
    assert!(item_text.contains("çok güzel"), "queue item: {item_text:?}");
    assert_eq!(count(&client, ".queue-item").await, 1, "one comment waits");
    screenshot(&client, "moderation-queue.png").await;
    // The queue's script focuses the first item; `a` approves the focused one.
    until("the queue item to have focus", || async {
        let focused = client
            .execute(
                "return document.activeElement && document.activeElement.id",
                vec![],
            )
            .await
            .ok()?;
        (focused == json!(format!("item-{id}"))).then_some(())
    })
    .await;
    let press_a = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: 'a' })
        .then(KeyAction::Up { value: 'a' });
    client.perform_actions(press_a).await.expect("pressing a");
    until("the queue to empty after approving", || async {
        let url = client.current_url().await.ok()?;
        if url.path() != "/moderation" {
            return None;
        }
        let empty = client.find(Locator::Css("p.empty")).await.ok()?;
        let items = client.find_all(Locator::Css(".queue-item")).await.ok()?;
        items.is_empty().then_some(empty)
    })
    .await;

    // 6. The decision is in the audit log.
    client
        .goto(&format!("{base}/moderation/audit"))
        .await
        .expect("opening the audit log");
    let row = until("the decision in the audit log", || async {
        let rows = client
            .find_all(Locator::Css("table.audit tbody tr"))
            .await
            .ok()?;
        for row in rows {
            let text = row.text().await.ok()?;
            if text.contains(&format!("#{id}")) {
                return Some(text);
            }
        }
        None
    })
    .await;
    assert!(row.contains(MODERATOR), "audit row: {row:?}");
    assert!(
        row.contains("onaylandı") || row.contains("approved"),
        "audit row: {row:?}"
    );

    // The published page still shows both comments, as text.
    client
        .goto(&format!("{base}/articles/{DEMO_SLUG_TR}"))
        .await
        .expect("opening the article again");
    assert_eq!(
        text_of(&client, &format!("#comment-{id} .comment-text")).await,
        fixed
    );
    assert_eq!(text_of(&client, &selector).await, MARKUP_COMMENT);
    assert_no_alert(&client).await;

    client.close().await.expect("closing the browser session");
    drop(browser);
    server.stop().await;
    store.close().await;
}

/// The embedding site's article page, with a Content-Security-Policy that allows nothing inline
/// and nothing from elsewhere but Süzgeç's origin.
fn host_page(suzgec: &str) -> String {
    format!(
        "<!doctype html><html lang=\"tr\"><head><meta charset=\"utf-8\">\
         <title>Şehir hastanesi açıldı</title>\
         <link rel=\"canonical\" href=\"/haber/123\"></head>\
         <body><h1>Şehir hastanesi açıldı</h1><p>Haberin metni.</p>\
         <div data-suzgec-thread data-limit=\"10\"></div>\
         <script src=\"{suzgec}/embed.js\" async></script></body></html>"
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thread_embedded_in_another_sites_page() {
    if !have_browser("the embed browser test") {
        return;
    }

    // The embedding site: another port, so another origin.
    let host_listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binding the host site");
    let host = format!(
        "http://{}",
        host_listener.local_addr().expect("host address")
    );
    let database = suzgec_store::testing::sqlite();
    let mut config = Config {
        listen: "127.0.0.1:0".into(),
        database_url: database.url.clone(),
        demo_content: false,
        ..Config::default()
    };
    config.embed.allowed_origins = vec![host.clone()];
    config.limits.comments_per_minute = 1_000;
    config.limits.comments_per_author_per_hour = 1_000;
    let server = Running::start(config).await;
    let suzgec = server.base.clone();
    let csp = format!(
        "default-src 'none'; script-src 'self' {suzgec}; style-src 'self' {suzgec}; \
         connect-src {suzgec}; base-uri 'none'"
    );
    let page = host_page(&suzgec);
    let site = axum::Router::new().route(
        "/haber/123",
        axum::routing::get(move || {
            let (csp, page) = (csp.clone(), page.clone());
            async move {
                (
                    [
                        ("content-security-policy", csp),
                        ("content-type", "text/html; charset=utf-8".to_owned()),
                    ],
                    page,
                )
            }
        }),
    );
    let hosting = tokio::spawn(async move { axum::serve(host_listener, site).await });

    // Twelve comments are already there, sent from the site's pages.
    let http = reqwest::Client::new();
    let thread: serde_json::Value = http
        .post(format!("{suzgec}/api/v1/embed/threads"))
        .header("origin", &host)
        .json(&json!({"url": format!("{host}/haber/123"), "title": "Şehir hastanesi açıldı"}))
        .send()
        .await
        .expect("creating the thread")
        .json()
        .await
        .expect("the thread");
    let comments_url = format!(
        "{suzgec}{}",
        thread["comments_url"].as_str().expect("its URL")
    );
    for n in 1..=12 {
        let answer = http
            .post(&comments_url)
            .header("origin", &host)
            .json(&json!({"author": format!("Okur {n}"), "text": format!("Hastane için {n}. teşekkür yorumu.")}))
            .send()
            .await
            .expect("sending a comment");
        assert_eq!(answer.status(), 201);
    }

    let browser = Browser::start();
    let client = browser.client().await;
    client
        .goto(&format!("{host}/haber/123"))
        .await
        .expect("opening the host page");

    // 1. The newest ten threads, then the older ones on request.
    until("ten comments in the embedded thread", || async {
        (count(&client, ".suzgec-thread .thread-list > .comment").await == 10).then_some(())
    })
    .await;
    let newest = text_of(
        &client,
        ".suzgec-thread .thread-list > .comment .comment-text",
    )
    .await;
    assert_eq!(newest, "Hastane için 12. teşekkür yorumu.");
    wait_for(&client, ".suzgec-thread .older-comments:not([hidden])")
        .await
        .click()
        .await
        .expect("pressing older comments");
    until("all twelve comments", || async {
        (count(&client, ".suzgec-thread .thread-list > .comment").await == 12).then_some(())
    })
    .await;
    // The stylesheet came from Süzgeç under the page's policy.
    let border = client
        .execute(
            "return getComputedStyle(document.querySelector('.suzgec-thread')).borderTopStyle",
            vec![],
        )
        .await
        .expect("reading the thread's style");
    assert_eq!(border, json!("solid"), "embed.css applies");

    // 2. The live check and the one-click fix, then sending.
    let author = wait_for(&client, ".suzgec-thread .author-input").await;
    author
        .send_keys("Ayşe Okur")
        .await
        .expect("typing the name");
    let textarea = wait_for(&client, ".suzgec-thread .text-input").await;
    textarea
        .send_keys(ASCII_COMMENT)
        .await
        .expect("typing the comment");
    let reason = text_of(
        &client,
        ".suzgec-thread .live-check .reason.rule-no_turkish_chars",
    )
    .await;
    assert!(!reason.is_empty());
    wait_for(&client, ".suzgec-thread .live-check .fix-button")
        .await
        .click()
        .await
        .expect("pressing the fix button");
    let fixed = until("the fixed text in the embedded form", || async {
        let value = textarea.prop("value").await.ok()??;
        (value != ASCII_COMMENT).then_some(value)
    })
    .await;
    assert!(fixed.contains("çok güzel"), "fixed text: {fixed:?}");
    wait_for(&client, ".suzgec-thread .live-check.live-ok").await;
    wait_for(&client, ".suzgec-thread .send")
        .await
        .click()
        .await
        .expect("pressing send");
    until("the sent comment at the top of the thread", || async {
        let first = client
            .find(Locator::Css(
                ".suzgec-thread .thread-list > .comment .comment-text",
            ))
            .await
            .ok()?;
        (first.text().await.ok()? == fixed).then_some(())
    })
    .await;
    let notice = text_of(&client, ".suzgec-thread .notice").await;
    assert!(
        notice.contains("Yorumunuz yayımlandı"),
        "notice: {notice:?}"
    );

    // 3. A reply joins its thread; markup in it stays text.
    wait_for(
        &client,
        ".suzgec-thread .thread-list > .comment .reply-link",
    )
    .await
    .click()
    .await
    .expect("pressing reply");
    let replying = text_of(&client, ".suzgec-thread .replying").await;
    assert!(
        replying.contains("Ayşe Okur"),
        "replying line: {replying:?}"
    );
    textarea
        .send_keys(MARKUP_COMMENT)
        .await
        .expect("typing the reply");
    wait_for(&client, ".suzgec-thread .live-check:not(:empty)").await;
    wait_for(&client, ".suzgec-thread .send")
        .await
        .click()
        .await
        .expect("sending the reply");
    let reply = text_of(
        &client,
        ".suzgec-thread .thread-list > .comment .replies .comment-text",
    )
    .await;
    assert_eq!(reply, MARKUP_COMMENT);
    assert_eq!(count(&client, ".suzgec-thread script").await, 0);
    assert_no_alert(&client).await;

    // 4. A report from the page reaches Süzgeç.
    wait_for(
        &client,
        ".suzgec-thread .thread-list > .comment .report-link",
    )
    .await
    .click()
    .await
    .expect("pressing report");
    let reported = text_of(&client, ".suzgec-thread .reported").await;
    assert!(reported.contains("Bildiriminiz alındı"), "{reported:?}");

    // 5. A refused comment is kept back with its reasons, and the notice says so as a refusal.
    textarea
        .send_keys("Siktir git lan, bu ne biçim haber")
        .await
        .expect("typing a refused comment");
    wait_for(&client, ".suzgec-thread .live-check.live-refused").await;
    wait_for(&client, ".suzgec-thread .send")
        .await
        .click()
        .await
        .expect("sending the refused comment");
    let refusal = text_of(&client, ".suzgec-thread .notice.notice-error").await;
    assert!(refusal.contains("onaylanmadı"), "notice: {refusal:?}");
    wait_for(&client, ".suzgec-thread .live-check .reason.rule-swearing").await;
    assert_eq!(
        count(&client, ".suzgec-thread .thread-list > .comment").await,
        13,
        "the refused comment is not shown"
    );

    let store = Store::connect(&database.url)
        .await
        .expect("opening the store");
    let queue = store.queue(10).await.expect("reading the queue");
    assert!(
        queue.iter().any(|item| item.comment.text == fixed),
        "the reported comment is back in the queue"
    );

    client.close().await.expect("closing the browser session");
    drop(browser);
    hosting.abort();
    server.stop().await;
    store.close().await;
}
