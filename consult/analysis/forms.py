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
                        "The CSV file is not UTF-8 text; save it as CSV UTF-8."
                    ) from exc
                rules = read_codebook_csv(io.StringIO(text))
            elif name.endswith(".qdc"):
                rules = read_qdc(io.BytesIO(raw))
            else:
                raise CodebookError("Choose a .csv or .qdc file.")
        except CodebookError as exc:
            raise forms.ValidationError(str(exc)) from exc
        if not rules:
            raise forms.ValidationError(_("The file has no themes."))
        self.rules = rules
        return upload
