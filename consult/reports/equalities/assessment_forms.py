"""Forms for the equality impact assessment and its submission."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from .assessment import AUDIENCES, CHARACTERISTICS, IMPACTS

PARTS = ("evidence", "impact", "mitigation")


def field_name(audience: str, key: str, part: str) -> str:
    return f"{audience}__{key}__{part}"


class AssessmentForm(forms.Form):
    """The whole assessment on one page: the proposal, then per audience and
    characteristic the evidence, likely impact and mitigation."""

    proposal = forms.CharField(
        label=_("The proposal"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10_000,
        error_messages={"required": _("Describe the proposal being assessed")},
    )
    note = forms.CharField(
        label=_("What you changed (optional)"), max_length=300, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for audience in AUDIENCES:
            for key, (name, *_rest) in CHARACTERISTICS.items():
                self.fields[field_name(audience, key, "evidence")] = forms.CharField(
                    label=_("Evidence"),
                    required=False,
                    max_length=10_000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
                self.fields[field_name(audience, key, "impact")] = forms.ChoiceField(
                    label=_("Likely impact"),
                    choices=list(IMPACTS.items()),
                    widget=forms.RadioSelect,
                    error_messages={
                        "required": _("Select the likely impact on %(name)s")
                        % {"name": name.lower()},
                        "invalid_choice": _("Select the likely impact on %(name)s")
                        % {"name": name.lower()},
                    },
                )
                self.fields[field_name(audience, key, "mitigation")] = forms.CharField(
                    label=_("Mitigation"),
                    required=False,
                    max_length=10_000,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )

    @staticmethod
    def initial_from(content: dict) -> dict:
        initial = {"proposal": content.get("proposal", "")}
        for audience in AUDIENCES:
            for key in CHARACTERISTICS:
                entry = content.get(audience, {}).get(key, {})
                for part in PARTS:
                    initial[field_name(audience, key, part)] = entry.get(part, "")
        return initial

    def content(self) -> dict:
        data = self.cleaned_data
        return {
            "proposal": data["proposal"],
            **{
                audience: {
                    key: {part: data[field_name(audience, key, part)] for part in PARTS}
                    for key in CHARACTERISTICS
                }
                for audience in AUDIENCES
            },
        }

    def sections(self):
        """(audience name, [(characteristic name, evidence, impact, mitigation)])."""
        for audience, audience_name in AUDIENCES.items():
            rows = [
                (name, *(self[field_name(audience, key, p)] for p in PARTS))
                for key, (name, *_rest) in CHARACTERISTICS.items()
            ]
            yield audience, audience_name, rows


class SubmissionForm(forms.Form):
    version = forms.TypedChoiceField(
        label=_("Version given to decision-makers"), coerce=int
    )
    meeting = forms.CharField(
        label=_("Meeting"),
        max_length=200,
        help_text=_("For example: Cabinet, 12 March 2027."),
        error_messages={"required": _("Enter the meeting")},
    )
    day = forms.IntegerField(label=_("Day"), min_value=1, max_value=31, required=False)
    month = forms.IntegerField(
        label=_("Month"), min_value=1, max_value=12, required=False
    )
    year = forms.IntegerField(
        label=_("Year"), min_value=2000, max_value=2100, required=False
    )

    def __init__(self, *args, versions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].choices = [
            (n, _("Version %(number)s") % {"number": n}) for n in versions
        ]
        self.fields["version"].error_messages["invalid_choice"] = _("Select a version")

    def clean(self):
        cleaned = super().clean()
        parts = [cleaned.get(p) for p in ("day", "month", "year")]
        if any(p is None for p in parts):
            self.add_error(
                "day", _("Enter the date of the meeting, with day, month and year")
            )
            return cleaned
        try:
            cleaned["meeting_date"] = datetime.date(parts[2], parts[1], parts[0])
        except ValueError:
            self.add_error("day", _("The date of the meeting must be a real date"))
        return cleaned
