"""The review period: "did we hear you right?", asked of the people who told us.

After the main round closes and the answers are analysed, an officer opens a
review round: a "what we heard" summary drafted from the consultation's themes,
a survey generated from the same themes (confirm or correct each, then rank
them), and personal invitations for the earlier respondents who agreed to be
contacted again and the nominees who consented. Sending reuses the audiences
machinery (``delivery.py``): hashed single-use links that expire at the close.
"""

import logging
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from consult.analysis.key_points import KeyPoint, SentimentSplit, key_points_for
from consult.analysis.models import Codebook, Theme, ThemeAssignment
from surveys.models import Consultation, Question, Response, Round, Survey

from .models import Invitation, ReviewTheme
from .services import _send_on_commit

log = logging.getLogger(__name__)

CONFIRMED = "Yes, you heard this right"
PARTLY = "Partly: you got some of it wrong or missed something"
DISAGREED = "No, this is not what people like me said"
CHECK_OPTIONS = (CONFIRMED, PARTLY, DISAGREED)
CHECK_LABEL = "Did we hear this right?"
CORRECTION_LABEL = "What did we get wrong or miss?"
RANKING_LABEL = "Rank these themes by how much they matter to you"
RANKING_SECTION = "What matters most to you"


class ReviewNotAllowed(Exception):
    """The review round cannot be opened (or changed) as asked; says why."""


@dataclass
class DraftTheme:
    """A theme of the main round's answers, with how many answers it tags and
    what people said about it, in their words (``key_points.py``)."""

    theme: Theme
    answers: int
    points: list[KeyPoint] = field(default_factory=list)
    sentiment: SentimentSplit = field(default_factory=SentimentSplit)

    @property
    def name(self) -> str:
        return self.theme.name


def draft_themes(consultation: Consultation) -> list[DraftTheme]:
    """The codebook's themes found in the main round, most frequent first.

    Counts the current answers of responses not withdrawn whose tag stands
    (suggested or confirmed, never rejected). Themes found nowhere are left out.
    """
    main = consultation.main_round
    codebook = Codebook.objects.filter(consultation=consultation).first()
    if main is None or codebook is None:
        return []
    counts = dict(
        ThemeAssignment.objects.current()
        .standing()
        .filter(theme__codebook=codebook, answer__response__round=main)
        .values("theme_id")
        .annotate(n=Count("answer_id", distinct=True))
        .values_list("theme_id", "n")
    )
    themes = [
        DraftTheme(theme=t, answers=counts[t.pk])
        for t in codebook.themes.all()
        if counts.get(t.pk)
    ]
    for draft in themes:
        found = key_points_for(
            consultation=consultation, theme_key=draft.theme.key, round_=main
        )
        if found:
            draft.points, draft.sentiment = found.points, found.sentiment
    return sorted(themes, key=lambda d: (-d.answers, d.theme.sort_order or 0))


def summary_from(themes: list[DraftTheme]) -> str:
    """A first "what we heard" for the officer to edit: per theme, what people
    said in their own words (never the codebook's definition), how many said
    each point, and how their answers felt."""
    lines = [
        "These are the main things people told us, most often mentioned first.",
    ]
    for number, draft in enumerate(themes, start=1):
        said = "answer" if draft.answers == 1 else "answers"
        mood = draft.sentiment
        lines += [
            "",
            f"{number}. {draft.name} ({draft.answers} {said})",
            f"   How they felt: {mood.positive} positive, {mood.neutral} neutral, "
            f"{mood.negative} negative.",
        ]
        for point in draft.points:
            people = "1 answer" if point.answers == 1 else f"{point.answers} answers"
            lines.append(f'   - "{point.sentence}" ({point.phrase}: {people})')
    return "\n".join(lines)


_NUMBERED = re.compile(r"^\s*\d+\.\s+(.*?)\s*(\(.*\))?\s*$")


def points_in_summary(summary: str, name: str) -> list[str]:
    """The points the officer kept under a theme in the (edited) summary, so
    that each "Did we hear this right?" page shows what the e-mail shows."""
    points, inside = [], False
    for line in summary.splitlines():
        numbered = _NUMBERED.match(line)
        if numbered:
            inside = numbered.group(1).strip() == name
        elif inside and line.strip().startswith("-"):
            points.append(line.strip().lstrip("-").strip())
    return points


def can_open_review(consultation: Consultation, when=None) -> bool:
    main = consultation.main_round
    return bool(main and main.closes_at <= (when or timezone.now()))


