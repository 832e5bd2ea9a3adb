"""A nominee's preferred language: one the site speaks, so messages use it.

Invitations, reminders and review-period invitations are written in it and
open the survey's version in it (``delivery``, ``views.invitation``). A
language the site does not speak is no use as a code, but it is still worth
knowing (an interpreter, say): it is kept as a line of the access needs.
"""

from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_noop as noop

# Stored in English, like the rest of the access needs a service wrote down.
UNSPOKEN_NOTE = noop("Preferred language: %(language)s")


def site_languages() -> list[tuple[str, str]]:
    """The choices (settings.LANGUAGES), read when asked: a callable, so that
    a deployment's SB_LANGUAGES needs no migration."""
    return list(settings.LANGUAGES)


def language_code(text: str) -> str:
    """The code of the site language ``text`` names, else "".

    Recognises the code ("pl", "en-gb", "en"), and the language's name in
    English or in itself ("Polish", "polski", "English"), in any case.
    """
    wanted = " ".join((text or "").split()).casefold()
    if not wanted:
        return ""
    for code, name in settings.LANGUAGES:
        if wanted in _names(code, str(name)):
            return code
    return ""


def split_language(text: str) -> tuple[str, str]:
    """(code, note): the site language ``text`` names, or "" and a note that
    keeps what was written, for the access needs."""
    text = " ".join((text or "").split())
    code = language_code(text)
    if code or not text:
        return code, ""
    return "", UNSPOKEN_NOTE % {"language": text}


def with_note(access_needs: str, note: str) -> str:
    """The access needs with ``note`` as a line of its own (if any)."""
    return "\n".join(part for part in (access_needs.strip(), note) if part)


def _names(code: str, name: str) -> set[str]:
    names = {code, name}
    for variant in (code, code.split("-")[0]):
        try:
            info = get_language_info(variant)
        except KeyError:
            continue
        names |= {variant, info["name"], info["name_local"]}
    return {n.casefold() for n in names}
