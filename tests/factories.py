"""factory_boy factories shared by the whole suite."""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.models import User
from procedures.models import (
    Field,
    InternalProcessStep,
    Procedure,
    ProcedureVersion,
    PublicationDecision,
    RequiredComponent,
)
from units.models import AdministrativeUnit, Agency, ServiceCentre


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit
        django_get_or_create = ("code",)

    code = "22"
    name = "Tỉnh Quảng Ninh"
    name_en = "Quang Ninh Province"
    kind = AdministrativeUnit.Kind.PROVINCE


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit

    code = factory.Sequence(lambda n: f"{10000 + n}")
    name = factory.Sequence(lambda n: f"Xã Thử Nghiệm {n}")
    kind = AdministrativeUnit.Kind.COMMUNE
    parent = factory.SubFactory(ProvinceFactory)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"H22.{n % 90 + 10:02d}.{n // 90 % 90 + 10:02d}")
    name = factory.Sequence(lambda n: f"Sở Thử Nghiệm {n}")
    unit = factory.SubFactory(ProvinceFactory)


class ServiceCentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceCentre

    slug = factory.Sequence(lambda n: f"centre-{n}")
    name = factory.Sequence(lambda n: f"Trung tâm Phục vụ hành chính công {n}")
    level = ServiceCentre.Level.PROVINCE
    agency = factory.SubFactory(AgencyFactory)
    unit = factory.SelfAttribute("agency.unit")
    address = "Số 1 đường Trần Hưng Đạo"
    opening_hours = "Thứ Hai – Thứ Sáu: 07:30 – 11:30, 13:00 – 17:00"
    is_published = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    role = User.Role.CITIZEN
    password = factory.PostGenerationMethodCall("set_password", "Mật-khẩu-2025!")

    class Params:
        admin = factory.Trait(role=User.Role.ADMIN, agency=factory.SubFactory(AgencyFactory))
        officer = factory.Trait(
            role=User.Role.OFFICER,
            centre=factory.SubFactory(ServiceCentreFactory),
            agency=factory.SelfAttribute("centre.agency"),
        )

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Field
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"field-{n}")
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")


class PublicationDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicationDecision

    number = factory.Sequence(lambda n: f"{n + 1}/QĐ-UBND")
    signed_on = dt.date(2025, 7, 1)
    signer = "Trần Văn Ký"
    signer_position = "Chủ tịch"
    created_by = factory.SubFactory(UserFactory, admin=True)


class ProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procedure

    code = factory.Sequence(lambda n: f"1.{n:06d}")


class ProcedureVersionFactory(factory.django.DjangoModelFactory):
    """A draft by default; ``published=True`` gives a version in force today."""

    class Meta:
        model = ProcedureVersion

    procedure = factory.SubFactory(ProcedureFactory)
    number = 1
    name = factory.Sequence(lambda n: f"Thủ tục thử nghiệm {n}")
    field = factory.SubFactory(FieldFactory)
    level = ProcedureVersion.Level.PROVINCE
    agency = factory.SubFactory(AgencyFactory)
    processing_time = Decimal("5")

    class Params:
        published = factory.Trait(
            status=ProcedureVersion.Status.PUBLISHED,
            decision=factory.SubFactory(PublicationDecisionFactory),
            effective_from=dt.date(2025, 7, 1),
            published_at=factory.LazyFunction(timezone.now),
        )


class RequiredComponentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequiredComponent

    version = factory.SubFactory(ProcedureVersionFactory)
    position = factory.Sequence(lambda n: n + 1)
    name = "Tờ khai theo mẫu"


class InternalProcessStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InternalProcessStep

    version = factory.SubFactory(ProcedureVersionFactory)
    position = factory.Sequence(lambda n: n + 1)
    name = "Tiếp nhận hồ sơ"
    responsible_role = InternalProcessStep.Role.OFFICER
    duration = Decimal("0.5")
