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

PREFER_NOT = "Prefer not to say"

QUESTIONS = {
    "age_band": (
        "What is your age?",
        [
            "Under 16",
            "16 to 24",
            "25 to 34",
            "35 to 44",
            "45 to 54",
            "55 to 64",
            "65 to 74",
            "75 or over",
        ],
    ),
    "sex": ("What is your sex?", ["Female", "Male"]),
    "gender_identity": (
        "Is the gender you identify with the same as your sex registered at birth?",
        ["Yes", "No"],
    ),
    "ethnicity": (
        "What is your ethnic group?",
        [
            "White: English, Welsh, Scottish, Northern Irish or British",
            "White: Irish",
            "White: Gypsy or Irish Traveller",
            "White: Roma",
            "Any other White background",
            "Mixed: White and Black Caribbean",
            "Mixed: White and Black African",
            "Mixed: White and Asian",
            "Any other Mixed or multiple ethnic background",
            "Asian or Asian British: Indian",
            "Asian or Asian British: Pakistani",
            "Asian or Asian British: Bangladeshi",
            "Asian or Asian British: Chinese",
            "Any other Asian background",
            "Black, Black British, Caribbean or African: African",
            "Black, Black British, Caribbean or African: Caribbean",
            "Any other Black, Black British or Caribbean background",
            "Other ethnic group: Arab",
            "Any other ethnic group",
        ],
    ),
    "religion": (
        "What is your religion?",
        [
            "No religion",
            "Christian",
            "Buddhist",
            "Hindu",
            "Jewish",
            "Muslim",
            "Sikh",
            "Any other religion",
        ],
    ),
    "disability": (
        "Do you have any physical or mental health conditions or illnesses lasting or "
        "expected to last 12 months or more?",
        ["Yes", "No"],
    ),
    "sexual_orientation": (
        "Which of the following best describes your sexual orientation?",
        [
            "Straight or heterosexual",
            "Gay or lesbian",
            "Bisexual",
            "Another sexual orientation",
        ],
    ),
    "caring": (
        "Do you look after, or give any help or support to, anyone because of a "
        "long-term physical or mental health condition, illness, or problems related "
        "to old age?",
        [
            "No",
            "Yes, 9 hours a week or less",
            "Yes, 10 to 19 hours a week",
            "Yes, 20 to 49 hours a week",
            "Yes, 50 or more hours a week",
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
                label=label,
                required=False,
                widget=forms.RadioSelect,
                choices=[(o, o) for o in [*options, PREFER_NOT]],
                error_messages={
                    "invalid_choice": f"Select one of the options for “{label}”"
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
