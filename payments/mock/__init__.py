"""A mock of the national payment platform (Nền tảng thanh toán trên Cổng Dịch vụ công quốc gia): its own
process and SQLite database, standard library only. See payments/mock/server.py for its contract and
docs/payments.md for the signature scheme."""
