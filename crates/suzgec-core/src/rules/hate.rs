//! What a comment says about a group or a belief: whom it targets, with what hostility, and whether
//! the commenter asserts it, or reports, condemns or negates it.
//!
//! The words come from `hate_tr.tsv` / `hate_en.tsv` (groups, hostile predicates, calls to
//! violence, and the words of stance), `belief_targets.tsv` (religions and believers) and the abuse
//! lexicons. The reading works sentence by sentence:
//!
//! - a **target** is a protected group or a belief named in the sentence (`Kürtlerin`,
//!   `Suriyelilere`, `Alevilik`), or a pronoun or generaliser (`bunlar`, `hepsi`, `they`) pointing
//!   back to one named in an earlier sentence;
//! - **hostility** is a dehumanising predicate (`mikrop`, `asalak`, `istila`, `hain`, `vermin`), a
//!   demeaning attribute (`tembel`, `hırsız`), a hostile feeling (`nefret ediyorum`), a call to
//!   violence or expulsion in a call's form (`temizlenmeli`, `kökünü kazıyacağız`, `should be
//!   deported`), a praise negated (`Kadından yönetici olmaz`, `never any good`), or an abuse word;
//!   within [`WINDOW`] words of the target;
//! - **stance**: hostility inside quotation marks or reported by a verb of saying (`… diyenler`,
//!   `… demek`, `calling …`) is someone else's: the commenter owns it only by endorsing it
//!   (`haklı`, `diyorum`, `well said`), and condemning it (`utanmalı`, `nefret söylemi`,
//!   `racist`) makes the comment counter-speech; hostility negated in its clause (`nefret
//!   etmiyorum`, `hain değil`, `I don't hate`) is disowned too.
//!
//! The `offensive` rule reports attacks on groups, `belief_attack` attacks on beliefs; the abuse
//! rules set aside lexicon hits and classifier scores that only counter-speech explains.

use std::ops::Range;

use crate::lexicon::{AbuseCategory, AbuseTag, BeliefKind, BeliefTag, HateKind, HateTag, Hit};
use crate::text::{Analysis, Gap, TokenKind};

use super::abuse::lexicon_confidence;

/// How many words apart a target and its hostile predicate may stand.
pub const WINDOW: usize = 6;

/// The confidence of a stereotype prescribed (`Kadın dediğin …`): a moderator decides.
const PRESCRIBED: f32 = 0.6;

/// How many words a verb of saying reports without quotation marks (`… demek`, `saying …`).
const REPORT_REACH: usize = 8;

/// The longest quotation, in words, read as one: longer runs between quotation marks are stray
/// marks (tweets exported with doubled quotes).
const QUOTE_LENGTH: usize = 20;

/// The most an attack that the comment reports without taking a side can weigh: someone else's
/// hate, quoted with neither approval nor condemnation, is for a moderator to read.
const UNSTATED_REPORT: f32 = 0.6;

/// How many words apart a target and a negated praise may stand.
const PRAISE_WINDOW: usize = 4;

/// How many words after a Turkish predicate a negation may stand.
const NEGATION_REACH: usize = 4;

/// How many words before an English predicate a negation may stand (`No Muslim is born a
/// criminal`, `None of them can be trusted`).
const ENGLISH_NEGATION_REACH: usize = 5;

/// Skeletons of curse verbs whose subject is God (`Allah belanı versin`, `Allah kahretsin`).
const CURSE_VERBS: [&str; 8] = [
    "versin", "vermesin", "kahret", "etsin", "etmesin", "belasin", "belani", "cezasin",
];

/// Skeletons of the names of God that such curses invoke.
const GOD_NAMES: [&str; 3] = ["alah", "alahim", "tanri"];

/// Skeletons after which a Turkish infinitive is a call (`temizlemek lazım`).
const NECESSITY: [&str; 7] = [
    "lazim",
    "gerek",
    "gerekir",
    "gerekiyor",
    "sart",
    "zorundayiz",
    "farz",
];

/// Skeletons that make an English verb of violence a call (`should be deported`, `let's`).
const ENGLISH_MODALS: [&str; 17] = [
    "should", "must", "ned", "neds", "have", "has", "ought", "lets", "let", "deserve", "deserves",
    "gona", "going", "wil", "time", "want", "hope",
];

/// Verb endings (skeletons) that make a Turkish verb of violence a call: should, let, we will,
/// let's, I will (`kırarım`), and the plural imperative.
const CALL_ENDINGS: [&str; 32] = [
    "meli", "mali", "sin", "sun", "ecegiz", "acagiz", "yecegiz", "yacagiz", "ecegim", "acagim",
    "yecegim", "yacagim", "ecez", "acaz", "yecez", "yacaz", "elim", "alim", "yelim", "yalim",
    "icez", "ucaz", "icem", "ucam", "arim", "erim", "irim", "urim", "ariz", "eriz", "iriz", "uruz",
];

/// Plural imperatives of verbs of violence that are also other words: `yakın` (near), `kesin`
/// (certain), `asın`, `sürün` (crawl), `atın` (the horse's), `ezin`, `vurun` is kept.
const COLLIDING_IMPERATIVES: [&str; 6] = ["yakin", "kesin", "asin", "surun", "atin", "ezin"];

/// Skeleton fragments of negated Turkish verbs inside a word (`etmiyorum`, `olmadı`,
/// `etmeyeceğiz`).
const NEGATED_VERB: [&str; 10] = [
    "miyor", "muyor", "madi", "medi", "mayacak", "meyecek", "mayacag", "meyeceg", "mamali",
    "memeli",
];

/// Skeleton endings of negated Turkish verbs (`olmaz`, `etmem`, `sevmezler`).
const NEGATED_ENDING: [&str; 10] = [
    "maz", "mez", "mazlar", "mezler", "mam", "mem", "mayiz", "meyiz", "mamali", "memeli",
];

/// Whom an attack is aimed at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A protected group other than a belief, by its id in `hate_*.tsv` (`kurds`, `women`).
    Group(String),
    /// A religion, its holy figures, books, places or believers, by the religion's id (`islam`).
    Belief(String),
}

impl Target {
    /// The target's name for the commenter, in Turkish and English.
    pub fn names(&self) -> (&'static str, &'static str) {
        let id = match self {
            Target::Group(id) | Target::Belief(id) => id.as_str(),
        };
        NAMES
            .iter()
            .find(|(key, _, _)| *key == id)
            .map(|(_, tr, en)| (*tr, *en))
            .unwrap_or(match self {
                Target::Group(_) => ("bir topluluk", "a group"),
                Target::Belief(_) => ("bir inanç", "a belief"),
            })
    }
}

/// Names of the groups and beliefs for messages: id, Turkish, English.
const NAMES: &[(&str, &str, &str)] = &[
    ("kurds", "Kürtler", "Kurds"),
    ("turks", "Türkler", "Turks"),
    ("armenians", "Ermeniler", "Armenians"),
    ("greeks", "Rumlar", "Greeks"),
    ("arabs", "Araplar", "Arabs"),
    ("syrians", "Suriyeliler", "Syrians"),
    ("afghans", "Afganlar", "Afghans"),
    ("pakistanis", "Pakistanlılar", "Pakistanis"),
    ("laz", "Lazlar", "the Laz"),
    ("roma", "Romanlar", "the Roma"),
    ("black_people", "siyahiler", "Black people"),
    ("women", "kadınlar", "women"),
    ("lgbt", "LGBT bireyler", "LGBT people"),
    ("disabled", "engelliler", "disabled people"),
    ("refugees", "mülteciler", "refugees"),
    ("migrants", "göçmenler", "immigrants"),
    ("foreigners", "yabancılar", "foreigners"),
    ("people", "bir topluluk", "a group of people"),
    ("slur", "bir topluluk", "a group"),
    ("russians", "Ruslar", "Russians"),
    ("chinese", "Çinliler", "the Chinese"),
    ("indians", "Hintliler", "Indians"),
    ("americans", "Amerikalılar", "Americans"),
    ("germans", "Almanlar", "Germans"),
    ("english", "İngilizler", "the English"),
    ("french", "Fransızlar", "the French"),
    ("iranians", "İranlılar", "Iranians"),
    ("iraqis", "Iraklılar", "Iraqis"),
    ("georgians", "Gürcüler", "Georgians"),
    ("ukrainians", "Ukraynalılar", "Ukrainians"),
    ("circassians", "Çerkezler", "Circassians"),
    ("bosniaks", "Boşnaklar", "Bosniaks"),
    ("albanians", "Arnavutlar", "Albanians"),
    ("azerbaijanis", "Azeriler", "Azerbaijanis"),
    ("mexicans", "Meksikalılar", "Mexicans"),
    ("asians", "Asyalılar", "Asians"),
    ("africans", "Afrikalılar", "Africans"),
    ("islam", "İslam ve Müslümanlar", "Islam and Muslims"),
    (
        "christianity",
        "Hristiyanlık ve Hristiyanlar",
        "Christianity and Christians",
    ),
    ("judaism", "Yahudilik ve Yahudiler", "Judaism and Jews"),
    ("alevism", "Alevilik ve Aleviler", "Alevism and Alevis"),
    ("buddhism", "Budizm ve Budistler", "Buddhism and Buddhists"),
    ("hinduism", "Hinduizm ve Hindular", "Hinduism and Hindus"),
    ("sikhism", "Sihizm ve Sihler", "Sikhism and Sikhs"),
    ("yezidism", "Ezidilik ve Ezidiler", "Yazidism and Yazidis"),
    ("atheism", "ateistler", "atheists"),
    ("deism", "deistler", "deists"),
    ("agnosticism", "agnostikler", "agnostics"),
    ("general", "din ve inananlar", "religion and believers"),
];

