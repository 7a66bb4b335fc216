"""Which vendored file holds which document, and where the project keeps them."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS_DIR = PROJECT_ROOT / "documents"

# The vendored files by their stable key (the file name's prefix); the rest of the name is the
# original's, so the vendored copy is recognisable. The media type goes into the provenance graph.
SOURCE_FILES: dict[str, str] = {
    "000": "000_e3700daee5ab44bd.txt",  # Vientiane Action Plan, introduction (markdown fragment)
    "001": "001_eaa8e96e3b76f1c9.txt",  # Vientiane Action Plan 2010 (PDF text)
    "002": "002_dcd98631866e0bb6.txt",  # Final Document of the First Meeting of States Parties
    "003": "003_ffe002a63eb0e98d.txt",  # Lausanne Action Plan booklet, Declaration, Convention, ISU
    "004": "004_ccm-treaty-status.csv",  # the depositary's status table (its README beside it)
}
MEDIA_TYPES: dict[str, str] = {".txt": "text/plain; charset=utf-8", ".csv": "text/csv; charset=utf-8; header=present"}


def media_type(file_name: str) -> str:
    return MEDIA_TYPES[file_name[file_name.rindex(".") :]]


def companion(file_name: str) -> str:
    """The file that documents a data file: `004_x.csv` -> `004_x.README.md`."""
    return file_name[: file_name.rindex(".")] + ".README.md"
