# Service moves here from the audiences app (decision 0007). The table
# (audiences_service) already exists: only Django's state changes.

import uuid

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("audiences", "0003_review_invitations"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Service",
                    fields=[
                        (
                            "id",
                            models.UUIDField(
                                default=uuid.uuid4,
                                editable=False,
                                primary_key=True,
                                serialize=False,
                            ),
                        ),
                        (
                            "name",
                            models.CharField(
                                max_length=120, unique=True, verbose_name="name"
                            ),
                        ),
                        (
                            "slug",
                            models.SlugField(
                                max_length=120, unique=True, verbose_name="slug"
                            ),
                        ),
                        (
                            "description",
                            models.TextField(blank=True, verbose_name="description"),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "managers",
                            models.ManyToManyField(
                                blank=True,
                                related_name="managed_services",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="service managers",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "service",
                        "verbose_name_plural": "services",
                        "ordering": ["name"],
                        "db_table": "audiences_service",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
