"""The documents bench's data, made by PostgreSQL itself (``INSERT ... SELECT FROM generate_series``, no row
crosses the wire): documents with realistic Vietnamese subjects and a body of five sentences standing
for their PDF's text, their search rows (the folded words and key, as documents.searchtext writes them:
the folded pieces are computed here in Python by the product's own functions), and the incoming ones'
assignments (phiếu giải quyết).

The shape, the same at every size (docs/performance.md):
- 50 People's Committees; the timed one (index 0) holds about a fifth of all documents;
- half the documents are incoming, half outgoing; 0.5 % are secret, 12 % urgent;
- row ``n`` was created ``5 × n`` minutes ago: growing from 10,000 to 1,000,000 rows adds nine years of
  history behind the same recent work;
- the open work is in the first 10,000 rows (every tenth row: an incoming document in progress with an open
  assignment); the timed handler has about 40 of them at every size, and a growing history of done ones."""

from __future__ import annotations

import time

from django.db import connection

from bench.data import secondary_indexes
from bench.documents_world import HANDLERS, DocumentsWorld
from documents import searchtext
from portal.text import search_fold

OPEN_ROWS = 10_000
PRIMES = (101, 211, 307, 401, 503, 601, 701)
TABLES = ("documents_document", "documents_documentsearch", "documents_assignment")

# 20 slots: a công văn is the most common kind, then decisions, plans, reports, notices.
TYPE_SLOTS = (["cong-van"] * 8 + ["quyet-dinh"] * 3 + ["ke-hoach"] * 2 + ["bao-cao"] * 2 + ["thong-bao"] * 2
              + ["giay-moi", "to-trinh", "huong-dan"])
ACTIONS = ["Về việc triển khai", "Về việc tổ chức", "Về việc báo cáo kết quả", "Về việc đề nghị hỗ trợ",
           "Về việc hướng dẫn thực hiện", "Về việc phê duyệt", "Về việc khen thưởng", "Về việc kiểm tra",
           "Về việc tăng cường", "Về việc góp ý dự thảo", "Về việc giao chỉ tiêu", "Về việc đôn đốc"]
TOPICS = ["công tác phòng, chống thiên tai", "chuyển đổi số", "cải cách hành chính", "tiêm chủng mở rộng",
          "xây dựng nông thôn mới", "quản lý đất đai", "giải phóng mặt bằng dự án", "phòng cháy, chữa cháy",
          "an toàn thực phẩm", "bảo vệ môi trường", "thu ngân sách nhà nước", "giải quyết khiếu nại, tố cáo",
          "phòng, chống tham nhũng", "chính sách người có công", "bảo hiểm xã hội tự nguyện",
          "hộ tịch, chứng thực", "kiểm tra hoạt động xây dựng", "trật tự an toàn giao thông",
          "tuyển sinh đầu cấp", "phát triển du lịch cộng đồng", "phòng, chống dịch bệnh gia súc",
          "quản lý chợ và thương mại", "đầu tư công trung hạn", "sắp xếp đơn vị hành chính",
          "số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "thi đua yêu nước", "dân số và phát triển",
          "giảm nghèo bền vững", "quốc phòng, an ninh", "bầu cử đại biểu Hội đồng nhân dân",
          "tiếp công dân định kỳ", "kiểm kê đất đai", "nước sạch nông thôn", "trồng rừng thay thế",
          "lễ hội truyền thống", "an sinh xã hội dịp Tết", "phổ biến, giáo dục pháp luật",
          "cấp giấy chứng nhận quyền sử dụng đất", "xử lý vi phạm hành chính", "hội thao truyền thống"]
