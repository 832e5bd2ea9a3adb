"""Filtering the consultation listing by status and by service."""

from consult.organisation.models import Service
from surveys.models import Consultation


def filter_consultations(pages, params) -> dict:
    """Return the pages matching ``params`` (status, service) and the filter choices.

    Status is derived from dates, so it is filtered in Python; a council runs
    tens of consultations a year, not thousands.
    """
    status = params.get("status", "")
    service = params.get("service", "")
    if service:
        pages = pages.filter(consultation__services__slug=service)
    pages = list(pages)
    if status in Consultation.Status.values:
        pages = [p for p in pages if p.status == status]
    return {
        "consultations": pages,
        "statuses": [
            (value, label)
            for value, label in Consultation.Status.choices
            if value != Consultation.Status.DRAFT
        ],
        "services": Service.objects.filter(consultations__isnull=False).distinct(),
        "selected_status": status,
        "selected_service": service,
    }
