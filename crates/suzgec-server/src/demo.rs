//! The demo article published on first start with an empty database, in Turkish and English, so
//! that a newcomer's first `suzgec serve` shows a real page. Written for Süzgeç.

use suzgec_store::{NewArticle, Store};

/// The Turkish demo article's slug.
pub const DEMO_SLUG_TR: &str = "kutuphaneler-gece-de-acik";
/// The English demo article's slug.
pub const DEMO_SLUG_EN: &str = "libraries-open-at-night";

fn articles() -> [NewArticle; 2] {
    [
        NewArticle {
            slug: DEMO_SLUG_TR.into(),
            language: "tr".into(),
            title: "Şehir kütüphaneleri sınav döneminde gece yarısına kadar açık".into(),
            summary:
                "Belediye, üniversite sınavlarına hazırlanan öğrenciler için beş kütüphanenin \
                      çalışma saatlerini uzattı. Uygulama ocak sonuna kadar sürecek."
                    .into(),
            body: "Belediyenin dün yaptığı açıklamaya göre şehir merkezindeki beş kütüphane, \
                   pazartesiden itibaren hafta içi her gün saat 24.00'e kadar açık kalacak. \
                   Okuma salonlarında toplam 1.200 kişilik yer bulunuyor.\n\n\
                   Kütüphanelerde gece saatlerinde ücretsiz çay ve internet hizmeti verilecek. \
                   Son otobüs seferleri de kütüphanelerin kapanış saatine göre düzenlendi.\n\n\
                   Kütüphaneler Müdürü Elif Şahin, geçen yıl sınav döneminde salonların akşam \
                   saatlerinde dolduğunu ve pek çok öğrencinin kapıda beklediğini söyledi: \
                   \"Öğrencilerimizin sessiz ve güvenli bir çalışma ortamına ihtiyacı var. \
                   Talep sürerse uygulamayı kalıcı hale getirmeyi düşünüyoruz.\"\n\n\
                   Okurlarımızın görüşlerini aşağıdaki yorum bölümünde bekliyoruz."
                .into(),
            source: "Süzgeç tanıtım haberi".into(),
            translation_slug: Some(DEMO_SLUG_EN.into()),
            canonical_url: None,
        },
        NewArticle {
            slug: DEMO_SLUG_EN.into(),
            language: "en".into(),
            title: "City libraries stay open until midnight during exam season".into(),
            summary: "The municipality has extended the opening hours of five libraries for \
                      students preparing for university entrance exams. The scheme runs until \
                      the end of January."
                .into(),
            body: "According to a statement from the municipality yesterday, five libraries in \
                   the city centre will stay open until midnight every weekday from Monday. \
                   Their reading rooms have seats for 1,200 people in all.\n\n\
                   Free tea and internet access will be offered in the evening hours, and the \
                   last bus services have been moved to match the libraries' closing time.\n\n\
                   Elif Şahin, head of the city's libraries, said that during last year's exam \
                   season the reading rooms filled up in the evenings and many students waited \
                   at the door: \"Our students need a quiet and safe place to study. If the \
                   demand continues, we will consider making this permanent.\"\n\n\
                   We look forward to our readers' views in the comments below."
                .into(),
            source: "Süzgeç demo article".into(),
            translation_slug: Some(DEMO_SLUG_TR.into()),
            canonical_url: None,
        },
    ]
}

/// Publishes the demo articles when the database has no article at all. Several instances
/// starting at once may race: a slug that already exists is not an error.
pub async fn publish_if_empty(store: &Store) -> Result<(), suzgec_store::Error> {
    if !store.articles().await?.is_empty() {
        return Ok(());
    }
    // The English one first, so that the Turkish one is the newest and heads the front page.
    for article in articles().into_iter().rev() {
        match store.create_article(&article).await {
            Ok(_) | Err(suzgec_store::Error::Conflict(_)) => {}
            Err(other) => return Err(other),
        }
    }
    tracing::info!("published the demo articles");
    Ok(())
}