QUALIFIERS = ["năm 2026", "quý I năm 2026", "6 tháng đầu năm", "trên địa bàn tỉnh", "tại các xã, phường",
              "giai đoạn 2026-2030", "tháng 3", "đợt 2", "năm học 2026-2027", "trong mùa mưa bão",
              "của Ủy ban nhân dân tỉnh", "theo Kế hoạch số 45/KH-UBND", "tại Trung tâm Phục vụ hành chính công",
              "đối với cán bộ, công chức", "cho các hộ gia đình", "năm 2025", "quý IV", "đợt cao điểm",
              "theo chỉ đạo của Thủ tướng Chính phủ", "trong tình hình mới"]
SENDERS = [(f"000.00.{10 + i}.H22", name, short) for i, (name, short) in enumerate([
    ("Sở Tài chính", "STC"), ("Sở Nội vụ", "SNV"), ("Sở Nông nghiệp và Môi trường", "SNNMT"), ("Sở Y tế", "SYT"),
    ("Sở Xây dựng", "SXD"), ("Sở Giáo dục và Đào tạo", "SGDĐT"), ("Sở Tư pháp", "STP"),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"), ("Sở Khoa học và Công nghệ", "SKHCN"),
    ("Sở Công Thương", "SCT"), ("Thanh tra tỉnh", "TTr"), ("Công an tỉnh", "CAT"),
    ("Bộ Chỉ huy Quân sự tỉnh", "BCH"), ("Văn phòng Ủy ban nhân dân tỉnh", "VPUBND"),
    ("Ban Dân tộc và Tôn giáo", "BDTTG"), ("Bảo hiểm xã hội tỉnh", "BHXH"), ("Kho bạc Nhà nước khu vực", "KBNN"),
    ("Cục Thuế tỉnh", "CT"), ("Ủy ban Mặt trận Tổ quốc tỉnh", "MTTQ"), ("Tỉnh đoàn", "TĐ"),
    ("Hội Liên hiệp Phụ nữ tỉnh", "HLHPN"), ("Hội Nông dân tỉnh", "HND"), ("Liên đoàn Lao động tỉnh", "LĐLĐ"),
    ("Trung tâm Phục vụ hành chính công tỉnh", "TTPVHCC"), ("Ban Quản lý Khu kinh tế", "BQLKKT"),
    ("Đài Phát thanh và Truyền hình tỉnh", "PTTH"), ("Trường Chính trị tỉnh", "TCT"),
    ("Ủy ban nhân dân phường Hạ Long", "UBND"), ("Ủy ban nhân dân xã Tân Hòa", "UBND"),
    ("Ủy ban nhân dân xã Bình An", "UBND")])]
SIGNERS = [("Chủ tịch", "Trần Văn Minh"), ("Phó Chủ tịch", "Nguyễn Thị Hạnh"), ("Phó Chủ tịch", "Lê Văn Kí"),
           ("Giám đốc", "Phạm Quốc Dũng"), ("Phó Giám đốc", "Hoàng Thị Lan"), ("Chánh Văn phòng", "Vũ Đức Thắng"),
           ("Phó Chánh Văn phòng", "Đặng Thị Mai"), ("Trưởng ban", "Bùi Văn Long"), ("Giám đốc", "Đỗ Thị Hồng"),
           ("Phó Giám đốc", "Hồ Văn Nam")]