/// How an attack demeans its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttackKind {
    /// Disease, vermin, parasites, filth, invasion, herds, treason.
    Dehumanising,
    /// A call to violence or expulsion.
    Threat,
    /// A demeaning attribute or a hostile feeling.
    Derogation,
    /// A praise negated (`X'ten adam olmaz`).
    NegatedPraise,
    /// An abuse-lexicon word aimed at the group.
    Abuse,
}

/// One hostile statement about a target that the commenter makes.
#[derive(Debug, Clone, PartialEq)]
pub struct Attack {
    /// Whom it attacks.
    pub target: Target,
    /// How.
    pub kind: AttackKind,
    /// How sure the reading is, 0 to 1.
    pub confidence: f32,
    /// The target's and the hostile words' code point ranges in the normalised text.
    pub chars: Vec<Range<usize>>,
}

/// What a comment says about groups and beliefs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    /// The hostile statements the commenter makes.
    pub attacks: Vec<Attack>,
    /// Word ranges (indices into the skeleton's words) whose hostility the commenter reports,
    /// condemns or negates rather than asserts.
    pub disowned: Vec<Range<usize>>,
    /// How much the comment speaks against hate or for a group, when it makes no attack of its own.
    pub counter_speech: CounterSpeech,
    /// The groups and beliefs the comment names, with their code point ranges in the normalised
    /// text, whether or not it attacks them.
    pub mentions: Vec<(Target, Range<usize>)>,
    /// An English comment speaks of institutions or what they do (`The council's decision`, `the
    /// ministry`) and of no person, group of people or belief: harsh words here are criticism.
    pub about_institutions: bool,
}

/// How a comment that makes no attack of its own speaks against hate or for a group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CounterSpeech {
    /// Not at all.
    #[default]
    None,
    /// It condemns hostility or praises a group it names (`Göçmenlere yönelik saldırıları
    /// kınıyorum`, `Suriyeliler bu ülkenin zenginliği`).
    Stance,
    /// It negates hostility (`Kürtlerden nefret etmiyorum`, `I don't think X are traitors`), or
    /// reports it without taking a side (`Bir grup '…' diye bağırdı`).
    Disowned,
    /// It quotes or reports hostility to condemn it (`'Hepsi hırsız' diyenler utanmalı`).
    Condemnation,
}

impl CounterSpeech {
    /// How much of the abuse classifier's judgement of the whole comment still counts: the
    /// classifier reads the words of the hate that the comment speaks against.
    pub fn classifier_weight(self) -> f32 {
        match self {
            CounterSpeech::None => 1.0,
            CounterSpeech::Stance => 0.7,
            CounterSpeech::Disowned => 0.5,
            CounterSpeech::Condemnation => 0.0,
        }
    }
}

/// How much the abuse classifier's judgement counts on a comment about institutions alone: it reads
/// `corrupt`, `incompetent` and `a total failure` as it would of a person.
const INSTITUTION_WEIGHT: f32 = 0.5;

impl Reading {
    /// How much of the abuse classifier's judgement of the whole comment still counts: less on
    /// counter-speech and on criticism of institutions.
    pub fn classifier_weight(&self) -> f32 {
        let weight = self.counter_speech.classifier_weight();
        if self.about_institutions {
            weight.min(INSTITUTION_WEIGHT)
        } else {
            weight
        }
    }

    /// Whether skeleton words `words` lie inside a part of the comment the commenter disowns.
    pub fn disowns(&self, words: &Range<usize>) -> bool {
        self.disowned.iter().any(|d| within(words, d))
    }
}

/// The strongest of `attacks` and the text they cover, with the names of their targets in
/// Turkish and English (`Suriyeliler, Kürtler`), for a rule's finding.
pub fn summary<'a>(
    attacks: impl IntoIterator<Item = &'a Attack>,
) -> Option<(f32, Vec<Range<usize>>, String, String)> {
    let mut confidence = 0f32;
    let mut ranges = Vec::new();
    let mut names: Vec<(&str, &str)> = Vec::new();
    for attack in attacks {
        confidence = confidence.max(attack.confidence);
        ranges.extend(attack.chars.iter().cloned());
        let name = attack.target.names();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    if names.is_empty() {
        return None;
    }
    let tr: Vec<&str> = names.iter().map(|n| n.0).collect();
    let en: Vec<&str> = names.iter().map(|n| n.1).collect();
    Some((confidence, ranges, tr.join(", "), en.join(", ")))
}

/// Where each skeleton word stands: its sentence, its clause, and the quotation it is in.
struct Layout {
    sentence: Vec<usize>,
    clause: Vec<usize>,
    quote: Vec<Option<usize>>,
    /// Word ranges of each quotation.
    quotes: Vec<Range<usize>>,
}

/// Characters that open or close a quotation.
fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '‘' | '’' | '“' | '”' | '«' | '»' | '„' | '‹' | '›'
    )
}

impl Layout {
    fn of(analysis: &Analysis<'_>) -> Layout {
        let text = analysis.text();
        let tokens = &analysis.tokens;
        let first_char = |i: usize| tokens[i].text(text).chars().next().unwrap_or(' ');
        // Quotation marks, paired in order; an unpaired last one is not a quotation.
        let mut marks: Vec<usize> = (0..tokens.len())
            .filter(|&i| tokens[i].kind == TokenKind::Punct && is_quote(first_char(i)))
            .collect();
        if marks.len() % 2 == 1 {
            marks.pop();
        }
        let pairs: Vec<(usize, usize)> = marks.chunks(2).map(|p| (p[0], p[1])).collect();
        let quote_of = |token: usize| pairs.iter().position(|&(a, b)| a < token && token < b);
        // Sentences end at `.!?;…` and line breaks, clauses also at `,:-`; not inside quotations.
        let mut token_sentence = Vec::with_capacity(tokens.len());
        let mut token_clause = Vec::with_capacity(tokens.len());
        let (mut s, mut c) = (0, 0);
        for (i, token) in tokens.iter().enumerate() {
            let quoted = quote_of(i).is_some();
            if i > 0 && token.gap_before == Gap::Newline && !quoted {
                s += 1;
                c += 1;
            }
            token_sentence.push(s);
            token_clause.push(c);
            if token.kind == TokenKind::Punct && !quoted {
                match first_char(i) {
                    '.' | '!' | '?' | ';' | '…' => {
                        s += 1;
                        c += 1;
                    }
                    ',' | ':' | '-' | '–' | '—' => c += 1,
                    _ => {}
                }
            }
        }
        let words = &analysis.skeleton.words;
        let at = |w: usize| words[w].tokens.start;
        let quote: Vec<Option<usize>> = (0..words.len()).map(|w| quote_of(at(w))).collect();
        let quotes = (0..pairs.len())
            .map(|q| {
                let first = quote.iter().position(|&x| x == Some(q));
                let last = quote.iter().rposition(|&x| x == Some(q));
                match (first, last) {
                    (Some(a), Some(b)) => a..b + 1,
                    _ => 0..0,
                }
            })
            .collect();
        Layout {
            sentence: (0..words.len()).map(|w| token_sentence[at(w)]).collect(),
            clause: (0..words.len()).map(|w| token_clause[at(w)]).collect(),
            quote,
            quotes,
        }
    }
}

