"""One pass to publish: the record, its rounds, its survey and a draft page, together.

Publishing a consultation used to take three separate objects (survey,
consultation record, page) across sixteen screens, and a failure half-way
left a stray draft page that made the retry fail. ``create_consultation``
makes them all in one transaction: it all exists afterwards, or none of it
does, so a retry starts clean. The officer then edits the draft page and
publishes it in Wagtail's editor.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from surveys.models import Consultation, Question, Round, Survey
from surveys.services import copy_survey

from .models import ConsultationIndexPage, ConsultationPage
from .survey_templates import TEMPLATES

log = logging.getLogger(__name__)


class PublishingRefused(Exception):
    """The consultation cannot be made as asked; the message says why."""


@dataclass
class NewConsultation:
    """What the "New consultation" page asks for, cleaned."""

    title: str
    summary: str
    audience: str
    opens_at: datetime
    closes_at: datetime
    survey_source: str  # "template", "copy" or "new"
    template: str = ""
    copy_from: Survey | None = None
    # For a new survey: (section, kind, label) per question, in order.
    questions: list[tuple[str, str, str]] = field(default_factory=list)
    services: list = field(default_factory=list)
    leads: list = field(default_factory=list)
    review_opens_at: datetime | None = None
    review_closes_at: datetime | None = None


def free_slug(index: ConsultationIndexPage, title: str) -> str:
    """A slug from the title not yet used under the index ("-2", "-3" if need be)."""
    base = slugify(title)[:200] or "consultation"
    taken = set(ConsultationPage.objects.child_of(index).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def create_consultation(
    *, details: NewConsultation, index: ConsultationIndexPage, by
) -> ConsultationPage:
    """The record, its rounds and survey, and a draft page under ``index``.

    Atomic: any failure leaves nothing behind (no record, survey or page), so
    the same details can be sent again. Not idempotent by itself: each call
    makes a new consultation; the form's double-click guard and the unique
    slug keep a resend from making two pages with one address.
    """
    if details.closes_at <= details.opens_at:
        raise PublishingRefused(_("The consultation must close after it opens."))
    consultation = Consultation.objects.create(
        title=details.title, audience=details.audience
    )
    consultation.services.set(details.services)
    consultation.leads.set(details.leads)
    survey = _survey(details)
    Round.objects.create(
        consultation=consultation,
        kind=Round.Kind.MAIN,
        opens_at=details.opens_at,
        closes_at=details.closes_at,
        survey=survey,
    )
    if details.review_opens_at and details.review_closes_at:
        if details.review_opens_at < details.closes_at:
            raise PublishingRefused(
                _("The review period must open after the consultation closes.")
            )
        if details.review_closes_at <= details.review_opens_at:
            raise PublishingRefused(_("The review period must close after it opens."))
        Round.objects.create(
            consultation=consultation,
            kind=Round.Kind.REVIEW,
            opens_at=details.review_opens_at,
            closes_at=details.review_closes_at,
        )
    page = ConsultationPage(
        title=details.title,
        slug=free_slug(index, details.title),
        consultation=consultation,
        summary=details.summary,
        live=False,
        owner=by,
    )
    index.add_child(instance=page)
    page.save_revision(user=by, log_action=True)
    log.info(
        "consultation created in one pass",
        extra={
            "consultation": str(consultation.pk),
            "page": page.pk,
            "survey": str(survey.pk),
            "by": str(by.pk) if by else None,
        },
    )
    return page


def _survey(details: NewConsultation) -> Survey:
    title = f"{details.title}: your views"
    if details.survey_source == "copy":
        if details.copy_from is None:
            raise PublishingRefused(_("Choose the survey to copy."))
        return copy_survey(survey=details.copy_from, title=title)
    if details.survey_source == "template":
        if details.template not in TEMPLATES:
            raise PublishingRefused(_("Choose a survey template."))
        rows = TEMPLATES[details.template][1]
    else:
        rows = [(s, k, label, "", False, "") for s, k, label in details.questions]
        if not rows:
            raise PublishingRefused(_("Add at least one question to the new survey."))
    survey = Survey.objects.create(title=title)
    Question.objects.bulk_create(
        Question(
            survey=survey,
            sort_order=order,
            section=section,
            kind=kind,
            label=label,
            hint=hint,
            required=required,
            options=options,
        )
        for order, (section, kind, label, hint, required, options) in enumerate(rows)
    )
    return survey