SENTENCES = [
    ["Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh tại văn bản số 1234/UBND-TH.",
     "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư.",
     "Để triển khai có hiệu quả các nhiệm vụ trọng tâm trong thời gian tới.",
     "Theo đề nghị của Trưởng phòng Văn hóa - Xã hội tại Tờ trình số 56/TTr-VHXH.",
     "Trên cơ sở kết quả kiểm tra thực tế tại các đơn vị.",
     "Nhằm bảo đảm quyền và lợi ích hợp pháp của tổ chức, cá nhân."],
    ["Đề nghị các cơ quan, đơn vị khẩn trương rà soát, tổng hợp và báo cáo kết quả trước ngày 25 hằng tháng.",
     "Giao Văn phòng chủ trì, phối hợp với các phòng chuyên môn tham mưu tổ chức thực hiện.",
     "Yêu cầu thủ trưởng các cơ quan, đơn vị quán triệt, triển khai nghiêm túc nội dung văn bản này.",
     "Các đơn vị chủ động bố trí kinh phí từ nguồn ngân sách được giao để thực hiện.",
     "Kịp thời báo cáo những khó khăn, vướng mắc phát sinh để được hướng dẫn, giải quyết.",
     "Bảo đảm tiến độ, chất lượng và hiệu quả, không để xảy ra tình trạng chậm trễ, đùn đẩy trách nhiệm.",
     "Tổ chức tuyên truyền sâu rộng đến cán bộ, công chức và Nhân dân trên địa bàn."],
    ["Giao ông", "Giao bà", "Đề nghị đồng chí", "Phân công đồng chí"],
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Đức"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hoa", "Lan", "Mai", "Nam", "Phong", "Thảo", "Yến"]
CLOSING = ["theo dõi, đôn đốc và tổng hợp kết quả thực hiện.", "làm đầu mối phối hợp với các cơ quan liên quan.",
           "kiểm tra, giám sát việc thực hiện tại cơ sở.", "trực tiếp chỉ đạo, giải quyết dứt điểm."]


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _array(values) -> str:
    return "ARRAY[" + ",".join(_sql_text(v) for v in values) + "]::text[]"


def _words(value: str) -> str:
    return searchtext.words([value])


def _plain_words(value: str) -> str:
    return " ".join(searchtext.tokens(value))


def _compounds(value: str) -> str:
    return " ".join(searchtext.compounds(search_fold(value)))


def _key(value: str) -> str:
    return searchtext.key([value])


class _Vocabulary:
    """The arrays of the SQL: each piece as written, its words and its key (folded by the product)."""

    def __init__(self, world: DocumentsWorld):
        types = TYPE_SLOTS
        abbreviations = [world.type_abbreviations[code] for code in types]
        self.type_ids = "ARRAY[" + ",".join(str(world.type_ids[code]) for code in types) + "]::bigint[]"
        self.type_words = _array(_words(code.replace("-", " ")) for code in types)  # the kinds' names, folded
        self.type_abbr, self.type_abbr_key = _array(abbreviations), _array(_key(a) for a in abbreviations)
        self.actions, self.actions_w, self.actions_k = (_array(ACTIONS), _array(map(_words, ACTIONS)),
                                                        _array(map(_key, ACTIONS)))
        self.topics, self.topics_w, self.topics_k = (_array(TOPICS), _array(map(_words, TOPICS)),
                                                     _array(map(_key, TOPICS)))
        self.quals, self.quals_w, self.quals_k = (_array(QUALIFIERS), _array(map(_words, QUALIFIERS)),
                                                  _array(map(_key, QUALIFIERS)))
        self.sender_ids, self.senders = _array(s[0] for s in SENDERS), _array(s[1] for s in SENDERS)
        self.senders_w = _array(_words(f"{s[1]} {s[0]}") for s in SENDERS)
        self.senders_k = _array(_key(s[1]) for s in SENDERS)
        self.sender_short, self.sender_short_k = _array(s[2] for s in SENDERS), _array(_key(s[2]) for s in SENDERS)
        self.positions, self.signers = _array(s[0] for s in SIGNERS), _array(s[1] for s in SIGNERS)
        self.signers_w = _array(_words(f"{p} {n}") for p, n in SIGNERS)
        self.signers_k = _array(_key(s[1]) for s in SIGNERS)
        self.own_names = _array(world.agency_names)
        self.own_names_w = _array(_words(f"{name} {code}") for name, code in zip(world.agency_names,
                                                                                  world.agency_codes, strict=True))
        self.own_names_k = _array(map(_key, world.agency_names))
        self.own_codes = _array(world.agency_codes)
        self.agency_ids = "ARRAY[" + ",".join(map(str, world.agency_ids)) + "]::bigint[]"
        self.unit_ids = "ARRAY[" + ",".join(map(str, world.unit_ids)) + "]::bigint[]"
        self.handler_ids = "ARRAY[" + ",".join(str(h.pk) for h in world.handlers) + "]::bigint[]"
        body = [SENTENCES[0], SENTENCES[1], SENTENCES[2], FAMILY, MIDDLE, GIVEN, CLOSING]
        # _words puts a piece's compounds after its words; the body's pieces are stored without them here
        # and their compounds (from the first sentences, which cite documents) come after the whole text.
        self.body = [(_array(part), _array(_plain_words(p) for p in part), len(part)) for part in body]
        self.body_compounds = f"({_array(_compounds(p) for p in SENTENCES[0])})[1 + (r.n * {PRIMES[0]}) % 1000003 % {len(SENTENCES[0])}]"


