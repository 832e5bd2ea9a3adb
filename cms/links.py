"""Tell the apps below where each consultation's page is (see surveys.page_links)."""

from django.utils.translation import get_language

from .models import ConsultationPage
from .translations import page_for


def consultation_page_url(consultation, request=None) -> str:
    """The live page presenting ``consultation`` in the active language (else
    the default language's), or "" if it has none."""
    page = page_for(
        ConsultationPage.objects.live().filter(consultation=consultation),
        get_language() or "",
    )
    if page is None:
        return ""
    return page.get_url(request) or ""
