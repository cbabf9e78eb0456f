"""Training sentences for the encoder's group-hate and counter-speech heads (issue 15, item 4).

    python3 scripts/encoder/hate_training.py            # writes data/abuse/hate_training.jsonl

Writes short comments, Turkish first (about two thirds) and English second, each with:
`text`, `lang` (`tr`/`en`), `label_group_hate` (1: hate against a protected group: an ethnicity,
nationality, religion or its believers, sex, LGBT people, disabled people, refugees or immigrants),
`label_counter_speech` (1: the comment quotes or reports such hate in order to condemn it), `kind`
(the family of the template) and `template` (its id, so that validation can hold whole templates out).

Every template and word list here was written for this file. None comes from the project's functional
suite (`scripts/functional/generate.py`, `data/abuse/functional/`), nor from HateCheck, Multilingual
HateCheck or HatemojiCheck, which stay outside training. Hard negatives are most of the file: neutral
and friendly mentions of the same groups, criticism of institutions and policies, counter-speech,
negated hate, insults aimed at non-protected groups (party supporters, football fans, professions),
insults to one person, swearing at no one, and faith talk. A share of the texts is lower-cased without
punctuation, or typed without Turkish letters, as comments often are.

Deterministic (seed 15), Python 3 standard library only. Licence: as the project (MIT OR Apache-2.0).
"""

import json
import os
import random
import re
import sys

SEED = 15
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "data", "abuse", "hate_training.jsonl")

# ---------------------------------------------------------------------------------------------
# Turkish. Each group: kind, nominative plural, accusative, dative, genitive, ablative, the word
# before a noun ("Kürt komşum", "engelli bir çocuk").
# ---------------------------------------------------------------------------------------------

TR_GROUPS = [
    ("eth", "Kürtler", "Kürtleri", "Kürtlere", "Kürtlerin", "Kürtlerden", "Kürt"),
    ("mig", "Suriyeliler", "Suriyelileri", "Suriyelilere", "Suriyelilerin", "Suriyelilerden", "Suriyeli"),
    ("rel", "Aleviler", "Alevileri", "Alevilere", "Alevilerin", "Alevilerden", "Alevi"),
    ("eth", "Ermeniler", "Ermenileri", "Ermenilere", "Ermenilerin", "Ermenilerden", "Ermeni"),
    ("sex", "kadınlar", "kadınları", "kadınlara", "kadınların", "kadınlardan", "kadın"),
    ("lgbt", "eşcinseller", "eşcinselleri", "eşcinsellere", "eşcinsellerin", "eşcinsellerden", "eşcinsel"),
    ("dis", "engelliler", "engellileri", "engellilere", "engellilerin", "engellilerden", "engelli"),
    ("mig", "göçmenler", "göçmenleri", "göçmenlere", "göçmenlerin", "göçmenlerden", "göçmen"),
    ("rel", "Yahudiler", "Yahudileri", "Yahudilere", "Yahudilerin", "Yahudilerden", "Yahudi"),
    ("rel", "ateistler", "ateistleri", "ateistlere", "ateistlerin", "ateistlerden", "ateist"),
    ("rel", "Hristiyanlar", "Hristiyanları", "Hristiyanlara", "Hristiyanların", "Hristiyanlardan", "Hristiyan"),
    ("rel", "Müslümanlar", "Müslümanları", "Müslümanlara", "Müslümanların", "Müslümanlardan", "Müslüman"),
    ("eth", "Romanlar", "Romanları", "Romanlara", "Romanların", "Romanlardan", "Roman"),
    ("mig", "Afganlar", "Afganları", "Afganlara", "Afganların", "Afganlardan", "Afgan"),
    ("eth", "Araplar", "Arapları", "Araplara", "Arapların", "Araplardan", "Arap"),
    ("eth", "Rumlar", "Rumları", "Rumlara", "Rumların", "Rumlardan", "Rum"),
    ("lgbt", "trans bireyler", "trans bireyleri", "trans bireylere", "trans bireylerin", "trans bireylerden", "trans"),
    ("mig", "sığınmacılar", "sığınmacıları", "sığınmacılara", "sığınmacıların", "sığınmacılardan", "sığınmacı"),
    ("eth", "Afrikalılar", "Afrikalıları", "Afrikalılara", "Afrikalıların", "Afrikalılardan", "Afrikalı"),
    ("eth", "Lazlar", "Lazları", "Lazlara", "Lazların", "Lazlardan", "Laz"),
    ("eth", "Çerkesler", "Çerkesleri", "Çerkeslere", "Çerkeslerin", "Çerkeslerden", "Çerkes"),
    ("rel", "Yezidiler", "Yezidileri", "Yezidilere", "Yezidilerin", "Yezidilerden", "Yezidi"),
    ("rel", "Sünniler", "Sünnileri", "Sünnilere", "Sünnilerin", "Sünnilerden", "Sünni"),
    ("eth", "Gürcüler", "Gürcüleri", "Gürcülere", "Gürcülerin", "Gürcülerden", "Gürcü"),
    ("mig", "Iraklılar", "Iraklıları", "Iraklılara", "Iraklıların", "Iraklılardan", "Iraklı"),
    ("mig", "Pakistanlılar", "Pakistanlıları", "Pakistanlılara", "Pakistanlıların", "Pakistanlılardan", "Pakistanlı"),
    ("lgbt", "lezbiyenler", "lezbiyenleri", "lezbiyenlere", "lezbiyenlerin", "lezbiyenlerden", "lezbiyen"),
    ("lgbt", "LGBT bireyler", "LGBT bireyleri", "LGBT bireylere", "LGBT bireylerin", "LGBT bireylerden", "LGBT"),
    ("dis", "görme engelliler", "görme engellileri", "görme engellilere", "görme engellilerin", "görme engellilerden", "görme engelli"),
    ("mig", "mülteciler", "mültecileri", "mültecilere", "mültecilerin", "mültecilerden", "mülteci"),
    ("eth", "Türkmenler", "Türkmenleri", "Türkmenlere", "Türkmenlerin", "Türkmenlerden", "Türkmen"),
    ("rel", "Şiiler", "Şiileri", "Şiilere", "Şiilerin", "Şiilerden", "Şii"),
]

# Not protected: party supporters, football fans, professions, office holders.
TR_OTHERS = [
    ("Fenerbahçeliler", "Fenerbahçelileri", "Fenerbahçelilere", "Fenerbahçelilerin", "Fenerbahçelilerden", "Fenerbahçeli"),
    ("Galatasaraylılar", "Galatasaraylıları", "Galatasaraylılara", "Galatasaraylıların", "Galatasaraylılardan", "Galatasaraylı"),
    ("Beşiktaşlılar", "Beşiktaşlıları", "Beşiktaşlılara", "Beşiktaşlıların", "Beşiktaşlılardan", "Beşiktaşlı"),
    ("Trabzonsporlular", "Trabzonsporluları", "Trabzonsporlulara", "Trabzonsporluların", "Trabzonsporlulardan", "Trabzonsporlu"),
    ("AKP'liler", "AKP'lileri", "AKP'lilere", "AKP'lilerin", "AKP'lilerden", "AKP'li"),
    ("CHP'liler", "CHP'lileri", "CHP'lilere", "CHP'lilerin", "CHP'lilerden", "CHP'li"),
    ("MHP'liler", "MHP'lileri", "MHP'lilere", "MHP'lilerin", "MHP'lilerden", "MHP'li"),
    ("İYİ Partililer", "İYİ Partilileri", "İYİ Partililere", "İYİ Partililerin", "İYİ Partililerden", "İYİ Partili"),
    ("milletvekilleri", "milletvekillerini", "milletvekillerine", "milletvekillerinin", "milletvekillerinden", "milletvekili"),
    ("hakemler", "hakemleri", "hakemlere", "hakemlerin", "hakemlerden", "hakem"),
    ("bürokratlar", "bürokratları", "bürokratlara", "bürokratların", "bürokratlardan", "bürokrat"),
    ("belediye başkanları", "belediye başkanlarını", "belediye başkanlarına", "belediye başkanlarının", "belediye başkanlarından", "belediye başkanı"),
    ("ev sahipleri", "ev sahiplerini", "ev sahiplerine", "ev sahiplerinin", "ev sahiplerinden", "ev sahibi"),
    ("bankacılar", "bankacıları", "bankacılara", "bankacıların", "bankacılardan", "bankacı"),
    ("fenomenler", "fenomenleri", "fenomenlere", "fenomenlerin", "fenomenlerden", "fenomen"),
    ("taksiciler", "taksicileri", "taksicilere", "taksicilerin", "taksicilerden", "taksici"),
    ("trol hesaplar", "trol hesapları", "trol hesaplara", "trol hesapların", "trol hesaplardan", "trol"),
    ("müteahhitler", "müteahhitleri", "müteahhitlere", "müteahhitlerin", "müteahhitlerden", "müteahhit"),
    ("kulüp yöneticileri", "kulüp yöneticilerini", "kulüp yöneticilerine", "kulüp yöneticilerinin", "kulüp yöneticilerinden", "kulüp yöneticisi"),
    ("yandaş gazeteciler", "yandaş gazetecileri", "yandaş gazetecilere", "yandaş gazetecilerin", "yandaş gazetecilerden", "yandaş gazeteci"),
]

