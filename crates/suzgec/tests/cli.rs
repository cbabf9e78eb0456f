//! The `suzgec` command run as a user runs it: real process, real stdin and stdout.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn suzgec(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_suzgec"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("suzgec starts");
    // Feed stdin from another thread: suzgec writes output while it reads, and a full stdout pipe
    // would otherwise block both sides.
    let mut input = child.stdin.take().expect("stdin is piped");
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || input.write_all(&stdin));
    let output = child.wait_with_output().expect("suzgec finishes");
    writer
        .join()
        .expect("writer thread")
        .expect("stdin takes the input");
    output
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn json_lines(output: &Output) -> Vec<Value> {
    stdout(output)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect()
}

#[test]
fn check_exits_zero_on_approve_and_one_on_reject() {
    let approved = suzgec(&["check", "Bu haberi okuyunca çok üzüldüm."], b"");
    assert_eq!(approved.status.code(), Some(0));
    assert!(stdout(&approved).starts_with("approve"));
    let rejected = suzgec(&["check", "BU HABER TAMAMEN YALAN, HERKES BİLİYOR"], b"");
    assert_eq!(rejected.status.code(), Some(1));
    let text = stdout(&rejected);
    assert!(text.starts_with("reject"), "{text}");
    assert!(text.contains("all_caps"), "{text}");
    assert!(
        text.contains("Bu haber tamamen yalan, herkes biliyor"),
        "{text}"
    );
}

#[test]
fn check_json_prints_the_verdict_contract() {
    let output = suzgec(&["check", "--json", "İSTANBUL'DA HAVA ÇOK GÜZEL"], b"");
    let verdict: Value = serde_json::from_str(&stdout(&output)).expect("verdict JSON");
    assert_eq!(verdict["version"], 1);
    assert_eq!(verdict["decision"], "reject");
    assert_eq!(verdict["language"], "tr");
    assert_eq!(verdict["reasons"][0]["rule"], "all_caps");
    assert_eq!(verdict["reasons"][0]["spans"][0]["text"], "İSTANBUL'DA");
    assert_eq!(verdict["suggested_text"], "İstanbul'da hava çok güzel");
}

#[test]
fn check_reads_the_comment_from_stdin_with_a_dash() {
    let output = suzgec(
        &["check", "--json", "-"],
        "HEPİNİZ YALANCISINIZ\n".as_bytes(),
    );
    let verdict: Value = serde_json::from_str(&stdout(&output)).expect("verdict JSON");
    assert_eq!(verdict["decision"], "reject");
}

#[test]
fn empty_text_is_a_clear_error_with_exit_status_two() {
    let output = suzgec(&["check", "   "], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("the text is empty"));
}

#[test]
fn jsonl_keeps_order_passes_fields_through_and_reports_bad_lines() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"id\": 1, \"text\": \"BU HABER TAMAMEN YALAN\"}\n");
    input.extend_from_slice(b"not json\n");
    input.extend_from_slice(b"{\"id\": 3, \"body\": \"no text field\"}\n");
    input.extend_from_slice(b"{\"id\": 4, \"text\": \"\\ud800\"}\n");
    input.extend_from_slice(b"{\"id\": 5, \"text\": \"\"}\n");
    input.extend_from_slice(b"\xff\xfe invalid utf-8\n");
    input.extend_from_slice(
        b"{\"text\": \"Gayet normal bir yorum.\", \"z\": [1, 2], \"a\": null}\n",
    );
    let output = suzgec(&["check", "--jsonl"], &input);
    assert_eq!(output.status.code(), Some(0));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 7);
    assert_eq!(lines[0]["id"], 1);
    assert_eq!(lines[0]["verdict"]["decision"], "reject");
    assert_eq!(lines[1]["error"]["code"], "invalid_json");
    assert_eq!(lines[2]["id"], 3);
    assert_eq!(lines[2]["error"]["code"], "missing_text");
    assert_eq!(
        lines[3]["error"]["code"], "invalid_json",
        "a lone surrogate is not a string"
    );
    assert_eq!(lines[4]["id"], 5);
    assert_eq!(lines[4]["error"]["code"], "empty_text");
    assert_eq!(lines[5]["error"]["code"], "invalid_utf8");
    assert_eq!(lines[6]["verdict"]["decision"], "approve");
    let keys: Vec<&str> = lines[6]
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        vec!["text", "z", "a", "verdict"],
        "input fields keep their order"
    );
}

