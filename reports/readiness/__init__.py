"""Bảng theo dõi mức độ sẵn sàng vận hành: the go-live readiness board (issue 16 §3), one page for the
province and one per commune, each item computed from the data wherever it exists (checks.py)."""
