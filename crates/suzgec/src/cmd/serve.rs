//! `suzgec serve` and the commands that work on its database: `user add`, `token create`,
//! `export`, `import`.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use suzgec_server::Config;
use suzgec_server::auth::{hash_password, new_api_token, token_hash};
use suzgec_store::{ExportedComment, Role, Store};

/// Where the configuration comes from, shared by every database command.
#[derive(Args, Debug, Clone)]
pub struct ConfigArgs {
    /// A TOML configuration file (`suzgec serve --print-config` shows every setting).
    #[arg(long, short = 'c', value_name = "FILE")]
    config: Option<PathBuf>,
    /// The database: sqlite://FILE (created on first start) or postgres://USER@HOST/DB.
    #[arg(long, value_name = "URL")]
    database_url: Option<String>,
}

impl ConfigArgs {
    /// Whether a database was named, by a configuration file or by URL.
    pub fn names_database(&self) -> bool {
        self.config.is_some() || self.database_url.is_some()
    }
}

/// Options of `suzgec serve`.
#[derive(Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    config: ConfigArgs,
    /// The address to listen on (default 127.0.0.1:8080).
    #[arg(long, value_name = "ADDRESS")]
    listen: Option<String>,
    /// The policy file for requests that name no policy (default: the built-in policy).
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Do not publish the demo article into an empty database.
    #[arg(long)]
    no_demo: bool,
    /// Write logs as JSON lines.
    #[arg(long)]
    log_json: bool,
    /// Print the configuration that would be used, as TOML (secrets redacted), and exit.
    #[arg(long)]
    print_config: bool,
}

/// The top-level settings that `SUZGEC_*` environment variables may set.
const ENV_KEYS: [&str; 12] = [
    "listen",
    "database_url",
    "policy_file",
    "demo_content",
    "trusted_proxies",
    "metrics",
    "embed",
    "secure_cookies",
    "display_utc_offset_minutes",
    "limits",
    "integrations",
    "webhooks",
];

/// Defaults, then the TOML file, then `SUZGEC_*` variables (`SUZGEC_LIMITS__CHECKS_PER_MINUTE`
/// for nested ones), then flags.
fn load_config(args: &ConfigArgs, flags: Figment) -> anyhow::Result<Config> {
    let mut figment = Figment::from(Serialized::defaults(Config::default()));
    if let Some(file) = &args.config {
        if !file.exists() {
            bail!("configuration file {} does not exist", file.display());
        }
        figment = figment.merge(Toml::file(file));
    }
    figment = figment.merge(
        Env::prefixed("SUZGEC_")
            .filter(|key| {
                let key = key.as_str().to_ascii_lowercase();
                ENV_KEYS.iter().any(|known| key.starts_with(known))
            })
            .split("__"),
    );
    if let Some(url) = &args.database_url {
        figment = figment.merge(("database_url", url));
    }
    figment
        .merge(flags)
        .extract()
        .context("reading the configuration")
}

fn init_logging(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    use std::io::IsTerminal;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

/// The async runtime of the commands that use the database.
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

/// Runs the server until Ctrl-C or SIGTERM.
pub fn serve(args: &ServeArgs) -> anyhow::Result<()> {
    let mut flags = Figment::new();
    if let Some(listen) = &args.listen {
        flags = flags.merge(("listen", listen));
    }
    if let Some(policy) = &args.policy {
        flags = flags.merge(("policy_file", policy));
    }
    if args.no_demo {
        flags = flags.merge(("demo_content", false));
    }
    let config = load_config(&args.config, flags)?;
    if args.print_config {
        print!(
            "{}",
            toml::to_string(&config.redacted()).context("writing the configuration")?
        );
        return Ok(());
    }
    init_logging(args.log_json);
    runtime()?.block_on(async {
        let database = suzgec_store::redact_url(&config.database_url);
        let server = suzgec_server::Server::bind(config).await?;
        let address = server.local_addr()?;
        let shutdown = suzgec_server::shutdown_signal()?;
        tracing::info!(%database, "database ready");
        eprintln!("Süzgeç is listening on http://{address}/");
        eprintln!("  demo article:  http://{address}/articles/{}", suzgec_server::DEMO_SLUG_TR);
        eprintln!("  moderators:    http://{address}/moderation  (add one with: suzgec user add NAME --role moderator)");
        server.run(shutdown).await?;
        tracing::info!("stopped");
        Ok(())
    })
}

/// Opens the database the configuration names.
pub async fn open_store(args: &ConfigArgs) -> anyhow::Result<Store> {
    let config = load_config(args, Figment::new())?;
    Store::connect(&config.database_url)
        .await
        .with_context(|| format!("opening {}", suzgec_store::redact_url(&config.database_url)))
}

/// `suzgec user …`
#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create a moderator or admin login for the moderation pages. The password is read from
    /// the terminal, or from the first line of stdin when it is not a terminal.
    Add {
        /// The login name.
        name: String,
        /// moderator or admin.
        #[arg(long, default_value = "moderator", value_parser = ["moderator", "admin"])]
        role: String,
        #[command(flatten)]
        config: ConfigArgs,
    },
}

