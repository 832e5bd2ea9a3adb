"""The consultation page's admin form: one page per consultation record, said plainly.

A record can have only one page (and that page's translations). Choosing a
record that already has one (a draft left by an earlier attempt, say) used to
fail with "Consultation page with this Consultation record already exists";
now the message names that page and says to edit it instead.
"""

from django import forms
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


class ConsultationPageForm(WagtailAdminPageForm):
    def clean_consultation(self):
        consultation = self.cleaned_data.get("consultation")
        if consultation is None:
            return consultation
        from .models import ConsultationPage

        # The page's own translations present the same record (cms.translations).
        other = (
            ConsultationPage.objects.filter(consultation=consultation)
            .exclude(pk=self.instance.pk)
            .exclude(translation_key=self.instance.translation_key)
            .first()
        )
        if other is not None:
            state = _("published") if other.live else _("draft")
            raise forms.ValidationError(
                _(
                    "“%(record)s” already has a page, “%(page)s” (%(state)s). "
                    "Edit that page instead, or delete it first."
                )
                % {"record": consultation, "page": other.title, "state": state}
            )
        return consultation
