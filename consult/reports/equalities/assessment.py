"""The equality impact assessment: its shape, evidence pre-filled from the
equality evidence, versions that are never changed, and submissions.

For each protected characteristic (the Equality Act's nine, with caring and
low income as the council also assesses them), for staff and for service
users separately: the evidence, the likely impact and the mitigation.
"""

from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Assessment, AssessmentVersion, Submission

AUDIENCES = {"service_users": _("Service users"), "staff": _("Staff")}
IMPACTS = {
    "positive": _("Positive"),
    "negative": _("Negative"),
    "neutral": _("Neutral"),
    "not_known": _("Not known"),
}
PARTS = {
    "evidence": _("evidence"),
    "impact": _("impact"),
    "mitigation": _("mitigation"),
}
# key: (name, monitoring field, equalities codebook keys)
CHARACTERISTICS = {
    "age": (_("Age"), "age_band", ["age"]),
    "disability": (_("Disability"), "disability", ["disability"]),
    "gender_reassignment": (
        _("Gender reassignment"),
        "gender_identity",
        ["gender-reassignment"],
    ),
    "marriage": (_("Marriage and civil partnership"), None, []),
    "pregnancy": (_("Pregnancy and maternity"), None, ["pregnancy"]),
    "race": (_("Race"), "ethnicity", ["race", "language"]),
    "religion": (_("Religion or belief"), "religion", ["religion"]),
    "sex": (_("Sex"), "sex", ["sex"]),
    "sexual_orientation": (
        _("Sexual orientation"),
        "sexual_orientation",
        ["sexual-orientation"],
    ),
    "caring": (_("Caring responsibilities"), "caring", ["caring"]),
    "low_income": (_("Low income"), None, ["low-income"]),
}


def blank_content() -> dict:
    return {
        "proposal": "",
        **{
            audience: {
                key: {"evidence": "", "impact": "not_known", "mitigation": ""}
                for key in CHARACTERISTICS
            }
            for audience in AUDIENCES
        },
    }


def evidence_texts(
    *, profiles, differences, impacts, illustrative=False
) -> dict[str, str]:
    """Per characteristic, what the equality evidence says, in sentences that
    use only published (protected) figures. Compared with an illustrative
    population, each text says so."""
    by_field = {p.field: p for p in profiles}
    impact_counts = {i.key: i for i in impacts}
    texts = {}
    for key, (_name, field, codes) in CHARACTERISTICS.items():
        lines = []
        profile = by_field.get(field)
        if profile:
            under = [r.category for r in profile.under_represented]
            lines.append(
                f"Respondents who answered: {profile.answered} of {profile.total}."
                + (f" Under-represented: {'; '.join(under)}." if under else "")
                + (
                    " (Compared with an illustrative population profile, not the "
                    "area's figures.)"
                    if illustrative
                    else ""
                )
            )
        lines += [c.sentence() for c in differences.significant if c.field == field]
        for code in codes:
            impact = impact_counts.get(code)
            if impact:
                lines.append(
                    f"{impact.answers} free-text answers raised {impact.name.lower()}."
                )
        texts[key] = " ".join(lines) or "No evidence from this consultation."
    return texts


def prefilled_content(evidence: dict[str, str]) -> dict:
    content = blank_content()
    for audience in AUDIENCES:
        for key, text in evidence.items():
            content[audience][key]["evidence"] = text
    return content


def changes(previous: dict | None, current: dict) -> list[str]:
    """What a version changed against the one before, in words."""
    if previous is None:
        return [gettext("First version")]
    found = []
    if previous.get("proposal") != current.get("proposal"):
        found.append(gettext("Proposal"))
    for audience, audience_name in AUDIENCES.items():
        for key, (name, *_rest) in CHARACTERISTICS.items():
            before = previous.get(audience, {}).get(key, {})
            after = current.get(audience, {}).get(key, {})
            for part in ("evidence", "impact", "mitigation"):
                if before.get(part) != after.get(part):
                    found.append(
                        gettext("%(audience)s, %(characteristic)s: %(part)s")
                        % {
                            "audience": audience_name,
                            "characteristic": name,
                            "part": PARTS[part],
                        }
                    )
    return found


@transaction.atomic
def save_version(*, consultation, content: dict, user, note: str = ""):
    """A new version of the consultation's assessment (making the assessment
    on first save). Never changes an earlier version. Idempotent for an
    unchanged resubmission: the same content as the latest makes no version."""
    assessment, _created = Assessment.objects.select_for_update().get_or_create(
        consultation=consultation
    )
    latest = assessment.versions.order_by("-number").first()
    if latest and latest.content == content:
        return latest
    version = AssessmentVersion.objects.create(
        assessment=assessment,
        number=(latest.number + 1) if latest else 1,
        content=content,
        note=note,
        created_by=user,
    )
    assessment.save(update_fields=["updated_at"])
    return version


def record_submission(*, version, meeting: str, meeting_date, user) -> Submission:
    """Record that decision-makers were given ``version`` at a meeting.
    Not idempotent: the same version may go to several meetings."""
    return Submission.objects.create(
        version=version, meeting=meeting, meeting_date=meeting_date, recorded_by=user
    )


def latest_submission_for(consultation) -> Submission | None:
    """When decision-makers last saw the consultation's assessment, and which
    version: for the outcome page (cms calls this; nothing here imports cms)."""
    return (
        Submission.objects.filter(version__assessment__consultation=consultation)
        .select_related("version__assessment")
        .first()
    )
