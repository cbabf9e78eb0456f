//! The API against its OpenAPI document: schemathesis (`scripts/install-test-python.sh`) sends
//! schema-valid and schema-violating requests with a token of each role, on both databases, and
//! every check it has must pass: no server error, only documented status codes, responses that
//! match their schemas, valid requests accepted and invalid ones refused.

#[macro_use]
mod common;

use common::TestApp;
use suzgec_store::Role;
use suzgec_store::testing::TestDatabase;

/// Examples per operation and phase; `SUZGEC_TEST_SCHEMATHESIS_EXAMPLES` changes it (CI keeps the
/// default, a longer hunt sets more).
const EXAMPLES: &str = "25";

/// The schemathesis program that `scripts/test.sh` prepares.
fn schemathesis() -> Option<String> {
    let program = std::env::var("SUZGEC_TEST_SCHEMATHESIS").unwrap_or_default();
    if program.is_empty() {
        suzgec_store::testing::skip(
            "the_api_keeps_its_openapi_contract",
            "SUZGEC_TEST_SCHEMATHESIS is not set to a schemathesis program (scripts/test.sh sets it)",
        );
        return None;
    }
    Some(program)
}

async fn the_api_keeps_its_openapi_contract(db: &TestDatabase) {
    let Some(program) = schemathesis() else {
        return;
    };
    let examples =
        std::env::var("SUZGEC_TEST_SCHEMATHESIS_EXAMPLES").unwrap_or_else(|_| EXAMPLES.into());
    let app = TestApp::start(db, |_| {}).await;
    for role in [Role::Api, Role::Editor, Role::Moderator] {
        let token = app.token(role).await;
        let output = tokio::process::Command::new(&program)
            // Its example database lands in the working folder: keep it out of the sources.
            .current_dir(env!("CARGO_TARGET_TMPDIR"))
            .arg("run")
            .arg(app.url("/api/v1/openapi.json"))
            .args(["--header", &format!("Authorization: Bearer {token}")])
            .args(["--checks", "all", "--max-examples", &examples])
            .args(["--seed", "20261207", "--no-color"])
            .output()
            .await
            .unwrap_or_else(|e| panic!("{program} runs: {e}"));
        let report = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "schemathesis with the {} token found problems:\n{report}\n{}",
            role.as_str(),
            String::from_utf8_lossy(&output.stderr)
        );
        let count = |label: &str| {
            report
                .lines()
                .find_map(|line| line.trim().strip_prefix(label))
                .and_then(|rest| rest.rsplit('/').next())
                .and_then(|n| n.trim().parse::<usize>().ok())
        };
        let (selected, tested) = (count("Selected:"), count("Tested:"));
        assert!(
            selected.is_some() && selected == tested,
            "every operation was tested:\n{report}"
        );
    }
    app.stop().await;
}
on_both_databases!(the_api_keeps_its_openapi_contract);
