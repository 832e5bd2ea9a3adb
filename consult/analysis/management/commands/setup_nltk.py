import nltk.downloader  # noqa: TID251 -- this command is the one place that downloads
from django.core.management.base import BaseCommand, CommandError

from consult.analysis.resources import MissingResource, missing_resources


class Command(BaseCommand):
    help = (
        "Make sure every NLTK resource is present: download what is missing where a "
        "download is possible, otherwise stop and name what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--download-dir", help="Where to download to (NLTK's default if not given)."
        )

    def handle(self, *args, download_dir=None, **options):
        missing = missing_resources()
        if not missing:
            self.stdout.write(self.style.SUCCESS("All NLTK resources are present."))
            return
        downloader = nltk.downloader.Downloader()
        for resource in missing:
            self.stdout.write(f"Downloading {resource.name} ...")
            try:
                ok = downloader.download(
                    resource.name,
                    download_dir=download_dir,
                    quiet=True,
                    raise_on_error=True,
                )
            except Exception as exc:  # noqa: BLE001 -- any network or index failure
                self.stderr.write(f"Could not download {resource.name}: {exc}")
                ok = False
            if not ok:
                break
        still_missing = missing_resources()
        if still_missing:
            raise CommandError(str(MissingResource(still_missing)))
        self.stdout.write(self.style.SUCCESS("All NLTK resources are present."))
