//! The functional suite's table for one of its parts, and the cases judged wrongly:
//! `cargo run --release -p suzgec-core --example functional -- data/abuse/functional/tune.jsonl`
//! (add `--no-group-hate-review` to judge without the encoder's group-hate head). The test part's
//! cases are measured, not read: for `test.jsonl` only the table is printed, unless
//! `--show-test-cases` asks for them.

#[path = "../tests/support/functional.rs"]
mod functional;

use suzgec_core::Moderator;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| "data/abuse/functional/tune.jsonl".into());
    let cases = functional::cases(&std::fs::read_to_string(&path)?);
    let mut policy = functional::abuse_policy();
    policy.classifier.group_hate_review = !args.iter().any(|a| a == "--no-group-hate-review");
    let moderator = Moderator::new(policy)?;
    let outcomes = functional::judge(&moderator, &cases);
    let test_part = std::path::Path::new(&path).file_name() == Some("test.jsonl".as_ref());
    if !test_part || args.iter().any(|a| a == "--show-test-cases") {
        for line in functional::mistakes(&outcomes) {
            println!("{line}");
        }
    }
    print!("{}", functional::render(&functional::table(&outcomes)));
    Ok(())
}
