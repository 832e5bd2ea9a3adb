"""Forms for nominating: one nominee, a CSV of nominees, erasing contact details.

``NomineeForm`` checks one nominee, whether typed in or read from a CSV row,
so both give the same, specific reasons.
"""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .contacts import normalise_email, normalise_mobile
from .languages import site_languages
from .models import Nomination

CONSENT_ERROR = _(
    "Confirm the nominee agreed to be contacted about this consultation: "
    "we cannot invite anyone without their consent"
)


def language_choices() -> list[tuple[str, str]]:
    return [("", _("Not known (invitations in English)")), *site_languages()]


class ContactFieldsForm(forms.Form):
    """A nominee's e-mail address and mobile number, normalised the one way
    (``contacts.py``), for nominating and for correcting a bounced contact."""

    email = forms.CharField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        help_text=_("Give an e-mail address, a mobile number, or both."),
        widget=forms.EmailInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    mobile = forms.CharField(
        label=_("Mobile phone number"),
        required=False,
        max_length=30,
        help_text=_("For a text message if there is no e-mail address."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])

    def clean_mobile(self):
        return normalise_mobile(self.cleaned_data["mobile"])


class NomineeForm(ContactFieldsForm):
    field_order = [
        "name",
        "email",
        "mobile",
        "relationship",
        "preferred_language",
        "access_needs",
        "consent_to_contact",
    ]
    name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        error_messages={"required": _("Enter the nominee's full name")},
    )
    relationship = forms.ChoiceField(
        label=_("Relationship to the service"),
        choices=Nomination.Relationship.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the nominee's relationship to the service")
        },
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language (optional)"),
        choices=language_choices,
        required=False,
        help_text=_("Invitations and reminders are written in it."),
    )
    access_needs = forms.CharField(
        label=_("Access needs (optional)"),
        max_length=500,
        required=False,
        help_text=_("For example: large print, an interpreter, easy read."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent_to_contact = forms.BooleanField(
        label=_("The nominee agreed to be contacted about this consultation"),
        error_messages={"required": CONSENT_ERROR},
    )

    def __init__(self, *args, consultation, taken=None, **kwargs):
        """``taken``: (e-mails, mobiles) already nominated, when checking many rows."""
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.taken = taken

    def clean(self):
        data = super().clean()
        email, mobile = data.get("email"), data.get("mobile")
        if "email" in data and "mobile" in data and not email and not mobile:
            self.add_error(
                "email", _("Enter an e-mail address or a mobile phone number, or both")
            )
        emails, mobiles = self.taken or _taken(self.consultation, email, mobile)
        if email and email in emails:
            self.add_error(
                "email", _("Someone with this e-mail address is already nominated")
            )
        if mobile and mobile in mobiles:
            self.add_error(
                "mobile", _("Someone with this mobile number is already nominated")
            )
        return data

    def nomination_details(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "service"}


def _taken(consultation, *contacts) -> tuple[set, set]:
    """Which of these contacts are already nominated for the consultation."""
    existing = Nomination.objects.filter(consultation=consultation)
    wanted = [c for c in contacts if c]
    return (
        set(existing.filter(email__in=wanted).values_list("email", flat=True)),
        set(existing.filter(mobile__in=wanted).values_list("mobile", flat=True)),
    )


def taken_contacts(consultation) -> tuple[set, set]:
    """Every e-mail address and mobile already nominated for the consultation."""
    existing = Nomination.objects.filter(consultation=consultation)
    return (
        set(existing.exclude(email="").values_list("email", flat=True)),
        set(existing.exclude(mobile="").values_list("mobile", flat=True)),
    )


class NominationForm(NomineeForm):
    """Add one nominee: the nominee's details and the service nominating them."""

    service = forms.ModelChoiceField(
        label=_("Nominating service"),
        queryset=None,
        empty_label=None,
        error_messages={"required": _("Select the service nominating them")},
    )

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        self.order_fields(["service"])
        self.helper = FormHelper()
        self.helper.attrs = {
            "novalidate": ""
        }  # GOV.UK: our messages, not the browser's
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        self.helper.add_input(Submit("submit", _("Add nominee")))


class UploadForm(forms.Form):
    service = forms.ModelChoiceField(
        label=_("Nominating service"),
        queryset=None,
        empty_label=None,
        error_messages={"required": _("Select the service nominating them")},
    )
    file = forms.FileField(
        label=_("CSV file of nominees"),
        help_text=_("A .csv file saved from a spreadsheet, up to 2 MB and 5,000 rows."),
        error_messages={"required": _("Select a CSV file to upload")},
    )

    MAX_BYTES = 2 * 1024 * 1024

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        self.helper = FormHelper()
        self.helper.attrs = {
            "novalidate": ""
        }  # GOV.UK: our messages, not the browser's
        self.helper.label_size = Size.SMALL
        self.helper.add_input(Submit("submit", _("Upload and check")))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise ValidationError(_("The selected file must be a CSV"))
        if upload.size > self.MAX_BYTES:
            raise ValidationError(_("The selected file must be smaller than 2 MB"))
        if upload.size == 0:
            raise ValidationError(_("The selected file is empty"))
        return upload


class FilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    service = forms.ModelChoiceField(
        label=_("Service"), required=False, queryset=None, empty_label=_("All services")
    )

    def __init__(self, *args, services, **kwargs):
        from .models import Invitation

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            ("", _("All statuses")),
            *Invitation.Status.choices,
        ]
        self.fields["service"].queryset = services


class ContactCorrectionForm(ContactFieldsForm):
    """A bounced nominee's corrected e-mail address and/or mobile number."""

    def __init__(self, *args, nomination, **kwargs):
        self.nomination = nomination
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("send", _("Save and send again")))

    def clean(self):
        data = super().clean()
        email, mobile = data.get("email", ""), data.get("mobile", "")
        if "email" in self.errors or "mobile" in self.errors:
            return data
        if not (email or mobile):
            raise ValidationError(_("Enter an e-mail address or a mobile number"))
        others = Nomination.objects.filter(
            consultation=self.nomination.consultation_id
        ).exclude(pk=self.nomination.pk)
        if email and others.filter(email=email).exists():
            self.add_error("email", _("Someone else nominated here has this address"))
        if mobile and others.filter(mobile=mobile).exists():
            self.add_error("mobile", _("Someone else nominated here has this number"))
        if (email, mobile) == (self.nomination.email, self.nomination.mobile):
            raise ValidationError(
                _(
                    "These are the details that bounced: change the e-mail address "
                    "or the mobile number"
                )
            )
        return data


class SubjectQueryForm(forms.Form):
    """Whom a subject rights request is about: an e-mail address, a response
    reference, or both (officers' admin page, ``subject_rights_admin.py``)."""

    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        help_text=_("The address of a respondent's receipt, account or nomination."),
        error_messages={"invalid": _("Enter an e-mail address in the correct format")},
        widget=forms.EmailInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    reference = forms.CharField(
        label=_("Response reference"),
        required=False,
        max_length=20,
        help_text=_("For example, SB-ABCD2345."),
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )

    def clean_reference(self):
        return self.cleaned_data["reference"].strip().upper()

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("email") or data.get("reference")):
            raise ValidationError(_("Enter an e-mail address or a response reference"))
        return data

    def query(self) -> dict:
        return {
            "email": self.cleaned_data["email"],
            "reference": self.cleaned_data["reference"],
        }
