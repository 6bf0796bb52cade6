"""A stand-in for the national document interconnection axis (Trục liên thông văn bản quốc gia) and the
organs outside the province that it connects: a separate HTTP service with its own SQLite database and
certificate authority, run with ``python -m axis.mock``. It shares with the portal only the edXML format
(axis.edxml, axis.xmlsig) and the request signing (portal.signedrequests), never its database or Django:
server.py holds the HTTP contract, organs.py how the external organs answer."""
