"""Publishing the demo catalogue through the catalogue's own services (procedures.services), so every
procedure passes the same rules as one an admin enters by hand."""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from accounts.models import User
from demo.data import forms, procedures_civil, procedures_commune, procedures_province
from demo.data.catalogue import COMMUNE, COMMUNE_PC, DECISION, FIELDS, Spec, standard_steps
from demo.sync import SyncCounts, by, sync_rows
from portal.text import nfc
from portal.timeunits import TimeUnit
from procedures.models import Field, ProcedureVersion, PublicationDecision
from procedures.services import (
    ComponentData,
    FeeData,
    FormFieldData,
    StepData,
    VersionData,
    decision_create,
    procedure_draft_save,
    procedure_publish,
    version_data,
)

SPECS: list[Spec] = [*procedures_civil.PROCEDURES, *procedures_commune.PROCEDURES, *procedures_province.PROCEDURES]


@dataclass
class CatalogueCounts:
    fields: SyncCounts
    published: int
    unchanged: int
    decision: PublicationDecision


def spec_version_data(spec: Spec, *, fields: dict[str, Field], agencies: dict, centres: tuple) -> VersionData:
    """The catalogue's VersionData for a spec. Commune-level steps name no agency: the commune that
    receives the dossier does the work."""
    own_agency = None if spec.agency == COMMUNE_PC else spec.agency
    total = Decimal(spec.time)
    raw_steps = spec.steps if spec.steps is not None else standard_steps(
        total, own_agency, whole=spec.unit in (TimeUnit.DAYS.value, TimeUnit.MONTHS.value))
    cutoff = datetime.time.fromisoformat(spec.cutoff) if spec.cutoff else None
    form_component, questions = forms.FORMS.get(spec.code, (None, ()))
    return VersionData(
        name=nfc(spec.name), name_en=spec.name_en, field=fields[spec.field], level=spec.level,
        agency=agencies[spec.agency], processing_time=total, processing_time_unit=spec.unit,
        result_type=nfc(spec.result), result_type_en=spec.result_en, legal_basis=nfc(spec.legal_basis),
        conditions=nfc(spec.conditions), cutoff_hour=cutoff, online_level=spec.online,
        payment_timing=spec.payment,
        channel_online=spec.online != "none", channel_counter=spec.counter, channel_post=spec.post,
        regardless_of_residence=True, issues_paper_original=spec.paper, centres=centres,
        components=tuple(
            ComponentData(name=nfc(name), name_en=name_en, originals=originals, copies=copies, is_mandatory=mandatory,
                          filled_by_form=position == form_component)
            for position, (name, name_en, originals, copies, mandatory) in enumerate(spec.components, start=1)
        ),
        form_fields=tuple(_form_field(question) for question in questions),
        fees=tuple(FeeData(description=nfc(d), description_en=d_en, amount=amount) for d, d_en, amount in spec.fees),
        steps=tuple(
            StepData(name=nfc(name), name_en=name_en, responsible_role=role, duration=Decimal(str(duration)),
                     responsible_agency=agencies[key] if key else None)
            for name, name_en, role, duration, key in raw_steps
        ),
    )


def _form_field(question: dict) -> FormFieldData:
    values = {**question, "options": tuple(question["options"]), "options_en": tuple(question["options_en"])}
    for bound in ("min_value", "max_value"):
        if values.get(bound) is not None:
            values[bound] = Decimal(str(values[bound]))
    return FormFieldData(**{key: nfc(value) if isinstance(value, str) else value for key, value in values.items()})


def _same_content(stored: VersionData, wanted: VersionData) -> bool:
    # Centres come back in the centres' display order; only the set matters.
    if {c.pk for c in stored.centres} != {c.pk for c in wanted.centres}:
        return False
    return dataclasses.replace(stored, centres=()) == dataclasses.replace(wanted, centres=())


def _decision(actor: User) -> PublicationDecision:
    existing = PublicationDecision.objects.filter(number=DECISION["number"]).first()
    if existing is not None:
        return existing
    return decision_create(
        number=DECISION["number"], signed_on=datetime.date.fromisoformat(DECISION["signed_on"]),
        signer=DECISION["signer"], signer_position=DECISION["signer_position"], actor=actor,
    )


@transaction.atomic
def demo_catalogue_load(*, actor: User, reference) -> CatalogueCounts:
    """Fields, the demo decision, and every procedure published under it. A procedure whose version in
    force already has the demo content is left alone; a new or changed one is drafted and published."""
    synced, field_counts = sync_rows(
        Field, [{"code": code, "name": name, "name_en": name_en} for code, name, name_en in FIELDS],
        key=by("code"), existing=Field.objects.filter(code__in=[code for code, _n, _e in FIELDS]),
    )
    fields = {code: f for (code,), f in synced.items()}
    agencies = reference.agencies
    communal = tuple(reference.communal_centres.values())
    provincial = (reference.provincial_centre,)
    decision = _decision(actor)

    current = {
        v.procedure.code: v
        for v in ProcedureVersion.objects.current().filter(procedure__code__in=[s.code for s in SPECS])
        .select_related("procedure", "field", "agency")
        .prefetch_related("centres", "components", "fees", "form_fields", "steps__responsible_agency")
    }
    drafts = []
    for spec in SPECS:
        wanted = spec_version_data(spec, fields=fields, agencies=agencies,
                                   centres=communal if spec.level == COMMUNE else provincial)
        in_force = current.get(spec.code)
        if in_force is not None and _same_content(version_data(in_force), wanted):
            continue
        drafts.append(procedure_draft_save(code=spec.code, data=wanted, actor=actor))
    if drafts:
        procedure_publish(versions=drafts, decision=decision,
                          effective_from=datetime.date.fromisoformat(DECISION["effective_from"]), actor=actor)
    return CatalogueCounts(fields=field_counts, published=len(drafts), unchanged=len(SPECS) - len(drafts),
                           decision=decision)
