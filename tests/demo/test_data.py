"""The demo data itself, checked without a database."""

from collections import Counter
from decimal import Decimal

import pytest

from accounts.cccd import validate_cccd
from demo.catalogue import SPECS
from demo.data import province
from demo.data.accounts import CITIZEN, DEMO_COMMUNE, OFFICIALS
from demo.data.catalogue import COMMUNE_PC, FIELDS, standard_steps
from demo.data.text import ascii_title, slugify_vi
from procedures.validators import validate_procedure_code


def test_the_commune_list_is_the_resolutions_54_units():
    codes = [code for code, _name, _kind in province.COMMUNES]
    names = [name for _code, name, _kind in province.COMMUNES]
    assert len(codes) == len(set(codes)) == 54 and len(set(names)) == 54
    assert all(len(code) == 5 and code.isdigit() for code in codes)
    assert codes == sorted(codes)
    assert Counter(kind for _c, _n, kind in province.COMMUNES) == {"ward": 30, "commune": 22, "special_zone": 2}
    assert len({slugify_vi(name) for name in names}) == 54


def test_names_lose_only_their_diacritics_in_english():
    assert ascii_title("Đông Triều") == "Dong Trieu"
    assert province.commune_full_name("Móng Cái 1", province.WARD) == ("Phường Móng Cái 1", "Mong Cai 1 Ward")
    assert slugify_vi("Hạ Long") == "ha-long"


def test_every_procedure_spec_is_complete():
    codes = [spec.code for spec in SPECS]
    assert len(codes) == len(set(codes)) >= 50
    agency_keys = {key for key, *_rest in province.AGENCIES} | {COMMUNE_PC}
    field_codes = {code for code, _n, _e in FIELDS}
    for spec in SPECS:
        validate_procedure_code(spec.code)
        assert spec.name and spec.name_en and spec.result and spec.result_en and spec.legal_basis, spec.code
        assert spec.agency in agency_keys and spec.field in field_codes, spec.code
        assert 2 <= len(spec.components) <= 6, spec.code
        assert spec.fees, spec.code
        assert (spec.agency == COMMUNE_PC) <= (spec.level == "commune"), spec.code
    assert {spec.field for spec in SPECS} == field_codes


@pytest.mark.parametrize("total", ["0.5", "1", "2", "3", "5", "7", "8", "10", "15", "20", "30"])
def test_the_standard_process_adds_up_to_the_legal_time(total):
    steps = standard_steps(Decimal(total), "tu-phap")
    assert sum(duration for *_names, duration, _agency in steps) == Decimal(total)
    assert all(duration > 0 for *_names, duration, _agency in steps)
    assert 2 <= len(steps) <= 5


def test_the_demo_citizen_has_a_consistent_cccd_number():
    assert CITIZEN["cccd"].startswith("022")  # born in Quảng Ninh
    validate_cccd(CITIZEN["cccd"], date_of_birth=CITIZEN["date_of_birth"], gender=CITIZEN["gender"])


def test_the_officials_by_role_and_the_commune_staff_share_a_commune():
    roles = Counter(official["role"] for official in OFFICIALS)
    assert roles == {"officer": 2, "specialist": 2, "leader": 4, "clerk": 2, "hotline": 1, "admin": 1}
    commune_staff = [o for o in OFFICIALS if o["role"] in ("specialist", "leader")
                     and o["agency"] not in ("vp-ubnd", "hcc") or o["username"] == "vanthu.halong"]
    assert {o["agency"] for o in commune_staff} == {DEMO_COMMUNE}
