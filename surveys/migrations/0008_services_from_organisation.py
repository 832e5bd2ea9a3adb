# Service moved to the organisation app (decision 0007): state only, the
# tables and their columns stay as they are.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0001_initial"),
        ("surveys", "0007_ranking_question"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="consultation",
                    name="services",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="consultations",
                        to="organisation.service",
                        verbose_name="services concerned",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
