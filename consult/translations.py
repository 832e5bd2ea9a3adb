"""Compile the interface translations (locale/<language>/LC_MESSAGES/*.po).

``make install`` runs this (``python -m consult.translations``) and the tests
run it at start, so a fresh clone shows its translated pages without gettext's
tools installed: polib (a wagtail-localize dependency) writes the .mo files.
They are built, never committed. Only stale ones are rewritten, each through a
temporary file, so parallel test processes never read half a file.
"""

import os
import sys
import tempfile
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def compile_stale(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Write each .mo older than its .po; return the ones written."""
    written = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        handle, temporary = tempfile.mkstemp(dir=po_path.parent, suffix=".mo.tmp")
        os.close(handle)
        try:
            polib.pofile(str(po_path)).save_as_mofile(temporary)
            os.replace(temporary, mo_path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        written.append(mo_path)
    return written


if __name__ == "__main__":
    for path in compile_stale():
        sys.stdout.write(f"compiled {path}\n")
