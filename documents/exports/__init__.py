"""What leaves the portal as files: a work file with its documents (PDF, XML), the agency's list of files
(Mục lục hồ sơ)."""
