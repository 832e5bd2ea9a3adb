from django import forms
from django.utils.translation import gettext_lazy as _

from .population import ProfileFileError, read_profile_csv

MAX_UPLOAD = 2 * 1024 * 1024


class PopulationImportForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("For example: Census 2021, Anytown district."),
        error_messages={"required": _("Enter a name for the population profile")},
    )
    source = forms.CharField(
        label=_("Source (optional)"),
        max_length=300,
        required=False,
        help_text=_("Where the figures come from, e.g. ONS Census 2021 tables TS007A."),
    )
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns characteristic, category and count; one row per ONS 2021 category."
        ),
        error_messages={"required": _("Select a CSV file")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file must be smaller than 2 MB"))
        data = upload.read()
        try:
            read_profile_csv(data)
        except ProfileFileError as exc:
            raise forms.ValidationError(exc.errors) from None
        self.data_bytes = data
        return upload
