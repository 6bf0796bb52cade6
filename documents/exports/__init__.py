"""Printable and spreadsheet forms of the registers and reports (PDF in the Decree 30/2020 layout of
documents.layout; Excel only through portal.spreadsheet, every cell text)."""
