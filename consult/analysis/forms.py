import io

from django import forms
from django.utils.translation import gettext_lazy as _

from .codebook_files import CodebookError, read_codebook_csv, read_qdc
from .models import ThemeAssignment

MAX_CODEBOOK_BYTES = 1_000_000


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            (ThemeAssignment.Decision.CONFIRMED, _("Confirm")),
            (ThemeAssignment.Decision.REJECTED, _("Reject")),
        ]
    )


class CodebookImportForm(forms.Form):
    file = forms.FileField(
        label=_("Codebook file"),
        help_text=_(
            "A CSV file (columns key, name, description, signals, exclusions, "
            "parent) or a REFI-QDA codebook (.qdc). It replaces the themes: themes "
            "with the same key keep their tags and decisions."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CODEBOOK_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        name = upload.name.lower()
        raw = upload.read()
        try:
            if name.endswith(".csv"):
                try:
                    text = raw.decode("utf-8-sig")
                except UnicodeDecodeError as exc:
                    raise CodebookError(
                        _("The CSV file is not UTF-8 text; save it as CSV UTF-8.")
                    ) from exc
                rules = read_codebook_csv(io.StringIO(text))
            elif name.endswith(".qdc"):
                rules = read_qdc(io.BytesIO(raw))
            else:
                raise CodebookError(_("Choose a .csv or .qdc file."))
        except CodebookError as exc:
            raise forms.ValidationError(str(exc)) from exc
        if not rules:
            raise forms.ValidationError(_("The file has no themes."))
        self.rules = rules
        return upload


class CandidateRenameForm(forms.Form):
    label = forms.CharField(
        label=_("New name"),
        max_length=200,
        help_text=_("What officers and reports will call this theme."),
        error_messages={
            "required": _("Enter a name for the candidate theme."),
            "max_length": _("The name must be 200 characters or fewer."),
        },
    )


class CandidateMergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose the candidate theme to merge into."),
            "invalid_choice": _("Choose one of the candidate themes listed."),
        },
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = candidates
        self.fields["into"].label_from_instance = lambda c: (
            f"{c.label} ({c.answer_count} answers)"
        )
