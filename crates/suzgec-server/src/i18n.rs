//! The pages' words in Turkish and English. A page picks one [`Ui`] (the article's language, or
//! the moderator's choice); comments and rule messages come in both languages from the verdict.

use suzgec_core::RuleId;

/// Every word a page shows, in one language.
#[derive(Debug)]
pub struct Ui {
    /// `tr` or `en`.
    pub code: &'static str,
    /// The other language's code, for the language switch.
    pub other_code: &'static str,
    /// The other language's name, in that language.
    pub other_name: &'static str,
    pub tagline: &'static str,
    pub articles: &'static str,
    pub published: &'static str,
    pub updated: &'static str,
    pub source: &'static str,
    /// The link to the article's translation.
    pub read_translation: &'static str,
    pub comments: &'static str,
    pub no_comments: &'static str,
    /// The link to the next, older page of threads.
    pub older_comments: &'static str,
    /// The link back to the first page of threads.
    pub newest_comments: &'static str,
    pub policy_heading: &'static str,
    /// The site's comment policy, printed above the form.
    pub policy_text: &'static str,
    pub write_comment: &'static str,
    pub your_name: &'static str,
    pub your_comment: &'static str,
    pub send: &'static str,
    pub reply: &'static str,
    pub replying_to: &'static str,
    pub cancel_reply: &'static str,
    pub looks_fine: &'static str,
    pub will_be_reviewed: &'static str,
    pub refused_heading: &'static str,
    pub apply_fix: &'static str,
    pub suggested: &'static str,
    pub posted_approved: &'static str,
    pub posted_pending: &'static str,
    pub posted_rejected: &'static str,
    pub report: &'static str,
    pub reported: &'static str,
    pub form_expired: &'static str,
    pub error_heading: &'static str,
    pub back: &'static str,
    pub login: &'static str,
    pub username: &'static str,
    pub password: &'static str,
    pub log_in: &'static str,
    pub log_out: &'static str,
    pub login_failed: &'static str,
    pub queue: &'static str,
    pub queue_empty: &'static str,
    pub approve: &'static str,
    pub reject: &'static str,
    pub edit_and_approve: &'static str,
    pub reason: &'static str,
    pub shortcuts: &'static str,
    pub reader_reports: &'static str,
    pub machine_decision: &'static str,
    pub audit: &'static str,
    pub stats: &'static str,
    /// The webhook delivery log and its columns.
    pub webhooks: &'static str,
    pub event: &'static str,
    pub endpoint: &'static str,
    pub attempts: &'static str,
    pub delivered: &'static str,
    pub retrying: &'static str,
    pub given_up: &'static str,
    pub no_deliveries: &'static str,
    pub when: &'static str,
    pub who: &'static str,
    pub what: &'static str,
    pub why: &'static str,
    pub comment: &'static str,
    pub overrides_machine: &'static str,
    pub day: &'static str,
    pub older: &'static str,
    /// Month names, January first.
    pub months: [&'static str; 12],
    /// Rule names, in `RuleId::ALL` order.
    rule_names: [&'static str; 7],
    /// Decision names: approve, review, reject.
    decision_names: [&'static str; 3],
    /// Status names: approved, pending, rejected.
    status_names: [&'static str; 3],
}

impl Ui {
    /// The words for a language code; English for anything but `tr`.
    pub fn for_code(code: &str) -> &'static Ui {
        if code == "tr" { &TR } else { &EN }
    }

    /// A rule's name for people.
    pub fn rule(&self, rule: RuleId) -> &'static str {
        let index = RuleId::ALL.iter().position(|r| *r == rule).unwrap_or(0);
        self.rule_names[index]
    }

    /// A rule's name for people, from its id (`all_caps`); the id itself when unknown.
    pub fn rule_by_id<'a>(&self, id: &'a str) -> &'a str {
        id.parse::<RuleId>().map_or(id, |rule| self.rule(rule))
    }

    /// A decision (`approve`, `review`, `reject`) or `override` for people.
    pub fn decision<'a>(&self, key: &'a str) -> &'a str {
        match key {
            "approve" => self.decision_names[0],
            "review" => self.decision_names[1],
            "reject" => self.decision_names[2],
            "override" => self.overrides_machine,
            other => other,
        }
    }

    /// A comment status for people.
    pub fn status(&self, status: suzgec_store::Status) -> &'static str {
        match status {
            suzgec_store::Status::Approved => self.status_names[0],
            suzgec_store::Status::Pending => self.status_names[1],
            suzgec_store::Status::Rejected => self.status_names[2],
        }
    }
}

