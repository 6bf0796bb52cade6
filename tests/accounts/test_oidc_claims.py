"""The verified claims in the portal's shapes, and the account they make: whatever a provider sends, a claim
set that cannot name a citizen is refused and odd values are cleaned, never a 500."""

import pytest

from accounts.identity.errors import IdentityErrorCode, IdentityRefused
from accounts.identity.services import VerifiedIdentity, citizen_from_identity
from accounts.models import User
from tests.accounts.factories import CitizenFactory

MAI = {"sub": "vneid-1", "cccd": "022185004321", "identity_level": 2, "name": "Trần Thị Mai",
       "birthdate": "1985-09-02", "gender": "female", "address": {"formatted": "Tổ 3, khu 5, phường Hạ Long"},
       "phone_number": "+84 987 654 321"}


def refused(claims) -> str:
    with pytest.raises(IdentityRefused) as error:
        VerifiedIdentity.from_claims(claims)
    return error.value.code


def test_the_claims_in_the_portals_shapes():
    identity = VerifiedIdentity.from_claims(MAI)
    assert (identity.cccd, identity.level, identity.gender, identity.phone) == ("022185004321", 2, "female",
                                                                                 "0987654321")
    assert identity.address == "Tổ 3, khu 5, phường Hạ Long" and str(identity.date_of_birth) == "1985-09-02"


@pytest.mark.parametrize("change", [
    {"cccd": None}, {"cccd": "12345"}, {"cccd": ["022185004321"]}, {"cccd": "022085004321"},  # a man's number
    {"birthdate": "1990-01-01"},  # the number says 1985
    {"identity_level": 3}, {"identity_level": True}, {"identity_level": None},
    {"sub": ""}, {"sub": None}, {"sub": "x" * 300}, {"sub": "a\x00b"},
])
def test_claims_that_cannot_name_a_citizen_are_refused(change):
    assert refused({**MAI, **change}) == IdentityErrorCode.CLAIMS


def test_odd_values_are_cleaned_not_refused():
    identity = VerifiedIdentity.from_claims({**MAI, "name": "  Trần\x00 Thị   Mai " + "x" * 500, "birthdate": "02/09/1985",
                                             "gender": "other", "address": "Tổ 3\nkhu 5", "phone_number": "112",
                                             "identity_level": "1"})
    assert identity.full_name.startswith("Trần Thị Mai") and len(identity.full_name) == 150
    assert identity.date_of_birth is None and identity.gender == "" and identity.phone == ""
    assert identity.address == "Tổ 3 khu 5" and identity.level == 1


@pytest.mark.django_db
def test_an_account_linked_to_another_subject_is_not_taken_over():
    CitizenFactory(cccd=MAI["cccd"], username=MAI["cccd"], date_of_birth="1985-09-02", gender="female",
                   identity_subject="vneid-someone-else")
    with pytest.raises(IdentityRefused) as error:
        citizen_from_identity(identity=VerifiedIdentity.from_claims(MAI))
    assert error.value.code == IdentityErrorCode.CLAIMS
    assert User.objects.get(cccd=MAI["cccd"]).identity_subject == "vneid-someone-else"


@pytest.mark.django_db
def test_a_locked_account_is_refused():
    CitizenFactory(cccd=MAI["cccd"], username=MAI["cccd"], date_of_birth="1985-09-02", gender="female",
                   is_active=False)
    with pytest.raises(IdentityRefused) as error:
        citizen_from_identity(identity=VerifiedIdentity.from_claims(MAI))
    assert error.value.code == IdentityErrorCode.INACTIVE


@pytest.mark.django_db
def test_the_created_account_passes_the_models_own_checks():
    user = citizen_from_identity(identity=VerifiedIdentity.from_claims(MAI))
    user.full_clean()
    assert user.role == User.Role.CITIZEN and user.username == user.cccd == MAI["cccd"]


@pytest.mark.django_db(transaction=True)
def test_two_first_logins_at_once_make_one_account(monkeypatch, settings):
    """Both look for the number before either saves: the second waits on the unique number, then links."""
    import threading

    from django.db import connection

    from accounts.identity import services

    if connection.vendor != "postgresql":
        pytest.skip("real concurrent transactions need PostgreSQL")
    barrier, original, calls = threading.Barrier(2, timeout=10), services._refresh, []

    def refresh(user, identity):
        calls.append(user.pk)
        if len(calls) <= 2:
            barrier.wait()  # both have looked and found nothing
        original(user, identity)

    monkeypatch.setattr(services, "_refresh", refresh)
    results, errors = [], []

    def login():
        try:
            results.append(citizen_from_identity(identity=VerifiedIdentity.from_claims(MAI)).pk)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=login) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert errors == [] and len(results) == 2 and results[0] == results[1]
    assert User.objects.filter(cccd=MAI["cccd"]).count() == 1
    assert calls[:2] == [None, None] and calls[2] is not None  # the second linked on its retry