def _fill(table: str, known: dict[str, str]) -> dict[str, str]:
    """``known`` for the table's columns, and an empty value for any column another feature added (one with
    a default of its own, such as an identity, is left to it)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT column_name, data_type, is_nullable, column_default IS NOT NULL OR is_identity = 'YES' "
                       "FROM information_schema.columns WHERE table_name = %s AND is_generated = 'NEVER'", [table])
        present = cursor.fetchall()
    empty = {"boolean": "false", "jsonb": "'{}'::jsonb", "json": "'{}'::json"}
    numeric = ("integer", "smallint", "bigint", "numeric", "double precision", "real")
    filled = {}
    for name, data_type, nullable, has_default in present:
        if name in known:
            filled[name] = known[name]
        elif has_default:
            continue
        elif nullable == "YES":
            filled[name] = "NULL"
        else:
            filled[name] = empty.get(data_type, "0" if data_type in numeric else "''")
    return filled


def _insert(table: str, known: dict[str, str], source: str) -> str:
    columns = _fill(table, known)
    return (f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(columns.values())} "
            f"FROM ({source}) AS r")


# Row n's pieces: its agency (index), kind, number, sender, signer and time; then its number's symbol.
_ROW = """
    SELECT r.*, CASE WHEN r.incoming THEN (CASE WHEN ({abbr})[r.t] = '' THEN ({short})[r.s] || '-VP'
                                                ELSE ({abbr})[r.t] || '-' || ({short})[r.s] END)
                     ELSE (CASE WHEN ({abbr})[r.t] = '' THEN 'UBND-VP' ELSE ({abbr})[r.t] || '-UBND' END)
                END AS notation
    FROM (SELECT n,
            CASE WHEN (n * 7919) % 97 < 20 THEN 0 ELSE 1 + (n * 31) % 49 END AS a,
            n % 2 = 0 AS incoming,
            (n <= {open_rows} AND n % 10 = 0) AS open,
            1 + (n * 13) % 20 AS t,
            1 + (n / 2) % 30 AS s,
            1 + (n / 3) % 10 AS g,
            CASE WHEN (n * 7901) % 1000003 % 400 + 1 < 10 THEN '0' ELSE '' END
              || ((n * 7901) % 1000003 % 400 + 1) AS num,
            now() - n * interval '5 minutes' AS at
          FROM generate_series({first}::bigint, {last}::bigint) AS n) AS r"""
# What searchtext does to a symbol made of these abbreviations (their only letter with a diacritic is Đ).
_SYMBOL_KEY = "lower(translate({0}, 'Đđ', 'Dd'))"
_SYMBOL_WORDS = "translate(lower(translate({0}, 'Đđ', 'Dd')), '/-', '  ')"


def _rows(v: _Vocabulary, first: int, last: int) -> str:
    return _ROW.format(abbr=v.type_abbr, short=v.sender_short, open_rows=OPEN_ROWS, first=first, last=last)


def _subject(actions: str, topics: str, qualifiers: str) -> str:
    return (f"({actions})[1 + r.n % 12] || ' ' || ({topics})[1 + (r.n / 12) % 40] || ' ' || "
            f"({qualifiers})[1 + (r.n / 480) % 20]")


def _documents_sql(v: _Vocabulary, first: int, last: int, creator: int) -> str:
    known = {
        "id": "r.n", "uuid": "md5('bench-document' || r.n)::uuid", "agency_id": f"({v.agency_ids})[1 + r.a]",
        "direction": "CASE WHEN r.incoming THEN 'incoming' ELSE 'outgoing' END",
        "state": "CASE WHEN r.open THEN 'in_progress' WHEN r.incoming THEN 'done' ELSE 'issued' END",
        "document_type_id": f"({v.type_ids})[r.t]", "year": "extract(year FROM r.at)::int",
        "code_number": "r.num", "code_notation": "r.notation", "issued_date": "(r.at - interval '1 day')::date",
        "organ_id": f"CASE WHEN r.incoming THEN ({v.sender_ids})[r.s] ELSE ({v.own_codes})[1 + r.a] END",
        "organ_name": f"CASE WHEN r.incoming THEN ({v.senders})[r.s] ELSE ({v.own_names})[1 + r.a] END",
        "subject": _subject(v.actions, v.topics, v.quals), "language": "'vi'", "page_amount": "1 + r.n % 5",
        "signer_position": f"({v.positions})[r.g]", "signer_name": f"({v.signers})[r.g]",
        "urgency": "CASE WHEN r.n % 10 = 3 THEN 1 WHEN r.n % 50 = 7 THEN 2 ELSE 0 END",
        "secrecy": "CASE WHEN r.n % 200 = 11 THEN 1 ELSE 0 END", "issued_amount": "1 + r.n % 8",
        "arrival_at": "CASE WHEN r.incoming THEN r.at END",
        "channel": "CASE WHEN r.incoming THEN 'portal' ELSE '' END",
        "drafting_unit_id": f"CASE WHEN r.incoming THEN NULL ELSE ({v.unit_ids})[1 + r.a] END",
        "created_by_id": str(creator), "created_at": "r.at", "updated_at": "r.at",
        "issued_at": "CASE WHEN r.incoming THEN NULL ELSE r.at END",
        "completed_at": "CASE WHEN r.incoming AND NOT r.open THEN r.at + interval '3 days' END",
    }
    return _insert("documents_document", known, _rows(v, first, last))


def _search_sql(v: _Vocabulary, first: int, last: int) -> str:
    # Each sentence and name picked by its own multiplicative hash of n, so their combinations vary.
    body = " || ' ' || ".join(f"({words})[1 + (r.n * {prime}) % 1000003 % {size}]"
                              for prime, (_text, words, size) in zip(PRIMES, v.body, strict=True))
    organ_w = f"CASE WHEN r.incoming THEN ({v.senders_w})[r.s] ELSE ({v.own_names_w})[1 + r.a] END"
    organ_k = f"CASE WHEN r.incoming THEN ({v.senders_k})[r.s] ELSE ({v.own_names_k})[1 + r.a] END"
    # The number and symbol's words and compounds, as documents.searchtext makes them: a symbol here has two
    # parts ("QĐ-UBND"), so "15/QĐ-UBND" gives 15qd, 15qdubnd and qdubnd.
    symbol = _SYMBOL_WORDS.format("r.notation")
    one, two = f"split_part({symbol}, ' ', 1)", f"split_part({symbol}, ' ', 2)"
    compounds = (f"r.num || {one} || ' ' || r.num || {one} || {two} || ' ' || {one} || {two} "
                 f"|| ' ' || {v.body_compounds}")
    known = {
        "document_id": "r.n", "agency_id": f"({v.agency_ids})[1 + r.a]", "created_at": "r.at",
        "text": (f"r.num || ' ' || {symbol} || ' ' || ({v.type_words})[r.t] || ' ' "
                 f"|| {_subject(v.actions_w, v.topics_w, v.quals_w)} || ' ' || {organ_w} || ' ' "
                 f"|| ({v.signers_w})[r.g] || ' ' || {body} || ' ' || {compounds}"),
        "key": (f"' ' || r.num || '/' || {_SYMBOL_KEY.format('r.notation')} || ' ' || "
                f"{_subject(v.actions_k, v.topics_k, v.quals_k)} || ' ' || {organ_k} || ' ' || ({v.signers_k})[r.g]"),
    }
    return _insert("documents_documentsearch", known, _rows(v, first, last))


def _assignments_sql(v: _Vocabulary, first: int, last: int, leader: int) -> str:
    """The lead assignment of every incoming document: to one of the timed agency's handlers, or to another
    agency's office; open while the document is, done three days after it arrived otherwise."""
    handler = f"({v.handler_ids})[1 + (r.n / 10) % {HANDLERS}]"
    known = {
        "document_id": "r.n", "unit_id": f"CASE WHEN r.a = 0 THEN NULL ELSE ({v.unit_ids})[1 + r.a] END",
        "user_id": f"CASE WHEN r.a = 0 THEN {handler} END", "role": "'lead'", "instruction": "''",
        "deadline": "(r.at + interval '10 days')::date", "state": "CASE WHEN r.open THEN 'open' ELSE 'done' END",
        "assigned_by_id": str(leader), "assigned_at": "r.at + interval '1 hour'",
        "completed_at": "CASE WHEN r.open THEN NULL ELSE r.at + interval '3 days' END", "result_note": "''",
    }
    return _insert("documents_assignment", known, _rows(v, first, last) + " WHERE r.incoming")


