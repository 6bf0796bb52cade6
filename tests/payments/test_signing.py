"""The signature scheme both sides share (payments/signing.py, documented in docs/payments.md)."""

from payments import signing


def test_the_canonical_string_sorts_fields_and_percent_encodes_values():
    fields = {"order_id": "A1", "amount": 50000, "description": "Lệ phí & phí", "signature": "x", "none": None,
              "flag": True}
    assert signing.canonical(fields) == (
        "amount=50000&description=L%E1%BB%87%20ph%C3%AD%20%26%20ph%C3%AD&flag=true&order_id=A1")


def test_a_signed_message_verifies_and_any_change_breaks_it():
    message = signing.signed({"order_id": "A1", "amount": 50000, "status": "paid"}, "secret")
    assert signing.verify(message, "secret")
    assert not signing.verify(message, "another secret")
    assert not signing.verify({**message, "amount": 50001}, "secret")
    assert not signing.verify({**message, "status": "cancelled"}, "secret")
    assert not signing.verify({k: v for k, v in message.items() if k != "signature"}, "secret")
    assert not signing.verify({**message, "signature": 12}, "secret")
    assert not signing.verify(message, "")  # no secret configured: nothing verifies
