"""Every write to the procedure catalogue (danh mục thủ tục hành chính).

A procedure's content is edited as a draft version; a provincial admin publishes drafts under a
publication decision (quyết định công bố) from an effective date. Published versions are never changed:
a change starts a new draft. The newest published version supersedes the older ones from its effective
date (see ``ProcedureVersion.objects.current``). Each write records a ``ProcedureEvent`` in the same
transaction; each publication also writes its message to the National Public Service Portal's outbox."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from outbox.models import OutboxMessage
from outbox.services import enqueue
from portal.dates import date_text
from portal.text import nfc, search_fold
from procedures.data import (
    SCALAR_FIELDS,
    ComponentData,
    FeeData,
    FormFieldData,
    StepData,
    VersionData,
    version_data,
)
from procedures.errors import (
    CatalogueConflict,
    CatalogueError,
    CatalogueErrorCode,
    CatalogueForbidden,
    CatalogueNotFound,
)
from procedures.models import (
    Fee,
    Field,
    FormField,
    InternalProcessStep,
    Procedure,
    ProcedureEvent,
    ProcedureVersion,
    PublicationDecision,
    RequiredComponent,
)
from procedures.rules import procedure_data_errors

__all__ = [
    "ComponentData", "FeeData", "FormFieldData", "StepData", "VersionData", "version_data", "procedure_data_errors",
    "search_text_for", "procedure_draft_save", "procedure_draft_from_published", "decision_create",
    "procedure_publish", "procedure_draft_edited", "search_text_refresh", "procedure_form_save",
]

_TEXT_FIELDS = ("name", "name_en", "result_type", "result_type_en", "legal_basis", "conditions")


def search_text_for(*, code: str, name: str, name_en: str, field_name: str, field_name_en: str = "") -> str:
    """The accent-free, lower-case text that catalogue search matches against (``search_fold``). It starts
    with the code and the name, in that order: the ranking of procedures.selectors counts on it."""
    return search_fold(" ".join((code, name, name_en, field_name, field_name_en)))


@transaction.atomic
def procedure_draft_save(
    *, code: str, data: VersionData, actor: User, event_kind: str = ProcedureEvent.Kind.DRAFTED
) -> ProcedureVersion:
    """Create the procedure if it is new, then create its draft (next version number) or replace the
    content of the draft it already has. Published versions are never touched."""
    _require_admin(actor)
    code = (code or "").strip()
    errors = procedure_data_errors(code=code, data=data)
    if errors:
        raise CatalogueError(
            _("The procedure %(code)s has errors; nothing was saved.") % {"code": code},
            code=CatalogueErrorCode.INVALID,
            extra={"errors": errors},
        )
    procedure, _created = Procedure.objects.get_or_create(code=code)
    # One lock per procedure serialises drafting and publishing of the same procedure.
    procedure = Procedure.objects.select_for_update().get(pk=procedure.pk)
    draft = procedure.versions.filter(status=ProcedureVersion.Status.DRAFT).first()
    replaced = draft is not None
    if draft is None:
        draft = ProcedureVersion(procedure=procedure, number=_next_number(procedure))
    _write_content(draft, code=code, data=data)
    ProcedureEvent.objects.create(
        procedure=procedure, version=draft, kind=event_kind, actor=actor,
        data={"number": draft.number, "replaced": replaced},
    )
    return draft


@transaction.atomic
def procedure_draft_from_published(*, procedure: Procedure, actor: User) -> ProcedureVersion:
    """A new draft that copies the latest published version (components with their form files, fees,
    steps, centres), to be edited and published again. If the procedure already has a draft, that draft
    is returned unchanged: there is at most one draft per procedure."""
    _require_admin(actor)
    procedure = Procedure.objects.select_for_update().get(pk=procedure.pk)
    existing = procedure.versions.filter(status=ProcedureVersion.Status.DRAFT).first()
    if existing is not None:
        return existing
    source = (
        procedure.versions.filter(status=ProcedureVersion.Status.PUBLISHED)
        .select_related("field", "agency").order_by("-number").first()
    )
    if source is None:
        raise CatalogueNotFound(
            _("Procedure %(code)s has no published version to start from.") % {"code": procedure.code},
            code=CatalogueErrorCode.NOT_PUBLISHED,
        )
    draft = ProcedureVersion(procedure=procedure, number=_next_number(procedure))
    _write_content(draft, code=procedure.code, data=version_data(source))
    # version_data carries no files; keep each component's form file (same stored file, never rewritten).
    forms = dict(source.components.values_list("position", "form_file"))
    for component in draft.components.all():
        if forms.get(component.position):
            component.form_file = forms[component.position]
            component.save(update_fields=["form_file"])
    ProcedureEvent.objects.create(
        procedure=procedure, version=draft, kind=ProcedureEvent.Kind.DRAFTED, actor=actor,
        data={"number": draft.number, "from_version": source.number},
    )
    return draft


@transaction.atomic
def decision_create(
    *, number: str, signed_on: datetime.date, signer: str, signer_position: str, actor: User
) -> PublicationDecision:
    """Record a publication decision (quyết định công bố) so drafts can be published under it."""
    _require_admin(actor)
    number, signer, signer_position = nfc(number).strip(), nfc(signer).strip(), nfc(signer_position).strip()
    errors: dict[str, list[str]] = {}
    if not number:
        errors["number"] = [_("Enter the decision number, e.g. 1234/QĐ-UBND.")]
    if not signer:
        errors["signer"] = [_("Enter who signed the decision.")]
    if signed_on > timezone.localdate():
        errors["signed_on"] = [_("The signing date cannot be in the future.")]
    if errors:
        raise CatalogueError(
            _("The publication decision has errors; nothing was saved."), code=CatalogueErrorCode.INVALID,
            extra={"errors": errors},
        )
    try:
        with transaction.atomic():
            return PublicationDecision.objects.create(
                number=number, signed_on=signed_on, signer=signer, signer_position=signer_position,
                created_by=actor,
            )
    except IntegrityError:
        raise CatalogueConflict(
            _("Decision %(number)s is already recorded.") % {"number": number},
            code=CatalogueErrorCode.DECISION_EXISTS,
            extra={"errors": {"number": [_("This number is already used.")]}},
        ) from None


@transaction.atomic
def procedure_publish(
    *, versions: Sequence[ProcedureVersion], decision: PublicationDecision, effective_from: datetime.date,
    actor: User,
) -> list[ProcedureVersion]:
    """Publish drafts under a decision from an effective date, all or nothing. From that date each one
    supersedes the version in force before it."""
    _require_admin(actor)
    if not versions:
        raise CatalogueError(_("Choose at least one draft to publish."),
                             code=CatalogueErrorCode.NOTHING_TO_PUBLISH)
    if effective_from < decision.signed_on:
        raise CatalogueError(
            _("The effective date %(date)s is before the decision was signed (%(signed)s).")
            % {"date": date_text(effective_from), "signed": date_text(decision.signed_on)},
            code=CatalogueErrorCode.INVALID,
            extra={"errors": {"effective_from": [_("Must be on or after the signing date.")]}},
        )
    ids = sorted({v.pk for v in versions})
    # Lock in a fixed order (procedures, then versions, by id) so concurrent publishers cannot deadlock.
    procedure_ids = ProcedureVersion.objects.filter(pk__in=ids).values("procedure_id")
    list(Procedure.objects.select_for_update().filter(pk__in=procedure_ids).order_by("pk").values_list("pk"))
    locked = list(
        ProcedureVersion.objects.select_for_update(of=("self",)).filter(pk__in=ids).order_by("pk")
        .select_related("procedure", "field", "agency")
        .prefetch_related("centres", "components", "fees", "form_fields", "steps__responsible_agency")
    )
    already = [v for v in locked if not v.is_draft]
    if already or len(locked) != len(ids):
        raise CatalogueConflict(
            _("These versions are no longer drafts (already published?): %(codes)s.")
            % {"codes": ", ".join(f"{v.procedure.code} v{v.number}" for v in already) or "-"},
            code=CatalogueErrorCode.ALREADY_PUBLISHED,
        )

    problems: dict[str, dict[str, list[str]]] = {}
    supersedes: dict[int, ProcedureVersion | None] = {}
    for version in locked:
        errors = procedure_data_errors(code=version.procedure.code, data=version_data(version))
        latest = (
            ProcedureVersion.objects.published().filter(procedure=version.procedure_id)
            .order_by("-effective_from", "-number").first()
        )
        if latest is not None and effective_from < latest.effective_from:
            errors.setdefault("effective_from", []).append(
                _("Version %(number)d is in force from %(date)s; a newer version cannot take effect earlier.")
                % {"number": latest.number, "date": date_text(latest.effective_from)}
            )
        if errors:
            problems[version.procedure.code] = errors
        supersedes[version.pk] = latest
    if problems:
        raise CatalogueError(
            _("Nothing was published: %(count)d of the drafts have errors.") % {"count": len(problems)},
            code=CatalogueErrorCode.INVALID, extra={"errors": problems},
        )

    now = timezone.now()
    for version in locked:
        version.status = ProcedureVersion.Status.PUBLISHED
        version.decision = decision
        version.effective_from = effective_from
        version.published_at = now
        version.published_by = actor
        version.save(update_fields=["status", "decision", "effective_from", "published_at", "published_by",
                                    "updated_at"])
        previous = supersedes[version.pk]
        ProcedureEvent.objects.create(
            procedure=version.procedure, version=version, kind=ProcedureEvent.Kind.PUBLISHED, actor=actor, at=now,
            data={
                "number": version.number,
                "decision": decision.number,
                "decision_signed_on": decision.signed_on.isoformat(),
                "effective_from": effective_from.isoformat(),
                "supersedes": previous.number if previous else None,
            },
        )
        enqueue(topic=OutboxMessage.Topic.PROCEDURE, subject=f"procedure:{version.procedure.code}",
                       sequence=version.number, payload=_npsp_payload(version, decision))
    return locked


def _npsp_payload(version: ProcedureVersion, decision: PublicationDecision) -> dict:
    """The published version as the National Public Service Portal lists it."""
    return {
        "code": version.procedure.code, "version": version.number, "name": version.name,
        "name_en": version.name_en, "level": version.level, "agency_code": version.agency.code,
        "processing_time": str(version.processing_time), "processing_time_unit": version.processing_time_unit,
        "online_level": version.online_level, "effective_from": version.effective_from.isoformat(),
        "decision": decision.number,
    }


@transaction.atomic
def procedure_publish_under_new_decision(
    *,
    versions: Sequence[ProcedureVersion],
    number: str,
    signed_on: datetime.date,
    signer: str,
    signer_position: str,
    effective_from: datetime.date,
    actor: User,
) -> tuple[PublicationDecision, list[ProcedureVersion]]:
    """Record a publication decision and publish drafts under it; both stand or fall together."""
    decision = decision_create(
        number=number, signed_on=signed_on, signer=signer, signer_position=signer_position, actor=actor
    )
    published = procedure_publish(versions=versions, decision=decision, effective_from=effective_from, actor=actor)
    return decision, published


@transaction.atomic
def procedure_draft_edited(*, version: ProcedureVersion, actor: User) -> ProcedureVersion:
    """Bookkeeping after a draft was edited in place (the Django admin's forms, which run the same rules):
    refresh its search text and record the edit."""
    _require_admin(actor)
    version = ProcedureVersion.objects.select_for_update().select_related("procedure", "field").get(pk=version.pk)
    if not version.is_draft:
        raise CatalogueConflict(_("A published version cannot be changed."),
                                code=CatalogueErrorCode.PUBLISHED_IMMUTABLE)
    version.search_text = search_text_for(
        code=version.procedure.code, name=version.name, name_en=version.name_en,
        field_name=version.field.name, field_name_en=version.field.name_en,
    )
    version.save(update_fields=["search_text", "updated_at"])
    ProcedureEvent.objects.create(
        procedure=version.procedure, version=version, kind=ProcedureEvent.Kind.DRAFTED, actor=actor,
        data={"number": version.number, "replaced": True, "via": "admin"},
    )
    return version


@transaction.atomic
def search_text_refresh(*, field: Field) -> int:
    """Recompute the search text of every version in ``field`` (after the field was renamed); returns how
    many. The search text is derived data, so published versions are updated too."""
    versions = list(field.versions.select_related("procedure"))
    for version in versions:
        version.search_text = search_text_for(
            code=version.procedure.code, name=version.name, name_en=version.name_en,
            field_name=field.name, field_name_en=field.name_en,
        )
    ProcedureVersion.objects.bulk_update(versions, ["search_text"], batch_size=500)
    return len(versions)


def _require_admin(actor: User) -> None:
    if actor is None or not actor.is_authenticated or not actor.is_provincial_admin:
        raise CatalogueForbidden(
            _("Only a provincial admin can change the procedure catalogue."),
            code=CatalogueErrorCode.FORBIDDEN
        )


def _next_number(procedure: Procedure) -> int:
    return (procedure.versions.aggregate(n=Max("number"))["n"] or 0) + 1


def _write_content(version: ProcedureVersion, *, code: str, data: VersionData) -> None:
    """Store the scalar fields, then replace the child rows, in the order given."""
    for name in SCALAR_FIELDS:
        value = getattr(data, name)
        setattr(version, name, nfc(value).strip() if name in _TEXT_FIELDS else value)
    version.status = ProcedureVersion.Status.DRAFT
    version.search_text = search_text_for(
        code=code, name=version.name, name_en=version.name_en,
        field_name=data.field.name, field_name_en=data.field.name_en,
    )
    version.save()
    version.centres.set({centre.pk for centre in data.centres})
    version.components.all().delete()
    version.fees.all().delete()
    version.steps.all().delete()
    version.form_fields.all().delete()
    RequiredComponent.objects.bulk_create(
        RequiredComponent(
            version=version, position=i, name=nfc(c.name).strip(), name_en=nfc(c.name_en).strip(),
            originals=c.originals, copies=c.copies, is_mandatory=c.is_mandatory, filled_by_form=c.filled_by_form,
        )
        for i, c in enumerate(data.components, start=1)
    )
    _write_form_fields(version, data.form_fields)
    Fee.objects.bulk_create(
        Fee(version=version, position=i, description=nfc(f.description).strip(),
            description_en=nfc(f.description_en).strip(), amount=f.amount)
        for i, f in enumerate(data.fees, start=1)
    )
    InternalProcessStep.objects.bulk_create(
        InternalProcessStep(
            version=version, position=i, name=nfc(s.name).strip(), name_en=nfc(s.name_en).strip(),
            responsible_role=s.responsible_role, responsible_agency=s.responsible_agency, duration=s.duration,
            drafts_result=bool(s.drafts_result),
        )
        for i, s in enumerate(data.steps, start=1)
    )


def _write_form_fields(version: ProcedureVersion, fields: Sequence[FormFieldData]) -> None:
    def text(value) -> str:
        return nfc(value or "").strip()

    FormField.objects.bulk_create(
        FormField(
            version=version, position=i, key=f.key.strip(), label=text(f.label), label_en=text(f.label_en),
            section=text(f.section), section_en=text(f.section_en), type=f.type, required=f.required,
            options=[text(o) for o in f.options], options_en=[text(o) for o in f.options_en],
            help_text=text(f.help_text), help_text_en=text(f.help_text_en), max_length=f.max_length,
            min_value=f.min_value, max_value=f.max_value, not_future=f.not_future,
        )
        for i, f in enumerate(fields, start=1)
    )


@transaction.atomic
def procedure_form_save(
    *, version: ProcedureVersion, fields: Sequence[FormFieldData], form_component: int | None, actor: User
) -> ProcedureVersion:
    """Replace the e-form (tờ khai điện tử) of a draft: its fields, in the order given, and which component
    (by position; None for none) the applicant fills in with it. The whole draft must still follow the
    catalogue's rules; errors come back keyed ``form_fields`` and ``components``."""
    _require_admin(actor)
    version = ProcedureVersion.objects.select_for_update().select_related("procedure", "field").get(pk=version.pk)
    if not version.is_draft:
        raise CatalogueConflict(_("A published version cannot be changed."),
                                code=CatalogueErrorCode.PUBLISHED_IMMUTABLE)
    current = version_data(version)
    positions = [c.position for c in version.components.all()]  # the same order as current.components
    components = tuple(
        dataclasses.replace(c, filled_by_form=(position == form_component))
        for position, c in zip(positions, current.components, strict=True)
    )
    data = dataclasses.replace(current, components=components, form_fields=tuple(fields))
    errors = procedure_data_errors(code=version.procedure.code, data=data)
    errors = {key: messages for key, messages in errors.items() if key in ("form_fields", "components")}
    if errors:
        raise CatalogueError(
            _("The e-form has errors; nothing was saved."), code=CatalogueErrorCode.INVALID, extra={"errors": errors},
        )
    version.form_fields.all().delete()
    _write_form_fields(version, data.form_fields)
    for component in version.components.all():
        filled = component.position == form_component
        if component.filled_by_form != filled:
            component.filled_by_form = filled
            component.save(update_fields=["filled_by_form"])
    version.save(update_fields=["updated_at"])
    ProcedureEvent.objects.create(
        procedure=version.procedure, version=version, kind=ProcedureEvent.Kind.DRAFTED, actor=actor,
        data={"number": version.number, "replaced": True, "via": "form", "form_fields": len(data.form_fields)},
    )
    return version
