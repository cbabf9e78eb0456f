//! The core's error type.

use crate::verdict::RuleId;

/// Everything that can go wrong in the core: bad input text or a bad policy.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The comment has no visible characters.
    #[error("the text is empty")]
    EmptyText,
    /// The comment is longer than the policy allows.
    #[error("the text has {chars} characters; the policy allows at most {limit}")]
    TextTooLong {
        /// Characters in the submitted text.
        chars: usize,
        /// The policy's limit.
        limit: usize,
    },
    /// A policy file is not valid TOML or does not fit the policy's shape.
    #[error("invalid policy: {0}")]
    Policy(#[from] toml::de::Error),
    /// A policy setting outside the rules' sections has a bad value.
    #[error("invalid policy: {0}")]
    PolicySetting(String),
    /// A rule's section of the policy has a bad value.
    #[error("invalid settings for rule `{rule}`: {message}")]
    RuleSettings {
        /// The rule whose section is wrong.
        rule: RuleId,
        /// What is wrong with it.
        message: String,
    },
    /// A rule id that is not one of the seven.
    #[error("unknown rule `{0}`")]
    UnknownRule(String),
    /// A built-in word list does not parse.
    #[error("invalid word list: {0}")]
    Lexicon(#[from] crate::lexicon::LexiconError),
    /// A language code other than `tr`, `en`, `az`, `other`.
    #[error("unknown language `{0}` (expected tr, en, az or other)")]
    UnknownLanguage(String),
    /// The built-in truecasing table does not parse.
    #[error("invalid truecasing table: {0}")]
    Truecase(String),
    /// A site model file or row that cannot be read.
    #[error("invalid site model: {0}")]
    SiteModel(String),
}

impl Error {
    /// A stable snake_case code for the error, shared by the CLI's JSON output and the HTTP API.
    pub fn code(&self) -> &'static str {
        match self {
            Error::EmptyText => "empty_text",
            Error::TextTooLong { .. } => "text_too_long",
            Error::Policy(_) | Error::PolicySetting(_) | Error::RuleSettings { .. } => {
                "invalid_policy"
            }
            Error::UnknownRule(_) => "unknown_rule",
            Error::UnknownLanguage(_) => "unknown_language",
            Error::Lexicon(_) | Error::Truecase(_) => "invalid_word_list",
            Error::SiteModel(_) => "invalid_site_model",
        }
    }
}
