"""Which vendored file holds which document, and where the project keeps them."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS_DIR = PROJECT_ROOT / "documents"

# Which parser reads which vendored file. The prefix is the file's stable key; the
# hash suffix of the original name is kept so the vendored copy is recognisable.
SOURCE_FILES: dict[str, str] = {
    "000": "000_e3700daee5ab44bd.txt",  # Vientiane Action Plan, introduction (markdown fragment)
    "001": "001_eaa8e96e3b76f1c9.txt",  # Vientiane Action Plan 2010 (PDF text)
    "002": "002_dcd98631866e0bb6.txt",  # Final Document of the First Meeting of States Parties
    "003": "003_ffe002a63eb0e98d.txt",  # Lausanne Action Plan booklet, Declaration, Convention, ISU
}
