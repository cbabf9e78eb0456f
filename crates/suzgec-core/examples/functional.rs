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
    for o in outcomes.iter().filter(|o| !o.decision_right || !o.rules_right) {
        let rules: Vec<String> = o
            .verdict
            .reasons
            .iter()
            .map(|r| format!("{}:{:.2}", r.rule, r.confidence))
            .collect();
        println!(
            "{}\t{}\t{}\t{:?}\twant {} {:?}\tgot {:?} {}",
            if o.decision_right { "RULE" } else { "WRONG" },
            o.case.id,
            o.case.functionality,
            o.case.text,
            o.case.decision,
            o.case.expected,
            o.verdict.decision,
            rules.join(",")
        );
    }
    print!("{}", functional::render(&functional::table(&outcomes)));
    Ok(())
}
