"""Headless theme analysis: a codebook and a CSV of answers in, a CSV of tags out."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from consult.analysis.codebook_files import CodebookError, read_codebook_csv, read_qdc
from consult.analysis.encoder import EncoderUnavailable, model_dir
from consult.analysis.headless import analyse_rows, read_answers, read_labelled
from consult.sheets import csv_writer


class Command(BaseCommand):
    help = (
        "Tag each answer in a CSV with themes from a codebook (CSV or REFI-QDA .qdc), "
        "learning from human-labelled answers when given. Writes one row per answer."
    )

    def add_arguments(self, parser):
        parser.add_argument("--codebook", required=True, help="Codebook: .csv or .qdc")
        parser.add_argument("--input", required=True, help="Answers CSV")
        parser.add_argument(
            "--output", required=True, help="Where to write the tags CSV"
        )
        parser.add_argument("--id-column", default="id")
        parser.add_argument("--text-column", default="text")
        parser.add_argument(
            "--question-column",
            help="Column naming the question each answer answers, in the input and "
            "the labelled file: learning then uses it as a feature (the mix of "
            "themes differs from question to question). Optional.",
        )
        parser.add_argument(
            "--labelled",
            help="CSV of labelled answers to learn from (id/text columns as above, "
            "and a 'themes' column of theme keys separated by ';').",
        )
        parser.add_argument(
            "--single-label",
            action="store_true",
            help="Each answer has exactly one theme: output the likeliest one.",
        )
        parser.add_argument(
            "--encoder",
            action="store_true",
            help="Also fine-tune a small transformer (all-MiniLM-L6-v2) on the "
            "labelled answers and average it with the linear model: more accurate, "
            "minutes of CPU and about 2 GB of memory. Needs --labelled and the "
            "optional packages (make install-encoder).",
        )

    def handle(self, *args, **o):
        if o["encoder"]:
            if not o["labelled"]:
                raise CommandError(
                    "--encoder learns from --labelled answers: give both."
                )
            try:
                model_dir()  # say what is missing before reading any file
            except EncoderUnavailable as exc:
                raise CommandError(f"--encoder: {exc}") from exc
        rules = self._codebook(Path(o["codebook"]))
        columns = (o["id_column"], o["text_column"], o["question_column"])
        answers = self._read(o["input"], read_answers, *columns)
        labelled = None
        if o["labelled"]:
            labelled = self._read(o["labelled"], read_labelled, *columns)
        rows = analyse_rows(
            rules,
            answers,
            labelled=labelled,
            single_label=o["single_label"],
            encoder=o["encoder"],
            progress=self._progress,
        )
        with open(o["output"], "w", newline="", encoding="utf-8") as out:
            writer = csv_writer(out)
            writer.writerow(["id", "themes", "scores", "sentiment", "flags"])
            writer.writerows(rows)
        learnt = ""
        if labelled:
            learnt = " (learning from labelled answers"
            learnt += f" and {o['question_column']}" if o["question_column"] else ""
            learnt += ", with the encoder)" if o["encoder"] else ")"
        self.stdout.write(f"Tagged {len(rows)} answers{learnt}: {o['output']}")

    def _progress(self, stage: str, done: int, total: int) -> None:
        """A line per batch on stderr, so long runs show they are moving and a
        redirected tags summary on stdout stays clean."""
        self.stderr.write(f"{stage}: {done:,} of {total:,}")

    def _codebook(self, path: Path):
        if not path.exists():
            raise CommandError(f"Codebook not found: {path}")
        try:
            if path.suffix.lower() == ".qdc":
                with path.open("rb") as f:
                    return read_qdc(f)
            with path.open(newline="", encoding="utf-8-sig") as f:
                return read_codebook_csv(f)
        except CodebookError as exc:
            raise CommandError(f"{path}: {exc}") from exc

    def _read(self, path, reader, id_column, text_column, question_column):
        if not Path(path).exists():
            raise CommandError(f"File not found: {path}")
        with open(path, newline="", encoding="utf-8-sig") as f:
            try:
                return reader(f, id_column, text_column, question_column)
            except ValueError as exc:
                raise CommandError(f"{path}: {exc}") from exc
