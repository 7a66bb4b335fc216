"""Downloads the pages offer beside their tables: CSV (RFC 4180) and any other text body, shown inline."""

from __future__ import annotations

import csv
import io

from flask import Response


def csv_response(header: list[str], rows: list[list[object]], name: str) -> Response:
    """A CSV download (RFC 4180: CRLF line ends, a header line)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return download(buffer.getvalue(), "text/csv; charset=utf-8; header=present", name)


def download(body: str, media_type: str, name: str) -> Response:
    response = Response(body, content_type=media_type)
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    return response
