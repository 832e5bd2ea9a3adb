"""Django's system checks and the missing-migrations check, as tests.

``make test`` ran each as a command of its own before pytest, some 5 s of
Django start-up apiece, one after the other; here they take a fraction of a
second in a process that has started already, beside the other tests.
"""

import io

import pytest
from django.core.management import call_command


def test_system_checks_pass():
    # Raises SystemCheckError, with every message, on any error.
    call_command("check", stdout=io.StringIO())


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    out = io.StringIO()
    try:
        call_command("makemigrations", check=True, dry_run=True, stdout=out)
    except SystemExit:  # what --check does when a migration is missing
        pytest.fail(f"Models changed without a migration:\n{out.getvalue()}")