TR_BAD = [
    "aşağılık", "iğrenç", "sinsi", "hain", "asalak", "işe yaramaz", "ahlaksız", "tembel", "pis",
    "yalancı", "hırsız", "barbar", "ilkel", "kokuşmuş", "beyinsiz", "kafasız", "değersiz", "karaktersiz",
    "adi", "sahtekâr", "şerefsiz", "cahil", "terbiyesiz", "yüz karası",
]
TR_VERMIN = [
    "bit", "fare", "çekirge", "mikrop", "virüs", "hamamböceği", "kene", "sülük", "leş kargası", "çakal",
]
TR_SWEAR = ["amk", "siktir", "lan", "ulan", "amına koyayım", "hassiktir", "orospu çocukları", "piçler"]
TR_HEDGE = ["", "", "", "Valla ", "Açık konuşayım, ", "Kusura bakmayın ama ", "Herkes biliyor ki ", "Bence "]
TR_TAIL = ["", "", "", " Bu kadar.", " Nokta.", " Söyleyecek başka söz yok.", " Herkes görüyor bunu.", "!!"]

# Slurs, each with the plural it takes and the kind of group it hits (used only in hateful texts).
TR_SLURS = [
    ("kürdo", "kürdolar"), ("sığıntı", "sığıntılar"), ("çıfıt", "çıfıtlar"), ("gavur", "gavurlar"),
    ("ibne", "ibneler"), ("nonoş", "nonoşlar"), ("çingene", "çingeneler"), ("mongol", "mongollar"),
    ("yobaz", "yobazlar"), ("dinsiz", "dinsizler"), ("karı", "karılar"), ("zenci", "zenciler"),
]

# Hate in a few words, to put inside quotes (condemned or endorsed). {N} nominative, {D} dative...
TR_QUOTABLE = [
    "{N} {bad}", "{N} defolsun", "{N} bu ülkeden kovulmalı", "{N} insan değil", "{A} istemiyoruz",
    "{N} {vermin} gibi", "{G} hepsi {bad}", "{D} hayat hakkı yok", "{N} ülkeyi işgal ediyor",
    "{N} zaten {bad} olur", "{A} sürün gitsin", "{G} soyu kurusun",
]

# Hateful templates: (id, kinds the template fits or None for all, text).
TR_HATE = [
    ("h01", None, "{hedge}{N} {bad} insanlar.{tail}"),
    ("h02", None, "{N} gerçekten çok {bad}, bunu yaşayan bilir."),
    ("h03", None, "Ne kadar {S} tanıdıysam hepsi {bad} çıktı."),
    ("h04", None, "{G} istisnasız hepsi {bad}.{tail}"),
    ("h05", None, "{hedge}{N} kadar {bad} bir topluluk daha görmedim."),
    ("h06", None, "{B} nefret ediyorum, {bad} hepsi."),
    ("h07", None, "{B} iğreniyorum, yanımdan bile geçmesinler."),
    ("h08", None, "{D} karşı tiksintiden başka bir şey hissetmiyorum."),
    ("h09", None, "Tek dileğim {G} bu şehirden tamamen silinmesi."),
    ("h10", None, "{N} {vermin} gibi üreyip her yeri sardı."),
    ("h11", None, "{N} bu toplumun başına çöken bir {vermin} sürüsü."),
    ("h12", None, "{N} insan sayılmaz, düpedüz {vermin}."),
    ("h13", None, "{G} yaşadığı yer ahırdan farksız, kendileri de hayvan."),
    ("h14", None, "{N} ülkeye bulaşmış bir hastalık, temizlenmesi lazım."),
    ("h15", None, "{A} toplayıp geldikleri yere postalamak lazım."),
    ("h16", None, "Bu topraklarda {D} yer yok, hepsi çıkarılmalı."),
    ("h17", None, "{N} sokağa çıkmaya korkacak hale getirilmeli."),
    ("h18", None, "{A} gördüğümüz yerde dövmeliyiz, başka dilden anlamazlar."),
    ("h19", None, "Bir gün {G} hesabını göreceğiz, bekleyin siz."),
    ("h20", None, "{N} ya bu ülkeyi terk edecek ya da sonuçlarına katlanacak."),
    ("h21", None, "{G} evlerini başlarına yıkmak gerek."),
    ("h22", None, "Ben olsam {A} tek tek sürerdim."),
    ("h23", None, "{D} ev kiralamıyorum, hepsi bela çıkarıyor."),
    ("h24", None, "İşyerime asla {S} almam, bunlar güvenilmez."),
    ("h25", None, "{S} komşu istemiyorum, bulundukları yeri kirletiyorlar."),
    ("h26", None, "Hırsızlık neden arttı sanıyorsunuz? {N} geldi, o yüzden."),
    ("h27", None, "Mahalleye {N} yerleşince huzur diye bir şey kalmadı, tesadüf mü?"),
    ("h28", None, "{N} neden bu kadar {bad}, hiç düşündünüz mü?"),
    ("h29", None, "{N} derdini daha kaç yıl çekeceğiz?"),
    ("h30", None, "Bir {S} ne zaman dürüst davrandı ki?"),
    ("h31", None, "{G} bu memlekete tek bir faydası olmadı."),
    ("h32", None, "Şerefli bir {S} bulursanız bana da gösterin."),
    ("h33", None, "{N} asla medeni insanlar olamaz."),
    ("h34", None, "Apartmana {N} taşındı. Bunlar temizlik nedir bilmez."),
    ("h35", None, "{N} mi? Onlardan adam olmaz, boşuna uğraşmayın."),
    ("h36", None, "Dedem '{q}' derdi, ne kadar haklıymış."),
    ("h37", None, "'{q}' diyen adama sonuna kadar katılıyorum."),
    ("h38", None, "{swear} {N} yüzünden bu haldeyiz."),
    ("h39", None, "{N} {swear}, hepsi defolsun bu ülkeden."),
    ("h40", None, "{swear}, {G} hepsi {bad}."),
    ("h41", ("eth", "mig"), "{N} ülkemizi işgal ediyor, uyanın artık."),
    ("h42", ("eth", "mig"), "{N} ekmeğimizi çalıyor, hepsi geri gönderilsin."),
    ("h43", ("eth", "mig"), "Sokaklar {G} eline geçti, yakında bizi kovacaklar."),
    ("h44", ("mig",), "{N} savaştan kaçmadı, bedava yaşamaya geldi."),
    ("h45", ("mig",), "Sınırı kapatın, {N} mikrop gibi akın ediyor."),
    ("h46", ("sex",), "Kadınların yeri evdir, fikir beyan etmesinler."),
    ("h47", ("sex",), "Kadından yönetici olmaz, akıl ister o iş."),
    ("h48", ("sex",), "Kadınlar aklı kıt yaratıklar, oy hakkı verilmemeliydi."),
    ("h49", ("sex",), "Kadın dediğin dövülmeden laf anlamaz."),
    ("h50", ("lgbt",), "{N} hastalıklı, zorla tedavi edilmeli."),
    ("h51", ("lgbt",), "{N} sapık, çocuklarımızdan uzak dursunlar."),
    ("h52", ("lgbt",), "{N} ahlakımızı kemiriyor, hepsi hapse atılmalı."),
    ("h53", ("dis",), "{N} topluma yük, onları beslemek zorunda değiliz."),
    ("h54", ("dis",), "{D} harcanan her kuruş israf."),
    ("h55", ("dis",), "{N} hiç doğmamalıydı, ailelerine de yazık."),
    ("h56", ("rel",), "{N} cehennemlik, hepsinin kökü kazınmalı."),
    ("h57", ("rel",), "{G} ibadethaneleri yakılmalı."),
    ("h58", ("rel",), "{G} inancı saçmalık, kendileri de beyinsiz."),
    ("h59", ("rel", "eth"), "{N} dönek soyudur, güvenmeyin."),
    ("h60", None, "{N} zaten genetik olarak {bad}."),
    ("h61", None, "Çocuklarımı {S} ailelerin çocuklarıyla aynı okula göndermem, {bad} olurlar."),
    ("h62", None, "{N} için tek çözüm var: hepsini sınır dışı etmek."),
]

