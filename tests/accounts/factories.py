"""Factories for accounts tests: citizens with a CCCD number that fits their birth date and gender."""

import datetime as dt

import factory

from accounts.models import User
from tests.factories import UserFactory

_GENDER_DIGIT = {("male", 1900): "0", ("female", 1900): "1", ("male", 2000): "2", ("female", 2000): "3"}


def make_cccd(*, date_of_birth: dt.date, gender: str, province: str = "022", serial: int = 1) -> str:
    century = date_of_birth.year // 100 * 100
    return (
        f"{province}{_GENDER_DIGIT[(gender, century)]}{date_of_birth.year % 100:02d}{serial % 1_000_000:06d}"
    )


class CitizenFactory(UserFactory):
    date_of_birth = dt.date(1990, 5, 17)
    gender = User.Gender.FEMALE
    cccd = factory.LazyAttributeSequence(
        lambda o, n: make_cccd(date_of_birth=o.date_of_birth, gender=o.gender, serial=n + 1)
    )
    username = factory.SelfAttribute("cccd")
    full_name = factory.Sequence(lambda n: f"Trần Thị Công Dân {n}")
    phone = "0912345678"
    role = User.Role.CITIZEN
