"""The officers' forms for importing responses from a file: upload, match the
columns to questions, confirm."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ImportUploadForm(forms.Form):
    """Officers choose the round and the file to import responses from."""

    round = forms.ModelChoiceField(
        label=_("Consultation round"),
        queryset=None,
        empty_label=_("Choose a round"),
        help_text=_("Closed rounds are listed too: paper forms often arrive late."),
        error_messages={"required": _("Choose the round to import into")},
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (UTF-8) or Excel (.xlsx), up to 10 MB. The first row must "
            "hold the column headings; each further row is one response."
        ),
        error_messages={
            "required": _("Choose a CSV or Excel file"),
            "empty": _("The file is empty"),
        },
    )

    def __init__(self, *args, **kwargs):
        from .models import Round

        super().__init__(*args, **kwargs)
        field = self.fields["round"]
        field.queryset = (
            Round.objects.filter(survey__isnull=False)
            .select_related("consultation")
            .order_by("-opens_at")
        )
        field.label_from_instance = lambda r: (
            f"{r.consultation.title} — {r.get_kind_display()}"
            + ("" if r.is_open_at() else " (closed)")
        )

    def clean_file(self):
        from .import_files import MAX_BYTES

        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file must be 10 MB or smaller"))
        return upload


class ImportMappingForm(forms.Form):
    """One choice per file column: which question it answers, or ignore it."""

    source = forms.CharField(
        label=_("Where these responses came from (optional)"),
        help_text=_(
            "For example “Paper forms, Oak Street centre” or a partner's "
            "name. A column matched to “Source” gives it row by row instead."
        ),
        max_length=120,
        required=False,
    )

    def __init__(self, columns: list[str], questions, *args, **kwargs):
        from .import_files import SOURCE_COLUMN

        super().__init__(*args, **kwargs)
        choices = [
            ("", _("Ignore this column")),
            (SOURCE_COLUMN, _("Source: where the response came from")),
            *[(str(q.pk), q.label) for q in questions],
        ]
        self.column_names = [f"column_{i}" for i in range(len(columns))]
        for name, heading in zip(self.column_names, columns, strict=True):
            self.fields[name] = forms.ChoiceField(
                label=heading, choices=choices, required=False
            )

    def clean(self):
        cleaned = super().clean()
        seen: dict[str, str] = {}
        for name in self.column_names:
            target = cleaned.get(name)
            if not target:
                continue
            if target in seen:
                self.add_error(
                    name,
                    f"“{self.fields[seen[target]].label}” is already matched to "
                    "this. Match each question to one column only",
                )
            seen[target] = name
        if not any(t for t in seen if t != "source"):
            raise forms.ValidationError(_("Match at least one column to a question"))
        return cleaned

    def mapping(self) -> dict:
        return {
            name.removeprefix("column_"): self.cleaned_data[name]
            for name in self.column_names
            if self.cleaned_data.get(name)
        }


class ImportConfirmForm(forms.Form):
    skip_refused = forms.BooleanField(
        label=_("Import the valid rows and leave out the refused rows"),
        required=False,
    )
