"""Saving an openpyxl workbook to bytes without openpyxl's temporary files.

Workaround for openpyxl 3.1 (checked up to 3.1.5): ``ExcelWriter.write_worksheet`` first
writes each sheet to a named file in the system's temporary folder
(``create_temporary_file``, ``delete=False``), removed only when the save finishes, so a
process killed mid-export leaves the whole balance table in /tmp. Here each sheet is
serialised into memory instead. The test that tells when this can go:
tests/export/test_xlsx_private.py (it fails if a sheet passes through the temporary folder).
"""

from __future__ import annotations

import io
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter


class _InMemoryExcelWriter(ExcelWriter):  # type: ignore[misc]
    def write_worksheet(self, ws: Any) -> None:
        # ExcelWriter.write_worksheet's regular-workbook branch, with a BytesIO for the file.
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = WorksheetWriter(ws, out=io.BytesIO())
        writer.write()
        ws._rels = writer._rels
        self._archive.writestr(ws.path[1:], writer.read())
        self.manifest.append(ws)


def save_in_memory(workbook: Any) -> bytes:
    if workbook.write_only:
        raise ValueError("a write-only workbook keeps its sheets in temporary files")
    buffer = io.BytesIO()
    with ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        _InMemoryExcelWriter(workbook, archive).save()
    return buffer.getvalue()
