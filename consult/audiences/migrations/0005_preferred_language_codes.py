"""A nominee's preferred language becomes a code of a language the site speaks.

It was free text ("Polish", "polski", "pl", "Urdu", "BSL please"). Text that
recognisably names a site language (its code, or its name in English or in
itself, any case) becomes its code. Anything else is blanked, and kept word for
word as a line of the nominee's access needs ("Preferred language: Urdu"): it is
what a service manager would act on (an interpreter), and the access needs are
shown with the nomination, kept and erased with it, so nothing is lost. The
rule is the CSV upload's (``languages.split_language``), so a file and a past
entry end the same way. Erased contacts are blank already and stay so.

A data step on its own: the column is narrowed (0006) in a later transaction.
"""

from django.db import migrations

from consult.audiences.languages import split_language, with_note


def to_codes(apps, schema_editor):
    Nomination = apps.get_model("audiences", "Nomination")
    nominations = Nomination.objects.exclude(preferred_language="").only(
        "pk", "preferred_language", "access_needs"
    )
    for nomination in nominations.iterator(chunk_size=500):
        code, note = split_language(nomination.preferred_language)
        if code == nomination.preferred_language:
            continue
        Nomination.objects.filter(pk=nomination.pk).update(
            preferred_language=code,
            access_needs=with_note(nomination.access_needs, note),
        )


class Migration(migrations.Migration):
    dependencies = [("audiences", "0004_service_to_organisation")]

    # Backwards: a code is valid free text, so nothing to undo.
    operations = [migrations.RunPython(to_codes, migrations.RunPython.noop)]
