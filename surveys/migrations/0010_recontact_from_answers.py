"""Surveys that asked "May we contact you again ..." as a yes / no question now
ask it as the consent question, and responses that answered "Yes" with an
e-mail address are recorded as consenting (they were ignored before)."""

from django.db import migrations

LABEL = "contact you again"


def forwards(apps, schema_editor):
    Question = apps.get_model("surveys", "Question")
    Answer = apps.get_model("surveys", "Answer")
    Response = apps.get_model("surveys", "Response")
    asked = Question.objects.filter(kind="yes_no", label__icontains=LABEL)
    ids = list(asked.values_list("pk", flat=True))
    if not ids:
        return
    asked.update(kind="recontact")
    agreed = Answer.objects.filter(
        question_id__in=ids, is_current=True, value=["Yes"]
    ).values("response_id")
    Response.objects.filter(pk__in=agreed).exclude(contact_email="").update(
        consent_to_recontact=True
    )


class Migration(migrations.Migration):
    dependencies = [("surveys", "0009_recontact_question")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