#[test]
fn jsonl_keeps_order_across_batches_and_threads() {
    let input: String = (0..10_000)
        .map(|i| {
            let text = if i % 3 == 0 {
                "ÇOK GÜZEL BİR HABER"
            } else {
                "Güzel bir haber"
            };
            format!("{{\"n\": {i}, \"text\": \"{text}\"}}\n")
        })
        .collect();
    let output = suzgec(&["check", "--jsonl", "--threads", "2"], input.as_bytes());
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 10_000);
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line["n"], i);
        let expected = if i % 3 == 0 { "reject" } else { "approve" };
        assert_eq!(line["verdict"]["decision"], expected, "line {i}");
    }
}

#[test]
fn a_policy_file_changes_the_decision() {
    let dir = std::env::temp_dir().join(format!("suzgec-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let policy = dir.join("soft.toml");
    std::fs::write(
        &policy,
        "name = 'soft'\nversion = '7'\n[rules.all_caps]\naction = 'review'\n",
    )
    .expect("write policy");
    let path = policy.to_str().expect("UTF-8 path");
    let output = suzgec(
        &[
            "check",
            "--json",
            "--policy",
            path,
            "BU HABER TAMAMEN YALAN",
        ],
        b"",
    );
    let verdict: Value = serde_json::from_str(&stdout(&output)).expect("verdict JSON");
    assert_eq!(verdict["decision"], "review");
    assert_eq!(verdict["policy"]["name"], "soft");
    assert_eq!(verdict["policy"]["version"], "7");

    std::fs::write(
        &policy,
        "name = 'bad'\nversion = '1'\n[rules.shouting]\naction = 'reject'\n",
    )
    .expect("write");
    let output = suzgec(&["policy", "validate", path], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("shouting"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_printed_default_policy_is_valid() {
    let output = suzgec(&["policy", "default"], b"");
    let dir = std::env::temp_dir().join(format!("suzgec-default-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("default.toml");
    std::fs::write(&path, &output.stdout).expect("write");
    let validated = suzgec(
        &["policy", "validate", path.to_str().expect("UTF-8 path")],
        b"",
    );
    assert_eq!(validated.status.code(), Some(0));
    assert!(stdout(&validated).contains("all_caps"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn eval_scores_each_rule() {
    let input = [
        r#"{"text": "BU HABER TAMAMEN YALAN", "expected": ["all_caps"], "decision": "reject"}"#,
        r#"{"text": "Bu haber tamamen yalan", "expected": [], "decision": "approve"}"#,
        r#"{"text": "ABD ve AB NATO zirvesinde", "expected": ["all_caps"]}"#,
        r#"{"text": "HEPİNİZ YALANCISINIZ", "expected": []}"#,
    ]
    .join("\n");
    let dir = std::env::temp_dir().join(format!("suzgec-eval-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("labelled.jsonl");
    std::fs::write(&path, input).expect("write");
    let output = suzgec(&["eval", "--json", path.to_str().expect("UTF-8 path")], b"");
    let report: Value = serde_json::from_str(&stdout(&output)).expect("report JSON");
    assert_eq!(report["examples"], 4);
    let caps = &report["rules"]["all_caps"];
    assert_eq!(caps["true_positives"], 1);
    assert_eq!(caps["false_positives"], 1);
    assert_eq!(caps["false_negatives"], 1);
    assert_eq!(caps["precision"], 0.5);
    assert_eq!(report["decisions"]["reject"]["reject"], 1);
    assert_eq!(report["decisions"]["approve"]["approve"], 1);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn eval_binary_scores_any_abuse_rule_and_counts_per_class() {
    let input = [
        r#"{"text": "Siktir git buradan", "label": "OFF", "target": "PROFANITY"}"#,
        r#"{"text": "Bu haberi yazan gerizekalısın sen", "label": "OFF", "target": "INSULT"}"#,
        r#"{"text": "Cuma namazından sonra dua edildi.", "label": "NOT", "target": "OTHER"}"#,
        r#"{"text": "Amcam dün ameliyat oldu.", "label": "OFF", "target": "OTHER"}"#,
    ]
    .join("\n");
    let dir = std::env::temp_dir().join(format!("suzgec-eval-binary-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("tweets.jsonl");
    std::fs::write(&path, input).expect("write");
    let path = path.to_str().expect("UTF-8 path");
    let args = [
        "eval",
        "--json",
        path,
        "--binary",
        "label=OFF",
        "--by",
        "target",
    ];
    let output = suzgec(&args, b"");
    assert_eq!(output.status.code(), Some(0));
    let report: Value = serde_json::from_str(&stdout(&output)).expect("report JSON");
    let binary = &report["binary"];
    assert_eq!(binary["true_positives"], 2);
    assert_eq!(binary["false_negatives"], 1);
    assert_eq!(binary["true_negatives"], 1);
    assert_eq!(binary["false_positives"], 0);
    // OFF: precision 1, recall 2/3, F1 0.8; NOT: precision 1/2, recall 1, F1 2/3.
    let macro_f1 = binary["macro_f1"].as_f64().expect("a number");
    assert!(
        (macro_f1 - (0.8 + 2.0 / 3.0) / 2.0).abs() < 1e-9,
        "{macro_f1}"
    );
    assert_eq!(report["by_class"]["PROFANITY"]["fired"]["swearing"], 1);
    assert_eq!(report["by_class"]["INSULT"]["fired"]["insult"], 1);
    assert_eq!(report["by_class"]["OTHER"]["any_abuse_rule"], 0);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn restore_writes_one_line_per_input_line() {
    let input = b"Bu haberi okuyunca cok uzuldum\n\nhttps://ornek.com @ali \xf0\x9f\x98\x80\nIstanbul'da hava guzel\n";
    let output = suzgec(&["restore"], input);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        vec![
            "Bu haberi okuyunca çok üzüldüm",
            "",
            "https://ornek.com @ali 😀",
            "İstanbul'da hava güzel",
        ]
    );
}

#[test]
fn spell_prints_each_lines_errors_with_suggestions_as_json_lines() {
    let output = suzgec(
        &["spell", "--language", "tr"],
        "😀 herkez geliyormusun\nKitap bende kaldı.\n".as_bytes(),
    );
    assert_eq!(output.status.code(), Some(0));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["text"], "😀 herkez geliyormusun");
    let errors = lines[0]["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0]["word"], "herkez");
    assert_eq!(
        (errors[0]["start"].as_u64(), errors[0]["end"].as_u64()),
        (Some(2), Some(8))
    );
    assert_eq!(errors[0]["kind"], "listed_misspelling");
    assert_eq!(errors[0]["suggestions"][0], "herkes");
    assert_eq!(errors[1]["kind"], "question_particle");
    assert_eq!(errors[1]["suggestions"][0], "geliyor musun");
    assert_eq!(lines[1]["errors"].as_array().map(Vec::len), Some(0));
}

#[test]
fn check_refuses_a_comment_that_ignores_spelling_and_offers_the_fix() {
    let output = suzgec(
        &[
            "check",
            "--json",
            "herkez bilio bunu zaten, yanlız sen bilmiyon",
        ],
        b"",
    );
    let verdict: Value = serde_json::from_str(&stdout(&output)).expect("verdict JSON");
    assert_eq!(verdict["decision"], "reject");
    assert_eq!(
        verdict["suggested_text"],
        "herkes biliyor bunu zaten, yalnız sen bilmiyorsun"
    );
}

#[test]
fn encoder_data_writes_the_labelled_texts_as_the_encoders_pieces() {
    let root = tempfile::tempdir().expect("temporary folder");
    let data = root.path().join("datasets");
    let corpora = root.path().join("corpora");
    let write = |path: std::path::PathBuf, text: &str| {
        std::fs::create_dir_all(path.parent().expect("has a folder")).expect("folder");
        std::fs::write(path, text).expect("written");
    };
    let tweet =
        |text: &str, label: &str| format!("{{\"text\": \"{text}\", \"label\": \"{label}\"}}\n");
    let teamgzg = "text\n\"defol, git\"\n".to_string();
    let files = [
        (
            data.join("offenseval2020-tr/train.jsonl"),
            tweet("Sen tam bir salaksın", "OFF") + &tweet("Güzel bir gün", "NOT"),
        ),
        (
            data.join("offenseval2020-tr/dev.jsonl"),
            tweet("İyi akşamlar", "NOT"),
        ),
        (
            data.join("olid2019-en/train.jsonl"),
            tweet("You idiot", "OFF"),
        ),
        (data.join("olid2019-en/dev.jsonl"), tweet("Nice day", "NOT")),
        (
            data.join("davidson2017-en/all.jsonl"),
            tweet("what a game", "neither"),
        ),
        (data.join("teamgzg-tr/data1.csv"), teamgzg.clone()),
        (data.join("teamgzg-tr/data2.csv"), teamgzg.clone()),
        (data.join("teamgzg-tr/data3.csv"), teamgzg.clone()),
        (data.join("teamgzg-tr/data4.csv"), teamgzg.clone()),
        (data.join("teamgzg-tr/data5.csv"), teamgzg.clone()),
        (data.join("teamgzg-tr/data7.csv"), teamgzg),
        (
            corpora.join("ttc3600/ttc3600.txt"),
            "ekonomi\tPiyasalar güne yükselişle başladı.\n".to_string(),
        ),
        (
            corpora.join("sadedegel_news/sadedegel_raw.txt"),
            "Haber metni\n".to_string(),
        ),
        (
            corpora.join("product_reviews_neg_fthbrmnby/reviews_neg.txt"),
            "ürün kötü\n".to_string(),
        ),
    ];
    for (path, text) in files {
        write(path, &text);
    }
    let out = root.path().join("out");
    let model = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/abuse/encoder.safetensors"
    );
    let args = [
        "train",
        "encoder-data",
        "--model",
        model,
        "--data",
        data.to_str().expect("UTF-8 path"),
        "--corpora",
        corpora.to_str().expect("UTF-8 path"),
        "--out",
        out.to_str().expect("UTF-8 path"),
    ];
    let output = suzgec(&args, b"");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<Value> = std::fs::read_to_string(out.join("data.jsonl"))
        .expect("data.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    // 2 + 1 OffensEval, 1 + 1 OLID, 1 Davidson, 6 teamgzg files of one text each.
    assert_eq!(lines.len(), 12);
    assert_eq!(lines[0]["source"], "offenseval");
    assert_eq!(
        (lines[0]["label"].as_u64(), lines[1]["label"].as_u64()),
        (Some(1), Some(0))
    );
    assert_eq!(lines[2]["split"], "dev");
    assert_eq!(lines[3]["lang"], "en");
    assert_eq!(lines[5]["label"].as_u64(), Some(0));
    assert!(
        lines[6..]
            .iter()
            .all(|l| l["source"] == "teamgzg" && l["label"] == 1)
    );
    let used: Vec<u64> = serde_json::from_str(
        &std::fs::read_to_string(out.join("pieces.json")).expect("pieces.json"),
    )
    .expect("a list of ids");
    for line in &lines {
        let ids = line["ids"].as_array().expect("ids");
        assert!(!ids.is_empty());
        assert!(
            ids.iter()
                .all(|id| used.contains(&id.as_u64().expect("an id")))
        );
    }
    // The corpus lines' pieces are kept too, and the four special pieces.
    assert!(used.len() > lines.len() && used.starts_with(&[0, 1, 2, 3]));
}

/// The functional suite's tuning cases as a lenient site's history (`suzgec_learn::testing`), with
/// two bad lines (second and third), and the insults the site lets through.
fn lenient_history() -> (String, Vec<String>) {
    let cases = suzgec_learn::testing::tune();
    let mut lines: Vec<String> = cases
        .iter()
        .map(|case| {
            let decision = if case.lenient_refuses() {
                "reject"
            } else {
                "approve"
            };
            serde_json::json!({"text": case.text, "decision": decision}).to_string()
        })
        .collect();
    lines.insert(1, r#"{"decision": "reject"}"#.into());
    lines.insert(2, r#"{"text": "x", "decision": "hide"}"#.into());
    let insults = cases
        .into_iter()
        .filter(|c| c.refused && !c.lenient_refuses())
        .map(|c| c.text)
        .collect();
    (lines.join("\n"), insults)
}

#[test]
fn learn_writes_a_site_model_that_check_and_the_policy_put_in_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (history, insults) = lenient_history();
    let history_file = dir.path().join("history.jsonl");
    std::fs::write(&history_file, history).expect("write history");
    // The fast path keeps the test short; the site model is learnt the same way over either.
    let policy = dir.path().join("site.toml");
    let fast = suzgec_core_policy().replace("encoder = true", "encoder = false");
    std::fs::write(&policy, &fast).expect("write policy");
    let model = dir.path().join("site.model");
    let path = |p: &std::path::Path| p.to_str().expect("UTF-8 path").to_owned();
    let output = suzgec(
        &[
            "learn",
            "--history",
            &path(&history_file),
            "--out",
            &path(&model),
            "--policy",
            &path(&policy),
        ],
        b"",
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stderr}\n{}",
        stdout(&output)
    );
    assert!(stderr.contains("line 2: no `text`; skipped"), "{stderr}");
    assert!(
        stderr.contains("line 3: unknown decision \"hide\""),
        "{stderr}"
    );
    assert!(
        stdout(&output).contains("agrees better: written to"),
        "{}",
        stdout(&output)
    );
    assert!(model.exists());

    let jsonl: String = insults
        .iter()
        .map(|t| serde_json::json!({ "text": t }).to_string() + "\n")
        .collect();
    let refused = |extra: &[&str]| {
        let mut args = vec!["check", "--jsonl", "--policy"];
        let policy = path(&policy);
        args.push(&policy);
        args.extend_from_slice(extra);
        json_lines(&suzgec(&args, jsonl.as_bytes()))
            .iter()
            .filter(|line| line["verdict"]["decision"] != "approve")
            .count()
    };
    let model_path = path(&model);
    let (before, after) = (refused(&[]), refused(&["--site-model", &model_path]));
    assert!(
        before * 10 >= insults.len() * 9 && after * 2 < before,
        "{before} then {after} of {} insults refused",
        insults.len()
    );

    // The policy's `[site] model`, relative to the policy file, puts it in force too.
    std::fs::write(&policy, format!("{fast}\n[site]\nmodel = \"site.model\"\n")).expect("write");
    let output = suzgec(
        &["check", "--json", "--policy", &path(&policy), &insults[0]],
        b"",
    );
    let verdict: Value = serde_json::from_str(&stdout(&output)).expect("verdict JSON");
    let version = verdict["policy"]["site_model"]
        .as_str()
        .expect("names the site model");
    assert!(version.contains('-'), "{version}");
}

#[test]
fn learn_writes_nothing_when_the_site_decides_as_shipped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let policy = dir.path().join("fast.toml");
    let fast = suzgec_core_policy().replace("encoder = true", "encoder = false");
    std::fs::write(&policy, &fast).expect("write policy");
    let policy = policy.to_str().expect("UTF-8").to_owned();
    // The shipped policy's own decisions as the history.
    let (history, _) = lenient_history();
    let texts: String = history
        .lines()
        .step_by(4)
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|v| {
            v["text"]
                .as_str()
                .map(|t| serde_json::json!({"text": t}).to_string() + "\n")
        })
        .collect();
    let checked = json_lines(&suzgec(
        &["check", "--jsonl", "--policy", &policy],
        texts.as_bytes(),
    ));
    let shipped: String = checked
        .iter()
        .map(|line| {
            let refused = line["verdict"]["reasons"]
                .as_array()
                .is_some_and(|r| !r.is_empty());
            let decision = if refused { "reject" } else { "approve" };
            serde_json::json!({"text": line["text"], "decision": decision}).to_string() + "\n"
        })
        .collect();
    let history_file = dir.path().join("history.jsonl");
    std::fs::write(&history_file, shipped).expect("write history");
    let model = dir.path().join("site.model");
    let args = |force: bool| {
        let mut args = vec![
            "learn".to_owned(),
            "--history".into(),
            history_file.to_str().expect("UTF-8").into(),
            "--out".into(),
            model.to_str().expect("UTF-8").into(),
            "--policy".into(),
            policy.clone(),
        ];
        if force {
            args.push("--force".into());
        }
        args
    };
    let run = |force| {
        let args = args(force);
        suzgec(&args.iter().map(String::as_str).collect::<Vec<_>>(), b"")
    };
    let output = run(false);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("not put in force"),
        "{}",
        stdout(&output)
    );
    assert!(!model.exists());
    let output = run(true);
    assert_eq!(output.status.code(), Some(0));
    assert!(model.exists());
}

/// The built-in policy's text.
fn suzgec_core_policy() -> String {
    stdout(&suzgec(&["policy", "default"], b""))
}

#[test]
fn learn_stores_versions_in_the_database_and_rolls_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (history, _) = lenient_history();
    let history_file = dir.path().join("history.jsonl");
    std::fs::write(&history_file, history).expect("write history");
    let policy = dir.path().join("fast.toml");
    let fast = suzgec_core_policy().replace("encoder = true", "encoder = false");
    std::fs::write(&policy, &fast).expect("write policy");
    let database = format!("sqlite://{}", dir.path().join("site.db").display());
    let learn = |extra: &[&str]| {
        let mut args = vec![
            "learn",
            "--database-url",
            &database,
            "--policy",
            policy.to_str().expect("UTF-8"),
        ];
        args.extend_from_slice(extra);
        suzgec(&args, b"")
    };
    let output = learn(&[]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "no decisions in a new database"
    );
    let history = history_file.to_str().expect("UTF-8");
    let first = learn(&["--history", history]);
    assert_eq!(first.status.code(), Some(0), "{}", stdout(&first));
    assert!(
        stdout(&first).contains("stored in the database"),
        "{}",
        stdout(&first)
    );
    // Versions are named by the second they were learnt in.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = learn(&["--history", history]);
    assert_eq!(second.status.code(), Some(0), "{}", stdout(&second));
    let version = |output: &Output| {
        let out = stdout(output);
        let at = out.find("(version ").expect("a version") + "(version ".len();
        out[at..].split(')').next().expect("closed").to_owned()
    };
    let rolled = learn(&["--rollback"]);
    assert_eq!(rolled.status.code(), Some(0));
    assert!(
        stdout(&rolled).contains(&format!("Site model {} is in force again", version(&first))),
        "{}",
        stdout(&rolled)
    );
    let rolled = learn(&["--rollback"]);
    assert!(
        stdout(&rolled).contains("as shipped"),
        "{}",
        stdout(&rolled)
    );
    let rolled = learn(&["--rollback"]);
    assert_eq!(rolled.status.code(), Some(2), "nothing left to roll back");
}
