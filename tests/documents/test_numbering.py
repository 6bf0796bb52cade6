"""Document kinds and the numbering of registers (Decree 30/2020/NĐ-CP art. 7, 15, 22.2; Appendix I, III)."""

import threading

import pytest
from django.db import connection, transaction

from documents.models import DocumentType, Register, RegisterCounter
from documents.services import notation, register_number_next
from documents.services.numbering import issuer_abbreviation
from tests.factories import AgencyFactory


def test_the_decree_kinds_are_seeded_with_their_abbreviations_as_written(db):
    abbreviations = dict(DocumentType.objects.values_list("name", "abbreviation"))
    # 29 kinds of art. 7, three copy forms, and the birth registration's extract (a dossier's result)
    assert len(abbreviations) == 33 and abbreviations["Trích lục khai sinh"] == "TLKS"
    assert abbreviations["Quy định"] == "QyĐ" and abbreviations["Chương trình"] == "CTr"
    assert abbreviations["Tờ trình"] == "TTr" and abbreviations["Bản trích sao"] == "TrS"
    assert abbreviations["Quyết định"] == "QĐ" and abbreviations["Công văn"] == "" == abbreviations["Thư công"]


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({"number": 15, "type_abbreviation": "QĐ", "issuer": "UBND"}, "15/QĐ-UBND"),
    ({"number": 5, "issuer": "BNV", "unit": "VP"}, "05/BNV-VP"),  # a công văn: issuer and drafting unit
    ({"number": 3, "type_abbreviation": "QyĐ", "issuer": "UBND"}, "03/QyĐ-UBND"),  # mixed case kept
    ({"number": 120, "type_abbreviation": "TTr", "issuer": "UBND"}, "120/TTr-UBND"),
])
def test_the_number_and_symbol_read_as_appendix_i_writes_them(kwargs, expected):
    assert notation(**kwargs) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("Sở Tư pháp tỉnh Quảng Ninh", "STP"),
    ("Văn phòng Ủy ban nhân dân tỉnh", "VPUBND"),  # the bare "tỉnh" is the locality; no tone marks
    ("Văn phòng Hội đồng nhân dân tỉnh", "VPHĐND"),  # Đ is a letter of its own
])
def test_the_issuer_is_abbreviated_by_its_initials_without_tone_marks(db, name, expected):
    assert issuer_abbreviation(AgencyFactory(name=name, is_people_committee=False)) == expected


def test_a_number_below_one_is_refused():
    with pytest.raises(ValueError):
        notation(number=0, issuer="UBND")


def register(name="Sổ văn bản đi", **extra) -> Register:
    return Register.objects.create(agency=AgencyFactory(), direction="outgoing", name=name, **extra)


def test_numbers_run_from_one_each_year_per_register_and_a_rolled_back_number_is_given_again(db):
    outgoing, secret = register(), register(secret=True, name="Sổ văn bản mật")
    with transaction.atomic():
        assert [register_number_next(register=outgoing, year=2026) for _ in range(3)] == [1, 2, 3]
        assert register_number_next(register=secret, year=2026) == 1  # secret documents: a series of their own
        assert register_number_next(register=outgoing, year=2027) == 1  # from 01 on 1 January
    try:
        with transaction.atomic():
            assert register_number_next(register=outgoing, year=2026) == 4
            raise RuntimeError("the issue failed")
    except RuntimeError:
        pass
    with transaction.atomic():
        assert register_number_next(register=outgoing, year=2026) == 4  # no gap


@pytest.mark.django_db(transaction=True)
def test_numbering_outside_a_transaction_is_a_programming_error():
    with pytest.raises(RuntimeError):
        register_number_next(register=register(), year=2026)


@pytest.mark.django_db(transaction=True)
def test_clerks_numbering_at_once_get_unique_consecutive_numbers():
    outgoing = register()
    numbers, barrier = [], threading.Barrier(8)

    def clerk():
        try:
            barrier.wait(timeout=10)
            for _ in range(5):
                with transaction.atomic():
                    numbers.append(register_number_next(register=outgoing, year=2026))
        finally:
            connection.close()

    threads = [threading.Thread(target=clerk) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(numbers) == list(range(1, 41))
    assert RegisterCounter.objects.get(register=outgoing, year=2026).last_number == 40
