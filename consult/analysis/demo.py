"""The demo consultation's theme codebook, and its answers analysed with it.

The codebook is tests/eval/demo_codebook.csv (the 13 themes of the reference
case); the run goes through the real chunked run, eagerly in process.
"""

from pathlib import Path

from django.conf import settings

from .candidate_services import refresh_candidates
from .codebook_files import read_codebook_csv
from .runs import analyse_chunk, plan_run, start_run
from .services import replace_codebook

CODEBOOK = Path(settings.BASE_DIR) / "tests" / "eval" / "demo_codebook.csv"


def seed(demo: dict) -> None:
    consultation = demo.get("consultations", {}).get("operating_model")
    if consultation is None or not CODEBOOK.exists():
        return
    with CODEBOOK.open(encoding="utf-8") as fileobj:
        replace_codebook(consultation=consultation, rules=read_codebook_csv(fileobj))
    # Seeding runs in one transaction, so on_commit tasks would wait for its
    # end; the run's steps are called directly instead.
    run = start_run(
        consultation=consultation, user=demo.get("users", {}).get("Officer")
    )
    for chunk_id in plan_run(run_id=run.pk):
        analyse_chunk(chunk_id=chunk_id)
    run.refresh_from_db()
    demo["analysis_run"] = run
    # What the answers say that the codebook misses, for officers to review.
    refresh_candidates(consultation=consultation)
