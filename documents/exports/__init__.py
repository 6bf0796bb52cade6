"""What leaves the portal as files: a work file with its documents (PDF, XML), the agency's list of files
(Mục lục hồ sơ), and the registers and reports (PDF in the Decree 30/2020 layout of documents.layout; Excel
only through portal.spreadsheet, every cell text)."""