def generate(world: DocumentsWorld, *, first: int, last: int, log=print) -> dict:
    """Insert documents ``first..last`` (ids), their search rows and assignments; for a large load the
    secondary indexes (the GIN ones included) are dropped and built again afterwards, as they were."""
    vocabulary = _Vocabulary(world)
    started = time.monotonic()
    rebuild = last - first > 100_000
    indexes = secondary_indexes(TABLES) if rebuild else []
    figures: dict = {}
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")  # consistent by construction: no FK triggers
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
        try:
            for label, sql in (("documents", _documents_sql(vocabulary, first, last, world.clerk.pk)),
                               ("search_rows", _search_sql(vocabulary, first, last)),
                               ("assignments", _assignments_sql(vocabulary, first, last, world.leader.pk))):
                began = time.monotonic()
                cursor.execute(sql)
                figures[label] = cursor.rowcount
                figures[f"{label}_s"] = time.monotonic() - began
        finally:
            began = time.monotonic()
            cursor.execute("SET maintenance_work_mem = '512MB'")
            for _name, definition in indexes:
                cursor.execute(definition)
            cursor.execute("SET session_replication_role = DEFAULT")
            figures["indexes_s"] = time.monotonic() - began
        cursor.execute("SELECT setval(pg_get_serial_sequence('documents_document', 'id'), "
                       "(SELECT max(id) FROM documents_document))")
        began = time.monotonic()
        for table in TABLES:
            cursor.execute(f"VACUUM (ANALYZE) {table}")
        figures["analyze_s"] = time.monotonic() - began
    figures["total_s"] = time.monotonic() - started
    figures["indexes_rebuilt"] = len(indexes)
    log(f"  generated {figures['documents']:,} documents, {figures['search_rows']:,} search rows and "
        f"{figures['assignments']:,} assignments in {figures['total_s']:.1f} s (rows "
        f"{figures['documents_s'] + figures['search_rows_s'] + figures['assignments_s']:.1f} s, "
        f"{len(indexes)} indexes {figures['indexes_s']:.1f} s, analyze {figures['analyze_s']:.1f} s)")
    return figures
