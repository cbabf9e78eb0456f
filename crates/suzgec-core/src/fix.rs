//! Combines the fixes of several rules into one suggested text.
//!
//! Fixes are spans with replacements. Where two rules fix the same word, one changing letters
//! (`COK` → `ÇOK`) and the other only case (`COK` → `Cok`), the two compose letter by letter
//! (`Çok`); any other overlap keeps the fix of the rule listed first in the policy.

use crate::text::CaseRules;
use crate::verdict::Span;

/// An edit of the submitted text: a code point range and what replaces it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Edit {
    start: usize,
    end: usize,
    replacement: String,
}

/// Applies the spans' replacements to `original`. `fixes` lists each fixing rule's spans, the
/// first rule winning conflicts.
pub fn apply(original: &str, fixes: &[&[Span]], case_rules: CaseRules) -> String {
    let mut accepted: Vec<Edit> = Vec::new();
    for spans in fixes {
        for span in spans.iter() {
            let Some(replacement) = &span.replacement else {
                continue;
            };
            let overlapping = accepted
                .iter_mut()
                .find(|e| e.start < span.end && span.start < e.end);
            match overlapping {
                None => accepted.push(Edit {
                    start: span.start,
                    end: span.end,
                    replacement: replacement.clone(),
                }),
                Some(edit) if edit.start == span.start && edit.end == span.end => {
                    if let Some(merged) =
                        compose(&span.text, &edit.replacement, replacement, case_rules)
                    {
                        edit.replacement = merged;
                    }
                }
                Some(_) => {}
            }
        }
    }
    accepted.sort_by_key(|e| e.start);
    let mut out = String::with_capacity(original.len() + 16);
    let mut chars = original.chars();
    let mut at = 0;
    for edit in &accepted {
        out.extend(chars.by_ref().take(edit.start - at));
        out.push_str(&edit.replacement);
        chars.by_ref().take(edit.end - edit.start).for_each(drop);
        at = edit.end;
    }
    out.extend(chars);
    out
}

/// Composes two fixes of the same text of equal length: letters from the one that changes letters,
/// case from the one that changes only case. `None` when they cannot be composed.
fn compose(original: &str, first: &str, second: &str, case_rules: CaseRules) -> Option<String> {
    let o: Vec<char> = original.chars().collect();
    let a: Vec<char> = first.chars().collect();
    let b: Vec<char> = second.chars().collect();
    if o.len() != a.len() || o.len() != b.len() {
        return None;
    }
    let lower = |c: char| {
        let mut s = String::new();
        case_rules.push_lower(c, &mut s);
        s
    };
    let with_case_of = |letter: char, model: char| {
        let mut s = String::new();
        if model.is_uppercase() {
            case_rules.push_upper(letter, &mut s);
        } else {
            case_rules.push_lower(letter, &mut s);
        }
        s
    };
    let mut out = String::with_capacity(first.len());
    for ((&o, &a), &b) in o.iter().zip(&a).zip(&b) {
        if b == o {
            out.push(a);
        } else if a == o {
            out.push(b);
        } else if lower(a) == lower(o) {
            out.push_str(&with_case_of(b, a));
        } else if lower(b) == lower(o) {
            out.push_str(&with_case_of(a, b));
        } else {
            out.push(a);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, text: &str, replacement: &str) -> Span {
        Span {
            start,
            end,
            text: text.into(),
            replacement: Some(replacement.into()),
        }
    }

    #[test]
    fn letter_and_case_fixes_of_one_word_compose() {
        let restore = [span(0, 3, "COK", "ÇOK"), span(4, 9, "GUZEL", "GÜZEL")];
        let recase = [span(0, 3, "COK", "Cok"), span(4, 9, "GUZEL", "guzel")];
        assert_eq!(
            apply("COK GUZEL", &[&restore, &recase], CaseRules::Turkish),
            "Çok güzel"
        );
    }

    #[test]
    fn restored_dotted_i_takes_the_case_fix() {
        let restore = [span(0, 3, "IYI", "İYİ")];
        let recase = [span(0, 3, "IYI", "ıyı")];
        assert_eq!(
            apply("IYI", &[&restore, &recase], CaseRules::Turkish),
            "iyi"
        );
    }

    #[test]
    fn conflicting_fixes_keep_the_first_rule() {
        let spelling = [span(0, 5, "bisey", "bir şey")];
        let recase = [span(0, 5, "bisey", "Bisey")];
        assert_eq!(
            apply("bisey oldu", &[&spelling, &recase], CaseRules::Turkish),
            "bir şey oldu"
        );
    }

    #[test]
    fn offsets_are_code_points() {
        let fix = [span(2, 5, "COK", "çok")];
        assert_eq!(apply("😀 COK 👍🏽", &[&fix], CaseRules::Turkish), "😀 çok 👍🏽");
    }
}
