"""The officials' petition pages: the worklist's tabs and counts by role, the petition page and its actions
(each through the page), who may reach them (agency to agency), bad input, and the worklist's query count."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from feedback.models import Petition
from feedback.services import (
    petition_classify,
    petition_propose_answer,
    petition_request_info,
    petitions_escalate,
)
from tests.dossiers.factories import received
from tests.factories import UserFactory
from tests.feedback.factories import answered, filed, in_progress

pytestmark = pytest.mark.django_db
WORKLIST = reverse("feedback:worklist")


def login(user, language="en") -> Client:
    client = Client()
    client.cookies["django_language"] = language
    client.force_login(user)
    return client


def detail_url(petition) -> str:
    return reverse("feedback:detail", kwargs={"uuid": petition.uuid})


def act_url(petition, action: str) -> str:
    return reverse("feedback:act", kwargs={"uuid": petition.uuid, "action": action})


def counts(response) -> dict[str, int]:
    return {value: count for value, _label, count in response.context["tabs"]}


def codes(response) -> set[str]:
    return {p.code for p in response.context["page_obj"].object_list}


def proposed(world, **kwargs) -> Petition:
    petition = in_progress(world, **kwargs)
    return petition_propose_answer(petition=petition, actor=world.centre_officer,
                                   answer="Trung tâm đã làm việc với ông Nguyễn Văn An, số 0912 345 678.")


# The worklist.

def test_the_worklist_counts_each_tab_for_the_agency_of_whoever_opens_it(world):
    fresh, other_fresh = filed(world), filed(world, title="Phí chứng thực thu sai")
    mine = in_progress(world)  # given to the centre's one-stop officer
    waiting = proposed(world)
    asked = petition_request_info(petition=filed(world), actor=world.centre_leader, request="Số hồ sơ?")

    leader = login(world.centre_leader).get(WORKLIST + "?tab=received")
    assert leader.status_code == 200
    tabs = counts(leader)
    assert tabs["received"] == 2 and tabs["info"] == 1 and tabs["in_progress"] == 1
    assert tabs["approval"] == 1 and tabs["publish"] == 0 and tabs["all"] == 5
    assert codes(leader) == {fresh.code, other_fresh.code}
    assert codes(login(world.centre_leader).get(WORKLIST + "?tab=approval")) == {waiting.code}
    assert codes(login(world.centre_leader).get(WORKLIST + "?tab=info")) == {asked.code}

    officer = login(world.centre_officer).get(WORKLIST + "?tab=mine")
    assert "approval" not in counts(officer) and "escalated" not in counts(officer)  # leaders' tabs
    assert counts(officer)["mine"] == 2  # the one in progress and the proposed answer, both theirs
    assert codes(officer) == {mine.code, waiting.code}
    assert mine.code in officer.content.decode()

    # Another agency's leader sees none of it; a specialist there lands on "assigned to me".
    justice = login(world.justice_leader).get(WORKLIST)
    assert set(counts(justice).values()) == {0}
    specialist = login(world.justice_specialist).get(WORKLIST)
    assert specialist.context["tab"] == "mine" and not codes(specialist)


def test_the_admin_sees_the_province_and_narrows_it_to_an_agency(world):
    here = filed(world)
    forwarded = filed(world, title="Thẩm quyền của Sở Tư pháp")
    login(world.centre_leader).post(act_url(forwarded, "forward"), {"forward-agency": world.justice.pk})
    admin = login(world.admin)
    everything = admin.get(WORKLIST + "?tab=received")
    assert codes(everything) == {here.code, forwarded.code}
    justice_only = admin.get(WORKLIST + f"?tab=received&agency={world.justice.pk}")
    assert codes(justice_only) == {forwarded.code}
    assert counts(justice_only)["received"] == 1


def test_due_soon_overdue_and_escalated_tabs(world):
    now = timezone.now()
    late, soon, later = filed(world), filed(world), filed(world)
    Petition.objects.filter(pk=late.pk).update(deadline_at=now - dt.timedelta(days=1), escalation_level=1)
    Petition.objects.filter(pk=soon.pk).update(deadline_at=now + dt.timedelta(hours=2))
    Petition.objects.filter(pk=later.pk).update(deadline_at=now + dt.timedelta(days=20))
    client = login(world.centre_leader)
    overdue = client.get(WORKLIST + "?tab=overdue")
    assert codes(overdue) == {late.code}
    assert "Overdue by" in overdue.content.decode()
    assert codes(client.get(WORKLIST + "?tab=soon")) == {soon.code}
    escalated = client.get(WORKLIST + "?tab=escalated")
    assert codes(escalated) == {late.code}  # level 1: the agency's leaders
    # Both tabs stand out while they hold something, on every tab of the worklist.
    assert len(re.findall(r'<a href="[^"]*tab=(?:overdue|escalated)[^"]*" class="is-late"',
                          client.get(WORKLIST).content.decode())) == 2
    assert counts(login(world.admin).get(WORKLIST))["escalated"] == 0  # the admins answer for level 2
    Petition.objects.filter(pk=late.pk).update(escalation_level=2)
    assert codes(login(world.admin).get(WORKLIST + "?tab=escalated")) == {late.code}


def test_the_worklist_filters_by_words_without_diacritics_category_class_and_channel(world):
    delay = filed(world, title="Cán bộ hẹn đi hẹn lại")
    fee = filed(world, title="Phí chứng thực thu sai", content="Thu phí cao hơn quy định.", channel="hotline")
    petition_classify(petition=fee, actor=world.centre_leader, category=Petition.Category.UNFIT)
    client = login(world.centre_leader)
    assert codes(client.get(WORKLIST, {"tab": "all", "q": "hen di hen lai"})) == {delay.code}
    assert codes(client.get(WORKLIST, {"tab": "all", "q": fee.code})) == {fee.code}
    assert codes(client.get(WORKLIST, {"tab": "all", "category": "unfit"})) == {fee.code}
    assert codes(client.get(WORKLIST, {"tab": "all", "klass": "regulation"})) == {fee.code}
    assert codes(client.get(WORKLIST, {"tab": "all", "channel": "hotline"})) == {fee.code}
    assert codes(client.get(WORKLIST, {"tab": "all", "category": "nonsense"})) == {delay.code, fee.code}


def test_the_worklist_reads_the_same_number_of_queries_whatever_its_length(world, django_assert_max_num_queries):
    for _ in range(3):
        filed(world, dossier_code="")
    client = login(world.centre_leader)
    client.get(WORKLIST)  # warm the calendar and the session
    with django_assert_max_num_queries(12) as few:
        client.get(WORKLIST + "?tab=all")
    for _ in range(20):
        in_progress(world)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(WORKLIST + "?tab=all")
    assert len(response.context["page_obj"].object_list) == 23


def test_citizens_and_visitors_do_not_reach_the_officials_pages(world):
    petition = filed(world, citizen=world.citizen)
    anonymous = Client().get(WORKLIST)
    assert anonymous.status_code == 302 and reverse("accounts:login") in anonymous["Location"]
    citizen = login(world.citizen)
    assert citizen.get(WORKLIST).status_code == 403
    assert citizen.get(detail_url(petition)).status_code == 403
    assert citizen.post(act_url(petition, "classify"), {"classify-category": "conduct"}).status_code == 403
    assert Petition.objects.get(pk=petition.pk).state == Petition.State.RECEIVED


# The petition page: who reads it and who acts.

OFFICIAL_POSTS = {
    "classify": {"classify-category": "conduct"}, "request-info": {"request_info-request": "Số hồ sơ?"},
    "forward": {"forward-outside": "Bộ Tư pháp"}, "refuse": {"refuse-reason": "Ẩn danh"},
    "assign": {}, "propose-answer": {"propose_answer-answer": "Đã xử lý."},
    "approve-answer": {"approve_answer-publish": "on"}, "return-answer": {"return_answer-note": "Sửa"},
    "publish": {}, "supply-info": {"supply_info-information": "Số H49-250701-0001"},
}


def test_an_official_of_another_agency_gets_404_on_the_page_and_every_action(world):
    petition = filed(world)
    for outsider in (world.justice_leader, world.justice_specialist, world.leader, world.specialist):
        client = login(outsider)
        assert client.get(detail_url(petition)).status_code == 404
        for action, data in OFFICIAL_POSTS.items():
            assert client.post(act_url(petition, action), data).status_code == 404, (outsider, action)
    assert login(world.centre_leader).get(reverse("feedback:detail", kwargs={
        "uuid": "00000000-0000-0000-0000-000000000000"})).status_code == 404
    petition.refresh_from_db()
    assert petition.state == Petition.State.RECEIVED and petition.events.count() == 1


def test_the_hotline_officer_reads_a_petition_but_does_not_classify_it(world):
    petition = filed(world)
    client = login(world.hotline)
    page = client.get(detail_url(petition))
    assert page.status_code == 200
    assert petition.phone in page.content.decode() and petition.address in page.content.decode()
    assert "There is nothing for you to do on this petition now." in page.content.decode()
    refused = client.post(act_url(petition, "classify"), {"classify-category": "conduct"})
    assert refused.status_code == 403
    assert Petition.objects.get(pk=petition.pk).state == Petition.State.RECEIVED


def test_the_page_shows_the_petition_its_deadlines_history_and_actions(world):
    petition = filed(world, proposal="Niêm yết rõ lịch hẹn.")
    page = login(world.centre_leader).get(detail_url(petition))
    html = page.content.decode()
    assert page.status_code == 200
    for text in (petition.code, petition.title, "Niêm yết rõ lịch hẹn.", petition.phone, petition.email,
                 "Refuse, if not accepted", "Submitted", "Not assigned yet"):
        assert text in html
    offered = [panel["action"].name for panel in page.context["panels"]]
    assert offered == ["classify", "request_info", "forward", "refuse"]
    assert 'class="action action--danger"' in html  # refusing is styled as the exception it is
    # The handler's select lists only officials of the petition's agency.
    handlers = set(page.context["panels"][0]["form"].fields["handler"].queryset)
    assert world.centre_officer in handlers and world.justice_specialist not in handlers


def test_the_page_names_the_dossier_and_whom_an_overdue_petition_rose_to(world):
    dossier = received(world.base)
    petition = petition_classify(petition=filed(world, dossier_code=dossier.code), actor=world.leader,
                                 category="conduct")  # the ward's, where the dossier is
    Petition.objects.filter(pk=petition.pk).update(deadline_at=timezone.now() - dt.timedelta(days=1))
    petitions_escalate()  # to the leaders of the agency, then, long after, to the provincial admins
    Petition.objects.filter(pk=petition.pk).update(escalated_at=timezone.now() - dt.timedelta(days=30))
    petitions_escalate()
    html = login(world.admin).get(detail_url(petition)).content.decode()
    assert f"<dt>About</dt><dd>Dossier {dossier.code}" in html  # not the citizen's "one of my dossiers"
    history = html.split('id="history-title"')[1]
    assert history.index("Escalated to the leaders") < history.index("Escalated to the provincial admins")


def test_classify_with_a_handler_through_the_page(world):
    petition = filed(world)
    client = login(world.centre_leader)
    response = client.post(act_url(petition, "classify"), {
        "classify-category": "conduct", "classify-kind": "feedback", "classify-handler": world.centre_officer.pk,
        "classify-note": "Giao anh Cường."})
    assert response.status_code == 302 and response["Location"] == detail_url(petition)
    petition.refresh_from_db()
    assert petition.state == Petition.State.IN_PROGRESS and petition.handler == world.centre_officer
    assert petition.klass == Petition.Klass.CONDUCT
    assert f"Petition {petition.code} was accepted." in client.get(response["Location"]).content.decode()


def test_a_handler_of_another_agency_is_refused_and_nothing_changes(world):
    petition = filed(world)
    response = login(world.centre_leader).post(act_url(petition, "classify"), {
        "classify-category": "conduct", "classify-handler": world.justice_specialist.pk})
    assert response.status_code == 400
    assert response.context["panels"][0]["form"].errors["handler"]
    assert Petition.objects.get(pk=petition.pk).state == Petition.State.RECEIVED


def test_request_info_and_a_missing_reason(world):
    petition = filed(world)
    client = login(world.centre_officer)
    missing = client.post(act_url(petition, "request-info"), {"request_info-request": "  "})
    assert missing.status_code == 400
    assert "Fill in" in missing.content.decode()
    assert Petition.objects.get(pk=petition.pk).state == Petition.State.RECEIVED
    done = client.post(act_url(petition, "request-info"), {"request_info-request": "Cho biết số hồ sơ."})
    assert done.status_code == 302
    petition.refresh_from_db()
    assert petition.state == Petition.State.INFO_REQUESTED and petition.deadline_at is None
    assert "Clock stopped" in client.get(detail_url(petition)).content.decode()


def test_refuse_needs_a_reason(world):
    petition = filed(world)
    client = login(world.centre_leader)
    assert client.post(act_url(petition, "refuse"), {"refuse-reason": ""}).status_code == 400
    assert Petition.objects.get(pk=petition.pk).state == Petition.State.RECEIVED
    assert client.post(act_url(petition, "refuse"), {"refuse-reason": "Không có địa chỉ."}).status_code == 302
    petition.refresh_from_db()
    assert petition.state == Petition.State.REFUSED and petition.refusal_reason == "Không có địa chỉ."


def test_forward_inside_the_portal_lands_in_the_other_agencys_worklist(world):
    petition = filed(world)
    same = login(world.centre_leader).post(act_url(petition, "forward"), {"forward-note": "x"})
    assert same.status_code == 400  # neither an agency nor one outside
    response = login(world.centre_leader).post(act_url(petition, "forward"), {"forward-agency": world.justice.pk})
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.agency == world.justice and petition.state == Petition.State.RECEIVED
    justice = login(world.justice_leader).get(WORKLIST + "?tab=received")
    assert codes(justice) == {petition.code}
    # The centre still reads what passed through it, but has nothing left to do.
    page = login(world.centre_leader).get(detail_url(petition))
    assert page.status_code == 200 and page.context["panels"] == []


def test_propose_then_approve_with_publication_publishes_it(world):
    petition = in_progress(world)
    officer = login(world.centre_officer)
    assert officer.post(act_url(petition, "propose-answer"),
                        {"propose_answer-answer": "Đã nhắc nhở cán bộ, trả kết quả ngày 05/7."}).status_code == 302
    page = login(world.centre_leader).get(detail_url(petition))
    assert [p["action"].name for p in page.context["panels"]] == ["approve_answer", "return_answer"]
    assert page.context["panels"][0]["form"]["publish"].initial is True
    assert "Đã nhắc nhở cán bộ" in page.content.decode()
    approved = login(world.centre_leader).post(act_url(petition, "approve-answer"), {
        "approve_answer-answer": "Đã nhắc nhở cán bộ, trả kết quả ngày 05/7.", "approve_answer-publish": "on"})
    assert approved.status_code == 302
    petition.refresh_from_db()
    assert petition.state == Petition.State.PUBLISHED and petition.approved_by == world.centre_leader
    assert "0912 345 678" not in petition.public_content


def test_return_the_answer_for_rework(world):
    petition = proposed(world)
    client = login(world.centre_leader)
    assert client.post(act_url(petition, "return-answer"), {"return_answer-note": ""}).status_code == 400
    assert client.post(act_url(petition, "return-answer"), {"return_answer-note": "Nêu rõ ngày trả."}).status_code == 302
    petition.refresh_from_db()
    assert petition.state == Petition.State.IN_PROGRESS
    # The official finds the earlier draft in the answer's box.
    page = login(world.centre_officer).get(detail_url(petition))
    assert page.context["panels"][0]["form"]["answer"].initial == petition.answer


def test_publish_shows_the_masked_texts_for_the_leader_to_check(world):
    petition = answered(world, publish=False)
    page = login(world.centre_leader).get(detail_url(petition))
    [panel] = page.context["panels"]
    form = panel["form"]
    assert panel["action"].name == "publish"
    assert "0912 345 678" not in form["public_content"].value() and "***678" in form["public_content"].value()
    assert "Nguyễn Văn An" not in form["public_answer"].value() and "N.V.A." in form["public_answer"].value()
    response = login(world.centre_leader).post(act_url(petition, "publish"), {
        "publish-public_title": "Hẹn nhiều lần", "publish-public_content": form["public_content"].value(),
        "publish-public_answer": form["public_answer"].value()})
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.state == Petition.State.PUBLISHED and petition.public_title == "Hẹn nhiều lần"


def test_someone_acted_first_answers_409_and_keeps_what_was_typed(world):
    petition = filed(world)
    petition_classify(petition=petition, actor=world.centre_leader, category=Petition.Category.CONDUCT)
    response = login(world.centre_officer).post(act_url(petition, "refuse"), {"refuse-reason": "Ẩn danh thật"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Ẩn danh thật" in html and "can no longer be done" in html
    assert Petition.objects.get(pk=petition.pk).state == Petition.State.IN_PROGRESS


def test_an_unknown_action_is_404_and_a_citizens_own_action_is_not_the_desks(world):
    petition = answered(world)
    client = login(world.centre_leader)
    assert client.post(act_url(petition, "launch")).status_code == 404
    assert client.post(act_url(petition, "rate"), {"rate-rating": "satisfied"}).status_code == 404
    assert client.get(act_url(petition, "classify")).status_code == 405


def test_the_page_reads_in_vietnamese(world):
    petition = filed(world)
    html = login(world.centre_leader, "vi").get(detail_url(petition)).content.decode()
    assert "Tiếp nhận và phân loại" in html and "Chuyển cơ quan có thẩm quyền" in html
    worklist = login(world.centre_leader, "vi").get(WORKLIST).content.decode()
    assert "Chờ phân loại" in worklist and "Quá hạn" in worklist


def test_an_official_without_an_agency_has_an_empty_worklist(world):
    lone = UserFactory(username="khongcoquan", role="specialist", agency=None)
    filed(world)
    response = login(lone).get(WORKLIST)
    assert response.status_code == 200 and set(counts(response).values()) == {0}


def test_the_menu_leads_each_role_to_its_petition_pages(world):
    desk, hotline = WORKLIST, reverse("feedback:hotline")
    leader = login(world.centre_leader).get(reverse("accounts:home")).content.decode()
    assert f'href="{desk}"' in leader and f'href="{hotline}"' not in leader
    officer = login(world.hotline).get(reverse("accounts:home")).content.decode()
    assert f'href="{hotline}"' in officer and f'href="{reverse("feedback:calls")}"' in officer
    # No dossier work is theirs (they see no dossiers, sign nothing): neither the menu nor the page offers it.
    for name in ("dossiers:work", "dossiers:search", "signatures:mine"):
        assert f'href="{reverse(name)}"' not in officer, name
    # The admin's menu is full: the worklist is a tab of the dossier pages and a link on the account page.
    admin = login(world.admin)
    assert f'<li><a href="{desk}"' not in admin.get(reverse("procedures:catalogue")).content.decode()
    assert f'href="{desk}"' in admin.get(reverse("dossiers:work")).content.decode()
    assert f'href="{desk}"' in admin.get(reverse("accounts:home")).content.decode()
    citizen = login(world.citizen).get(reverse("accounts:home")).content.decode()
    assert f'href="{desk}"' not in citizen and f'href="{hotline}"' not in citizen
    assert f'href="{reverse("feedback:mine")}"' in citizen