/// Turkish.
pub static TR: Ui = Ui {
    code: "tr",
    other_code: "en",
    other_name: "English",
    tagline: "Haber yorumları için moderasyon — tanıtım sitesi",
    articles: "Haberler",
    published: "Yayınlanma",
    updated: "Son güncelleme",
    source: "Kaynak",
    read_translation: "Read in English",
    comments: "Yorumlar",
    no_comments: "Henüz yorum yok. İlk yorumu siz yazın.",
    older_comments: "Daha eski yorumlar",
    newest_comments: "En yeni yorumlar",
    policy_heading: "Yorum kuralları",
    policy_text: "Hakaret, küfür, rencide edici cümleler veya imalar, inançlara saldırı içeren, \
                  imla kurallarına uygun yazılmamış, Türkçe karakter kullanılmayan ve büyük harflerle \
                  yazılan yorumlar onaylanmamaktadır.",
    write_comment: "Yorum yazın",
    your_name: "Adınız",
    your_comment: "Yorumunuz",
    send: "Gönder",
    reply: "Yanıtla",
    replying_to: "Yanıtlanan yorum",
    cancel_reply: "Yanıtlamaktan vazgeç",
    looks_fine: "Yorumunuz kurallara uygun görünüyor.",
    will_be_reviewed: "Yorumunuz yayımlanmadan önce bir moderatör tarafından incelenecek.",
    refused_heading: "Yorumunuz bu haliyle onaylanmaz:",
    apply_fix: "Düzeltmeyi uygula",
    suggested: "Önerilen metin",
    posted_approved: "Yorumunuz yayımlandı. Teşekkürler!",
    posted_pending: "Yorumunuz alındı; bir moderatör inceledikten sonra yayımlanacak.",
    posted_rejected: "Yorumunuz kaydedildi ama onaylanmadı. Nedenleri aşağıda; düzeltip yeniden gönderebilirsiniz.",
    report: "Bildir",
    reported: "Bildiriminiz alındı. Teşekkürler.",
    form_expired: "Formun süresi dolmuş. Sayfayı yenileyip yeniden deneyin.",
    error_heading: "Bir sorun oluştu",
    back: "Geri dön",
    login: "Moderatör girişi",
    username: "Kullanıcı adı",
    password: "Parola",
    log_in: "Giriş yap",
    log_out: "Çıkış",
    login_failed: "Kullanıcı adı ya da parola yanlış.",
    queue: "Onay kuyruğu",
    queue_empty: "Kuyruk boş: bekleyen yorum yok.",
    approve: "Onayla",
    reject: "Reddet",
    edit_and_approve: "Düzenleyip onayla",
    reason: "Gerekçe",
    shortcuts: "Kısayollar: j / k sonraki / önceki yorum, a onayla, r reddet, e düzenle",
    reader_reports: "okur bildirimi",
    machine_decision: "Süzgeç'in kararı",
    audit: "Karar kaydı",
    stats: "İstatistikler",
    webhooks: "Web kancaları",
    event: "Olay",
    endpoint: "Adres",
    attempts: "Deneme",
    delivered: "teslim edildi",
    retrying: "yeniden denenecek",
    given_up: "vazgeçildi",
    no_deliveries: "Henüz gönderim yok. Web kancaları yapılandırmadaki [[webhooks]] ile açılır.",
    when: "Ne zaman",
    who: "Kim",
    what: "Ne",
    why: "Neden",
    comment: "Yorum",
    overrides_machine: "Süzgeç'in kararının tersi",
    day: "Gün",
    older: "Daha eski kayıtlar",
    months: [
        "Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim",
        "Kasım", "Aralık",
    ],
    rule_names: [
        "Küfür",
        "Hakaret",
        "Rencide edici ifade",
        "İnançlara saldırı",
        "İmla",
        "Türkçe karakter",
        "Büyük harf",
    ],
    decision_names: ["onay", "inceleme", "ret"],
    status_names: ["onaylandı", "bekliyor", "reddedildi"],
};

/// English.
pub static EN: Ui = Ui {
    code: "en",
    other_code: "tr",
    other_name: "Türkçe",
    tagline: "Moderation for news comments — demo site",
    articles: "News",
    published: "Published",
    updated: "Last updated",
    source: "Source",
    read_translation: "Türkçesini okuyun",
    comments: "Comments",
    no_comments: "No comments yet. Be the first to write one.",
    older_comments: "Older comments",
    newest_comments: "Newest comments",
    policy_heading: "Comment policy",
    policy_text: "Comments that contain insults, swearing, offensive sentences or allusions, attacks \
                  on beliefs, are not written with spelling rules, do not use Turkish characters and \
                  are written in capital letters are not approved.",
    write_comment: "Write a comment",
    your_name: "Your name",
    your_comment: "Your comment",
    send: "Send",
    reply: "Reply",
    replying_to: "Replying to",
    cancel_reply: "Cancel reply",
    looks_fine: "Your comment looks fine.",
    will_be_reviewed: "A moderator will read your comment before it is published.",
    refused_heading: "Your comment would not be approved as it is:",
    apply_fix: "Apply the fix",
    suggested: "Suggested text",
    posted_approved: "Your comment is published. Thank you!",
    posted_pending: "Your comment was received; it will be published after a moderator reads it.",
    posted_rejected: "Your comment was saved but not approved. The reasons are below; fix it and send it again.",
    report: "Report",
    reported: "Thank you: your report was received.",
    form_expired: "The form has expired. Reload the page and try again.",
    error_heading: "Something went wrong",
    back: "Go back",
    login: "Moderator login",
    username: "User name",
    password: "Password",
    log_in: "Log in",
    log_out: "Log out",
    login_failed: "Wrong user name or password.",
    queue: "Queue",
    queue_empty: "The queue is empty: no comment is waiting.",
    approve: "Approve",
    reject: "Reject",
    edit_and_approve: "Edit and approve",
    reason: "Reason",
    shortcuts: "Shortcuts: j / k next / previous comment, a approve, r reject, e edit",
    reader_reports: "reader reports",
    machine_decision: "Süzgeç's decision",
    audit: "Decision log",
    stats: "Statistics",
    webhooks: "Webhooks",
    event: "Event",
    endpoint: "Endpoint",
    attempts: "Attempts",
    delivered: "delivered",
    retrying: "will retry",
    given_up: "given up",
    no_deliveries: "No deliveries yet. Webhooks are turned on by [[webhooks]] in the configuration.",
    when: "When",
    who: "Who",
    what: "What",
    why: "Why",
    comment: "Comment",
    overrides_machine: "against Süzgeç's decision",
    day: "Day",
    older: "Older entries",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    rule_names: [
        "Swearing",
        "Insult",
        "Offensive language",
        "Attack on beliefs",
        "Spelling",
        "Turkish characters",
        "Capital letters",
    ],
    decision_names: ["approve", "review", "reject"],
    status_names: ["approved", "pending", "rejected"],
};