@transaction.atomic
def open_review_round(
    *,
    consultation: Consultation,
    opens_at,
    closes_at,
    summary: str,
    themes: list[DraftTheme],
    by=None,
) -> Round:
    """Open (or re-plan) the review round with its survey, and invite people to it.

    Only once the main round has closed. Re-running before anyone has answered
    replaces the generated survey and the dates (existing invitations keep their
    links; their expiry follows the new close); once the review has responses it
    refuses, so answers never lose their questions. Inviting is idempotent.
    """
    main = consultation.main_round
    if not can_open_review(consultation):
        raise ReviewNotAllowed(_("The main round has not closed yet."))
    if not themes:
        raise ReviewNotAllowed(_("Choose at least one theme to ask about."))
    if closes_at <= opens_at:
        raise ReviewNotAllowed(_("The review period must close after it opens."))
    if opens_at < main.closes_at:
        raise ReviewNotAllowed(
            _("The review period must open after the main round closes.")
        )
    round_ = (
        Round.objects.select_for_update()
        .filter(consultation=consultation, kind=Round.Kind.REVIEW)
        .first()
    )
    if round_ is not None and round_.responses.exists():
        raise ReviewNotAllowed(
            _("The review period already has responses: its survey cannot change.")
        )
    old_survey = round_.survey if round_ else None
    survey = _review_survey(consultation, themes, summary)
    if round_ is None:
        round_ = Round(consultation=consultation, kind=Round.Kind.REVIEW)
    round_.opens_at, round_.closes_at = opens_at, closes_at
    round_.summary, round_.survey = summary.strip(), survey
    round_.save()
    ReviewTheme.objects.filter(round=round_).delete()
    _record_themes(round_, survey, themes)
    if old_survey and not old_survey.rounds.exists():
        old_survey.delete()  # an unanswered generated survey, replaced
    Invitation.objects.filter(round=round_).update(expires_at=closes_at)
    invited = invite_to_review(round_=round_)
    log.info(
        "review round opened",
        extra={
            "consultation": str(consultation.pk),
            "round": str(round_.pk),
            "themes": len(themes),
            "invited": invited,
            "by": str(by.pk) if by else None,
        },
    )
    return round_


def _review_survey(consultation, themes: list[DraftTheme], summary: str) -> Survey:
    survey = Survey.objects.create(
        title=f"{consultation.title}: did we hear you right?",
        introduction=(
            "We have read what people told us and drafted the main themes. Tell us "
            "whether we heard you right, what we got wrong or missed, and which "
            "themes matter most to you."
        ),
        include_equalities=False,
    )
    order = 0
    for draft in themes:
        heard = points_in_summary(summary, draft.name) or [
            f'"{p.sentence}"' for p in draft.points
        ]
        what_we_heard = "What we heard: " + " ".join(heard) if heard else ""
        for kind, label, options, hint in (
            (
                Question.Kind.SINGLE_CHOICE,
                CHECK_LABEL,
                "\n".join(CHECK_OPTIONS),
                what_we_heard,
            ),
            (
                Question.Kind.LONG_TEXT,
                CORRECTION_LABEL,
                "",
                "Do not include names or contact details.",
            ),
        ):
            Question.objects.create(
                survey=survey,
                sort_order=order,
                section=draft.name[:120],
                kind=kind,
                label=label,
                hint=hint[:500],
                options=options,
                max_length=2000 if kind == Question.Kind.LONG_TEXT else None,
            )
            order += 1
    Question.objects.create(
        survey=survey,
        sort_order=order,
        section=RANKING_SECTION,
        kind=Question.Kind.RANKING,
        label=RANKING_LABEL,
        options="\n".join(d.name for d in themes),
    )
    return survey


def _record_themes(round_, survey, themes: list[DraftTheme]) -> None:
    questions = list(survey.questions.order_by("sort_order"))
    ranking = questions[-1]
    ReviewTheme.objects.bulk_create(
        [
            ReviewTheme(
                round=round_,
                theme=draft.theme,
                name=draft.name,
                main_answers=draft.answers,
                sort_order=number,
                check_question=questions[2 * number],
                correction_question=questions[2 * number + 1],
                ranking_question=ranking,
            )
            for number, draft in enumerate(themes)
        ]
    )


def _contact_key(email: str = "", mobile: str = "") -> str:
    return (email or "").strip().lower() or (mobile or "").strip()


def invite_to_review(*, round_: Round) -> int:
    """An invitation to the review round for each person who may be asked back.

    The consultation's nominees who consented to contact (with contact details
    kept), and the main round's respondents who agreed to be contacted again
    and gave an e-mail address, their response not withdrawn. Nobody twice: one
    invitation per normalised e-mail address (or mobile), nominees first, and
    anyone already invited is skipped. Idempotent. When the round is open the
    new invitations are sent once this commits; otherwise the scheduler sends
    them when it opens.
    """
    consultation = round_.consultation
    existing = Invitation.objects.filter(round=round_).select_related(
        "nomination", "response"
    )
    seen = {_contact_key(i.recipient.email, i.recipient.mobile) for i in existing} - {
        ""
    }
    new = []
    nominees = consultation.nominations.with_contact().filter(consent_to_contact=True)
    for nomination in nominees.order_by("created_at"):
        key = _contact_key(nomination.email, nomination.mobile)
        if key and key not in seen:
            seen.add(key)
            new.append(Invitation(nomination=nomination, round=round_))
    respondents = (
        Response.objects.filter(
            round__consultation=consultation,
            round__kind=Round.Kind.MAIN,
            consent_to_recontact=True,
            withdrawn_at__isnull=True,
        )
        .exclude(contact_email="")
        .order_by("submitted_at")
    )
    for response in respondents:
        key = _contact_key(response.contact_email)
        if key not in seen:
            seen.add(key)
            new.append(Invitation(response=response, round=round_))
    for invitation in new:
        invitation.expires_at = round_.closes_at
    made = Invitation.objects.bulk_create(new, ignore_conflicts=True)
    if made and round_.is_open_at():
        _send_on_commit(
            Invitation.objects.filter(round=round_)
            .unsent()
            .values_list("pk", flat=True)
        )
    log.info(
        "review invitations made",
        extra={"round": str(round_.pk), "count": len(made)},
    )
    return len(made)
