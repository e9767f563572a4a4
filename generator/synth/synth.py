"""Seeded, deterministic synthetic records that satisfy every rule (for the sample and benchmarks).

The generator writes files the way staff would: a schema modeline, ``schema: gongshi/v1``,
keys in model order, block-style YAML. Nothing is dated after ``today`` except presidium
appointments planned after a pending approval (``sample=True`` only) and a planned congress
session. Resignations, replacements and by-elections come from ``turnover.py``. ``sample=True`` adds
the cases the public site must show: one overdue proposal, one election awaiting approval,
one college union enlarged under a waiver, and free-form announcements.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from ..records import models
from ..records.schema import modeline

COLLEGES = [
    ("jichu", "基础医学院"), ("gongwei", "公共卫生学院"), ("huli", "护理学院"), ("yaoxue", "药学院"),
    ("ruijin", "瑞金临床医学院"), ("renji", "仁济临床医学院"), ("xinhua", "新华临床医学院"),
    ("jiuyuan", "九院临床医学院"), ("liuyuan", "六院临床医学院"), ("ertong", "儿科学院"),
    ("kouqiang", "口腔医学院"), ("jingwei", "精神卫生临床医学院"),
]
MAJORS = {"undergraduate": ["临床医学", "基础医学", "预防医学", "护理学", "药学", "口腔医学", "医学检验技术"],
          "master": ["内科学", "外科学", "病理学", "公共卫生"], "doctoral": ["内科学", "免疫学", "流行病学"]}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "子欣一诗梓雨浩宇佳怡俊杰思源晨曦雅婷志远嘉怡文博明轩若曦天佑静怡昊然可馨欣妍泽宇雨桐芷若睿哲悦然书瑶梦琪晓东嘉宁亦凡语彤承泽沐阳安琪"
FED_DEPARTMENTS = [("quanyi", "权益部", "权益"), ("xuexi", "学术部", "学习"), ("wenti", "文体部", "文体"),
                   ("xuanchuan", "宣传部", "宣传"), ("shijian", "社会实践部", "实践"), ("zonghe", "综合事务部", "综合")]
COLLEGE_DEPARTMENTS = [("quanyi", "权益部", "权益"), ("xuexi", "学习部", "学习"), ("wenti", "文体部", "文体"),
                       ("xuanchuan", "宣传部", "宣传"), ("zonghe", "综合部", "综合")]
FED_CLUBS = ["医学生志愿者协会", "红十字会学生分会", "学生艺术团", "科技创新协会"]
GRADES = [f"U{i}" for i in range(1, 6)] + ["M1", "M2", "M3", "D1", "D2", "D3"]
TOPICS = [
    ("食堂", "关于增加食堂夜间供餐窗口的提案", "后勤保障处",
     "不少同学晚上在实验室或自习室学习到很晚，食堂晚上八点后没有供餐，建议增设夜间窗口。"),
    ("自习室", "关于延长通宵自习室开放时间的提案", "教务处",
     "考试周期间自习室座位紧张，建议延长开放时间并增加座位预约功能。"),
    ("图书馆", "关于延长图书馆周末开放时间的提案", "图书馆",
     "周末图书馆闭馆较早，建议延长至晚上十点，方便同学查阅资料。"),
    ("校车", "关于增加校区间校车班次的提案", "后勤保障处",
     "临床医学院同学往返校区不便，建议早晚高峰增加校车班次并公布实时位置。"),
    ("宿舍", "关于改善宿舍热水供应的提案", "后勤保障处",
     "部分宿舍楼冬季热水供应不稳定，建议检修热水系统并延长供应时间。"),
    ("网络", "关于提升宿舍区无线网络质量的提案", "信息化办公室",
     "宿舍区晚间网络拥堵，影响在线课程和文献下载，建议扩容。"),
    ("体育", "关于增加体育场馆开放时段的提案", "体育系",
     "体育馆晚间开放时段少，建议增加开放时段并开放线上预约。"),
    ("心理", "关于增加心理咨询预约名额的提案", "学生工作部",
     "心理咨询预约周期较长，建议增加咨询师排班和线上咨询渠道。"),
    ("实验", "关于延长开放实验室使用时间的提案", "实验教学中心",
     "本科生科研训练需要使用实验室，建议延长开放时间并简化预约流程。"),
    ("安全", "关于加强校园夜间照明的提案", "保卫处",
     "部分道路夜间照明不足，存在安全隐患，建议增设路灯。"),
]
ANSWERS = ["经研究，已于本学期落实相关安排，并将持续听取同学意见。",
           "已列入本年度工作计划，近期将分步实施，实施进展将在公示平台更新。",
           "感谢同学们的建议。经评估，已调整相关安排并通过学院通知发布。"]


def semester_dates(year: int) -> list[tuple[str, str, date, date]]:
    return [(f"{year}-{year + 1}-1", f"{year}—{year + 1}学年第一学期", date(year, 9, 1), date(year + 1, 1, 19)),
            (f"{year}-{year + 1}-2", f"{year}—{year + 1}学年第二学期", date(year + 1, 2, 17), date(year + 1, 8, 31))]


def _with_club(delegate: dict[str, Any], club: str) -> dict[str, Any]:
    """The delegate with ``club`` in its canonical place, right after ``grade``."""
    out: dict[str, Any] = {}
    for key, value in delegate.items():
        if key != "club":
            out[key] = value
        if key == "grade":
            out["club"] = club
    return out


class _Dumper(yaml.CSafeDumper if hasattr(yaml, "CSafeDumper") else yaml.SafeDumper):  # type: ignore[misc]
    def ignore_aliases(self, data: Any) -> bool:  # staff never write anchors; neither do we
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> Any:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump(kind: type[models.Record], record: dict[str, Any]) -> str:
    body = yaml.dump(record, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=1000)
    return f"{modeline(kind)}\n{body}"


@dataclass
class Writer:
    out: Path
    count: int = 0

    def write(self, kind: type[models.Record], record: dict[str, Any]) -> None:
        record = {"schema": models.SCHEMA_VERSION, **record}
        folder = self.out / kind.KIND.folder if kind.KIND.folder else self.out
        folder.mkdir(parents=True, exist_ok=True)
        name = "settings.yaml" if kind is models.Settings else f"{record['id']}.yaml"
        (folder / name).write_text(dump(kind, record), encoding="utf-8")
        self.count += 1


@dataclass
class Org:
    id: str
    name: str
    college_name: str
    fed: bool
    league: str
    party: str
    students: dict[str, dict[str, int]] = field(default_factory=dict)
    clubs: list[str] = field(default_factory=list)


class Synth:
    def __init__(self, out: Path, years: int, colleges: int, today: date, seed: int, sample: bool,
                 proposals_per_college: int):
        self.w = Writer(out)
        self.rng = random.Random(seed)
        self.today = today
        self.sample = sample
        self.per_college = proposals_per_college
        last = today.year if today.month >= 9 else today.year - 1
        self.years = list(range(last - years + 1, last + 1))
        self.colleges = [self._college(i) for i in range(colleges)]
        self.fed = Org("fed", "上海交通大学医学院学生联合会", "", True, "医学院团委", "医学院党委", clubs=FED_CLUBS)
        self.names_used: set[str] = set()
        self.names: dict[str, str] = {}
        self.pending = self.colleges[-1].id if sample else ""
        self.enlarged = self.colleges[0].id if sample else ""
        self.overdue_done = False

    # ------------------------------------------------------------ helpers
    def _college(self, index: int) -> Org:
        cid, cname = COLLEGES[index % len(COLLEGES)]
        if index >= len(COLLEGES):
            cid, cname = f"{cid}{index // len(COLLEGES) + 1}", f"{cname}（第{index // len(COLLEGES) + 1}校区）"
        return Org(cid, f"上海交通大学医学院{cname}学生会", cname, False, f"{cname}团委", f"{cname}党委",
                   clubs=[f"{cname}学生科创社"])

    def name(self) -> str:
        while True:
            candidate = self.rng.choice(SURNAMES) + "".join(self.rng.sample(GIVEN, self.rng.choice((1, 2))))
            if candidate not in self.names_used or len(self.names_used) > 40000:
                self.names_used.add(candidate)
                return candidate

    def past(self, day: date) -> bool:
        return day <= self.today

    def person(self, pid: str, college: Org, grade: str, year: int, appointed: date | None) -> str:
        degree = {"U": "undergraduate", "M": "master", "D": "doctoral"}[grade[0]]
        enrolled = year - int(grade[1:]) + 1
        private: dict[str, Any] = {
            "student_number": f"5{enrolled % 100:02d}{self.rng.randrange(10**6):06d}",
            "phone": f"13{self.rng.randrange(10**9):09d}",
            "political_status": [{"status": "共青团员", "since": date(enrolled - 4, 5, 4)}],
        }
        if appointed is not None:
            if self.rng.random() < 0.2:
                private["political_status"].append({"status": "中共预备党员", "since": date(year - 1, 6, 20)})
            cohort = self.rng.randrange(120, 260)
            record: dict[str, Any] = {"as_of": date(year, 7, 10)}
            if degree == "undergraduate":
                record.update(rank=self.rng.randrange(1, int(cohort * 0.3) + 1), cohort_size=cohort)
            record["failed_courses"] = 0
            private["academic"] = [record]
        self.names[pid] = self.name()
        self.w.write(models.Person, {
            "id": pid, "name": self.names[pid], "college": college.id, "degree": degree, "enrolled": enrolled,
            "major": self.rng.choice(MAJORS[degree]), "private": private})
        return pid

    @staticmethod
    def steps(chain: list[tuple[str, str, str]], end: date) -> list[dict[str, Any]]:
        """Selection steps dated a week apart, the last one three days before ``end``."""
        first = end - timedelta(days=3 + 7 * (len(chain) - 1))
        return [{"action": a, "body": b, "name": n, "date": first + timedelta(days=7 * i)}
                for i, (a, b, n) in enumerate(chain)]

    def presidium_chain(self, org: Org, college: Org) -> list[tuple[str, str, str]]:
        if org.fed:
            return [("推荐", "院系团组织", college.league), ("同意", "院系党组织", college.party),
                    ("审查", "学工部与团委", "医学院党委学生工作部、医学院团委"), ("确定", "医学院党委", "医学院党委")]
        return [("推荐", "班级团支部", f"{college.college_name}学生团支部"), ("同意", "院系团组织", org.league),
                ("确定", "院系党组织", org.party)]

    def staff_chain(self, org: Org, college: Org) -> list[tuple[str, str, str]]:
        if org.fed:
            return [("推荐", "院系团组织", college.league), ("审核", "学工部与团委", "医学院党委学生工作部、医学院团委")]
        return self.presidium_chain(org, college)

    # ------------------------------------------------------------ records
    def run(self) -> int:
        self.w.write(models.Settings, {
            "id": "settings", "site_name": "上海交通大学医学院学联公示平台", "federation": "fed",
            "upper_federation": "上海市学生联合会", "response_days": 90, "filing_days": 30,
            "publish_candidate_political_status": False,
            "plan": {"title": "上海交通大学医学院学联学生会深化改革实施方案", "number": "沪交医委〔2021〕83号"}})
        for year in self.years:
            self.term(year)
            for college in self.colleges:
                college.students[f"{year}-{year + 1}"] = {g: self.rng.randrange(60, 140) if g[0] != "U"
                                                          else self.rng.randrange(150, 330) for g in GRADES}
            self.fed.students[f"{year}-{year + 1}"] = {
                g: sum(c.students[f"{year}-{year + 1}"][g] for c in self.colleges) for g in GRADES}
        for org in [self.fed, *self.colleges]:
            self.organization(org)
        for year in self.years:
            delegates: list[dict[str, Any]] = []
            for index, college in enumerate(self.colleges):
                delegates += self.year_of(college, year, index)
            self.year_of(self.fed, year, 0, delegates)
        if self.sample:
            self.announcements()
        from .turnover import Turnover  # it reads what was written above

        Turnover(self).run()
        return self.w.count

    def term(self, year: int) -> None:
        self.w.write(models.Term, {
            "id": f"{year}-{year + 1}", "name": f"{year}—{year + 1}学年", "start": date(year, 9, 1),
            "end": date(year + 1, 8, 31),
            "semesters": [{"id": i, "name": n, "start": s, "end": e} for i, n, s, e in semester_dates(year)]})

    def organization(self, org: Org) -> None:
        record: dict[str, Any] = {
            "id": org.id, "name": org.name,
            "short_name": "医学院学联" if org.fed else f"{org.college_name}学生会",
            "type": "federation" if org.fed else "college"}
        if not org.fed:
            record.update(college_name=org.college_name, guided_by="fed")
        record.update(league_org=org.league, party_org=org.party, students=org.students, main_clubs=org.clubs)
        record["advisers"] = [
            {"term": f"{y}-{y + 1}", "name": self.name() + "老师",
             "title": "医学院团委专职副书记" if org.fed else f"{org.college_name}团委书记", "full_time": org.fed}
            for y in self.years]
        record["feedback_channels"] = [
            {"type": "online", "name": "“学联之声”线上意见征集", "description": "微信公众号留言与在线问卷，常年开放"},
            {"type": "offline", "name": "学生事务中心意见箱", "description": "每周一开箱整理"}]
        self.w.write(models.Organization, record)

    def year_of(self, org: Org, year: int, index: int, fed_delegates: list[dict[str, Any]] | None = None
                ) -> list[dict[str, Any]]:
        """Roster, congress, reviews, trainings and reports of one organization in one year."""
        term = f"{year}-{year + 1}"
        congress_day = date(year, 10, 18) if org.fed else date(year, 10, 10) + timedelta(days=index % 7)
        pending = org.id == self.pending and year == self.years[-1]
        if pending:
            congress_day = date(year, 11, 15)
        approved_on = None if pending else congress_day + timedelta(days=7)
        appointed_presidium = date(year, 12, 1) if pending else approved_on
        colleges = self.colleges if org.fed else [org]
        enlarged = org.id == self.enlarged and year == self.years[-1]

        def pick_college(n: int) -> Org:
            return colleges[n % len(colleges)]

        # presidium candidates and the election
        seats = 5 if org.fed else 3
        candidates = []
        for n in range(seats + 1):
            college = pick_college(n + index)
            pid = self.person(f"{year}-{org.id}-c{n + 1}", college, self.rng.choice(["U2", "U3", "U3", "M1"]),
                              year, congress_day)
            candidates.append({
                "person": pid, "source": ["college-staff", "fed-staff", "exemplary"][n % 3],
                "selection": self.steps(self.presidium_chain(org, college), congress_day),
                "votes": 0, "elected": False})
        votes = sorted((self.rng.randrange(60, 100) for _ in candidates), reverse=True)
        for candidate, count in zip(candidates, votes):
            candidate["votes"] = count
        for candidate in candidates[:seats]:
            candidate["elected"] = True
        presidium = [{"person": c["person"], "appointed": appointed_presidium,
                      "from_college_union": c["source"] != "fed-staff" or not org.fed}
                     for c in candidates[:seats]]

        # departments
        staff_day = date(year, 10, 1)
        departments = []
        size = 0
        specs = FED_DEPARTMENTS if org.fed else COLLEGE_DEPARTMENTS
        for d, (did, dname, function) in enumerate(specs):
            heads_n = 3 if org.fed and d in (0, 3) else 2
            staff_n = (4 if d == 0 else 3) if org.fed else (4 if d == 0 or (enlarged and d < 4) else 3)
            members: dict[str, list] = {"heads": [], "staff": []}
            for role, count in (("heads", heads_n), ("staff", staff_n)):
                for n in range(count):
                    college = pick_college(size + n)
                    pid = self.person(f"{year}-{org.id}-{did}-{role[0]}{n + 1}", college,
                                      self.rng.choice(["U1", "U2", "U2", "U3", "M1"]), year, staff_day)
                    member: dict[str, Any] = {"person": pid}
                    if role == "heads":
                        member["title"] = "部长" if n == 0 else "副部长"
                    member.update(appointed=staff_day, from_college_union=(not org.fed) or (size + n) % 4 != 0,
                                  selection=self.steps(self.staff_chain(org, college), staff_day))
                    members[role].append(member)
                size += count
            departments.append({"id": did, "name": dname, "function": function, **members})
        chairs = [{"semester": s[0], "person": presidium[i % len(presidium)]["person"]}
                  for i, s in enumerate(semester_dates(year)) if self.past(s[2])]
        roster: dict[str, Any] = {"id": f"{org.id}-{term}", "organization": org.id, "term": term,
                                  "presidium": presidium, "departments": departments, "executive_chairs": chairs}
        if org.fed:
            roster["volunteers"] = [{
                "project": f"{year}年迎新志愿服务", "start": date(year, 8, 25), "end": date(year, 9, 10),
                "volunteers": [{"person": c["person"]} for c in candidates[seats:]]}]
        self.w.write(models.Roster, roster)
        everyone = [m for m in presidium] + [m for d in departments for r in ("heads", "staff") for m in d[r]]
        officers = [(m, "主席团成员") for m in presidium] + [(m, "部门负责人") for d in departments for m in d["heads"]]

        # delegates
        if org.fed:
            delegates = [dict(d) for d in fed_delegates or []]
            for n, club in enumerate(FED_CLUBS):
                # spread the clubs over delegates who have none yet (a small federation has few delegates)
                index = (n * 7) % len(delegates)
                while "club" in delegates[index]:
                    index = (index + 1) % len(delegates)
                delegates[index] = _with_club(delegates[index], club)
        else:
            delegates = []
            quota = math.ceil(sum(org.students[term].values()) / 100) + 1
            for n in range(max(quota, len(GRADES) + 1)):
                grade = GRADES[n % len(GRADES)]
                pid = self.person(f"{year}-{org.id}-d{n + 1:02d}", org, grade, year, None)
                delegate = {"person": pid, "college": org.id, "grade": grade,
                            "recommended_by": f"{org.college_name}{year - int(grade[1:]) + 1}级{n % 3 + 1}班团支部",
                            "elected_by": org.id}
                delegates.append(delegate)
            for n, club in enumerate(org.clubs):
                delegates[n] = _with_club(delegates[n], club)
        results: dict[str, Any] = {"announced": congress_day}
        if approved_on is not None:
            results["approved"] = {"by": org.party, "date": approved_on}
            filed = approved_on + timedelta(days=10)
            if self.past(filed):
                results["filed"] = {"to": "上海市学生联合会" if org.fed else "上海交通大学医学院学生联合会",
                                    "date": filed}
        congress: dict[str, Any] = {
            "id": f"{org.id}-{year}", "organization": org.id, "term": term,
            "name": f"{org.name}{year}年学生代表大会", "date": congress_day}
        if not org.fed:
            congress["request"] = {"submitted": congress_day - timedelta(days=45), "to": "fed"}
            congress["approval"] = {"by": "fed", "date": congress_day - timedelta(days=20)}
        congress.update(
            delegates=delegates,
            work_report={"title": f"{org.name}{year - 1}—{year}年度工作报告", "presented_by": "主席团",
                         "date": congress_day,
                         "summary": "过去一年，主席团围绕服务同学、权益维护和校园文化开展工作，"
                                    "收集并跟进同学提案，完成了述职评议与换届工作。"},
            elections=[{"name": "主席团成员选举", "date": congress_day, "seats": seats, "candidates": candidates}],
            results=results)
        self.w.write(models.Congress, congress)
        self.proposals(org, year, congress_day, delegates)

        # reviews, honors, trainings, matters, party reports
        for number, (sid, _, start, end) in enumerate(semester_dates(year), start=1):
            review_day = end - timedelta(days=5)
            if not self.past(review_day):
                continue
            serving = [(m, post) for m, post in officers if m["appointed"] <= end]
            board = ([{"name": self.name(), "role": "学生代表"} for _ in range(5)] +
                     ([{"name": self.name(), "role": "党委学生工作部门"}, {"name": self.name(), "role": "团委"}]
                      if org.fed else [{"name": self.name(), "role": "班级团支部代表"} for _ in range(2)] +
                      [{"name": self.name(), "role": "团委"}]))
            evaluations = [{"person": m["person"], "post": post,
                            "scores": {d: self.rng.choice(["优秀", "良好", "良好", "合格"]) for d in models.DIMENSIONS},
                            "outcome": self.rng.choice(["优秀", "良好", "良好", "合格"])} for m, post in serving]
            review_id = f"{org.id}-{sid}"
            self.w.write(models.Review, {"id": review_id, "organization": org.id, "semester": sid,
                                         "date": review_day, "board": board, "evaluations": evaluations})
            if org.fed and evaluations:
                best = evaluations[0]
                self.w.write(models.Honor, {"id": f"{review_id}-honor", "person": best["person"], "type": "评奖评优",
                                            "name": "优秀学生干部", "date": review_day + timedelta(days=10),
                                            "basis": "review", "review": review_id})
            report_day = start + timedelta(days=45)
            if self.past(report_day):
                self.w.write(models.PartyReport, {"id": f"{org.id}-{sid}-report", "organization": org.id,
                                                  "to": org.party, "date": report_day,
                                                  "summary": "汇报本学期工作进展与同学意见建议收集情况。"})
        induction = staff_day + timedelta(days=10)
        late = [m["person"] for m in everyone if m["appointed"] > induction]
        if self.past(induction):
            self.w.write(models.Training, {
                "id": f"{org.id}-{term}-induction", "organization": org.id, "type": "入门教育",
                "title": "新任工作人员入门教育", "date": induction,
                "attendees": [m["person"] for m in everyone if m["person"] not in late]})
        if late and self.past(date(year, 12, 10)):
            self.w.write(models.Training, {
                "id": f"{org.id}-{term}-induction-2", "organization": org.id, "type": "入门教育",
                "title": "新任主席团成员入门教育", "date": date(year, 12, 10), "attendees": late})
        duty = date(year, 11, 20)
        if self.past(duty):
            self.w.write(models.Training, {
                "id": f"{org.id}-{term}-duty", "organization": org.id, "type": "履职培训",
                "title": "学生骨干履职能力培训", "date": duty, "attendees": [m["person"] for m in everyone]})
        matter_day = date(year, 12, 20) if org.fed else date(year, 11, 8)
        if self.past(matter_day):
            self.w.write(models.Matter, {
                "id": f"{org.id}-{term}-matter", "organization": org.id,
                "title": "年度迎新晚会" if not org.fed else "医学院学生跨年文化节", "date": matter_day,
                "reported": {"to": org.league, "date": matter_day - timedelta(days=14)}})
        if self.sample and org.fed and year == self.years[0]:
            offender = departments[-1]["staff"][-1]["person"]
            self.w.write(models.Misconduct, {"id": f"{org.id}-{term}-case-1", "private": {
                "person": offender, "organization": org.id, "occurred": date(year, 11, 3),
                "case": "活动经费报销材料不实", "investigated_by": "医学院团委", "investigated_on": date(year, 11, 10),
                "handling": "批评教育，退回多报销款项", "reported_to": "医学院党委", "reported_on": date(year, 11, 20)}})
        if enlarged:
            self.w.write(models.Waiver, {
                "id": f"{org.id}-{term}-size", "rule": "size.college-total-range", "record": f"{org.id}-{term}",
                "reason": "学院分设两个校区，两校区各需配备权益与学习工作人员，经批准工作人员增至 32 人",
                "approved_by": f"{org.college_name}党委", "approved_on": date(year, 9, 25),
                "expires": date(year + 1, 8, 31)})
        return delegates

    def proposals(self, org: Org, year: int, day: date, delegates: list[dict[str, Any]]) -> None:
        count = 12 if org.fed else self.per_college
        current = year == self.years[-1]
        for n in range(count):
            topic, title, office, text = TOPICS[(n + len(org.id)) % len(TOPICS)]
            submitted = day
            events: list[dict[str, Any]] = [{"status": "submitted", "date": submitted}]
            answers: list[dict[str, Any]] = []
            kind: int | str = n % 6
            if self.sample and org.fed and year == self.years[-2] and not self.overdue_done:
                kind = "overdue"
                self.overdue_done = True
            if kind == 5:
                events.append({"status": "not_accepted", "date": submitted + timedelta(days=10),
                               "note": "该事项不属于学校职能范围，已转交相关单位并告知提案人。"})
            elif kind == "overdue":
                events += [{"status": "accepted", "date": submitted + timedelta(days=7)},
                           {"status": "in_progress", "date": submitted + timedelta(days=14)}]
            else:
                plan = [("accepted", 7), ("in_progress", 14), ("answered", 28 + n), ("closed", 50 + n)]
                assert isinstance(kind, int)
                stop = {0: 4, 1: 3, 2: 2, 3: 1, 4: 0}[kind] if current else (4 if kind < 3 else 3)
                for status, offset in plan[:stop]:
                    if self.past(submitted + timedelta(days=offset)):
                        events.append({"status": status, "date": submitted + timedelta(days=offset)})
                if events[-1]["status"] in ("answered", "closed"):
                    answered = next(e["date"] for e in events if e["status"] == "answered")
                    reply = self.rng.choice(ANSWERS)
                    if not self.sample:  # every text distinct, as in real records (nothing renders from a cache)
                        reply += f"\n\n答复编号：{org.id}-{year}-{n + 1:03d}。"
                    answers.append({"office": office, "date": answered, "text": reply})
            submitters = sorted({self.names[d["person"]] for d in delegates[n: n + 2]}) or ["学生代表"]
            record: dict[str, Any] = {
                "id": f"{org.id}-{year}-{n + 1:03d}", "congress": f"{org.id}-{year}",
                "title": title,
                "text": f"## 现状\n\n{text}\n\n## 建议\n\n1. 调研同学在{topic}方面的需求；\n2. 制定改进方案并公示进展。\n"
                        + ("" if self.sample else f"\n提案编号：{org.id}-{year}-{n + 1:03d}。\n"),
                "submitters": submitters}
            if events[-1]["status"] != "submitted" and events[-1]["status"] != "not_accepted":
                record["office"] = office
            record["history"] = events
            if answers:
                record["answers"] = answers
            self.w.write(models.Proposal, record)

    def announcements(self) -> None:
        items = [
            ("关于征集本学年学生代表大会提案的通知", date(self.years[-1], 9, 15),
             "各位同学：\n\n本学年学生代表大会提案征集工作现已启动，欢迎围绕**学习生活、权益保障、校园建设**等方面提出意见建议。"
             "提案可通过“学联之声”线上平台或学生事务中心意见箱提交。"),
            ("关于开展学期述职评议工作的通知", date(self.years[-1], 1, 5),
             "主席团成员和工作部门负责人将于学期末向评议会述职，欢迎同学列席旁听。"),
            ("医学院学联新一届主席团成员公示", date(self.years[-1], 10, 26),
             "经学生代表大会选举并报医学院党委批准，新一届主席团成员名单公示如下，详见“组织架构”页面。"),
        ]
        for title, day, body in items:
            if not self.past(day):
                continue
            self.w.write(models.Announcement, {
                "id": f"notice-{day.isoformat()}",
                "organization": "fed", "title": title, "date": day, "body": body,
                "review": {"reviewer": "医学院团委专职副书记", "body": "医学院团委", "date": day - timedelta(days=2)}})


def generate(out: Path | str, years: int = 3, colleges: int = 6, today: date = date(2026, 11, 24), seed: int = 2026,
             sample: bool = False, proposals_per_college: int = 19) -> int:
    """Write a full dataset into ``out`` (which must not exist or be empty); returns the file count."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} 不是空目录")
    return Synth(out, years, colleges, today, seed, sample, proposals_per_college).run()