fn read_password() -> anyhow::Result<String> {
    use std::io::IsTerminal;
    let password = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ")?;
        let again = rpassword::prompt_password("Password again: ")?;
        if first != again {
            bail!("the passwords differ");
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    if password.chars().count() < 10 {
        bail!("the password must have at least 10 characters");
    }
    Ok(password)
}

/// Runs a user subcommand.
pub fn user(command: &UserCommand) -> anyhow::Result<()> {
    let UserCommand::Add { name, role, config } = command;
    let role = Role::parse(role).context("unknown role")?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        bail!("the name must have 1 to 80 characters");
    }
    let password = read_password()?;
    let hash = hash_password(&password).map_err(|e| anyhow::anyhow!("{e}"))?;
    runtime()?.block_on(async {
        let store = open_store(config).await?;
        store.add_user(name, role, &hash).await?;
        eprintln!("user {name} ({}) created", role.as_str());
        Ok(())
    })
}

/// `suzgec token …`
#[derive(Subcommand, Debug)]
pub enum TokenCommand {
    /// Create an API token and print it once (only its hash is stored).
    Create {
        /// What the token is for (e.g. the CMS's name).
        name: String,
        /// api (moderate texts), editor (also articles) or moderator (also the queue).
        #[arg(long, default_value = "api", value_parser = ["api", "editor", "moderator"])]
        role: String,
        #[command(flatten)]
        config: ConfigArgs,
    },
}

/// Runs a token subcommand.
pub fn token(command: &TokenCommand) -> anyhow::Result<()> {
    let TokenCommand::Create { name, role, config } = command;
    let role = Role::parse(role).context("unknown role")?;
    let token = new_api_token();
    runtime()?.block_on(async {
        let store = open_store(config).await?;
        store.create_token(name, role, &token_hash(&token)).await?;
        println!("{token}");
        eprintln!(
            "token {name} ({}) created; it is shown only this once",
            role.as_str()
        );
        Ok(())
    })
}

/// Options of `suzgec export`.
#[derive(Args, Debug)]
pub struct ExportArgs {
    #[command(flatten)]
    config: ConfigArgs,
}

/// Writes every comment with its history to stdout as JSON Lines.
pub fn export(args: &ExportArgs) -> anyhow::Result<()> {
    runtime()?.block_on(async {
        let store = open_store(&args.config).await?;
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        let (mut after, mut count) = (0, 0usize);
        loop {
            let page = store.export_page(after, 500).await?;
            let Some(last) = page.last() else { break };
            after = last.id;
            for comment in &page {
                serde_json::to_writer(&mut out, comment)?;
                out.write_all(b"\n")?;
                count += 1;
            }
        }
        out.flush()?;
        eprintln!("exported {count} comments");
        Ok(())
    })
}

/// Options of `suzgec backup`.
#[derive(Args, Debug)]
pub struct BackupArgs {
    /// The file to write: a SQLite database, never an existing file.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    #[command(flatten)]
    config: ConfigArgs,
}

/// Copies a live SQLite database to a new file and reads the copy back.
pub fn backup(args: &BackupArgs) -> anyhow::Result<()> {
    runtime()?.block_on(async {
        let store = open_store(&args.config).await?;
        let summary = store.backup_to(&args.out).await?;
        store.close().await;
        eprintln!(
            "backed up {} articles, {} comments and {} moderation events to {}",
            summary.articles,
            summary.comments,
            summary.events,
            args.out.display()
        );
        Ok(())
    })
}

/// Options of `suzgec import`.
#[derive(Args, Debug)]
pub struct ImportArgs {
    /// JSON Lines written by `suzgec export` (`-` for stdin). The articles must exist.
    file: PathBuf,
    #[command(flatten)]
    config: ConfigArgs,
}

/// Reads exported comments and stores them with their histories, keeping replies with their
/// parents. A bad line stops the import with its line number; lines before it are kept.
pub fn import(args: &ImportArgs) -> anyhow::Result<()> {
    let reader: Box<dyn BufRead> = if args.file.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let file = std::fs::File::open(&args.file)
            .with_context(|| format!("opening {}", args.file.display()))?;
        Box::new(std::io::BufReader::new(file))
    };
    runtime()?.block_on(async {
        let store = open_store(&args.config).await?;
        let mut new_ids = std::collections::HashMap::new();
        let mut count = 0usize;
        for (index, line) in reader.lines().enumerate() {
            let number = index + 1;
            let line = line.with_context(|| format!("line {number}: not UTF-8 text"))?;
            if line.trim().is_empty() {
                continue;
            }
            let comment: ExportedComment = serde_json::from_str(&line)
                .with_context(|| format!("line {number}: not an exported comment"))?;
            let parent = match comment.parent_id {
                None => None,
                Some(old) => Some(*new_ids.get(&old).with_context(|| {
                    format!("line {number}: its parent comment {old} was not imported before it")
                })?),
            };
            let id = store
                .import_comment(&comment, parent)
                .await
                .with_context(|| format!("line {number}: comment {}", comment.id))?;
            new_ids.insert(comment.id, id);
            count += 1;
        }
        eprintln!("imported {count} comments");
        Ok(())
    })
}