TR_SLUR_T = [
    ("s01", "Şu {sp} yine ortalığı karıştırmış, bıktık."),
    ("s02", "Her yer {sp} doldu, nefes alınmıyor."),
    ("s03", "{Sp} defolsun gitsin."),
    ("s04", "Komşunun oğlu tam bir {s}, belli."),
    ("s05", "{sp} adam olmaz, boşuna uğraşmayın."),
    ("s06", "Otobüste bir {s} vardı, midem bulandı."),
]

# Counter-speech: the hate is quoted or reported to condemn it.
TR_COUNTER = [
    ("c01", "'{q}' diye yazan birini gördüm, bu kadar nefret olamaz."),
    ("c02", "Birisi haberin altına '{q}' yazmış. Utanç verici."),
    ("c03", "'{q}' diyenler önce aynaya baksın."),
    ("c04", "'{q}' cümlesini kuran milletvekili derhal özür dilemeli."),
    ("c05", "Sosyal medyada '{q}' paylaşımları dolaşıyor, bu ırkçılığa dur demeliyiz."),
    ("c06", "Videodaki adam '{q}' diye bağırdı, kimse sesini çıkarmadı. Kabul edilemez."),
    ("c07", "{D} '{bad}' demek düpedüz nefret söylemidir."),
    ("c08", "{G} {bad} olduğunu iddia etmek cehaletten başka bir şey değil."),
    ("c09", "'{N} {bad}' lafını duymaktan bıktım, bu önyargıyı bırakın artık."),
    ("c10", "Okulda çocuğuma '{q}' demişler, öğretmen sessiz kalmış. Rezalet!"),
    ("c11", "{D} yönelik nefret söylemine karşı imza kampanyası başlattık, destek olun."),
    ("c12", "{D} '{vermin}' diyen hesapları şikâyet ettim, siz de edin."),
    ("c13", "Dün {D} yönelik saldırıyı şiddetle kınıyorum."),
    ("c14", "{G} evlerinin taşlanması bir nefret suçudur, failler cezalandırılmalı."),
    ("c15", "Yorumlarda '{q}' yazanlara bakınca bu ülke adına utanıyorum."),
    ("c16", "Taksici '{q}' deyince arabadan indim, böyle bir zihniyete para vermem."),
    ("c17", "'{q}' pankartını açanlar hakkında soruşturma açılmalı."),
    ("c18", "Annem bile '{q}' diyebiliyor, bu önyargılar nesilden nesile geçiyor, üzülüyorum."),
    ("c19", "Bir köşe yazarı {A} '{vermin}' diye andı; bu dil insanları öldürür."),
    ("c20", "{D} '{q}' diye saldıranlar yakalandı, umarım hak ettikleri cezayı alırlar."),
    ("c21", "Lütfen '{q}' gibi sözleri paylaşmayın, nefreti büyütüyorsunuz."),
    ("c22", "Maçta tribünden '{q}' tezahüratı yapıldı. Federasyon neden susuyor?"),
]

# Plain negation of hate (not counter-speech in the narrow sense).
TR_NEGATED = [
    ("n01", "{N} {bad} değil, herkes gibi geçinmeye çalışıyor."),
    ("n02", "{G} {bad} olduğunu hiç düşünmedim."),
    ("n03", "Bir insanın {S} olması onu kötü biri yapmaz."),
    ("n04", "{D} düşman gözüyle bakmak yanlış."),
    ("n05", "{A} toptan suçlamak kolay ama gerçek bu değil."),
    ("n06", "{N} bize zarar vermiyor, aksine çok katkıları var."),
    ("n07", "Kimse {D} '{vermin}' diyemez, hepimiz insanız."),
    ("n08", "{G} hepsinin aynı olduğunu sanmıyorum."),
]

TR_NEUTRAL = [
    ("u01", "{G} çoğu büyük şehirlerde yaşıyor."),
    ("u02", "{G} tarihi üzerine yeni bir kitap çıktı, tavsiye ederim."),
    ("u03", "Mahallede {N} ve diğer komşular birlikte iftar yaptı."),
    ("u04", "Üniversitede {S} bir arkadaşım var, yarın beraber ders çalışacağız."),
    ("u05", "{D} yönelik yeni bir istihdam programı açıklandı."),
    ("u06", "Belgeselde {G} gelenekleri anlatılıyordu."),
    ("u07", "Nüfus verilerine göre {G} sayısı geçen yıla göre arttı."),
    ("u08", "{S} bir aile yan daireye taşındı, tanışmaya gittik."),
    ("u09", "Habere göre {N} bu yıl ilk kez kendi derneklerini kurdu."),
    ("u10", "{D} dair anket sonuçları yarın yayımlanacak."),
    ("u11", "Konferansta {G} eğitime erişimi konuşuldu."),
    ("u12", "{B} biriyle evlenen kuzenim çok mutlu."),
    ("u13", "{N} hakkında yazılan tezi okudum, ilginç veriler var."),
    ("u14", "Kentteki {G} dernek başkanı bugün basın açıklaması yaptı."),
]

TR_POSITIVE = [
    ("p01", "{N} da bu ülkenin eşit vatandaşları."),
    ("p02", "{G} kültürü çok zengin, öğrenecek çok şeyimiz var."),
    ("p03", "{D} selam olsun, iyi ki varsınız."),
    ("p04", "{S} komşularımız çok yardımsever insanlar."),
    ("p05", "{G} haklarını savunmak hepimizin görevi."),
    ("p06", "İşyerimdeki {S} arkadaşlarım en çalışkanlarımız."),
    ("p07", "{N} bu şehre çok güzel renk kattı."),
    ("p08", "{A} tanıdıkça önyargılarımın ne kadar boş olduğunu gördüm."),
]

TR_CRITICISM = [
    "Göç politikası tamamen çöktü, hükümet plansız davrandı.",
    "Diyanet'in bütçesi bu kadar yüksek olmamalı.",
    "Diyanet'e ayrılan para hastanelere harcansa daha iyi olurdu.",
    "Sınır kontrolleri daha sıkı olmalı, kaçak geçişler denetlenmiyor.",
    "Geri kabul anlaşması Avrupa'yla pazarlıkta kötü yönetildi.",
    "Göç İdaresi'nin randevu sistemi berbat, aylarca bekletiyorlar.",
    "Kayyum atamaları demokrasiye aykırı.",
    "Vakıfların vergi muafiyeti yeniden düzenlenmeli.",
    "Zorunlu din dersi kaldırılmalı, laik eğitim şart.",
    "Belediye yardımları dağıtırken torpil yapıyor.",
    "İçişleri Bakanlığı göç rakamlarını şeffaf açıklamıyor.",
    "Geçici koruma statüsü yıllardır geçici değil, yasa değişmeli.",
    "Kiralar uçtu, konut planlamasında ciddi bir başarısızlık var.",
    "RTÜK cezaları keyfi veriliyor.",
    "YÖK'ün yeni yönetmeliği öğrencileri mağdur ediyor.",
    "Tarikatlara verilen yurt ihaleleri soruşturulmalı.",
    "Hükümet mülteci krizini yanlış yönetti, faturası vatandaşa kesildi.",
    "Avrupa Birliği'nin göç fonu adil dağıtılmıyor.",
    "Cemevlerinin ibadethane sayılmaması haksızlık, yasa düzeltilmeli.",
    "Bakanlığın engelli istihdam kotası uygulanmıyor, denetim yok.",
    "Kadına şiddetle mücadelede yargı çok yavaş işliyor.",
    "Kaçak işçi çalıştıran firmalara ceza kesilmeli, işçilere değil.",
    "Vatandaşlık satışı politikası yanlış, bu kapı kapatılmalı.",
    "Diyanet'in hutbeleri siyasete alet ediliyor, bu doğru değil.",
    "Sınır kentlerindeki belediyelere yeterli kaynak aktarılmıyor.",
    "Mülteci kamplarındaki koşullar denetlenmiyor.",
]
TR_INST = ["Göç İdaresi", "Diyanet", "İçişleri Bakanlığı", "belediye", "RTÜK", "YÖK", "Sağlık Bakanlığı",
           "hükümet", "muhalefet", "valilik", "Milli Eğitim", "federasyon", "Meclis", "kulüp yönetimi"]
TR_INST_CRIT = [
    "bu konuda sınıfta kaldı", "bütçeyi çarçur ediyor", "hiç şeffaf davranmıyor", "vatandaşı dinlemiyor",
    "tam bir beceriksizlik örneği sergiledi", "verdiği sözleri tutmadı", "yine yanlış karar verdi",
    "tamamen istifa etmeli", "kendi adamlarını kayırıyor", "sorumluluktan kaçıyor",
]