/// One thing the reading found, with the skeleton words it covers.
#[derive(Debug, Clone)]
struct Item<'h> {
    kind: HateKind,
    label: &'h str,
    words: Range<usize>,
    chars: Range<usize>,
    /// The target, for group and belief items.
    target: Option<Target>,
    /// For abuse-lexicon hits: the severity's confidence.
    abuse: Option<f32>,
    /// A slur: it names its target itself (`kürdolar`).
    slur: bool,
    /// The entry's last word's skeleton, to find a verb's ending.
    last_term: &'h str,
}

/// Whether belief target `hit` is God named as the subject of a curse (`Allah belanı versin`):
/// such a curse invokes God rather than attacking a belief.
pub fn is_cursing_god(analysis: &Analysis<'_>, hit: &Hit<'_, BeliefTag>) -> bool {
    let words = &analysis.skeleton.words;
    let is_god = words[hit.words.clone()]
        .iter()
        .any(|w| GOD_NAMES.contains(&w.text.as_str()));
    is_god
        && words
            .iter()
            .skip(hit.words.end)
            .take(4)
            .any(|w| CURSE_VERBS.iter().any(|v| w.text.starts_with(v)))
}

/// Whether belief target `hit` is a name of God (`Allah`, `Allah'a`, `Allahım`, `Tanrı`, `God`): God
/// is invoked, sworn by, blessed with (`Allah'a emanet olun`) and argued about far more than
/// attacked, and the abuse lexicons and the classifier judge the rare attack; the reading is about
/// religions and believers.
fn names_god(analysis: &Analysis<'_>, hit: &Hit<'_, BeliefTag>) -> bool {
    analysis.skeleton.words[hit.words.clone()].iter().any(|w| {
        let word = w.text.as_str();
        matches!(word, "god" | "rab" | "rabim" | "yarabi" | "yarabim")
            || ["alah", "tanri"].iter().any(|name| word.starts_with(name))
    })
}

/// Turkish suffixes that are also belief words (`nun`) when written apart from their noun, as
/// comments often do (`Seko nun`): such a word in a Turkish comment is the suffix.
const DETACHED_SUFFIXES: [&str; 1] = ["nun"];

/// Whether belief target `hit` is a detached Turkish suffix in a Turkish comment.
fn is_detached_suffix(analysis: &Analysis<'_>, hit: &Hit<'_, BeliefTag>, english: bool) -> bool {
    !english
        && hit.words.len() == 1
        && DETACHED_SUFFIXES.contains(&analysis.skeleton.words[hit.words.start].text.as_str())
}

