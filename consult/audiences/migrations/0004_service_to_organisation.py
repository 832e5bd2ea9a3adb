# Service moved to the organisation app (decision 0007): state only, the
# table audiences_service stays where it is, now owned by organisation.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("audiences", "0003_review_invitations"),
        ("organisation", "0001_initial"),
        ("surveys", "0008_services_from_organisation"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="nomination",
                    name="service",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="nominations",
                        to="organisation.service",
                        verbose_name="service",
                    ),
                ),
                migrations.DeleteModel(name="Service"),
            ],
            database_operations=[],
        ),
    ]
