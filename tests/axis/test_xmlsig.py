"""The XML signature's chain check remembers the chains that validated (axis.xmlsig._chain_check): a status
message signed with a certificate seen before is not walked to its root again — but only for the same leaf,
intermediates and roots, and only at a moment when every certificate of that path is valid. No database."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest

from axis import edxml, xmlsig
from tests.axis.pki import Pki, _make


@pytest.fixture(scope="module")
def pki() -> Pki:
    return Pki()


@pytest.fixture(autouse=True)
def _empty_memory():
    xmlsig._VALIDATED.clear()
    yield
    xmlsig._VALIDATED.clear()


def _status(signer) -> bytes:
    status = edxml.Status(
        response_for=edxml.ResponseFor(organ_id="000.00.31.H01", code="01/UBND-VX",
                                       promulgation_date=dt.date(2026, 12, 1),
                                       document_id="000.00.31.H01,2026/12/01,01/UBND-VX"),
        sender=edxml.Organ("000.00.00.G09", "Bộ Nội vụ"), code=edxml.REGISTERED,
        timestamp=dt.datetime(2026, 12, 1, 9, 30), description="Đã vào sổ đến.")
    return xmlsig.sign(edxml.build_status(status), key=signer.key, chain=signer.chain)


def _verify(data: bytes, roots, at=None):
    return xmlsig.verify(data, edxml.parse(data), trust_roots=roots, at=at)


def _walks():
    """Counts the walks to a root (the validator's own check), letting each run."""
    return mock.patch.object(xmlsig.CertificateValidator, "async_validate_path", autospec=True,
                             side_effect=xmlsig.CertificateValidator.async_validate_path)


def test_a_second_message_from_the_same_certificate_is_not_walked_to_its_root_again(pki):
    first, second = _status(pki.ministry), _status(pki.ministry)
    with _walks() as walked:
        assert _verify(first, [pki.root.certificate])[1].chain_checked
        assert _verify(second, [pki.root.certificate])[1].chain_checked
    assert walked.call_count == 1


def test_the_memory_is_per_chain_and_trust_list_and_never_remembers_a_refusal(pki):
    other = _make("Văn phòng Chính phủ", issuer=pki.root)
    with _walks() as walked:
        _verify(_status(pki.ministry), [pki.root.certificate])
        _verify(_status(other), [pki.root.certificate])  # another leaf
        with pytest.raises(edxml.PackageError) as refused:
            _verify(_status(pki.ministry), [pki.stranger.certificate])  # the same leaf, another root
        with pytest.raises(edxml.PackageError):
            _verify(_status(pki.ministry), [pki.stranger.certificate])  # refused again, walked again
    assert refused.value.code == "certificate" and walked.call_count == 4


def test_outside_the_validity_of_the_path_the_chain_is_checked_again_and_refused(pki):
    data = _status(pki.ministry)
    _verify(data, [pki.root.certificate])
    later = pki.ministry.certificate.not_valid_after_utc + dt.timedelta(days=1)
    with _walks() as walked, pytest.raises(edxml.PackageError) as refused:
        _verify(data, [pki.root.certificate], at=later)
    assert walked.call_count == 1 and refused.value.code == "certificate"