TR_INDIVIDUAL = [
    "Bu yazar tam bir {bad}, kalemi kırılsın.", "Hakem maçı sattı, {bad} herif.", "Sen ne anlarsın {bad} adam.",
    "Muhabir {bad} bir yalancı, haberi çarpıtmış.", "Bu yorumu yazan kesin {bad} biri.",
    "Bakan yine {bad} bir açıklama yaptı, {bad} adam.", "Komşum tam bir {bad}, arabasını kapıya park etmiş.",
    "Patronum {bad} bir herif, maaşları yatırmadı.", "Senin gibi {bad} birini ilk kez görüyorum.",
]
TR_OTHER_HATE = [
    ("o01", "{hedge}{N} {bad} insanlar.{tail}"),
    ("o02", "{G} istisnasız hepsi {bad}."),
    ("o03", "{N} {vermin} gibi her yere doluştu."),
    ("o04", "{B} nefret ediyorum, {bad} hepsi."),
    ("o05", "{N} {swear}, hepsi {bad}."),
    ("o06", "Ne kadar {S} tanıdıysam hepsi {bad} çıktı."),
    ("o07", "{N} neden bu kadar {bad}, hiç düşündünüz mü?"),
    ("o08", "{A} görünce midem bulanıyor, {bad} takımı."),
    ("o09", "{G} hepsi istifa etsin, {bad} hepsi."),
    ("o10", "{N} bu ülkenin başına bela oldu."),
]
TR_SWEAR_ONLY = [
    "Amk yine yağmur yağdı, sırılsıklam oldum.", "Siktir et, yarın hallederiz.",
    "Lan bu maç ne biçim bitti, inanamıyorum.", "Hassiktir, anahtarı evde unuttum.",
    "Amına koyayım bu trafiğin, iki saattir yoldayım.", "Ulan ne güzel gol attı be!",
    "Bu zam ne lan, maaş yetmiyor.", "Amk internet yine koptu.",
]
TR_FAITH = [
    "Bu akşam camide teravih kılacağız, herkesi bekleriz.", "Kilisede Noel ayinine katıldık, çok huzurluydu.",
    "Cemevinde semah izledik, çok etkilendim.", "Kuran'dan bir sure okudum, içim rahatladı.",
    "Ateist arkadaşımla din üzerine uzun bir sohbet yaptık.", "Paskalya'yı kutlayan Hristiyan komşularıma iyi bayramlar.",
    "Hanuka'da Yahudi dostlarımızla mum yaktık.", "Muharrem orucumuzu bu akşam açıyoruz.",
    "Hacdan dönen teyzemi ziyarete gittik.", "Dua etmek bana güç veriyor.",
    "Aşure dağıttık, bütün komşular çok sevindi.", "Pazar ayininden sonra kahvaltı yaptık.",
    "Namaz vakitlerini gösteren uygulama güncellendi.", "Ramazan'da sokaklar bir başka güzel oluyor.",
]


# ---------------------------------------------------------------------------------------------
# Second batch (meaning without hostile words). Written later, drawn from their own random stream
# (SEED + 1) so that the texts above stay as they were. Hate that says what it says through
# stereotype, negated praise, a question, an endorsed quotation or a veiled threat; and, against it,
# the same shapes without hate: plain statements and questions about the groups, and news reports
# of hate in many reporting verbs. Five templates written for this batch were dropped before any
# training because they turned out to be close to templates of the functional suite's test part
# (a place that declines wherever the group settles, crime following the group, never having met an
# honest one): training on them would have made that part a measure of memory.
# ---------------------------------------------------------------------------------------------

TR_HATE_2 = [
    ("m02", None, "{N} çalışmayı sevmez, devletten ne gelirse onu bekler."),
    ("m03", None, "{G} çoğaldığı mahallede akşam sokağa çıkamazsın."),
    ("m04", None, "{S} birine borç verirsen paranı unut."),
    ("m05", None, "Kapıya bir {S} gelirse çantanızı içeri alın, sonra demedi demeyin."),
    ("m06", None, "{N} on yıl burada yaşar, bir kelime Türkçe öğrenmez, öğrenmek de istemez."),
    ("m07", None, "{N} asla bu toplumun parçası olamaz, kanlarında yok."),
    ("m08", None, "{N} vergi vermez ama her yardımı ilk onlar kapar."),
    ("m09", None, "{N} bize benzemez, ayrı mahallelerde otursunlar daha iyi."),
    ("m10", None, "Otobüse bir {S} binince ben inerim, risk almam."),
    ("m12", None, "{N} çocuk yapmaktan başka bir şey bilmez, yakında sayıca bizi geçecekler."),
    ("m13", None, "{G} aklı fikri paradadır, kimseyi kayırmazlar."),
    ("m14", None, "{N} işe alınınca iş yerinin havası bozuluyor, tecrübeyle sabit."),
    ("m15", None, "{N} bir kez olsun dürüst davranmadı."),
    ("m16", None, "{G} bu ülkeye kattığı tek bir güzel şey yok."),
    ("m17", None, "{N} hiçbir zaman bizim kadar çalışkan olamaz."),
    ("m18", None, "{S} bir doktora asla güvenmem."),
    ("m19", None, "{N} sözünde durmayı bilmez."),
    ("m20", None, "{G} elinden hayırlı bir iş çıkmaz."),
    ("m21", None, "{D} emanet bırakılmaz, bunu acı tecrübeyle öğrendim."),
    ("m22", None, "{N} temiz insanlar değil, yakından tanıyan bilir."),
    ("m23", None, "{N} neden hep bedavaya yaşıyor, kimse sormuyor mu?"),
    ("m24", None, "{G} bu ülkeye ne faydası var ki?"),
    ("m25", None, "{A} neden hâlâ burada barındırıyoruz?"),
    ("m26", None, "{N} gerçekten bizim gibi insan mı, ben emin değilim."),
    ("m27", None, "{S} biri neden öğretmen olsun ki, çocuklarımıza ne öğretecek?"),
    ("m28", None, "{D} oy hakkı vermek sizce akıl kârı mı?"),
    ("m29", None, "Babam hep '{q}' derdi, yıllar geçtikçe ne demek istediğini anlıyorum."),
    ("m30", None, "'{q}' Bunu söyleyen adamı alnından öperim."),
    ("m31", None, "'{q}' Doğru söze ne denir."),
    ("m32", None, "Arkadaşım '{q}' dedi, haksız mı?"),
    ("m33", None, "'{q}' yazan hesaba bin kez katılıyorum."),
    ("m34", None, "{A} bu şehirde rahat yaşatmayacağız."),
    ("m35", None, "{G} dükkânlarını tek tek kapattıracağız, görürsünüz."),
    ("m36", None, "{N} buraya bir daha adım atarsa sonuçlarına katlanır."),
    ("m37", None, "{G} evlerini tek tek işaretleyin, gereğini yaparız."),
    ("m38", None, "{N} için en iyisi kendi istekleriyle gitmeleri, yoksa zorla gidecekler."),
    ("m39", None, "{D} unutamayacakları bir ders verilmeli."),
    ("m40", None, "{N} burada kalırsa başlarına gelecekleri kendileri bilir."),
    ("m41", None, "{G} sesini kısmanın zamanı geldi de geçiyor."),
    ("m42", None, "{N} bize ait değil, hiçbir zaman da olmayacak."),
    ("m43", ("sex",), "Kadınlar direksiyona geçince trafik kilitleniyor, ehliyet vermesinler."),
    ("m44", ("sex",), "Kadının sözüyle iş kurulmaz, duygusal karar verirler."),
    ("m45", ("sex",), "Kadınlar matematikten anlamaz, mühendis olup ne yapacaklar?"),
    ("m46", ("sex",), "Kadın milleti patron olunca iş yeri karışır."),
    ("m47", ("lgbt",), "{N} çocuklarımızın gözü önünde dolaşmasın, özendiriyorlar."),
    ("m48", ("lgbt",), "{N} normal değil, bunu söylemek suç olmamalı."),
    ("m49", ("dis",), "{N} iş yerinde sadece ayak bağı olur."),
    ("m50", ("rel",), "{G} yemeğini yeme, ne kattıkları belli olmaz."),
    ("m51", ("rel",), "{N} ne zaman bir hayır işi yaptı ki?"),
    ("m52", ("mig",), "{N} geldi geleli sokaklarda yabancı gibi hissediyorum, bu şehir artık bizim değil."),
]

