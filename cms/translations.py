"""Consultation pages in other languages (Wagtail's locales, wagtail-localize).

A translation is a page of its own in another locale, linked to the same
consultation record (so status, dates and survey are the record's). English is
the default locale and is served unprefixed; a translation is served under its
language code (``/pl/consultations/...``, consult/urls.py). Listings show one
page per consultation: the one in the listing's language where there is one,
else the default language's.
"""

from django.conf import settings
from django.db.models import Q
from django.utils.translation import get_language_info
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale


def localised(pages, locale):
    """``pages`` as a listing in ``locale`` shows them: its own, and the default
    language's pages that have no translation in it (a queryset)."""
    default = Locale.get_default()
    if locale is None or locale.pk == default.pk:
        return pages.filter(locale=default)
    translated = pages.filter(locale=locale).values("translation_key")
    return pages.filter(
        Q(locale=locale) | (Q(locale=default) & ~Q(translation_key__in=translated))
    )


def language_versions(page, request=None) -> list[dict]:
    """The page's live versions in other languages, for "This page in ...".

    Each: code, name (in its own language), direction, url, note (a demo
    translation says so)."""
    versions = []
    for other in (
        page.get_translations(inclusive=False)
        .live()
        .select_related("locale")
        .specific()
        .order_by("locale__language_code")
    ):
        code = other.locale.language_code
        info = language_info(code)
        versions.append(
            {
                "code": code,
                "name": info["name_local"],
                "direction": "rtl" if info["bidi"] else "ltr",
                "url": other.get_url(request),
                "note": getattr(other, "translation_note", ""),
            }
        )
    return versions


def language_info(code: str) -> dict:
    try:
        return get_language_info(code)
    except KeyError:
        return {"name_local": code, "bidi": False}


def page_for(pages, language: str):
    """The page among a consultation's ``pages`` in ``language``, else the
    default language's, else any; None if there are none."""
    pages = list(pages.select_related("locale"))
    # Wagtail's default locale, from settings: no query (as Locale.get_default).
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    for wanted in (language, default):
        for page in pages:
            if page.locale.language_code == wanted:
                return page
    return pages[0] if pages else None
