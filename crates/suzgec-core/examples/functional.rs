//! The functional suite's table for one of its parts, and the cases judged wrongly:
//! `cargo run --release -p suzgec-core --example functional -- data/abuse/functional/tune.jsonl`.

#[path = "../tests/support/functional.rs"]
mod functional;

use suzgec_core::Moderator;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "data/abuse/functional/tune.jsonl".into());
    let cases = functional::cases(&std::fs::read_to_string(&path)?);
    let moderator = Moderator::new(functional::abuse_policy())?;
    let outcomes = functional::judge(&moderator, &cases);
    for line in functional::mistakes(&outcomes) {
        println!("{line}");
    }
    print!("{}", functional::render(&functional::table(&outcomes)));
    Ok(())
}
