"""Who sees what (issue 12 §5), as a matrix: every page, download and API endpoint that shows a document or a
work file × every kind of visitor × every kind of document. A document the visitor may not see answers 404,
exactly as one that does not exist (so identifiers cannot be probed); citizens and the provincial admin are
stopped by the officials-only guard (403), anonymous visitors are sent to log in (the API answers 403).
Every view of a document that is shown is recorded in its trail (Appendix VI: the access history); nothing is
recorded for a refusal. Lists, searches and work-file exports never show a document the reader may not see.

To add an endpoint, add a row: ``DOCUMENT_ENDPOINTS`` for one that takes a document (a page, a download, an
API read, a command — give a command ``method="post"``, its ``data`` and ``ok``: the answers that prove the
document was found, e.g. 200, 302, 400, 403, 409), ``LIST_ENDPOINTS`` for one that lists documents
(``exact``: it shows every document the reader sees; otherwise it only must not show the others).
``SEES`` is the specification, written by hand: documents.permissions is checked against it too."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import reverse

from documents import permissions
from documents.models import Document, DocumentEvent, WorkFileEntry
from documents.services import workfiles as workfile_services
from tests.documents.cast import document_make, media, pdf_text  # noqa: F401 (fixture)
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

ACTORS = ("clerk", "leader", "head", "member", "other_unit", "other_clerk", "other_leader", "citizen", "admin",
          "anonymous")
DOCUMENTS = ("ordinary", "other_unit", "secret", "secret_shared")
# The specification. "ordinary": given to the culture unit and to its member; "other_unit": given to the office
# unit and to its member; "secret": secret, given to the culture unit, nobody a participant; "secret_shared":
# secret, the culture member and the leader its participants.
SEES = {
    "clerk": {"ordinary", "other_unit"},
    "leader": {"ordinary", "other_unit", "secret_shared"},
    "head": {"ordinary"},
    "member": {"ordinary", "secret_shared"},
    "other_unit": {"other_unit"},
    "other_clerk": set(), "other_leader": set(), "citizen": set(), "admin": set(), "anonymous": set(),
}
GUARDED = {"citizen": 403, "admin": 403}  # not officials of an agency: the guard answers before any lookup
SAME_AGENCY = ("clerk", "leader", "head", "member", "other_unit")
# Work files: "public" (Công khai, kept by the leader) holds every document; "restricted" (Hạn chế, kept by the
# culture unit's head, of that unit) is seen by its keeper, the clerk and the leader only.
SEES_FILE = {"public": set(SAME_AGENCY), "restricted": {"clerk", "leader", "head"}}


@dataclass
class World:
    users: dict
    documents: dict[str, Document]
    files: dict


@dataclass(frozen=True)
class Case:
    world: World
    key: str  # which document

    @property
    def document(self) -> Document:
        return self.world.documents[self.key]

    @property
    def file(self):
        return self.document.files.get()


@dataclass(frozen=True)
class Endpoint:
    name: str
    args: Callable[[Case], list]
    method: str = "get"
    data: Callable[[Case], dict] | None = None
    api: bool = False
    records: str | None = None  # the DocumentEvent kind a shown document gets
    ok: tuple[int, ...] = (200,)


@dataclass(frozen=True)
class ListEndpoint:
    label: str  # the test's id
    name: str
    args: Callable[[World], list] = lambda world: []
    params: dict = field(default_factory=dict)
    api: bool = False
    work_file: str | None = None  # the work file it shows ("public", "restricted"): seen by SEES_FILE only
    exact: bool = True
    text: Callable = lambda response: response.content.decode()
    none_for: tuple[int, ...] = ()  # answers that mean "nothing for this reader here" (shows nothing)


# What a command answers once it has found the document: done, or refused for what it is (bad input, not
# this official's to do, not in a state that allows it), never "not found".
FOUND = (200, 302, 400, 403, 409)

DOCUMENT_ENDPOINTS = [
    Endpoint("documents:detail", lambda case: [case.document.uuid], records=DocumentEvent.Kind.VIEWED),
    Endpoint("documents:file", lambda case: [case.document.uuid, case.file.pk], records=DocumentEvent.Kind.DOWNLOADED),
    Endpoint("documents_api:document-detail", lambda case: [case.document.uuid], api=True,
             records=DocumentEvent.Kind.VIEWED),
    # The incoming flow (documents.web.incoming, documents.api.incoming): the printable direction slip, a
    # command on the page and in the API (an empty comment: refused as bad input once the document is found).
    Endpoint("documents:incoming_slip", lambda case: [case.document.uuid], records=DocumentEvent.Kind.VIEWED),
    Endpoint("documents:incoming_act", lambda case: [case.document.uuid, "comment"], method="post",
             data=lambda case: {}, ok=FOUND),
    Endpoint("documents_api:incoming-comment", lambda case: [case.document.uuid], method="post", api=True,
             data=lambda case: {}, ok=FOUND),
    # The outgoing flow (documents.web.outgoing, documents.api.outgoing): the current PDF shown in the page's
    # frame, and two API commands — these documents are incoming, so once found a command is refused for the
    # document's state or the official's role, never "not found". (The drafting page and the page's commands
    # answer 404 to everyone for an incoming document, so they tell nothing apart; tests/documents/
    # test_outgoing_* cover who may act on outgoing ones.)
    Endpoint("documents:pdf", lambda case: [case.document.uuid], records=DocumentEvent.Kind.DOWNLOADED),
    Endpoint("documents_api:outgoing-submit", lambda case: [case.document.uuid], method="post", api=True,
             data=lambda case: {}, ok=FOUND),
    Endpoint("documents_api:outgoing-revise", lambda case: [case.document.uuid], method="post", api=True,
             data=lambda case: {"subject": "Sửa trích yếu"}, ok=FOUND),
    # Putting the document in a work file: found (302 back to it) or not (404).
    Endpoint("documents:file-it", lambda case: [], method="post", ok=(302,),
             data=lambda case: {"document": str(case.document.uuid), "work_file": str(case.world.files["open"].uuid)}),
    Endpoint("documents_api:workfile-add", lambda case: [case.world.files["open"].uuid], method="post", api=True,
             ok=(200, 403), data=lambda case: {"document": str(case.document.uuid)}),
]


def _streamed(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


LIST_ENDPOINTS = [
    ListEndpoint("api-documents", "documents_api:document-list", api=True),
    # The incoming worklist of the reader's first queue (404 for an official with none): never another's.
    ListEndpoint("incoming-worklist", "documents:incoming", exact=False, none_for=(404,)),
    ListEndpoint("workfile-page-public", "documents:workfile", lambda world: [world.files["public"].uuid],
                 work_file="public"),
    ListEndpoint("workfile-page-restricted", "documents:workfile", lambda world: [world.files["restricted"].uuid],
                 work_file="restricted"),
    ListEndpoint("workfile-pdf", "documents:workfile-export", lambda world: [world.files["public"].uuid, "pdf"],
                 work_file="public", text=lambda response: pdf_text(_streamed(response))),
    ListEndpoint("workfile-xml", "documents:workfile-export", lambda world: [world.files["public"].uuid, "xml"],
                 work_file="public", text=lambda response: _streamed(response).decode()),
    ListEndpoint("api-workfile", "documents_api:workfile-detail", lambda world: [world.files["public"].uuid],
                 api=True, work_file="public"),
    ListEndpoint("api-workfile-xml-restricted", "documents_api:workfile-export",
                 lambda world: [world.files["restricted"].uuid, "xml"], api=True, work_file="restricted"),
    # Tra cứu văn bản, the page and the API (every document here says "văn bản" in its subject and its PDF).
    ListEndpoint("search", "documents:search", params={"q": "van ban"}),
    ListEndpoint("api-search", "documents_api:document-search", api=True, params={"q": "van ban"}),
    ListEndpoint("search-partial", "documents:search", params={"q": '"ăn bả"'}),  # inside words
    # The search for documents to add on an open file's page: only ever what the reader sees.
    ListEndpoint("workfile-find", "documents:workfile", lambda world: [world.files["open"].uuid],
                 params={"find": "Văn bản"}, work_file="public", exact=False),
]


@pytest.fixture
def world(office, other_office) -> World:
    users = {"clerk": office.clerk, "leader": office.leader, "head": office.head, "member": office.specialist,
             "other_unit": office.other, "other_clerk": other_office.clerk, "other_leader": other_office.leader,
             "citizen": UserFactory(), "admin": UserFactory(admin=True, agency=office.agency), "anonymous": None}
    documents = {
        "ordinary": document_make(office, subject="Văn bản thường giao Phòng Văn hóa", unit=office.culture,
                                  user=office.specialist),
        "other_unit": document_make(office, subject="Văn bản giao Văn phòng", unit=office.office, user=office.other),
        "secret": document_make(office, subject="Văn bản mật chưa giao ai", secrecy=1, unit=office.culture),
        "secret_shared": document_make(office, subject="Văn bản mật có người tham gia", secrecy=1,
                                       unit=office.culture, participants=[office.specialist, office.leader]),
    }
    files = {
        "public": workfile_services.workfile_open(user=office.leader, notation="01", title="Hồ sơ chung",
                                                  maintenance="10 năm", rights="Công khai"),
        "restricted": workfile_services.workfile_open(user=office.head, notation="02", title="Hồ sơ của phòng",
                                                      maintenance="10 năm", unit=office.culture),
        "open": workfile_services.workfile_open(user=office.leader, notation="03", title="Hồ sơ đang lập",
                                                maintenance="05 năm", rights="Công khai"),
    }
    for key in ("public", "restricted"):
        for document in documents.values():
            WorkFileEntry.objects.create(work_file=files[key], document=document, added_by=office.leader)
    return World(users=users, documents=documents, files=files)


def client_for(world: World, actor: str) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    if world.users[actor] is not None:
        client.force_login(world.users[actor])
    return client


def refused(actor: str, *, api: bool) -> int:
    if actor == "anonymous":
        return 403 if api else 302
    return GUARDED.get(actor, 404)


def test_the_specification_is_what_documents_permissions_decides(world):
    for actor, user in world.users.items():
        if user is None:
            continue
        seen = {key for key, document in world.documents.items() if permissions.can_view(user, document)}
        assert seen == SEES[actor], actor


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("endpoint", DOCUMENT_ENDPOINTS, ids=lambda endpoint: f"{endpoint.name}:{endpoint.method}")
def test_a_document_is_shown_to_those_who_see_it_and_not_found_by_the_others(world, endpoint, actor):
    client, user, failures = client_for(world, actor), world.users[actor], []
    for key in DOCUMENTS:
        case = Case(world, key)
        before = DocumentEvent.objects.filter(document=case.document).count()
        url = reverse(endpoint.name, args=endpoint.args(case))
        data = endpoint.data(case) if endpoint.data else None
        answer = getattr(client, endpoint.method)(url, data) if data is not None else getattr(client, endpoint.method)(url)
        seen = key in SEES[actor]
        expected = endpoint.ok if seen else (refused(actor, api=endpoint.api),)
        if answer.status_code not in expected:
            failures.append(f"{key}: {answer.status_code}, expected {' or '.join(map(str, expected))}")
        written = DocumentEvent.objects.filter(document=case.document).order_by("id")[before:]
        if endpoint.records:
            kinds = [(event.kind, event.actor_id) for event in written]
            wanted = [(endpoint.records, user.pk)] if seen else []
            if kinds != wanted:
                failures.append(f"{key}: trail {kinds}, expected {wanted}")
        elif not seen and written:
            failures.append(f"{key}: refused, yet the trail got {[event.kind for event in written]}")
    assert not failures, f"{endpoint.name} as {actor}:\n" + "\n".join(failures)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("endpoint", LIST_ENDPOINTS, ids=lambda endpoint: endpoint.label)
def test_a_list_shows_only_the_documents_the_reader_sees(world, endpoint, actor):
    client = client_for(world, actor)
    answer = client.get(reverse(endpoint.name, args=endpoint.args(world)), endpoint.params)
    shows_file = endpoint.work_file is None or actor in SEES_FILE[endpoint.work_file]
    if actor in GUARDED or actor == "anonymous" or not shows_file:
        assert answer.status_code == refused(actor, api=endpoint.api), f"{endpoint.name} as {actor}"
        return
    if answer.status_code in endpoint.none_for:
        return
    assert answer.status_code == 200, f"{endpoint.name} as {actor}"
    text = endpoint.text(answer)
    shown = {key for key, document in world.documents.items() if document.subject in text}
    seen = SEES[actor]
    assert shown <= seen, f"{endpoint.name} as {actor} shows {sorted(shown - seen)}, which they may not see"
    if endpoint.exact:
        assert shown == seen, f"{endpoint.name} as {actor} misses {sorted(seen - shown)}"


@pytest.mark.parametrize("actor", ("member", "other_unit", "other_clerk", "citizen", "anonymous"))
def test_a_restricted_work_file_is_not_found_by_those_it_is_not_open_to(world, actor):
    restricted = world.files["restricted"]
    client = client_for(world, actor)
    for name, args in (("documents:workfile", [restricted.uuid]), ("documents:workfile-edit", [restricted.uuid]),
                       ("documents:workfile-export", [restricted.uuid, "pdf"])):
        assert client.get(reverse(name, args=args)).status_code == refused(actor, api=False), name
    answer = client.post(reverse("documents:workfile-act", args=[restricted.uuid, "delete"]))
    assert answer.status_code == refused(actor, api=False)
    answer = client.post(reverse("documents_api:workfile-close", args=[restricted.uuid]), {})
    assert answer.status_code == refused(actor, api=True)
    listed = client.get(reverse("documents_api:workfile-list"))
    if listed.status_code == 200:
        assert restricted.file_code not in listed.content.decode()
    assert type(restricted).objects.filter(pk=restricted.pk, state="open").exists()


def test_the_access_history_is_shown_to_the_clerk_and_leader_only(world):
    document = world.documents["ordinary"]
    member = client_for(world, "member")
    member.get(reverse("documents:file", args=[document.uuid, document.files.get().pk]))
    page = member.get(reverse("documents:detail", args=[document.uuid])).content.decode()
    assert "Access history" not in page
    page = client_for(world, "clerk").get(reverse("documents:detail", args=[document.uuid])).content.decode()
    assert "Access history: viewed or downloaded 3 times" in page
    assert world.users["member"].full_name in page and "File downloaded" in page


def test_the_download_is_an_inline_pdf_that_is_never_sniffed(world):
    document = world.documents["ordinary"]
    stored = document.files.get()
    answer = client_for(world, "member").get(reverse("documents:file", args=[document.uuid, stored.pk]))
    assert answer["Content-Type"] == "application/pdf" and answer["X-Content-Type-Options"] == "nosniff"
    assert answer["Content-Disposition"].startswith("inline;") and "no-store" in answer["Cache-Control"]
    assert _streamed(answer).startswith(b"%PDF")
    other = world.documents["other_unit"].files.get()
    # A file of another document, under this document's identifier: not found.
    assert client_for(world, "member").get(reverse("documents:file", args=[document.uuid, other.pk])).status_code == 404
    page = client_for(world, "member").get(reverse("documents:detail", args=[document.uuid])).content.decode()
    assert reverse("documents:file", args=[document.uuid, stored.pk]) in page
