import consult.audiences.languages
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("audiences", "0005_preferred_language_codes")]

    operations = [
        migrations.AlterField(
            model_name="nomination",
            name="preferred_language",
            field=models.CharField(
                blank=True,
                choices=consult.audiences.languages.site_languages,
                help_text="Invitations and reminders are written in it.",
                max_length=15,
                verbose_name="preferred language",
            ),
        ),
    ]