TR_NOT_HATE_2 = [
    ("neutral", "v01", "{N} bu yıl bayramı memleketlerinde geçirdi."),
    ("neutral", "v02", "{G} çoğu tarımla geçiniyor, hasat dönemi yoğun geçiyor."),
    ("neutral", "v03", "{N} de vergi ödüyor, hastanelerden de yararlanıyor."),
    ("neutral", "v04", "{S} öğrenciler burs için yarına kadar başvurabilir."),
    ("neutral", "v05", "{N} hangi mahallelerde yaşıyor, bununla ilgili bir harita var mı?"),
    ("neutral", "v06", "{G} nüfusu hakkında güvenilir bir kaynak biliyor musunuz?"),
    ("neutral", "v07", "{S} bir yazarın romanını okuyorum, çok sürükleyici."),
    ("neutral", "v08", "{N} neden göç etmek zorunda kaldı, belgesel bunu anlatıyor."),
    ("neutral", "v09", "{S} mahalle sakinleri yeni parkın açılışına katıldı."),
    ("neutral", "v10", "{N} çalışma izni alırken hangi belgeleri veriyor?"),
    ("neutral", "v11", "{G} düğünleri hakkında bir fotoğraf sergisi açılmış."),
    ("neutral", "v12", "{N} kendi dillerinde eğitim almak istiyor, bu konu mecliste tartışılıyor."),
    ("neutral", "v13", "{S} bir aşçının restoranında yedik, yemekler harikaydı."),
    ("neutral", "v14", "{N} hakkındaki önyargılar üzerine yapılan araştırmayı okudunuz mu?"),
    ("neutral", "v15", "{N} neden hep haberlerde, ne oluyor bilen var mı?"),
    ("neutral", "v16", "{D} yapılan yardımlar bu ay iki katına çıktı."),
    ("news", "r01", "Valilik, {D} yönelik saldırıyla ilgili üç kişinin gözaltına alındığını duyurdu."),
    ("news", "r02", "Mahkeme, {A} '{bad}' diye niteleyen sanığa para cezası verdi."),
    ("news", "r03", "Polis, sosyal medyada {D} tehdit içeren mesajlar paylaşan kişiyi yakaladı."),
    ("news", "r04", "Bakanlık, {G} yaşadığı bölgedeki olayların araştırılacağını bildirdi."),
    ("news", "r05", "Savcılık, '{q}' sloganı atılan yürüyüşle ilgili soruşturma başlattı."),
    ("news", "r06", "Rapora göre geçen yıl {D} yönelik nefret suçları yüzde 20 arttı."),
    ("news", "r07", "Gazeteci, {A} hedef alan paylaşımların arkasındaki hesapları ortaya çıkardı."),
    ("news", "r08", "Haberde, {G} oturduğu evlerin duvarlarına tehdit yazıları yazıldığı aktarıldı."),
    ("news", "r09", "Bir grup, miting sırasında '{q}' diye slogan attı; emniyet inceleme başlattı."),
    ("news", "r10", "Belediye başkanı, {D} yönelik afişleri toplattığını açıkladı."),
    ("news", "r11", "Tanıklar, saldırganın '{q}' diye bağırdığını anlattı."),
    ("news", "r12", "Dernek, {A} '{vermin}' olarak gösteren karikatür için suç duyurusunda bulundu."),
    ("news", "r13", "Araştırmaya katılanların yüzde 30'u {G} komşu olmasını istemediğini söyledi."),
    ("news", "r14", "Milletvekilinin '{q}' sözlerine tepkiler büyüyor."),
    ("counter", "r15", "'{q}' diye düşünenler tarih kitaplarını bir kez daha okusun."),
    ("counter", "r16", "Annemin '{q}' demesine çok kızdım, tartıştık."),
    ("counter", "r17", "'{q}' demek ırkçılıktır, bunun adını koyalım."),
    ("counter", "r18", "Hâlâ '{q}' diyebilen insanlar var, inanamıyorum."),
]


def tr_cap(s):
    if not s:
        return s
    first = {"i": "İ", "ı": "I"}.get(s[0], s[0].upper())
    return first + s[1:]


def tr_lower(s):
    return s.replace("I", "ı").replace("İ", "i").lower()


ASCII = str.maketrans("çğıöşüÇĞİÖŞÜâ", "cgiosuCGIOSUa")


def fill(template, forms, rng, quotable=None, slur=None):
    N, A, D, G, B, S = forms
    values = {
        "N": N, "A": A, "D": D, "G": G, "B": B, "S": S,
        "bad": rng.choice(TR_BAD), "vermin": rng.choice(TR_VERMIN), "swear": rng.choice(TR_SWEAR),
        "hedge": rng.choice(TR_HEDGE), "tail": rng.choice(TR_TAIL),
    }
    if quotable is not None:
        values["q"] = quotable
    if slur is not None:
        values["s"], values["sp"], values["Sp"] = slur[0], slur[1], tr_cap(slur[1])
    text = template.format(**values)
    # Capitalise the sentence start, and the first letter after a hedge.
    return tr_cap(re.sub(r"\s+", " ", text).strip())


def quote_tr(forms, rng):
    return fill(rng.choice(TR_QUOTABLE), forms, rng)


def variant(text, rng, lang):
    """Most texts as written; some lower-cased without punctuation, some without Turkish letters."""
    r = rng.random()
    if r < 0.12:
        text = re.sub(r"[.,!?;:]", "", tr_lower(text) if lang == "tr" else text.lower())
    elif r < 0.18 and lang == "tr":
        text = text.translate(ASCII)
    return text


def adder(rows, rng, lang):
    """A function that appends one text of `lang` to `rows`, as written or as a typing variant."""

    def add(text, hate, counter, kind, template):
        rows.append(dict(text=variant(text, rng, lang), lang=lang, label_group_hate=hate,
                         label_counter_speech=counter, kind=kind, template=f"{lang}-{template}"))

    return add


def turkish(rng):
    rows = []
    add = adder(rows, rng, "tr")

    for tid, kinds, t in TR_HATE:
        pool = [g for g in TR_GROUPS if kinds is None or g[0] in kinds]
        if kinds == ("sex",):
            n = 10  # the template names its group itself
        else:
            n = 14 if kinds is None else 12
        for _ in range(n):
            g = rng.choice(pool)
            add(fill(t, g[1:], rng, quotable=quote_tr(g[1:], rng)), 1, 0, "hate", tid)
    for sid, t in TR_SLUR_T:
        for slur in TR_SLURS:
            if rng.random() < 0.7:
                add(fill(t, TR_GROUPS[0][1:], rng, slur=slur), 1, 0, "slur", sid)
    for cid, t in TR_COUNTER:
        for _ in range(14):
            g = rng.choice(TR_GROUPS)
            add(fill(t, g[1:], rng, quotable=quote_tr(g[1:], rng)), 0, 1, "counter", cid)
    for nid, t in TR_NEGATED:
        for _ in range(14):
            g = rng.choice(TR_GROUPS)
            add(fill(t, g[1:], rng), 0, 0, "negated", nid)
    for uid, t in TR_NEUTRAL:
        for _ in range(12):
            g = rng.choice(TR_GROUPS)
            add(fill(t, g[1:], rng), 0, 0, "neutral", uid)
    for pid, t in TR_POSITIVE:
        for _ in range(12):
            g = rng.choice(TR_GROUPS)
            add(fill(t, g[1:], rng), 0, 0, "positive", pid)
    for i, t in enumerate(TR_CRITICISM):
        add(t, 0, 0, "criticism", f"k{i:02d}")
    for _ in range(90):
        inst, crit = rng.choice(TR_INST), rng.choice(TR_INST_CRIT)
        add(tr_cap(f"{inst} {crit}."), 0, 0, "criticism", "k-inst")
    for oid, t in TR_OTHER_HATE:
        for _ in range(16):
            g = rng.choice(TR_OTHERS)
            # Quoting the group itself is never needed here.
            add(fill(t, g, rng), 0, 0, "nonprotected", oid)
    for i, t in enumerate(TR_INDIVIDUAL):
        for _ in range(6):
            add(fill(t, TR_OTHERS[0], rng), 0, 0, "individual", f"i{i:02d}")
    for i, t in enumerate(TR_SWEAR_ONLY):
        add(t, 0, 0, "swearing", f"w{i:02d}")
    for i, t in enumerate(TR_FAITH):
        add(t, 0, 0, "faith", f"f{i:02d}")
    return rows


def turkish_2(rng):
    """The second batch of Turkish texts."""
    rows = []
    add = adder(rows, rng, "tr")

    for tid, kinds, t in TR_HATE_2:
        pool = [g for g in TR_GROUPS if kinds is None or g[0] in kinds]
        for _ in range(4 if kinds == ("sex",) else 10):
            g = rng.choice(pool)
            add(fill(t, g[1:], rng, quotable=quote_tr(g[1:], rng)), 1, 0, "hate", tid)
    for kind, tid, t in TR_NOT_HATE_2:
        for _ in range(10):
            g = rng.choice(TR_GROUPS)
            add(fill(t, g[1:], rng, quotable=quote_tr(g[1:], rng)), 0, int(kind == "counter"), kind, tid)
    return rows


