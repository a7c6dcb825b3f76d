"""The access matrix: every named route of the URL configuration, what it needs, and who may use it.

A route missing here fails test_access_matrix.py::test_every_route_has_an_entry, so a new page or endpoint
cannot ship without someone deciding who may see it.

Kinds (expected answers, see EXPECTED in test_access_matrix.py):
  public     anyone, even anonymous
  logout     anyone; answers with the login page
  login      any logged-in person; no object involved (lists, dashboards, exports, search: checked for leaks)
  read       one object: staff see it only inside their region (404 outside), national roles everywhere
  edit       edit form or write action on one object: district staff in their region and administrators only
  verify     verification of one object: district and provincial staff in their region, administrators
  create     a blank create form: roles that edit records (district staff, administrators)
  own        an object that belongs to one user (import/export job): only its owner; others get 404
  admin      administrators only (opening a census round)
  review     census review of one worklist item: provincial staff in their province, administrators
  api        REST API: the operations come from the OpenAPI schema and are checked in test_api_access_matrix
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rule:
    kind: str
    obj: str | None = None  # which world object the URL names (its pk/code), inside or outside the scope
    query: str | None = None  # ?<query>=<object pk> for child-create pages (?ikm=, ?sentra=)
    method: str = "GET"
    kwargs: dict = field(default_factory=dict)  # fixed URL arguments
    leak_check: bool = False  # compare the body with and without extra out-of-scope data
    data: dict = field(default_factory=dict)  # POST body (a delete needs its confirmation)


R = Rule
UI_ROUTES = {
    # --- accounts, security, infrastructure ---
    "healthz": R("public"),
    "login": R("public"),
    "help": R("public"),
    "logout": R("logout", method="POST"),
    "set_language": R("public", method="POST"),
    "password_change": R("login"),
    "password_change_done": R("login"),
    "otp_enrol": R("login"),  # every role may enrol (issue 17)
    "password_reset": R("public"),
    "password_reset_done": R("public"),
    "password_reset_confirm": R("public", kwargs={"uidb64": "MQ", "token": "bukan-token"}),  # an invalid link: a page saying so
    "password_reset_complete": R("public"),
    "otp_verify": R("login"),
    "home": R("login", leak_check=True),
    "search": R("login", kwargs={"?q": "Usaha"}, leak_check=True),  # matches every place's IKM units
    "web:region_children": R("login", kwargs={"?induk": "52"}, leak_check=True),
    # --- sentra ---
    "sentra:list": R("login", leak_check=True),
    "sentra:deleted": R("login", leak_check=True),
    "sentra:create": R("create"),
    "sentra:detail": R("read", obj="sentra"),
    "sentra:history": R("read", obj="sentra"),
    "sentra:update": R("edit", obj="sentra"),
    "sentra:verify": R("verify", obj="sentra", method="POST"),
    "sentra:delete": R("edit", obj="sentra", method="POST", data={"confirm": "yes"}),
    "sentra:restore": R("edit", obj="deleted_sentra", method="POST"),
    # --- IKM units and their children ---
    "ikm:list": R("login", leak_check=True),
    "ikm:deleted": R("login", leak_check=True),
    "ikm:create": R("create"),
    "ikm:detail": R("read", obj="ikm"),
    "ikm:history": R("read", obj="ikm"),
    "ikm:update": R("edit", obj="ikm"),
    "ikm:verify": R("verify", obj="ikm", method="POST"),
    "ikm:delete": R("edit", obj="ikm", method="POST", data={"confirm": "yes"}),
    "ikm:restore": R("edit", obj="deleted_ikm", method="POST"),
    "ikm:certification_create": R("edit", query="ikm"),
    "ikm:certification_update": R("edit", obj="certification"),
    "ikm:participation_create": R("edit", query="ikm"),
    "ikm:membership_create": R("edit", query="ikm"),
    "ikm:member_add": R("edit", query="sentra"),
    "ikm:membership_end": R("edit", obj="membership"),
    "ikm:figure_list": R("login", leak_check=True),
    "ikm:figure_create": R("edit", query="sentra"),
    "ikm:figure_detail": R("read", obj="figure"),
    "ikm:figure_update": R("edit", obj="figure"),
    "ikm:figure_history": R("read", obj="figure"),
    # --- facilities ---
    "facilities:room_list": R("login", leak_check=True),
    "facilities:room_create": R("edit", query="sentra"),
    "facilities:room_detail": R("read", obj="room"),
    "facilities:room_update": R("edit", obj="room"),
    "facilities:room_history": R("read", obj="room"),
    "facilities:machine_list": R("login", leak_check=True),
    "facilities:machine_create": R("edit", query="sentra"),
    "facilities:machine_detail": R("read", obj="machine"),
    "facilities:machine_update": R("edit", obj="machine"),
    "facilities:machine_history": R("read", obj="machine"),
    # --- DAK ---
    "funding:allocation_list": R("login", leak_check=True),
    "funding:allocation_create": R("create"),
    "funding:allocation_detail": R("read", obj="allocation"),
    "funding:allocation_update": R("edit", obj="allocation"),
    "funding:allocation_history": R("read", obj="allocation"),
    "funding:activity_list": R("login", leak_check=True),
    "funding:activity_create": R("edit", query="allocation"),
    "funding:activity_detail": R("read", obj="activity"),
    "funding:activity_update": R("edit", obj="activity"),
    "funding:activity_history": R("read", obj="activity"),
    # --- dashboards and exports ---
    "reports:overview": R("login", leak_check=True),
    "reports:facilities": R("login", leak_check=True),
    "reports:dak": R("login", leak_check=True),
    "reports:impact": R("login", leak_check=True),
    "reports:freshness": R("login", leak_check=True),
    "reports:jobs": R("login", leak_check=True),
    "reports:export": R("login", kwargs={"identifier": "*", "extension": "csv"}, leak_check=True),  # * = every exporter
    "reports:job": R("own", obj="export_job"),
    "reports:job_download": R("own", obj="export_job"),
    "reports:profile": R("read", obj="sentra"),
    # --- maps (geo) ---
    "geo:map": R("login", leak_check=True),
    "geo:data": R("login", leak_check=True),
    "geo:popup": R("read", obj="sentra"),
    "geo:centre": R("login", kwargs={"?wilayah": "53.05.03.2001"}, leak_check=True),
    "geo:check": R("login", kwargs={"?wilayah": "53.05.03.2001", "?lat": "-8.2", "?lon": "124.5"}, leak_check=True),
    "geo:quality": R("login", leak_check=True),
    # --- imports ---
    "imports:home": R("login", leak_check=True),
    "imports:template": R("login", kwargs={"kind": "ikm"}),
    "imports:prefilled": R("login", kwargs={"kind": "ikm"}, leak_check=True),
    "imports:job": R("own", obj="import_job"),
    "imports:status": R("own", obj="import_job"),
    "imports:commit": R("own", obj="import_job", method="POST"),
    "imports:cancel": R("own", obj="import_job", method="POST"),
    # --- census (pendataan ulang) and evidence files ---
    "census:home": R("login", leak_check=True),
    "census:round_create": R("admin"),
    "census:round": R("read", obj="census_round", leak_check=True),
    "census:worklist": R("read", obj="census_round", leak_check=True),
    "census:round_map": R("read", obj="census_round", leak_check=True),
    "census:submit": R("edit", obj="census_round", method="POST"),
    "census:export": R("read", obj="census_round"),  # leaks: census/tests/test_dashboard.py (the sheet states the minute)
    "census:item": R("read", obj="census_item"),
    "census:review": R("review", obj="census_item", method="POST"),
    "census:app": R("login"),
    "census:app_worklist": R("login", leak_check=True),
    "census:sync": R("create", method="POST"),
    "census:service_worker": R("public"),
    "census:manifest": R("public"),
    "evidence:file": R("read", obj="evidence"),
    "evidence:thumbnail": R("read", obj="evidence"),
    # --- open data (issue 18): no login; aggregates only. A kabupaten page must not change when data of
    # other provinces changes (test_open_data_leaks.py also checks it logged out, with the downloads).
    "opendata:home": R("public"),
    "opendata:region": R("public", kwargs={"code": "53.05"}, leak_check=True),
    "opendata:dataset": R("public", kwargs={"slug": "ikm-kelas"}),
    "opendata:download": R("public", kwargs={"slug": "ikm-kelas", "fmt": "csv"}),
    "opendata:catalogue": R("public"),
    "imports:setup": R("own", obj="import_job", method="POST"),
    "imports:answer": R("own", obj="import_job", method="POST"),
    "imports:prefilled_job": R("own", obj="workbook_job"),
    "imports:prefilled_status": R("own", obj="workbook_job"),
    "imports:prefilled_file": R("own", obj="workbook_job"),
}

# Covered elsewhere, with the reason.
NOT_IN_MATRIX = {
    "admin:": "Django admin: administrators only (core/tests/test_admin_access.py); TOTP enforced (test_totp.py)",
    "api-": "REST API: every OpenAPI operation x role in test_api_access_matrix.py",
    "readyz": "readiness probe, no user involved: operations/tests/test_readiness.py",
    "metrics": "Prometheus metrics, token or allowed address only: operations/tests/test_metrics.py",
    "oidc_": "single sign-on, 404 unless configured: security/tests/test_oidc_login.py",
    "": "unnamed routes: /media/ (DEBUG only) and the API's JSON 404 catch-all",
}
