"""Which language the survey pages speak, and where each version starts.

The interface language comes from the address: English unprefixed, another
language under its code (``/pl/respond/...``, consult/urls.py, Django's
LocaleMiddleware). A survey version in a language the site speaks is answered
in that language's pages, so its buttons and messages match its questions; a
version in a language the site does not speak yet keeps English pages.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from .versions import version_of


def speaks(language: str) -> bool:
    """Whether the site has interface pages in ``language`` (settings.LANGUAGES)."""
    return bool(language) and language in dict(settings.LANGUAGES)


def page_language(version) -> str:
    """The interface language for answering ``version`` (None: the full one)."""
    if version is not None and speaks(version.language):
        return version.language
    return settings.LANGUAGE_CODE


def start_url(round_, version) -> str:
    """The start page of ``version`` ("full" for None), in its language's pages."""
    with translation.override(page_language(version)):
        url = reverse("surveys:start", kwargs={"round_id": round_.pk})
    return f"{url}?variant={version.variant if version else 'full'}"


def start_url_for(round_, language: str) -> str:
    """Where someone who reads ``language`` starts ``round_`` (an invitation):
    the survey's version in it, on its pages, if there is one; else the start
    page as everyone else sees it."""
    version = version_of(round_.survey, language) if speaks(language) else None
    if version is None:
        return reverse("surveys:start", kwargs={"round_id": round_.pk})
    return start_url(round_, version)


def language_version_variant() -> str:
    """The variant a survey is answered in by default on this language's pages:
    the active language's code ("" for the default language)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return "" if language == settings.LANGUAGE_CODE else language


def respondent_language(used: str = "", variant: str = "") -> str:
    """The language to write to a respondent in (receipts, links by e-mail).

    ``used``: the language of the pages they were on when the e-mail was
    queued; else the language of the version they answered (``variant``);
    else the site's own. Only a language the site speaks.
    """
    for language in (used, variant):
        if speaks(language):
            return language
    return settings.LANGUAGE_CODE