# ---------------------------------------------------------------------------------------------
# English. Each group: kind, plural noun, the word before a noun.
# ---------------------------------------------------------------------------------------------

EN_GROUPS = [
    ("rel", "Muslims", "Muslim"), ("rel", "Jews", "Jewish"), ("eth", "Black people", "Black"),
    ("mig", "immigrants", "immigrant"), ("mig", "refugees", "refugee"), ("sex", "women", "female"),
    ("lgbt", "gay people", "gay"), ("lgbt", "trans people", "trans"), ("dis", "disabled people", "disabled"),
    ("eth", "Mexicans", "Mexican"), ("eth", "Roma", "Roma"), ("rel", "Christians", "Christian"),
    ("rel", "atheists", "atheist"), ("eth", "Asians", "Asian"), ("eth", "Arabs", "Arab"),
    ("rel", "Hindus", "Hindu"), ("rel", "Sikhs", "Sikh"), ("mig", "Somalis", "Somali"),
    ("eth", "Pakistanis", "Pakistani"), ("lgbt", "lesbians", "lesbian"), ("eth", "Africans", "African"),
    ("mig", "asylum seekers", "asylum-seeking"), ("eth", "Turks", "Turkish"), ("eth", "Kurds", "Kurdish"),
    ("lgbt", "bisexuals", "bisexual"), ("dis", "autistic people", "autistic"),
]
EN_OTHERS = [
    ("Chelsea fans", "Chelsea"), ("Tories", "Tory"), ("Democrats", "Democrat"), ("Republicans", "Republican"),
    ("lawyers", "lawyer"), ("bankers", "banker"), ("politicians", "political"), ("referees", "referee"),
    ("landlords", "landlord"), ("journalists", "journalist"), ("vegans", "vegan"), ("gamers", "gamer"),
    ("Yankees fans", "Yankees"), ("crypto bros", "crypto"), ("influencers", "influencer"),
    ("real estate agents", "estate agent"), ("city councillors", "council"),
]
EN_BAD = [
    "filthy", "disgusting", "vile", "worthless", "subhuman", "lazy", "treacherous", "parasitic",
    "dirty", "primitive", "savage", "stupid", "brainless", "useless", "degenerate", "sneaky",
    "pathetic", "repulsive", "backward", "dishonest",
]
EN_VERMIN = ["rats", "cockroaches", "lice", "parasites", "maggots", "leeches", "a plague", "vermin", "a cancer"]
EN_SWEAR = ["fucking", "goddamn", "bloody", "shitty", "fuckin"]
EN_QUOTABLE = [
    "{N} are {bad}", "{N} should go back where they came from", "{N} are {vermin}", "get rid of {N}",
    "{N} are not human", "all {N} are {bad}", "no {S} can be trusted", "{N} are ruining this country",
]
EN_SLURS = ["faggots", "trannies", "retards", "towelheads", "wetbacks", "kikes", "gypsies", "dykes"]

EN_HATE = [
    ("h01", None, "{N} are {bad} people."),
    ("h02", None, "Honestly, {N} are just {bad}."),
    ("h03", None, "Every {S} person I've met was {bad}."),
    ("h04", None, "All {N} are {bad}, no exceptions."),
    ("h05", None, "I can't stand {N}, they're {bad}."),
    ("h06", None, "{N} make me sick to my stomach."),
    ("h07", None, "{N} are {vermin} and should be treated that way."),
    ("h08", None, "{N} breed like {vermin}."),
    ("h09", None, "{N} aren't even human."),
    ("h10", None, "This country needs to be cleansed of {N}."),
    ("h11", None, "Round up the {N} and ship them out."),
    ("h12", None, "{N} deserve a beating, every one of them."),
    ("h13", None, "Someone should burn down the places where {N} gather."),
    ("h14", None, "{N} have no right to live here."),
    ("h15", None, "I'd never hire a {S} person, they're {bad}."),
    ("h16", None, "Don't rent to {N}, they wreck everything."),
    ("h17", None, "Crime went up the moment {N} moved in. Coincidence?"),
    ("h18", None, "Why are {N} always so {bad}?"),
    ("h19", None, "How much longer do we have to put up with {N}?"),
    ("h20", None, "What have {N} ever given us except trouble?"),
    ("h21", None, "I've never met a decent {S} person."),
    ("h22", None, "You can't civilise {N}, people have tried for centuries."),
    ("h23", None, "A family of {N} moved next door. They have no idea what hygiene is."),
    ("h24", None, "My grandad always said '{q}' and he was right."),
    ("h25", None, "The guy who said '{q}' is spot on."),
    ("h26", None, "{swear} {N} ruin everything."),
    ("h27", None, "{N} are {swear} {vermin}."),
    ("h28", None, "Keep {N} away from our kids."),
    ("h29", None, "{N} are a disease on this nation."),
    ("h30", ("sex",), "Women belong in the kitchen, not in parliament."),
    ("h31", ("sex",), "Women are too emotional to be allowed to vote."),
    ("h32", ("lgbt",), "{N} are sick and need to be fixed."),
    ("h33", ("lgbt",), "{N} are perverts who prey on children."),
    ("h34", ("dis",), "{N} are a burden and a waste of taxpayers' money."),
    ("h35", ("mig",), "{N} are invading us, close the borders and kick them all out."),
    ("h36", ("rel",), "{N} are all terrorists at heart."),
    ("h37", ("rel",), "Their religion is a death cult and {N} are its soldiers."),
    ("h38", ("eth",), "{N} are genetically inferior."),
]
EN_SLUR_T = [
    ("s01", "Bunch of {sl} ruining the neighbourhood."), ("s02", "Get these {sl} out of here."),
    ("s03", "The {sl} are at it again."), ("s04", "Can't go anywhere without seeing {sl}."),
]
EN_COUNTER = [
    ("c01", "Someone replied '{q}' under the article. Disgusting."),
    ("c02", "People saying '{q}' should be ashamed of themselves."),
    ("c03", "Calling {N} '{bad}' is plain bigotry."),
    ("c04", "I reported the account that posted '{q}'."),
    ("c05", "My neighbour said '{q}' and I told him that's racist nonsense."),
    ("c06", "If you think '{q}', you're the problem."),
    ("c07", "The MP who said '{q}' must resign."),
    ("c08", "Comments like '{q}' are exactly why hate crimes keep rising."),
    ("c09", "I condemn yesterday's attack on {N} in the strongest terms."),
    ("c10", "Vandalising the homes of {N} is a hate crime, full stop."),
    ("c11", "Stop sharing posts that say '{q}', you're spreading hate."),
    ("c12", "A fan shouted '{q}' at the match and the club did nothing. Shameful."),
    ("c13", "Describing {N} as {vermin} is dehumanising and dangerous."),
    ("c14", "We started a petition against the harassment of {N}, please sign."),
]
EN_NEGATED = [
    ("n01", "{N} aren't {bad}, they're just trying to get by like everyone else."),
    ("n02", "I have never thought {N} were {bad}."),
    ("n03", "Being {S} doesn't make anyone a bad person."),
    ("n04", "It's wrong to see {N} as enemies."),
    ("n05", "Blaming all {N} is easy but it's not the truth."),
    ("n06", "{N} are not {vermin}, they are our neighbours."),
]
EN_NEUTRAL = [
    ("u01", "Most {N} in the UK live in cities."), ("u02", "A new book on the history of {N} just came out."),
    ("u03", "My {S} colleague and I are working on the report together."),
    ("u04", "The council announced a jobs programme for {N}."), ("u05", "The documentary covered how {N} celebrate weddings."),
    ("u06", "Census figures show the number of {N} grew last year."), ("u07", "A {S} family moved in next door, we went to say hello."),
    ("u08", "The survey of {N} will be published tomorrow."), ("u09", "I read a thesis about {N}, it had interesting data."),
]
EN_POSITIVE = [
    ("p01", "{N} are equal citizens of this country."), ("p02", "I love how much {N} have added to this city."),
    ("p03", "Shout out to my {S} neighbours, the kindest people I know."), ("p04", "Defending the rights of {N} is everyone's job."),
    ("p05", "Getting to know {N} showed me how silly my prejudices were."), ("p06", "Some of the best people I've worked with are {N}."),
]
EN_CRITICISM = [
    "The government's immigration policy is a total mess.", "The Home Office's asylum backlog is a scandal.",
    "Religious schools shouldn't get public funding.", "The church's tax exemptions should be reviewed.",
    "Border checks need to be tightened, the system isn't working.", "The EU migration deal was badly negotiated.",
    "The council keeps wasting money on consultants.", "The housing minister has no plan at all.",
    "The refugee camps are underfunded and poorly run.", "Disability benefits assessments are cruel and slow.",
    "The police handled the protest badly.", "Parliament should scrap the blasphemy rules.",
]
EN_INST = ["The Home Office", "The council", "The government", "The opposition", "The FA", "Parliament",
           "The ministry", "The EU", "The board", "The police"]
