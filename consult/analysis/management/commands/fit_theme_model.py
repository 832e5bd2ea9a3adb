"""Fit and store a consultation's theme learner, showing progress."""

from django.core.management.base import BaseCommand, CommandError

from consult.analysis.models import Codebook
from consult.analysis.training import fit_model


class Command(BaseCommand):
    help = (
        "Fit the theme learner of a consultation's codebook on the decisions made "
        "so far and store it for every worker to load (what the analysis.fit_model "
        "task does). Idempotent: a version already stored is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("consultation", help="The consultation's id")

    def handle(self, *args, **options):
        codebook = Codebook.objects.filter(
            consultation_id=options["consultation"]
        ).first()
        if codebook is None:
            raise CommandError(
                f"No codebook for consultation {options['consultation']}: "
                "import one in the admin first."
            )
        row = fit_model(codebook=codebook, progress=self.stdout.write)
        self.stdout.write(f"{row.status}: {row.progress}")
