"""Tell the apps below where each consultation's page is (see surveys.page_links)."""

from .models import ConsultationPage


def consultation_page_url(consultation, request=None) -> str:
    """The live page presenting ``consultation``, or "" if it has none."""
    page = ConsultationPage.objects.live().filter(consultation=consultation).first()
    if page is None:
        return ""
    return page.get_url(request) or ""