EN_INST_CRIT = ["failed completely on this", "is wasting our money", "isn't transparent at all", "never listens",
                "made another terrible decision", "should resign", "broke every promise", "is utterly incompetent"]
EN_OTHER_HATE = [
    ("o01", "{N} are {bad} people."), ("o02", "All {N} are {bad}, no exceptions."), ("o03", "{N} are {vermin}."),
    ("o04", "I can't stand {N}, they're {bad}."), ("o05", "{swear} {N} ruin everything."),
    ("o06", "Why are {N} always so {bad}?"), ("o07", "{N} make me sick to my stomach."),
]
EN_INDIVIDUAL = [
    "The author is a {bad} clown.", "That referee is {bad}, he sold the match.", "You're a {bad} idiot.",
    "The reporter is a {bad} liar.", "Whoever wrote this is {bad}.", "My boss is a {bad} jerk.",
]
EN_SWEAR_ONLY = ["Fuck, my train got cancelled twice today.", "Shit, the wifi is down.", "What a fucking goal!",
                 "Damn this traffic.", "Bloody hell, the kettle broke.", "Holy shit, that ending."]
EN_FAITH = ["We went to Friday prayers at the mosque.", "Midnight mass was beautiful this year.",
            "Lighting the menorah with the family tonight.", "I read a passage from the Gita every morning.",
            "Had a long chat about faith with my atheist friend.", "Happy Diwali to everyone celebrating!",
            "The gurdwara served langar to the whole street.", "Ramadan Mubarak to my Muslim friends."]


EN_HATE_2 = [
    ("m01", None, "{N} never learn the language, no matter how long they're here."),
    ("m03", None, "Lock your car if you see {N} hanging around."),
    ("m04", None, "{N} only come here for the benefits."),
    ("m06", None, "{N} can't be trusted with money, it's in their nature."),
    ("m07", None, "{N} will never fit in here and we all know it."),
    ("m08", None, "{N} have never contributed anything worthwhile."),
    ("m09", None, "Name one {S} person who ever did anything good for this country."),
    ("m10", None, "{N} will never be as civilised as the rest of us."),
    ("m12", None, "Why do we even let {N} vote?"),
    ("m13", None, "Are {N} even capable of holding down a real job?"),
    ("m14", None, "What exactly do {N} bring to this country besides trouble?"),
    ("m15", None, "'{q}' - couldn't agree more."),
    ("m16", None, "My uncle says '{q}' and honestly he's got a point."),
    ("m17", None, "Someone finally said it: '{q}'. About time."),
    ("m18", None, "{N} won't be safe around here much longer."),
    ("m19", None, "We know where the {N} live."),
    ("m20", None, "{N} will get what's coming to them, just wait."),
    ("m21", None, "If {N} show up here again, they'll regret it."),
    ("m22", None, "It's time {N} were taught a lesson they won't forget."),
    ("m23", None, "{N} don't belong here and never will."),
    ("m24", ("sex",), "Women can't drive, everyone knows it."),
    ("m25", ("sex",), "Never let a woman handle the company's money."),
    ("m26", ("lgbt",), "{N} shouldn't be allowed anywhere near schools."),
    ("m27", ("dis",), "{N} just slow everyone else down at work."),
    ("m28", ("rel",), "You can't be {S} and a loyal citizen at the same time."),
]

EN_NOT_HATE_2 = [
    ("neutral", "v01", "{N} celebrated the festival in the park this weekend."),
    ("neutral", "v02", "Many {N} work in healthcare and education."),
    ("neutral", "v03", "Where do most {N} in the city live? Is there a map?"),
    ("neutral", "v04", "Why did so many {N} have to leave their homes? The documentary explains."),
    ("neutral", "v05", "{S} students can apply for the scholarship until Friday."),
    ("neutral", "v06", "Has anyone read the study on prejudice against {N}?"),
    ("neutral", "v07", "We ate at a {S} chef's restaurant, the food was great."),
    ("neutral", "v08", "{N} also pay taxes and use public services."),
    ("news", "r01", "Police arrested a man who threatened {N} online."),
    ("news", "r02", "The court fined a councillor for calling {N} {vermin}."),
    ("news", "r03", "According to the report, attacks on {N} rose last year."),
    ("news", "r04", "The mayor condemned graffiti targeting {N}."),
    ("news", "r05", "Witnesses said the attacker shouted '{q}' before fleeing."),
    ("news", "r06", "Prosecutors opened an inquiry into the march where marchers chanted '{q}'."),
    ("news", "r07", "The MP's remark that '{q}' drew criticism from all parties."),
    ("news", "r08", "A survey found a third of respondents would not want {N} as neighbours."),
    ("counter", "r09", "Saying '{q}' is racism, let's call it what it is."),
    ("counter", "r10", "I can't believe people still say '{q}' in 2026."),
]


def en_fill(template, group, rng, quotable=None, slur=None):
    N, S = group
    values = dict(N=N, S=S, bad=rng.choice(EN_BAD), vermin=rng.choice(EN_VERMIN), swear=rng.choice(EN_SWEAR))
    if quotable is not None:
        values["q"] = quotable
    if slur is not None:
        values["sl"] = slur
    text = re.sub(r"\s+", " ", template.format(**values)).strip()
    return text[0].upper() + text[1:]


def english(rng):
    rows = []
    add = adder(rows, rng, "en")

    def quote(g):
        return en_fill(rng.choice(EN_QUOTABLE), g, rng).rstrip(".")

    for tid, kinds, t in EN_HATE:
        pool = [g for g in EN_GROUPS if kinds is None or g[0] in kinds]
        for _ in range(6 if kinds == ("sex",) else 11):
            g = rng.choice(pool)
            add(en_fill(t, g[1:], rng, quotable=quote(g[1:])), 1, 0, "hate", tid)
    for sid, t in EN_SLUR_T:
        for sl in EN_SLURS:
            add(en_fill(t, EN_GROUPS[0][1:], rng, slur=sl), 1, 0, "slur", sid)
    for cid, t in EN_COUNTER:
        for _ in range(11):
            g = rng.choice(EN_GROUPS)
            add(en_fill(t, g[1:], rng, quotable=quote(g[1:])), 0, 1, "counter", cid)
    for family, table, n in [("negated", EN_NEGATED, 11), ("neutral", EN_NEUTRAL, 10), ("positive", EN_POSITIVE, 10)]:
        for tid, t in table:
            for _ in range(n):
                g = rng.choice(EN_GROUPS)
                add(en_fill(t, g[1:], rng), 0, 0, family, tid)
    for i, t in enumerate(EN_CRITICISM):
        add(t, 0, 0, "criticism", f"k{i:02d}")
    for _ in range(50):
        add(f"{rng.choice(EN_INST)} {rng.choice(EN_INST_CRIT)}.", 0, 0, "criticism", "k-inst")
    for oid, t in EN_OTHER_HATE:
        for _ in range(14):
            add(en_fill(t, rng.choice(EN_OTHERS), rng), 0, 0, "nonprotected", oid)
    for i, t in enumerate(EN_INDIVIDUAL):
        for _ in range(5):
            add(en_fill(t, EN_OTHERS[0], rng), 0, 0, "individual", f"i{i:02d}")
    for i, t in enumerate(EN_SWEAR_ONLY):
        add(t, 0, 0, "swearing", f"w{i:02d}")
    for i, t in enumerate(EN_FAITH):
        add(t, 0, 0, "faith", f"f{i:02d}")
    return rows


def english_2(rng):
    """The second batch of English texts."""
    rows = []
    add = adder(rows, rng, "en")

    def quote(g):
        return en_fill(rng.choice(EN_QUOTABLE), g, rng).rstrip(".")

    for tid, kinds, t in EN_HATE_2:
        pool = [g for g in EN_GROUPS if kinds is None or g[0] in kinds]
        for _ in range(3 if kinds == ("sex",) else 9):
            g = rng.choice(pool)
            add(en_fill(t, g[1:], rng, quotable=quote(g[1:])), 1, 0, "hate", tid)
    for kind, tid, t in EN_NOT_HATE_2:
        for _ in range(9):
            g = rng.choice(EN_GROUPS)
            add(en_fill(t, g[1:], rng, quotable=quote(g[1:])), 0, int(kind == "counter"), kind, tid)
    return rows


