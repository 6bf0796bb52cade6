"""Lists of names a person picks from sort in Vietnamese alphabetical order: "Hà" before "Hiệp" (byte order
puts "Hiệp" first, since "i" sorts before "à")."""

import pytest

from tests.factories import AgencyFactory, ServiceCentreFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres_only]


def _names(field) -> list[str]:
    return [str(label) for value, label in field.choices if value]


def test_agency_and_official_choices_sort_in_vietnamese_order():
    from signatures.forms import RequestForm

    hiep = AgencyFactory(name="Ủy ban nhân dân xã Hiệp Hòa")
    ha = AgencyFactory(name="Ủy ban nhân dân xã Hà An")
    UserFactory(role="leader", agency=hiep, full_name="Nguyễn Văn Hiệp")
    UserFactory(role="leader", agency=ha, full_name="Nguyễn Văn Hà")
    form = RequestForm()
    agencies = [name for name in _names(form.fields["agency"]) if "xã H" in name]
    assert agencies == ["Ủy ban nhân dân xã Hà An", "Ủy ban nhân dân xã Hiệp Hòa"]
    officials = [name for name in _names(form.fields["official"]) if name.startswith("Nguyễn Văn H")]
    assert [name.split(" — ")[0] for name in officials] == ["Nguyễn Văn Hà", "Nguyễn Văn Hiệp"]


def test_the_tracking_books_centres_sort_in_vietnamese_order():
    from dossiers.web.book_form import book_centres

    ServiceCentreFactory(name="Trung tâm Phục vụ hành chính công xã Hiệp Hòa", level="commune")
    ServiceCentreFactory(name="Trung tâm Phục vụ hành chính công xã Hà An", level="commune")
    names = [c.name for c in book_centres(UserFactory(admin=True)) if "xã H" in c.name]
    assert names == ["Trung tâm Phục vụ hành chính công xã Hà An", "Trung tâm Phục vụ hành chính công xã Hiệp Hòa"]
