from django.urls import path

from dossiers.web import officer, officer_actions, officer_counter, urls_citizen

urlpatterns = [
    path("desk/", officer.desk, name="desk"),
    path("work/", officer.work, name="work"),
    path("search/", officer.search, name="search"),
    path("counter/new/", officer_counter.counter, name="counter"),
    path("<uuid:uuid>/act/<slug:action>/", officer_actions.act, name="act"),
    path("<uuid:uuid>/steps/<int:position>/<slug:action>/", officer_actions.step_act, name="step_act"),
]

# Until the citizen pages mount the shared dossier page (their ``detail``, which calls officer.detail
# for officials), officials reach it here; the citizen pages' pattern wins as soon as it exists.
if not any(getattr(pattern, "name", None) == "detail" for pattern in urls_citizen.urlpatterns):
    urlpatterns.append(path("<uuid:uuid>/", officer.detail, name="detail"))
