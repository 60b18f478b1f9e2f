"""The demo quarter pages in more languages, as an office would enter them beside German (plain text)."""

QUARTERS = {
    "gruenau": {
        "ar": {
            "summary": "مكتب إدارة الحي في غروناو هو مكان تتوجهون إليه بأسئلتكم وأفكاركم ومشاكلكم في الحي. "
            "نربط بين الجمعيات والمؤسسات وشركات السكن، ونرافق مجلس الحي وصندوق الحي، ونخبركم بما يحدث في الحي.",
            "contact_name": "محل الحي في غروناو",
            "opening_hours": "الثلاثاء 10–13\nالخميس 14–18\nوبموعد مسبق",
        },
        "tr": {
            "summary": "Grünau Mahalle Yönetimi, mahalleyle ilgili sorularınız, fikirleriniz ve sorunlarınız "
            "için başvurabileceğiniz yerdir. Dernekleri, kurumları ve konut şirketlerini bir araya getiriyor, "
            "mahalle konseyine ve mahalle fonuna eşlik ediyor ve mahallede olanlar hakkında bilgi veriyoruz.",
            "contact_name": "Grünau Mahalle Dükkânı",
            "opening_hours": "Salı 10–13\nPerşembe 14–18\nve randevuyla",
        },
        "uk": {
            "summary": "Управління кварталом Грюнау — місце, куди можна прийти з питаннями, ідеями та "
            "проблемами району. Ми об'єднуємо об'єднання, установи та житлові компанії, супроводжуємо раду "
            "кварталу та фонд кварталу й розповідаємо, що відбувається в районі.",
            "contact_name": "Районна крамничка Грюнау",
            "opening_hours": "Вт 10–13\nЧт 14–18\nі за домовленістю",
        },
    },
    "leipziger-osten": {
        "ar": {
            "summary": "يعيش في شرق لايبزيغ أناس من أكثر من 100 بلد. تدعم إدارة الحي المبادرات ومنظمات "
            "المهاجرين والجيران، وتجمعهم مع الإدارة والسياسة.",
            "contact_name": "مكتب حي شرق لايبزيغ",
            "opening_hours": "الاثنين 13–17\nالأربعاء 10–14",
        },
        "tr": {
            "summary": "Leipzig'in doğusunda 100'den fazla ülkeden insan yaşıyor. Mahalle yönetimi girişimleri, "
            "göçmen örgütlerini ve komşulukları destekliyor ve onları belediye ve siyasetle buluşturuyor.",
            "contact_name": "Leipzig Doğu Mahalle Bürosu",
            "opening_hours": "Pazartesi 13–17\nÇarşamba 10–14",
        },
    },
}

# Job titles of the team, by German title.
ROLE_TITLES = {
    "Quartiersmanagerin": {"ar": "مديرة الحي", "tr": "Mahalle yöneticisi", "uk": "Менеджерка кварталу"},
    "Quartiersmanager, Beteiligung": {
        "ar": "مدير الحي، المشاركة",
        "tr": "Mahalle yöneticisi, katılım",
        "uk": "Менеджер кварталу, участь мешканців",
    },
    "Netzwerkarbeit": {"ar": "العمل الشبكي", "tr": "Ağ çalışması", "uk": "Робота з мережами"},
}


def apply(quarter) -> None:
    """Give a demo quarter and its team their translations, once (what an office has changed stays)."""
    from .models import TeamMember

    texts = QUARTERS.get(quarter.slug)
    if texts and not quarter.translations:
        quarter.translations = texts
        quarter.save(update_fields=["translations"])
    for member in TeamMember.objects.filter(quarter=quarter):
        titles = ROLE_TITLES.get(member.role_title)
        if titles and not member.translations:
            member.translations = {lang: {"role_title": title} for lang, title in titles.items()}
            member.save(update_fields=["translations"])
