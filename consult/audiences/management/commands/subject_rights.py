"""Subject rights from the command line: find, export or erase one person's data.

manage.py subject_rights find --email parent@example.org
manage.py subject_rights export --reference SB-ABCD2345 > person.json
manage.py subject_rights erase --email parent@example.org --yes
"""

import json

from django.core.management.base import BaseCommand, CommandError

from consult.audiences.subject_rights import (
    erase_subject,
    export_subject,
    find_subject,
    look_up_subject,
)


class Command(BaseCommand):
    help = "Find, export or erase everything held about a respondent or nominee."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["find", "export", "erase"])
        parser.add_argument("--email", default="")
        parser.add_argument("--reference", default="")
        parser.add_argument("--yes", action="store_true", help="Confirm erasure.")

    def handle(self, action, email, reference, yes, **options):
        if not (email or reference):
            raise CommandError("Give --email or --reference.")
        if action == "find":
            holdings = look_up_subject(email=email, reference=reference)
            self.stdout.write(holdings.counts())
            for r in holdings.responses:
                self.stdout.write(f"  response {r.reference}: {r.round.consultation}")
            for n in holdings.nominations:
                self.stdout.write(f"  nomination for {n.consultation}")
            return
        holdings = find_subject(email=email, reference=reference)
        if action == "export":
            self.stdout.write(json.dumps(export_subject(holdings), indent=2))
        else:
            if not yes:
                raise CommandError("Erasure cannot be undone: add --yes to confirm.")
            self.stdout.write(json.dumps(erase_subject(holdings)))