/// Reads a comment: `hate` are the hits of the hate lexicons that apply to its language.
pub fn read(
    analysis: &Analysis<'_>,
    hate: &[Hit<'_, HateTag>],
    beliefs: &[Hit<'_, BeliefTag>],
    abuse: &[Hit<'_, AbuseTag>],
    english: bool,
) -> Reading {
    let words = &analysis.skeleton.words;
    if words.is_empty() {
        return Reading::default();
    }
    let mut items: Vec<Item<'_>> = hate
        .iter()
        .map(|h| Item {
            kind: h.entry.tag.kind,
            label: h.entry.tag.label.as_str(),
            words: h.words.clone(),
            chars: h.chars.clone(),
            target: (h.entry.tag.kind == HateKind::Group)
                .then(|| Target::Group(h.entry.tag.label.clone())),
            abuse: None,
            slur: false,
            last_term: h.entry.last_skeleton(),
        })
        .collect();
    items.extend(
        beliefs
            .iter()
            .filter(|h| h.entry.tag.kind != BeliefKind::HostileTerm)
            .filter(|h| !names_god(analysis, h) && !is_detached_suffix(analysis, h, english))
            .map(|h| Item {
                kind: HateKind::Group,
                label: h.entry.tag.religion.as_str(),
                words: h.words.clone(),
                chars: h.chars.clone(),
                target: Some(Target::Belief(h.entry.tag.religion.clone())),
                abuse: None,
                slur: false,
                last_term: h.entry.last_skeleton(),
            }),
    );
    items.extend(
        abuse
            .iter()
            .filter(|h| {
                matches!(
                    h.entry.tag.category,
                    AbuseCategory::Insult
                        | AbuseCategory::Slur
                        | AbuseCategory::Dehumanising
                        | AbuseCategory::Threat
                        | AbuseCategory::Swearing
                )
            })
            .map(|h| Item {
                kind: HateKind::Derogatory,
                label: "abuse",
                words: h.words.clone(),
                chars: h.chars.clone(),
                target: None,
                abuse: Some(lexicon_confidence(h.entry.tag.severity)),
                slur: h.entry.tag.category == AbuseCategory::Slur,
                last_term: h.entry.last_skeleton(),
            }),
    );
    // No group, belief or slur named: nothing to attack or speak for (most comments).
    if !items.iter().any(|i| i.target.is_some() || i.slur) {
        return Reading {
            about_institutions: is_about_institutions(&items, english),
            ..Reading::default()
        };
    }
    let layout = Layout::of(analysis);
    items.sort_by_key(|i| (i.words.start, i.words.end));
    // A word inside a longer phrase of stance is that phrase's (`nefret` in `nefret söylemi`), and
    // a belief's name next to an ideology word names the ideology (`siyasal İslam`).
    let stance: Vec<Range<usize>> = items
        .iter()
        .filter(|i| matches!(i.kind, HateKind::Condemnation | HateKind::Reporting))
        .map(|i| i.words.clone())
        .collect();
    let targets: Vec<Range<usize>> = items
        .iter()
        .filter(|i| i.target.is_some())
        .map(|i| i.words.clone())
        .collect();
    let ideology: Vec<Range<usize>> = items
        .iter()
        .filter(|i| i.kind == HateKind::Ideology)
        .map(|i| i.words.clone())
        .collect();
    items.retain(|i| {
        let in_stance = !matches!(i.kind, HateKind::Condemnation | HateKind::Reporting)
            && stance
                .iter()
                .any(|p| p.len() > i.words.len() && within(&i.words, p));
        let an_ideology = matches!(i.target, Some(Target::Belief(_)))
            && ideology.iter().any(|w| distance(w, &i.words) == 0);
        let in_longer_target = i.target.is_some()
            && targets
                .iter()
                .any(|t| t.len() > i.words.len() && within(&i.words, t));
        let an_adjective = i.target.is_some() && !english && names_a_thing(analysis, i);
        !in_stance && !an_ideology && !in_longer_target && !an_adjective
    });

    let reported = reported_regions(analysis, &items, &layout, english);
    let inside = |w: &Range<usize>, regions: &[Range<usize>]| regions.iter().any(|r| within(w, r));
    let in_quote = |w: &Range<usize>| layout.quote[w.start].is_some();
    // A condemnation negated (`bu ırkçılık değil`, `yanılmıyorlar`) endorses what it is about; an
    // endorsement negated (`katılmıyorum`, `hiç de haklı değil`) condemns it.
    let stances: Vec<(HateKind, bool)> = items
        .iter()
        .filter(|i| matches!(i.kind, HateKind::Condemnation | HateKind::Endorsement))
        .filter(|i| !in_quote(&i.words))
        .map(|i| {
            let negated = is_negated(analysis, &items, &layout, &i.words, english)
                || (!english && negates_itself(analysis, i));
            (i.kind, negated)
        })
        .collect();
    let stance = |kind: HateKind, negated: bool| stances.contains(&(kind, negated));
    let endorses = stance(HateKind::Endorsement, false) || stance(HateKind::Condemnation, true);
    // Hostile words and the group they speak of are in one voice: a group named only inside a
    // quotation is not what the commenter's own words outside it attack (`"Kadınlar eve" diyen
    // zihniyetten iğreniyorum`).
    let voice = |w: &Range<usize>| reported.iter().position(|r| within(w, r));
    // Such words scorn whoever said the quotation, and so condemn it.
    let scorns_the_speaker = !reported.is_empty()
        && items.iter().any(|i| {
            let near = |t: &&Item<'_>| t.target.is_some() && distance(&t.words, &i.words) <= WINDOW;
            voice(&i.words).is_none()
                && !i.slur
                && hostility(analysis, i, &layout, english, false).is_some()
                && items.iter().filter(near).all(|t| voice(&t.words).is_some())
                && items.iter().any(|t| near(&t))
        });
    // Words put in the mouths of "those who say" them are held at arm's length: unless the comment
    // endorses them, it condemns them (`'…' diyenlere kulak asmayın`, `people who say "…" never
    // met my grandmother`).
    let condemns = stance(HateKind::Condemnation, false)
        || stance(HateKind::Endorsement, true)
        || (!endorses && (scorns_the_speaker || reports_those_who_say(analysis, &items, english)));
    let mut unstated_attacks = 0;

    let mut reading = Reading::default();
    let mut disowned_by_condemnation = scorns_the_speaker && !endorses;
    let mut antecedent: Option<(Target, usize)> = None;
    let sentences = layout.sentence.last().map_or(0, |s| s + 1);
    for s in 0..sentences {
        let here: Vec<&Item<'_>> = items
            .iter()
            .filter(|i| layout.sentence[i.words.start] == s)
            .collect();
        let mut targets: Vec<(Target, Range<usize>, Range<usize>, f32)> = here
            .iter()
            .filter_map(|i| {
                let target = i.target.clone()?;
                let weight = if i.label == "people" { 0.6 } else { 1.0 };
                Some((target, i.words.clone(), i.chars.clone(), weight))
            })
            .collect();
        reading
            .mentions
            .extend(targets.iter().map(|t| (t.0.clone(), t.2.clone())));
        if targets.is_empty()
            && let Some((earlier, named_in)) = &antecedent
        {
            targets = here
                .iter()
                .filter(|i| matches!(i.kind, HateKind::Pronoun | HateKind::Generaliser))
                .map(|i| (earlier.clone(), i.words.clone(), i.chars.clone(), 0.95))
                .collect();
            // Turkish drops the subject: a sentence right after the one that named a group may
            // speak of it without a word for it (`Afganlar ne kattı ki? Sadece yük oldular.`).
            if targets.is_empty() && !english && *named_in + 1 == s {
                let sentence_end = (0..words.len())
                    .rev()
                    .find(|&w| layout.sentence[w] == s)
                    .unwrap_or(0);
                targets = here
                    .iter()
                    .filter(|i| {
                        i.abuse.is_none()
                            && i.words.end + 2 > sentence_end
                            && matches!(
                                i.kind,
                                HateKind::Dehumanising
                                    | HateKind::Derogatory
                                    | HateKind::Violent
                                    | HateKind::Positive
                            )
                    })
                    .map(|i| (earlier.clone(), i.words.clone(), i.chars.clone(), 0.85))
                    .collect();
            }
        }
        if let Some((target, ..)) = targets.iter().find(|t| t.3 >= 1.0).or(targets.first()) {
            antecedent = Some((target.clone(), s));
            // A pronoun or generaliser in the same sentence speaks of it too (`Kurds never
            // change, every single one of them is a liar`).
            let named = target.clone();
            let pronouns: Vec<_> = here
                .iter()
                .filter(|i| matches!(i.kind, HateKind::Pronoun | HateKind::Generaliser))
                .map(|i| (named.clone(), i.words.clone(), i.chars.clone(), 0.95))
                .collect();
            targets.extend(pronouns);
        }
        let slurs: Vec<(Target, Range<usize>, Range<usize>, f32)> = here
            .iter()
            .filter(|i| i.slur)
            .map(|i| {
                (
                    Target::Group("slur".into()),
                    i.words.clone(),
                    i.chars.clone(),
                    1.0,
                )
            })
            .collect();
        if targets.is_empty() && slurs.is_empty() {
            continue;
        }
        let generalised = here.iter().any(|i| i.kind == HateKind::Generaliser);
        for item in &here {
            let Some((kind, strength)) = hostility(analysis, item, &layout, english, generalised)
            else {
                continue;
            };
            let own_target = item
                .slur
                .then(|| slurs.iter().find(|t| t.1 == item.words))
                .flatten();
            let nearest = targets
                .iter()
                .filter(|t| distance(&t.1, &item.words) <= WINDOW)
                .filter(|t| voice(&t.1).is_none() || voice(&t.1) == voice(&item.words))
                .filter(|t| kind != AttackKind::Abuse || matches!(t.0, Target::Group(_)))
                .filter(|t| english || fits_case(kind, item, &words[t.1.end - 1].text))
                // A group named outright before a pronoun that points to it, then the nearest.
                .min_by(|a, b| {
                    b.3.total_cmp(&a.3)
                        .then(distance(&a.1, &item.words).cmp(&distance(&b.1, &item.words)))
                })
                .or(own_target);
            let near_a_group = targets
                .iter()
                .any(|t| distance(&t.1, &item.words) <= WINDOW);
            // Someone else's words: condemned, they are counter-speech (whoever they insult);
            // endorsed, the commenter's own; reported without a stance (`Herkes '…' diyor`), a
            // question for a moderator.
            let region = voice(&item.words).map(|q| &reported[q]);
            if let Some(region) = region
                && condemns
            {
                reading.disowned.push(region.clone());
                disowned_by_condemnation |= near_a_group;
                continue;
            }
            let Some((target, _, target_chars, weight)) = nearest else {
                continue;
            };
            // A slur demeans whatever the sentence says (`I would never rent to …`).
            if !item.slur && is_negated(analysis, &items, &layout, &item.words, english) {
                reading.disowned.push(item.words.clone());
                continue;
            }
            let strength = match region {
                Some(region) if !endorses => {
                    reading.disowned.push(region.clone());
                    unstated_attacks += 1;
                    strength.min(UNSTATED_REPORT)
                }
                _ => strength,
            };
            reading.attacks.push(Attack {
                target: target.clone(),
                kind,
                confidence: strength * weight,
                chars: vec![target_chars.clone(), item.chars.clone()],
            });
        }
        for item in here
            .iter()
            .filter(|i| i.kind == HateKind::Positive && is_predicate_form(analysis, i))
        {
            let negated = is_praise_negated(analysis, &items, &layout, &item.words, english)
                || negates_itself(analysis, item);
            // Reported, a negated praise is the commenter's only when endorsed: it is too mild to
            // send someone else's words to a moderator (`… güzel değil demek istedim`).
            let reported_here = voice(&item.words).is_some();
            if negated && reported_here && (condemns || !endorses) {
                reading.disowned.push(item.words.clone());
            } else if negated {
                let nearest = targets
                    .iter()
                    .filter(|t| distance(&t.1, &item.words) <= PRAISE_WINDOW)
                    .min_by_key(|t| distance(&t.1, &item.words));
                if let Some((target, _, target_chars, weight)) = nearest {
                    reading.attacks.push(Attack {
                        target: target.clone(),
                        kind: AttackKind::NegatedPraise,
                        confidence: 0.8 * weight,
                        chars: vec![target_chars.clone(), item.chars.clone()],
                    });
                }
            }
        }
        // `Kadın susmalı`, `Kadın gitar çalamaz`: a group as the subject of what it must do or
        // cannot do, the sentence's verb; a stereotype, for a moderator.
        if !english
            && let Some(verb) = (0..words.len()).rev().find(|&w| layout.sentence[w] == s)
            && is_stereotype_verb(&words[verb].text)
            && !items.iter().any(|i| {
                i.words.contains(&verb)
                    && matches!(i.kind, HateKind::Condemnation | HateKind::Endorsement)
            })
        {
            for (target, target_words, target_chars, weight) in &targets {
                let subject = *weight >= 1.0
                    && !inside(target_words, &reported)
                    && target_words.end <= verb
                    && verb - target_words.end < WINDOW
                    && is_nominative(&words[target_words.end - 1].text, target_words, &items);
                if subject {
                    reading.attacks.push(Attack {
                        target: target.clone(),
                        kind: AttackKind::Derogation,
                        confidence: PRESCRIBED,
                        chars: vec![target_chars.clone(), words[verb].chars.clone()],
                    });
                }
            }
        }
        // `Kadın dediğin evinde oturur`: a group told what it is for, a stereotype prescribed.
        if !english {
            for (target, target_words, target_chars, weight) in &targets {
                let next = words.get(target_words.end).map(|w| w.text.as_str());
                if matches!(next, Some("dedigin" | "dediginin" | "dediklerin"))
                    && layout.sentence.get(target_words.end) == Some(&s)
                {
                    let said = analysis.skeleton.words[target_words.end].chars.clone();
                    reading.attacks.push(Attack {
                        target: target.clone(),
                        kind: AttackKind::Derogation,
                        confidence: PRESCRIBED * weight,
                        chars: vec![target_chars.clone(), said],
                    });
                }
            }
        }
        // `Kadın milletinden yönetici olmaz`, `Kürtten adam çıkmaz`: nothing good comes from them.
        if !english {
            for (target, target_words, target_chars, weight) in &targets {
                let last = &words[target_words.end - 1].text;
                let ablative = ["den", "dan", "ten", "tan"]
                    .iter()
                    .any(|s| last.ends_with(s));
                let nothing_comes = here.iter().find(|i| {
                    i.kind == HateKind::Negation
                        && matches!(i.last_term, "olmaz" | "olamaz" | "cikmaz")
                        && i.words.start > target_words.start
                        && !inside(&i.words, &reported)
                });
                if ablative
                    && let Some(negation) = nothing_comes
                    && !reading
                        .attacks
                        .iter()
                        .any(|a| a.kind == AttackKind::NegatedPraise && a.chars[0] == *target_chars)
                {
                    reading.attacks.push(Attack {
                        target: target.clone(),
                        kind: AttackKind::NegatedPraise,
                        confidence: 0.8 * weight,
                        chars: vec![target_chars.clone(), negation.chars.clone()],
                    });
                }
            }
        }
    }
    // A word of praise (`değerli`, `çalışkan`) or one naming hate (`ırkçılık`) in a sentence with
    // a group, near it.
    let near_a_target = |i: &Item<'_>| {
        items.iter().any(|t| {
            t.target.is_some()
                && t.label != "people"
                && layout.sentence[t.words.start] == layout.sentence[i.words.start]
                && distance(&t.words, &i.words) <= PRAISE_WINDOW
        })
    };
    let praises = items.iter().any(|p| {
        p.kind == HateKind::Positive
            && p.label == "praise"
            && is_predicate_form(analysis, p)
            && !is_negated(analysis, &items, &layout, &p.words, english)
            && !negates_itself(analysis, p)
            && near_a_target(p)
    });
    let names_hate = items.iter().any(|i| {
        i.kind == HateKind::Condemnation
            && i.label == "hate"
            && !in_quote(&i.words)
            && near_a_target(i)
    });
    // A negation or a kind word in one sentence of a long comment says nothing of the others.
    let short = sentences <= 2 && words.len() <= 30;
    reading.counter_speech = if reading.attacks.len() > unstated_attacks {
        CounterSpeech::None
    } else if !reading.attacks.is_empty() {
        // Someone else's hate, reported without a stance: the classifier reads those words too.
        CounterSpeech::Disowned
    } else if disowned_by_condemnation {
        CounterSpeech::Condemnation
    } else if !short {
        CounterSpeech::None
    } else if !reading.disowned.is_empty() {
        CounterSpeech::Disowned
    } else if names_hate || praises {
        CounterSpeech::Stance
    } else {
        CounterSpeech::None
    };
    reading.about_institutions = reading.attacks.is_empty()
        && reading.mentions.is_empty()
        && is_about_institutions(&items, english);
    reading
}

/// Whether the words name institutions or what they do and no person. English only: a Turkish
/// verb's ending names its person (`utanmıyorsun`), which no word list sees.
fn is_about_institutions(items: &[Item<'_>], english: bool) -> bool {
    english
        && items.iter().any(|i| i.kind == HateKind::Institution)
        && !items.iter().any(|i| i.kind == HateKind::Person)
}

/// The kind and strength of the hostility `item` expresses, if it is hostile here.
fn hostility(
    analysis: &Analysis<'_>,
    item: &Item<'_>,
    layout: &Layout,
    english: bool,
    generalised: bool,
) -> Option<(AttackKind, f32)> {
    if let Some(confidence) = item.abuse {
        return Some((AttackKind::Abuse, confidence));
    }
    // `Ermenilerin böyle bir sorunu var`: what a group has, not what it is.
    let possessed = analysis
        .skeleton
        .words
        .get(item.words.end)
        .is_some_and(|w| w.text == "var");
    if matches!(item.kind, HateKind::Dehumanising | HateKind::Derogatory)
        && (!is_predicate_form(analysis, item) || possessed)
    {
        return None;
    }
    match item.kind {
        HateKind::Dehumanising => Some((
            AttackKind::Dehumanising,
            match item.label {
                "threat" | "enemy" | "burden" => 0.75,
                _ => 0.92,
            },
        )),
        HateKind::Derogatory | HateKind::Emotion => {
            let not_felt = item.kind == HateKind::Emotion
                && (is_others_feeling(analysis, item) || names_a_kind_of_hate(analysis, item));
            (!not_felt).then_some((AttackKind::Derogation, 0.9))
        }
        HateKind::Violent if is_call(analysis, item, layout, english) => Some((
            AttackKind::Threat,
            match item.label {
                "expel" if !generalised => 0.6,
                "expel" => 0.8,
                _ => 0.92,
            },
        )),
        _ => None,
    }
}

/// Whether a hostile noun or adjective stands where it can say what a group is: with a plural,
/// possessive or copula (`mikroplar`, `sürüsü`, `haindir`), not with a case ending that makes it an
/// object or a place (`çöpe attı`, `köpeklerde`) nor as an abstract noun (`dolandırıcılık`).
fn is_predicate_form(analysis: &Analysis<'_>, item: &Item<'_>) -> bool {
    let word = &analysis.skeleton.words[item.words.end - 1].text;
    let Some(rest) = word.strip_prefix(item.last_term) else {
        return true;
    };
    // A praise may be abstract (`hiçbir iyilik getirmedi`).
    let abstract_noun = item.kind != HateKind::Positive
        && ["lik", "luk", "lig", "lug"]
            .iter()
            .any(|d| rest.contains(d));
    // Dative, locative, ablative and instrumental all end in a vowel or in `-den`/`-dan`.
    let case = rest.ends_with(['e', 'a'])
        || ["den", "dan", "ten", "tan"]
            .iter()
            .any(|c| rest.ends_with(c));
    !abstract_noun && !case
}

/// Whether a Turkish group word's case lets hostility of this kind be about it. A group in the
/// dative, locative or instrumental (`Suriyelilere saldıranlar`) is not what a predicate or a call
/// is about; in the ablative only a cleansing or an expulsion is (`Ermenilerden temizlenmeli`, not
/// `Kürtlerden biri hain`). Feelings take any case (`Kürtlerden nefret ediyorum`).
fn fits_case(kind: AttackKind, item: &Item<'_>, target_word: &str) -> bool {
    if item.kind == HateKind::Emotion
        || !matches!(
            kind,
            AttackKind::Threat | AttackKind::Dehumanising | AttackKind::Derogation
        )
    {
        return true;
    }
    let ablative = ["den", "dan", "ten", "tan"]
        .iter()
        .any(|c| target_word.ends_with(c));
    if item.label == "dative" && !ablative {
        // `Urfalılara güvenilmez`: the predicate takes its group in the dative.
        return true;
    }
    if ablative {
        return kind == AttackKind::Threat && matches!(item.label, "cleanse" | "expel");
    }
    !target_word.ends_with(['e', 'a'])
}

/// Whether a bare group name is the adjective of a compound that names a thing, not the people
/// (`Kürt sorunu`, `Türk siyaseti`, `Arap dünyası`): the next word carries the compound's
/// possessive. Compounds that name the people themselves (`Kürt halkı`, `Türk milleti`) stay.
fn names_a_thing(analysis: &Analysis<'_>, target: &Item<'_>) -> bool {
    const PEOPLE: [&str; 15] = [
        "halki",
        "mileti",
        "toplumu",
        "azinligi",
        "kokenli",
        "asili",
        "vatandaslari",
        "genclari",
        "kadinlari",
        "aileleri",
        "isciler",
        "nufusu",
        "cemaati",
        "camiasi",
        "kesimi",
    ];
    let words = &analysis.skeleton.words;
    let tokens = &analysis.tokens;
    let (Some(last), Some(next)) = (words.get(target.words.end - 1), words.get(target.words.end))
    else {
        return false;
    };
    // A compound's first noun is bare and singular: `Lazlar geldi`, `Aleviler yalancı` are
    // sentences about people.
    let plural = last.text.ends_with("ler") || last.text.ends_with("lar");
    let bare = target.words.len() == 1
        && last.text == target.last_term
        && !plural
        && tokens
            .get(last.tokens.start)
            .is_some_and(|t| t.apostrophe.is_none());
    let head = [
        "nin", "nun", "ni", "nu", "ne", "na", "nde", "nda", "nden", "ndan",
    ]
    .iter()
    .find_map(|case| next.text.strip_suffix(case))
    .unwrap_or(&next.text);
    bare && !PEOPLE.contains(&next.text.as_str())
        && !next.text.starts_with("dedig")
        && !PEOPLE.iter().any(|p| next.text.starts_with(p))
        && ["si", "su", "i", "u"].iter().any(|p| head.ends_with(p))
        && head.len() > 3
}

/// Whether a Turkish verb says what someone must do (`susmalı`, `korumalıdır`) or cannot do
/// (`çalamaz`, `süremezler`), the forms a stereotype prescribes in. `olmalı` (must be) and `-ebilmeli`
/// (must be able to) are left out: they are what one says of rights and of hopes.
fn is_stereotype_verb(word: &str) -> bool {
    let must = [
        "meli",
        "mali",
        "melidir",
        "malidir",
        "meliler",
        "malilar",
        "melidirler",
        "malidirlar",
    ]
    .iter()
    .any(|e| word.ends_with(e))
        && !word.starts_with("olmali")
        && !["ebilmeli", "abilmeli", "yebilmeli", "yabilmeli"]
            .iter()
            .any(|e| word.contains(e));
    let cannot = ["amaz", "emez", "amazlar", "emezler"]
        .iter()
        .any(|e| word.ends_with(e))
        && word.len() > 6;
    must || cannot
}

/// Whether a group word is in the nominative: its stem, plural or not (`kadın`, `Kürtler`), or the
/// last word of a group phrase (`kız kısmı`).
fn is_nominative(word: &str, target: &Range<usize>, items: &[Item<'_>]) -> bool {
    items
        .iter()
        .filter(|i| i.words == *target && i.target.is_some())
        .any(|i| {
            target.len() > 1
                || word
                    .strip_prefix(i.last_term)
                    .is_some_and(|rest| matches!(rest, "" | "ler" | "lar"))
        })
}

/// Whether a feeling belongs to the people the comment describes (`nefret edenler`, `nefret
/// duyan`): a participle follows it.
fn is_others_feeling(analysis: &Analysis<'_>, item: &Item<'_>) -> bool {
    let words = &analysis.skeleton.words;
    let next = |at: usize| words.get(at).map(|w| w.text.as_str()).unwrap_or("");
    let following = next(item.words.end);
    let participle = |w: &str| {
        ["eden", "duyan", "besleyen", "kusan", "yayan"]
            .iter()
            .any(|p| w.starts_with(p))
    };
    participle(following) || (following.starts_with("et") && participle(next(item.words.end + 1)))
}

/// Whether a word of feeling names a kind of hate rather than feeling it: a bare `nefret` before a
/// noun (`nefret suçları`, `nefret paylaşımları`; felt, it takes a verb: `nefret ediyorum`, `nefret
/// duyuyorum`), or `hate` before one (`hate crimes`, `hate mail`).
fn names_a_kind_of_hate(analysis: &Analysis<'_>, item: &Item<'_>) -> bool {
    let words = &analysis.skeleton.words;
    let Some(next) = words.get(item.words.end).map(|w| w.text.as_str()) else {
        return false;
    };
    let word = words[item.words.end - 1].text.as_str();
    if word == "nefret" {
        return !["et", "ed", "duy", "besl"]
            .iter()
            .any(|v| next.starts_with(v));
    }
    word == "hate" && HATE_NAMED.iter().any(|n| next.starts_with(n))
}

/// Skeletons of the nouns `hate` names a kind of (`hate crimes`, `hate speech`).
const HATE_NAMED: [&str; 13] = [
    "crime", "speech", "group", "mail", "campaign", "atack", "coment", "post", "mesage",
    "incident", "grafiti", "rhetoric", "preacher",
];

/// Whether a verb of violence or expulsion stands in a call's form: `temizlenmeli`, `sürülsün`,
/// `kökünü kazıyacağız`, `öldürmek lazım`, `öldürün`; in English a modal in the sentence or the
/// verb first (`should be deported`, `Deport them all`).
fn is_call(analysis: &Analysis<'_>, item: &Item<'_>, layout: &Layout, english: bool) -> bool {
    let words = &analysis.skeleton.words;
    let sentence = layout.sentence[item.words.start];
    if english {
        let first_of_sentence =
            item.words.start == 0 || layout.sentence[item.words.start - 1] != sentence;
        return first_of_sentence
            || (0..words.len())
                .filter(|&w| layout.sentence[w] == sentence)
                .any(|w| ENGLISH_MODALS.contains(&words[w].text.as_str()));
    }
    if matches!(item.label, "getout" | "doom") || matches!(item.last_term, "gitsin" | "gitsinler") {
        return true;
    }
    let last = &words[item.words.end - 1].text;
    let Some(rest) = last.strip_prefix(item.last_term) else {
        return false;
    };
    let rest = ["il", "ul", "in", "un", "n", "y"]
        .iter()
        .filter_map(|p| rest.strip_prefix(p))
        .chain(std::iter::once(rest))
        .collect::<Vec<_>>();
    let imperative = !COLLIDING_IMPERATIVES.contains(&last.as_str())
        && rest
            .iter()
            .any(|r| matches!(*r, "in" | "un" | "yin" | "yun"));
    let infinitive_call = rest.iter().any(|r| matches!(*r, "mek" | "mak"))
        && words
            .get(item.words.end)
            .is_some_and(|w| NECESSITY.contains(&w.text.as_str()));
    imperative
        || infinitive_call
        || rest
            .iter()
            .any(|r| CALL_ENDINGS.iter().any(|e| r.starts_with(e)))
}

/// Whether a praise is negated right beside it: the next two words (`dürüst değil`, `adam olmaz`,
/// `iyi komşu olmaz`), or in English the three words before (`never any good`, `can't be trusted`).
fn is_praise_negated(
    analysis: &Analysis<'_>,
    items: &[Item<'_>],
    layout: &Layout,
    praise: &Range<usize>,
    english: bool,
) -> bool {
    let words = &analysis.skeleton.words;
    let clause = layout.clause[praise.start];
    let negation = |w: usize| layout.clause[w] == clause && negates(analysis, items, w, english);
    if english {
        return (praise.start.saturating_sub(ENGLISH_NEGATION_REACH)..praise.start).any(negation);
    }
    // `tek bir namuslu X görmedim`, `hiçbir iyilik getirmedi`: the clause's verb denies it.
    let none_of = (praise.start.saturating_sub(2)..praise.start).any(|w| {
        words[w].text == "hicbir" || (w > 0 && words[w - 1].text == "tek" && words[w].text == "bir")
    });
    if none_of {
        return (praise.end..words.len())
            .take_while(|&w| layout.clause[w] == clause)
            .any(negation);
    }
    let next = praise.end;
    let denial = |w: usize| {
        words.get(w).is_some_and(|word| {
            ["olmaz", "olamaz", "cikmaz", "degil"]
                .iter()
                .any(|d| word.text.starts_with(d))
        })
    };
    (next < words.len() && negation(next)) || (denial(next + 1) && negation(next + 1))
}

/// Whether the predicate at `predicate` is negated in its clause: a negation word or a negated verb
/// within [`NEGATION_REACH`] words after it (Turkish), or a negation word before it (English).
fn is_negated(
    analysis: &Analysis<'_>,
    items: &[Item<'_>],
    layout: &Layout,
    predicate: &Range<usize>,
    english: bool,
) -> bool {
    let words = &analysis.skeleton.words;
    let clause = layout.clause[predicate.start];
    let quote = layout.quote[predicate.start];
    let same_clause = |w: usize| layout.clause[w] == clause && layout.quote[w] == quote;
    let negation = |w: usize| negates(analysis, items, w, english);
    if english {
        (predicate.start.saturating_sub(ENGLISH_NEGATION_REACH)..predicate.start)
            .filter(|&w| same_clause(w))
            .any(negation)
    } else if let Some(verb) = words
        .get(predicate.end)
        .filter(|w| same_clause(predicate.end) && is_light_verb(&w.text))
    {
        // `nefret ediyorum`: the light verb that makes the predicate a verb carries its negation;
        // a negation further on belongs to another verb (`nefret ediyorum, faydanız olmadı`).
        is_negated_verb(&verb.text)
    } else {
        (predicate.end..(predicate.end + NEGATION_REACH).min(words.len()))
            .take_while(|&w| same_clause(w))
            .any(negation)
    }
}

/// Whether skeleton word `w` negates: a negation word, or in Turkish a negated verb.
fn negates(analysis: &Analysis<'_>, items: &[Item<'_>], w: usize, english: bool) -> bool {
    items
        .iter()
        .any(|i| i.kind == HateKind::Negation && i.words.contains(&w))
        || (!english && is_negated_verb(&analysis.skeleton.words[w].text))
}

/// Whether a Turkish word is a negated verb form (`etmiyorum`, `olmaz`, `olmadılar`, `etmem`).
fn is_negated_verb(word: &str) -> bool {
    // A negation suffix follows a verb stem of at least two letters.
    NEGATED_VERB
        .iter()
        .any(|n| word.find(n).is_some_and(|at| at >= 2))
        || NEGATED_ENDING
            .iter()
            .any(|n| word.len() >= n.len() + 2 && word.ends_with(n))
}

/// Whether a Turkish word is a finite form of a light verb that makes a verb of the noun before it
/// (`nefret ediyorum`, `nefret etmem`, `nefret duyuyoruz`, `kin besliyor`); not a form that makes
/// the phrase part of another verb's clause (`nefret ettiğimi söylemedim`, `nefret etmek`).
fn is_light_verb(word: &str) -> bool {
    let light = ["ed", "et", "duy", "besl"]
        .iter()
        .any(|stem| word.starts_with(stem) && word.len() > stem.len() + 1);
    let nominalised = ["dig", "dik", "tig", "tik", "ecek", "eceg", "acak", "acag"]
        .iter()
        .any(|n| word.contains(n))
        || ["mek", "mak", "en", "an", "mesi", "masi"]
            .iter()
            .any(|e| word.ends_with(e));
    light && !nominalised
}

/// Whether a praise word carries its own negation (`güvenmiyorum`, `sevmem`).
fn negates_itself(analysis: &Analysis<'_>, item: &Item<'_>) -> bool {
    let word = &analysis.skeleton.words[item.words.end - 1].text;
    word.strip_prefix(item.last_term)
        .is_some_and(|rest| !rest.is_empty() && is_negated_verb(&format!("xx{rest}")))
}

/// The parts of the comment that report someone else's words: every quotation, and the words a
/// verb of saying reports (in Turkish the clause before it, in English the words after it).
fn reported_regions(
    analysis: &Analysis<'_>,
    items: &[Item<'_>],
    layout: &Layout,
    english: bool,
) -> Vec<Range<usize>> {
    let words = &analysis.skeleton.words;
    let word_count = words.len();
    // A "quotation" longer than a sentence is stray quotation marks, not a quotation.
    let mut regions: Vec<Range<usize>> = layout
        .quotes
        .iter()
        .filter(|q| !q.is_empty() && q.len() <= QUOTE_LENGTH)
        .cloned()
        .collect();
    for verb in items.iter().filter(|i| i.kind == HateKind::Reporting) {
        let sentence = layout.sentence[verb.words.start];
        let speaker = (verb.words.start.saturating_sub(2)..verb.words.start)
            .any(|w| matches!(words[w].text.as_str(), "i" | "we"));
        if english && speaker {
            // `I think …`, `we say …`: the commenter's own words.
            continue;
        }
        if english {
            let next = verb.words.end;
            let region = match layout.quote.get(next).copied().flatten() {
                Some(q) => layout.quotes[q].clone(),
                None => {
                    let end = (next..word_count.min(next + REPORT_REACH))
                        .take_while(|&w| {
                            layout.clause[w] == layout.clause[next.min(word_count - 1)]
                        })
                        .last()
                        .map_or(next, |w| w + 1);
                    next..end
                }
            };
            if !region.is_empty() {
                regions.push(region);
            }
        } else {
            let before = verb.words.start;
            let quoted = before.checked_sub(1).and_then(|w| layout.quote[w]);
            let region = match quoted {
                Some(q) => layout.quotes[q].clone(),
                // `… dedi ki …`: the words after it.
                None if words.get(verb.words.end).is_some_and(|w| w.text == "ki") => {
                    let from = verb.words.end + 1;
                    let end = (from..word_count.min(from + REPORT_REACH))
                        .take_while(|&w| layout.sentence[w] == sentence)
                        .last()
                        .map_or(from, |w| w + 1);
                    from..end
                }
                // `Göçmenlere mikrop demek …`, `… diyenler`: the clause before a verb of saying
                // that takes one; a finite `dedi` or `yazdı` reports only a quotation.
                None if verb.label == "clause" => {
                    let clause = layout.clause[before.saturating_sub(1)];
                    let start = (before.saturating_sub(REPORT_REACH)..before)
                        .rev()
                        .take_while(|&w| layout.clause[w] == clause)
                        .last()
                        .unwrap_or(before);
                    start..before
                }
                None => 0..0,
            };
            if !region.is_empty() {
                regions.push(region);
            }
        }
    }
    regions
}

/// Whether a verb of saying reports what a kind of people say rather than what someone said: a
/// plural participle in Turkish (`diyenler`, `yazanlara`, `bağıranları`), `who` before it in
/// English (`people who say`, `anyone who thinks`).
fn reports_those_who_say(analysis: &Analysis<'_>, items: &[Item<'_>], english: bool) -> bool {
    let words = &analysis.skeleton.words;
    items
        .iter()
        .filter(|i| i.kind == HateKind::Reporting)
        .any(|verb| {
            if english {
                (verb.words.start.saturating_sub(2)..verb.words.start)
                    .any(|w| words[w].text == "who")
            } else {
                let word = &words[verb.words.end - 1].text;
                ["enler", "anlar"].iter().any(|plural| {
                    word.find(plural)
                        .is_some_and(|at| at + 2 >= verb.last_term.len() && at >= 2)
                })
            }
        })
}

/// Whether word range `inner` lies inside `outer` (or is it).
fn within(inner: &Range<usize>, outer: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// Words between two word ranges (0 when they touch or overlap).
pub fn distance(a: &Range<usize>, b: &Range<usize>) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::abuse::Evidence;

    fn reading(text: &str) -> Reading {
        Evidence::of(&Analysis::new(text, None)).hate.clone()
    }

    fn attacked(text: &str) -> Vec<Target> {
        reading(text)
            .attacks
            .into_iter()
            .map(|a| a.target)
            .collect()
    }

    #[test]
    fn hostile_predicates_about_a_group_are_attacks_on_it() {
        for (text, group) in [
            ("Göçmenler bu mahallenin mikrobu oldu.", "migrants"),
            ("Bence Ermenilerin hepsi haindir", "armenians"),
            ("Suriyelileri temizlemek lazım", "syrians"),
            ("Lazların kökünü kazıyacağız!", "laz"),
            ("Kadından patron olmaz.", "women"),
            ("Trans people are a disease on society.", "lgbt"),
            ("Refugees should all be deported.", "refugees"),
        ] {
            assert!(
                attacked(text).contains(&Target::Group(group.into())),
                "{text}: {:?}",
                reading(text)
            );
        }
    }

    #[test]
    fn hostility_towards_believers_is_an_attack_on_the_belief() {
        assert!(
            attacked("Alevilerin hepsi yalancıdır.").contains(&Target::Belief("alevism".into()))
        );
        assert!(attacked("Atheists are parasites.").contains(&Target::Belief("atheism".into())));
    }

    #[test]
    fn a_pronoun_in_the_next_sentence_points_back_to_the_group() {
        let attacks = reading("Mahallemize Afganlar taşındı. Bunlar tam bir bela.").attacks;
        assert_eq!(attacks.len(), 1, "{attacks:?}");
        assert_eq!(attacks[0].target, Target::Group("afghans".into()));
        assert!(attacks[0].confidence < 0.92);
    }

    #[test]
    fn a_plural_group_before_a_word_in_i_is_the_subject_not_a_compound() {
        // `Kürt sorunu` names a thing; `Lazlar geldi`, `Aleviler yalancı` speak of people.
        assert!(reading("Kürt sorunu çözülmeli.").attacks.is_empty());
        for (text, target) in [
            ("Lazlar yalancı.", Target::Group("laz".into())),
            ("Aleviler yalancıydı.", Target::Belief("alevism".into())),
            ("Lazlar geldi. Bunlar hain.", Target::Group("laz".into())),
        ] {
            let attacks = reading(text).attacks;
            assert_eq!(attacks.len(), 1, "{text}: {attacks:?}");
            assert_eq!(attacks[0].target, target, "{text}");
        }
    }

    #[test]
    fn quoted_hate_that_the_commenter_condemns_is_counter_speech() {
        for text in [
            "'Kürtler haindir' diyen vekil özür dilemeli, bu nefret söylemidir.",
            "Göçmenlere mikrop demek ırkçılıktır.",
            "Calling refugees vermin is disgusting.",
        ] {
            let reading = reading(text);
            assert!(reading.attacks.is_empty(), "{text}: {reading:?}");
            assert_eq!(
                reading.counter_speech,
                CounterSpeech::Condemnation,
                "{text}"
            );
        }
    }

    #[test]
    fn quoted_hate_that_the_commenter_endorses_is_an_attack() {
        for text in [
            "'Suriyeliler asalak' diyen adam sonuna kadar haklı.",
            "He said Muslims are vermin and he is right.",
        ] {
            assert!(!reading(text).attacks.is_empty(), "{text}");
        }
    }

    #[test]
    fn quoted_hate_with_no_stance_is_for_a_moderator() {
        let strongest = |text: &str| {
            reading(text)
                .attacks
                .iter()
                .map(|a| a.confidence)
                .fold(0.0_f32, f32::max)
        };
        for text in [
            "Herkes 'Araplar pis' diyor.",
            "Like my dad says, \"gay people are a disease.\"",
        ] {
            let confidence = strongest(text);
            assert!(
                confidence > 0.5 && confidence <= UNSTATED_REPORT,
                "{text}: {confidence}"
            );
            assert_eq!(
                reading(text).counter_speech,
                CounterSpeech::Disowned,
                "{text}"
            );
        }
        for endorsed in [
            "Herkes 'Araplar pis' diyor ve bence yanılmıyorlar.",
            "Bir arkadaş 'göçmenler mikrop gibi yayılıyor' yazmış, tek kelimeyle gerçek.",
        ] {
            assert!(strongest(endorsed) > 0.8, "{endorsed}");
        }
    }

    #[test]
    fn quoted_hate_that_the_commenter_rejects_is_counter_speech() {
        for text in [
            // An endorsement negated.
            "\"Kürtler hain\" diyen adama katılmıyorum.",
            "'Araplar pis' sözlerini asla kabul etmeyeceğiz.",
            "I don't agree with anyone who says \"Jews are vermin\".",
            // What "those who say" it say, not endorsed.
            "'Göçmenler asalak' diyenlere kulak asmayın.",
            "Hâlâ 'Kürtler hain' diyenler var, inanamıyorum.",
            "People who say \"women are stupid\" clearly never met my grandmother.",
            // The commenter's own feeling about it.
            "Otobüste 'Afganlar pis' diye bağıran adamı görünce utandım.",
            "Someone wrote \"immigrants are vermin\" and it made me sick.",
        ] {
            let reading = reading(text);
            assert!(reading.attacks.is_empty(), "{text}: {:?}", reading.attacks);
            assert!(!reading.disowned.is_empty(), "{text}");
        }
        // Those who say it, endorsed.
        assert!(!attacked("'Kürtler hain' diyenler sonuna kadar haklı.").is_empty());
    }

    #[test]
    fn words_outside_a_quotation_do_not_attack_a_group_named_only_inside_it() {
        // The disgust is at the mindset, the hate inside the quotation is condemned.
        let mindset = reading("\"Kadınlar eve\" diyen zihniyetten iğreniyorum.");
        assert!(mindset.attacks.is_empty());
        assert_eq!(mindset.counter_speech, CounterSpeech::Condemnation);
        let scorned = reading("'Suriyeliler pis' diyen adam tam bir aşağılık.");
        assert!(scorned.attacks.is_empty(), "{:?}", scorned.attacks);
        assert_eq!(scorned.counter_speech, CounterSpeech::Condemnation);
        // A spy named outside a clause that `diye` reports is not said of the foreigners inside it.
        assert!(
            attacked("Ülkenize yabancı gelmesin diye gelmişsiniz, ajansınız hepiniz.").is_empty()
        );
    }

    #[test]
    fn a_light_verb_carries_the_negation_of_its_noun() {
        for (text, attack) in [
            (
                "Suriyelilerden nefret ediyorum, hiçbir faydaları olmadı.",
                true,
            ),
            ("Kürtlerden nefret etmiyorum.", false),
            ("Ermenilerden nefret ettiğimi söylemedim.", false),
        ] {
            assert_eq!(!attacked(text).is_empty(), attack, "{text}");
        }
    }

    #[test]
    fn negated_hate_is_disowned_and_negated_praise_is_an_attack() {
        for felt in [
            "Kürtlerden nefret ediyorum.",
            "Suriyelilere nefret duyuyorum.",
            "I hate Muslims.",
        ] {
            assert!(!reading(felt).attacks.is_empty(), "{felt}");
        }
        let negated = reading("Ben Kürtlerden nefret etmiyorum.");
        assert!(negated.attacks.is_empty(), "{negated:?}");
        assert_eq!(negated.counter_speech, CounterSpeech::Disowned);
        assert!(reading("Romanlar hırsız değildir").attacks.is_empty());
        assert!(!reading("Mültecilerden hayır gelmez.").attacks.is_empty());
        assert!(!reading("Immigrants are never any good.").attacks.is_empty());
    }

    #[test]
    fn mentions_news_and_criticism_of_institutions_are_not_attacks() {
        for text in [
            "Suriyeli komşumuz bugün bize baklava getirdi.",
            "Kürtçe eğitim konusu mecliste tartışıldı.",
            "Diyanet'in bütçesi bence çok yüksek.",
            "Siyasal İslam tehlikeli bir ideolojidir.",
            "Hükümetin göç politikası tam bir fiyasko.",
            "Ben ateistim ama kimsenin inancına karışmam.",
            "Arabamı çöpe attılar, Araplar değil belediye yaptı.",
            "Suriyelilere saldıranlar hapsedilmeli.",
            "Türkiye'nin nitrat kirliliği arttı.",
            "Sosyal medyada mültecilere yönelik nefret paylaşımları yüzde 40 arttı.",
            "Eşcinsellere yönelik nefret suçları raporu bugün yayımlandı.",
            "Kilisenin duvarına nefret yazıları yazıldı.",
            "Hate crimes against Muslims rose last year.",
        ] {
            assert!(attacked(text).is_empty(), "{text}: {:?}", reading(text));
        }
    }

    #[test]
    fn god_invoked_and_a_detached_suffix_name_no_belief() {
        for text in [
            "İyi geceler ahali! Sabah görüşmek üzere Allah'a emanet olun.",
            "Kandil kandil kim Seko nun diş macununu çaldıysa getirsin",
        ] {
            assert!(reading(text).mentions.is_empty(), "{text}");
        }
        assert!(!reading("The nun runs the school.").mentions.is_empty());
    }

    #[test]
    fn criticism_of_institutions_is_told_from_words_about_persons_and_groups() {
        for text in [
            "The ministry is corrupt from top to bottom.",
            "The federation's decision is stupid and unfair.",
        ] {
            let reading = reading(text);
            assert!(reading.about_institutions, "{text}");
            assert!(reading.classifier_weight() < 1.0, "{text}");
        }
        for text in [
            "The council is useless and so are you.",
            "The media are liars and the liberals are worse.",
            "The government should deport all Syrians.",
            "Thanks for the article.",
        ] {
            assert!(!reading(text).about_institutions, "{text}");
        }
    }

    #[test]
    fn turkish_noun_suffixes_follow_their_order() {
        use crate::lexicon::Lexicons;
        let lexicons = Lexicons::builtin().expect("lexicons");
        let groups = |text: &str| {
            lexicons
                .hate_turkish
                .find(&Analysis::new(text, None))
                .into_iter()
                .filter(|h| h.entry.tag.kind == HateKind::Group)
                .count()
        };
        for text in [
            "Kürtlerin",
            "Suriyelilere",
            "mültecilerdi",
            "göçmenleriniz",
            "Araplardan",
        ] {
            assert_eq!(groups(text), 1, "{text}");
        }
        for text in [
            "kürtaj",
            "Türkiye'nin",
            "Türkiyenin",
            "lazım",
            "Arapça",
            "transfer",
        ] {
            assert_eq!(groups(text), 0, "{text}");
        }
    }
}
