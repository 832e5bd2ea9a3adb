"""The protected characteristics as the monitoring form asks them (ONS 2021
categories, from ``surveys.equalities``), with names fit for sentences."""

from surveys.equalities import PREFER_NOT, QUESTIONS

NAMES = {
    "age_band": "Age",
    "sex": "Sex",
    "gender_identity": "Gender identity",
    "ethnicity": "Ethnic group",
    "religion": "Religion or belief",
    "disability": "Disability",
    "sexual_orientation": "Sexual orientation",
    "caring": "Unpaid caring",
}
FIELDS = list(QUESTIONS)


def categories(field: str) -> list[str]:
    """The answers that name a group (never "Prefer not to say")."""
    return list(QUESTIONS[field][1])


def group_phrase(field: str, category: str) -> str:
    """Who a group is, as a sentence would say it: "disabled respondents"."""
    lower = category[0].lower() + category[1:]
    special = {
        ("disability", "Yes"): "disabled respondents",
        ("disability", "No"): "respondents without a disability",
        ("gender_identity", "Yes"): (
            "respondents whose gender identity is the same as their sex at birth"
        ),
        ("gender_identity", "No"): (
            "respondents whose gender identity differs from their sex at birth"
        ),
        ("religion", "No religion"): "respondents with no religion",
        ("religion", "Any other religion"): "respondents of another religion",
        ("sexual_orientation", "Another sexual orientation"): (
            "respondents of another sexual orientation"
        ),
        ("caring", "No"): "respondents who are not unpaid carers",
    }
    if (field, category) in special:
        return special[(field, category)]
    if field == "age_band":
        return f"respondents aged {lower}"
    if field == "ethnicity":
        return f"respondents in the ethnic group “{category}”"
    if field == "caring":
        return f"unpaid carers ({category.removeprefix('Yes, ')})"
    return f"{lower} respondents"


__all__ = ["FIELDS", "NAMES", "PREFER_NOT", "categories", "group_phrase"]
