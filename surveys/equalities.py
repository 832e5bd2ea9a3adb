"""Equalities monitoring: optional questions, kept apart, counted only in aggregate.

Answers are special category data. They sit in their own table with no foreign
key to the response; the only link is an HMAC of the response id under the
site's secret, which lets a withdrawal delete them but lets nobody join them to
a person in a query or an export. Reports read counts, with small numbers hidden.
"""

import hashlib
import hmac

from django import forms
from django.conf import settings
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# Stored and reported in English (gettext_noop marks them for translation);
# the form shows them in the respondent's language.
PREFER_NOT = gettext_noop("Prefer not to say")

QUESTIONS = {
    "age_band": (
        gettext_noop("What is your age?"),
        [
            gettext_noop("Under 16"),
            gettext_noop("16 to 24"),
            gettext_noop("25 to 34"),
            gettext_noop("35 to 44"),
            gettext_noop("45 to 54"),
            gettext_noop("55 to 64"),
            gettext_noop("65 to 74"),
            gettext_noop("75 or over"),
        ],
    ),
    "sex": (
        gettext_noop("What is your sex?"),
        [gettext_noop("Female"), gettext_noop("Male")],
    ),
    "gender_identity": (
        gettext_noop(
            "Is the gender you identify with the same as your sex registered at birth?"
        ),
        [gettext_noop("Yes"), gettext_noop("No")],
    ),
    "ethnicity": (
        gettext_noop("What is your ethnic group?"),
        [
            gettext_noop("White: English, Welsh, Scottish, Northern Irish or British"),
            gettext_noop("White: Irish"),
            gettext_noop("White: Gypsy or Irish Traveller"),
            gettext_noop("White: Roma"),
            gettext_noop("Any other White background"),
            gettext_noop("Mixed: White and Black Caribbean"),
            gettext_noop("Mixed: White and Black African"),
            gettext_noop("Mixed: White and Asian"),
            gettext_noop("Any other Mixed or multiple ethnic background"),
            gettext_noop("Asian or Asian British: Indian"),
            gettext_noop("Asian or Asian British: Pakistani"),
            gettext_noop("Asian or Asian British: Bangladeshi"),
            gettext_noop("Asian or Asian British: Chinese"),
            gettext_noop("Any other Asian background"),
            gettext_noop("Black, Black British, Caribbean or African: African"),
            gettext_noop("Black, Black British, Caribbean or African: Caribbean"),
            gettext_noop("Any other Black, Black British or Caribbean background"),
            gettext_noop("Other ethnic group: Arab"),
            gettext_noop("Any other ethnic group"),
        ],
    ),
    "religion": (
        gettext_noop("What is your religion?"),
        [
            gettext_noop("No religion"),
            gettext_noop("Christian"),
            gettext_noop("Buddhist"),
            gettext_noop("Hindu"),
            gettext_noop("Jewish"),
            gettext_noop("Muslim"),
            gettext_noop("Sikh"),
            gettext_noop("Any other religion"),
        ],
    ),
    "disability": (
        gettext_noop(
            "Do you have any physical or mental health conditions or illnesses "
            "lasting or expected to last 12 months or more?"
        ),
        [gettext_noop("Yes"), gettext_noop("No")],
    ),
    "sexual_orientation": (
        gettext_noop("Which of the following best describes your sexual orientation?"),
        [
            gettext_noop("Straight or heterosexual"),
            gettext_noop("Gay or lesbian"),
            gettext_noop("Bisexual"),
            gettext_noop("Another sexual orientation"),
        ],
    ),
    "caring": (
        gettext_noop(
            "Do you look after, or give any help or support to, anyone because of a "
            "long-term physical or mental health condition, illness, or problems "
            "related to old age?"
        ),
        [
            gettext_noop("No"),
            gettext_noop("Yes, 9 hours a week or less"),
            gettext_noop("Yes, 10 to 19 hours a week"),
            gettext_noop("Yes, 20 to 49 hours a week"),
            gettext_noop("Yes, 50 or more hours a week"),
        ],
    ),
}


UNDER_16 = "Under 16"
# Not asked of children: the ONS asks these of people aged 16 or over only.
SIXTEEN_OR_OVER = ("gender_identity", "sexual_orientation")


class EqualitiesForm(forms.Form):
    """Every question optional, every question with "Prefer not to say".

    Respondents under 16 (by the age question, as sent or as already given)
    are not asked about gender identity or sexual orientation: the questions
    are left out, and any answer sent to them is dropped, never stored. In the
    browser, choosing "Under 16" hides them at once (equalities.mjs)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        given = (self.data or {}).get("age_band") or (self.initial or {}).get(
            "age_band"
        )
        under_16 = given == UNDER_16
        for name, (label, options) in QUESTIONS.items():
            if under_16 and name in SIXTEEN_OR_OVER:
                continue
            self.fields[name] = forms.ChoiceField(
                label=_(label),
                required=False,
                widget=forms.RadioSelect,
                choices=[(o, _(o)) for o in [*options, PREFER_NOT]],
                error_messages={
                    "invalid_choice": _("Select one of the options for “%(label)s”")
                    % {"label": _(label)}
                },
            )
            # The template marks these, so the page can hide them for under-16s.
            self.fields[name].sixteen_or_over = name in SIXTEEN_OR_OVER


def response_link(response_id, key: str | None = None) -> str:
    """The only link from monitoring answers to a response: an HMAC, not an id.

    Keyed on ``EQUALITIES_LINK_KEY``, not ``SECRET_KEY``, so that rotating the
    site's secret never cuts responses off from their monitoring answers.
    """
    key = key or settings.EQUALITIES_LINK_KEY
    return hmac.new(
        key.encode(), f"equalities:{response_id}".encode(), hashlib.sha256
    ).hexdigest()


def response_links(response_id) -> list[str]:
    """The link under the current key and every earlier one
    (``EQUALITIES_LINK_OLD_KEYS``): withdrawal and erasure find answers
    stored before a rotation."""
    keys = [settings.EQUALITIES_LINK_KEY, *settings.EQUALITIES_LINK_OLD_KEYS]
    return [response_link(response_id, key) for key in keys if key]


def equalities_counts(
    round_, field: str, *, min_count: int = 10
) -> dict[str, int | None]:
    """Counts of each answer to ``field`` in a round; counts under ``min_count`` are
    None (suppressed), so that no small group can be picked out."""
    from .models import EqualityMonitoring

    if field not in QUESTIONS:
        raise ValueError(f"Unknown equalities question: {field}")
    counts = (
        EqualityMonitoring.objects.filter(round=round_)
        .exclude(**{field: ""})
        .values(field)
        .annotate(n=Count("pk"))
    )
    return {row[field]: (row["n"] if row["n"] >= min_count else None) for row in counts}