# ---------------------------------------------------------------------------------------------
# Third batch (issue 15), from its own random stream (SEED + 2). English hate by insinuation: the
# group as the cause of a bad outcome, advice to keep away, "just noticing"; and, against it, the
# same shapes with no group or with a good outcome, so that a group named beside a consequence is
# not what the head learns. `closest_suite_text` measures each template against every text of the
# functional suite (tuning and test parts alike, the group's words masked); templates at or above
# CLOSENESS are left out, and `main` says which. Four more were left out by hand before any training
# because they say what a suite template says in other words (a place that declines where the group
# settles or moves in; hiring one of them as a regret), which word overlap does not see.
# ---------------------------------------------------------------------------------------------

EN_HATE_3 = [
    ("n03", None, "Put {N} in charge of anything and it falls apart."),
    ("n04", None, "Funny how the trouble started right when the {N} arrived."),
    ("n05", None, "Notice how it's always {N} in these stories? Just saying."),
    ("n06", None, "Keep your kids away from {N}, that's all I'll say."),
    ("n07", None, "If a {S} family moves in next door, start looking for a new house."),
    ("n08", None, "Trust me, a {S} tenant is the last thing your flat needs."),
    ("n09", None, "Count your change twice when {N} serve you."),
    ("n10", None, "There's a reason nobody wants {N} as neighbours."),
    ("n12", None, "We were fine until the {N} showed up."),
    ("n13", None, "Send your kid to a school full of {N} and see what he picks up."),
    ("n14", None, "Strange how {N} always have money for new phones but never for rent."),
    ("n15", None, "Give {N} an inch and they'll take the whole country."),
    ("n16", None, "The only thing {N} are good at is complaining."),
    ("n17", None, "Don't expect manners from {N}, you won't get any."),
    ("n18", None, "{N} teach their children to despise us from the cradle."),
    ("n19", None, "I'd let my sister marry anyone but one of those {N}."),
    ("n20", None, "Another day, another mess left behind by {N}."),
    ("n22", None, "You can always tell which flats the {N} live in."),
    ("n23", None, "The moment {N} get a foothold, the rest of us are pushed out."),
    ("n24", None, "{N} smile at you and laugh at you behind your back."),
    ("n25", None, "Let {N} run the club and the old members stop coming."),
    ("n26", ("sex",), "A woman boss is a guarantee of drama."),
    ("n27", ("sex",), "Put a woman on the board and nothing ever gets decided."),
    ("n28", ("dis",), "Hiring {N} is charity, not business."),
    ("n29", ("lgbt",), "Let {N} adopt and see how those kids turn out."),
    ("n30", ("mig",), "Each new boat of {N} is another school we'll have to close."),
]

EN_NOT_HATE_3 = [
    ("neutral", "u01", "Move next door to {N} and you'll never spend a holiday alone."),
    ("neutral", "u02", "Give {N} a chance and they'll surprise you."),
    ("neutral", "u03", "Funny how the festival got busier when the {N} started coming, the food stalls are great."),
    ("neutral", "u04", "Our {S} neighbours organised the whole street party last summer."),
    ("neutral", "u05", "Notice how it's always {N} who volunteer first at the food bank? Respect."),
    ("neutral", "u06", "A {S} family moved in next door and the kids already play together."),
    ("neutral", "u07", "Ask {N} about their holidays, you'll learn a lot."),
    ("neutral", "u08", "Since the {N} opened their shop, the street has come back to life."),
    ("neutral", "u09", "{N} in our town run the best bakery around."),
    ("neutral", "u10", "There's a reason the {S} cafe is always full: the coffee."),
    ("other", "u11", "Buy a cheap phone and you'll regret it within a month."),
    ("other", "u12", "Wherever the new tram line goes, rents go up."),
    ("other", "u13", "Park near the stadium on match day and you'll regret it."),
    ("other", "u14", "Hire a cheap builder and you'll pay twice."),
    ("other", "u15", "Count your change twice at that market, they overcharge tourists."),
    ("other", "u16", "Keep your kids away from the river when it floods."),
    ("other", "u17", "There's a reason nobody wants to live next to the motorway."),
    ("other", "u18", "We were fine until the storm knocked the power out."),
    ("other", "u19", "Put the new manager in charge of scheduling and it falls apart, every time."),
    ("other", "u20", "Another day, another mess left behind by the builders next door."),
]

TR_NOT_HATE_3 = [
    ("other", "u01", "Ucuz telefon alırsanız bir ay içinde pişman olursunuz, benden söylemesi."),
    ("other", "u02", "Maç günü stadın yanına park ederseniz pişman olursunuz."),
    ("other", "u03", "Yeni metro hattı nereye giderse orada kiralar artıyor."),
    ("other", "u04", "Ucuz ustayla iş yaparsanız iki kere ödersiniz."),
    ("other", "u05", "O pazarda paranın üstünü iki kere sayın, turistlere fazla yazıyorlar."),
    ("other", "u06", "Fırtına elektrikleri kesene kadar her şey yolundaydı."),
    ("neutral", "u07", "{N} mahalleye gelince sokak yeniden canlandı, dükkânlar açıldı."),
    ("neutral", "u08", "{S} komşularımız sokak iftarını baştan sona onlar düzenledi."),
    ("neutral", "u09", "{D} bir şans verin, sizi şaşırtırlar."),
    ("neutral", "u10", "{N} açtığı fırın şehrin en iyisi, her sabah kuyruk var."),
]

CLOSENESS = 0.5


def words_of(text, names):
    """The lower-cased words of a text, with the group's words masked."""
    text = text.lower()
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name.lower(), " G ")
    return set(re.findall(r"\w+", text))


def closest_suite_text(template, suite):
    """The highest word overlap (Jaccard) between a template and a text of the functional suite."""
    mine = words_of(re.sub(r"\{[A-Za-z]+\}", " G ", template), [])
    return max((len(mine & theirs) / len(mine | theirs) for theirs in suite), default=0.0)


def suite_words():
    """Every text of the functional suite as masked word sets (both parts, both languages)."""
    here = os.path.join(os.path.dirname(__file__), "..", "..", "data", "abuse", "functional")
    names = [g[1] for g in EN_GROUPS] + [g[2] for g in EN_GROUPS]
    names += [form for g in TR_GROUPS for form in g[1:] if isinstance(form, str)]
    suite = []
    for part in ("tune.jsonl", "test.jsonl"):
        with open(os.path.join(here, part), encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                suite.append(words_of(row["text"], names + [row.get("target", "")]))
    return suite


def batch_3(rng, suite, dropped):
    """The third batch: English insinuation and its look-alikes, Turkish look-alikes."""
    rows = []
    en, tr = adder(rows, rng, "en"), adder(rows, rng, "tr")

    def far(tid, template):
        closeness = closest_suite_text(template, suite)
        if closeness >= CLOSENESS:
            dropped.append((tid, round(closeness, 2)))
            return False
        return True

    for tid, kinds, t in EN_HATE_3:
        if not far(f"en-{tid}", t):
            continue
        pool = [g for g in EN_GROUPS if kinds is None or g[0] in kinds]
        for _ in range(3 if kinds == ("sex",) else 9):
            g = rng.choice(pool)
            en(en_fill(t, g[1:], rng), 1, 0, "hate", tid)
    for lang, add, groups, filler, table in (("en", en, EN_GROUPS, en_fill, EN_NOT_HATE_3),
                                             ("tr", tr, TR_GROUPS, fill, TR_NOT_HATE_3)):
        for kind, tid, t in table:
            if not far(f"{lang}-{tid}", t):
                continue
            for _ in range(9 if "{" in t else 1):
                g = rng.choice(groups)
                add(filler(t, g[1:], rng), 0, 0, kind, tid)
    return rows


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else OUT
    rng = random.Random(SEED)
    rows, seen = [], set()
    second, third = random.Random(SEED + 1), random.Random(SEED + 2)
    dropped = []
    batches = turkish(rng) + english(rng) + turkish_2(second) + english_2(second)
    batches += batch_3(third, suite_words(), dropped)
    for r in batches:
        if r["text"] not in seen:
            seen.add(r["text"])
            rows.append(r)
    with open(out, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    tr = sum(r["lang"] == "tr" for r in rows)
    hate = sum(r["label_group_hate"] for r in rows)
    counter = sum(r["label_counter_speech"] for r in rows)
    for tid, closeness in dropped:
        print(f"left out {tid}: word overlap {closeness} with a text of the functional suite")
    print(f"{len(rows)} texts: {tr} Turkish ({100 * tr / len(rows):.1f}%), {len(rows) - tr} English; "
          f"{hate} group hate, {counter} counter-speech")


if __name__ == "__main__":
    main()
