//! One helper that starts the server on a free local port over a given database, as `suzgec serve`
//! does, and stops it gracefully.

#![allow(dead_code)]

/// Runs one test body (`async fn NAME(db: &TestDatabase)`) on a fresh SQLite file and, when
/// `SUZGEC_TEST_POSTGRES_URL` is set, on a fresh PostgreSQL database.
#[allow(unused_macros)]
macro_rules! on_both_databases {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let db = suzgec_store::testing::sqlite();
                super::$name(&db).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(db) = suzgec_store::testing::postgres(stringify!($name)).await {
                    super::$name(&db).await;
                }
            }
        }
    };
}

use std::net::SocketAddr;

use suzgec_server::auth::{hash_password, new_api_token, token_hash};
use suzgec_server::{Config, Server};
use suzgec_store::testing::TestDatabase;
use suzgec_store::{Role, Store};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A running server and an HTTP client for it (cookies kept, redirects not followed).
pub struct TestApp {
    pub address: SocketAddr,
    pub client: reqwest::Client,
    pub database_url: String,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<Result<(), suzgec_server::Error>>>,
}

/// Limits high enough that tests which are not about limits never meet them.
pub fn relaxed(config: &mut Config) {
    config.limits.checks_per_minute = 100_000;
    config.limits.comments_per_minute = 100_000;
    config.limits.comments_per_author_per_hour = 100_000;
    config.limits.reports_per_hour = 100_000;
    config.limits.logins_per_minute = 100_000;
}

/// A client that keeps cookies and shows redirects instead of following them.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("HTTP client builds")
}

impl TestApp {
    /// Starts a server on the database with relaxed limits, then lets `tweak` change the config.
    pub async fn start(db: &TestDatabase, tweak: impl FnOnce(&mut Config)) -> TestApp {
        TestApp::start_url(&db.url, tweak).await
    }

    /// Starts a server on a database URL.
    pub async fn start_url(url: &str, tweak: impl FnOnce(&mut Config)) -> TestApp {
        let mut config = Config {
            listen: "127.0.0.1:0".into(),
            database_url: url.to_owned(),
            ..Config::default()
        };
        relaxed(&mut config);
        tweak(&mut config);
        let server = Server::bind(config).await.expect("server starts");
        let address = server.local_addr().expect("bound address");
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server.run(async {
            let _ = stopped.await;
        }));
        TestApp {
            address,
            client: client(),
            database_url: url.to_owned(),
            stop: Some(stop),
            task: Some(task),
        }
    }

    /// The full URL of a path.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// Stops the server as SIGTERM would and waits until it has finished.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await
                .expect("server task")
                .expect("server stops cleanly");
        }
    }

    /// A new API token with a role, stored as `suzgec token create` does.
    pub async fn token(&self, role: Role) -> String {
        let store = Store::connect(&self.database_url).await.expect("store");
        let token = new_api_token();
        store
            .create_token("test", role, &token_hash(&token))
            .await
            .expect("token stored");
        token
    }

    /// A moderator login, created as `suzgec user add` does.
    pub async fn moderator(&self, name: &str, password: &str) {
        self.account(name, password, Role::Moderator).await;
    }

    /// A login with any role, stored as `suzgec user add` stores one.
    pub async fn account(&self, name: &str, password: &str, role: Role) {
        let store = Store::connect(&self.database_url).await.expect("store");
        let hash = hash_password(password).expect("hash");
        store
            .add_user(name, role, &hash)
            .await
            .expect("user stored");
    }

    /// POSTs JSON and returns the status and the JSON answer (`Null` when the body is not JSON).
    pub async fn post_json(
        &self,
        path: &str,
        token: Option<&str>,
        body: &serde_json::Value,
    ) -> (u16, serde_json::Value) {
        let mut request = self.client.post(self.url(path)).json(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("request is answered");
        let status = response.status().as_u16();
        (
            status,
            response.json().await.unwrap_or(serde_json::Value::Null),
        )
    }

    /// GETs JSON.
    pub async fn get_json(&self, path: &str, token: Option<&str>) -> (u16, serde_json::Value) {
        let mut request = self.client.get(self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("request is answered");
        let status = response.status().as_u16();
        (
            status,
            response.json().await.unwrap_or(serde_json::Value::Null),
        )
    }

    /// GETs a page's HTML.
    /// Logs the client in to the moderator area.
    pub async fn log_in(&self, name: &str, password: &str) {
        let (_, login) = self.page("/moderation/login").await;
        let csrf = csrf_of(&login);
        let response = self
            .client
            .post(self.url("/moderation/login"))
            .form(&[("name", name), ("password", password), ("csrf", &csrf)])
            .send()
            .await
            .expect("answered");
        assert_eq!(response.status().as_u16(), 303, "logged in");
    }

    pub async fn page(&self, path: &str) -> (u16, String) {
        let response = self
            .client
            .get(self.url(path))
            .send()
            .await
            .expect("answered");
        let status = response.status().as_u16();
        (status, response.text().await.unwrap_or_default())
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The value of the hidden `csrf` field in a page's first form.
pub fn csrf_of(html: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = html.find(marker).expect("page has a CSRF field") + marker.len();
    let end = html[start..].find('"').expect("field ends") + start;
    html[start..end].to_owned()
}
