"""Typed records: one model per kind of YAML file under ``data/``.

Models reject unknown keys so that a typo never passes silently. Anything that
must never be published lives under a ``private`` field (a ``Private*`` model);
the public view in ``generator.public`` is built from an allow-list and never
reads those fields. Cross-record references are typed with ``Ref`` so that the
integrity rules can find every reference without a hand-kept list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Annotated, Any, ClassVar, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Day = date  # alias for fields named ``date`` with a default (the name would shadow the type)

SCHEMA_VERSION = "gongshi/v1"
ID_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"


# Every record kind, in declaration order, and by name and folder (filled as each Record subclass is defined).
KINDS: list[type[Record]] = []
BY_KIND: dict[str, type[Record]] = {}
BY_FOLDER: dict[str, type[Record]] = {}


class Ref:
    """Marks a string field as the ID of a record of another kind."""

    def __init__(self, kind: str):
        self.kind = kind

    def __repr__(self) -> str:  # shown in schema-generation errors only
        return f"Ref({self.kind!r})"


Id = Annotated[str, Field(pattern=ID_PATTERN, description="小写字母、数字和连字符，与文件名一致")]
PersonRef = Annotated[str, Ref("person"), Field(description="人员 ID（data/people/ID.yaml）")]
OrgRef = Annotated[str, Ref("organization"), Field(description="组织 ID（data/organizations/ID.yaml）")]
TermRef = Annotated[str, Ref("term"), Field(description="学年 ID，如 2024-2025")]
SemesterRef = Annotated[str, Ref("semester"), Field(description="学期 ID，如 2024-2025-1")]
CongressRef = Annotated[str, Ref("congress"), Field(description="代表大会 ID")]
ReviewRef = Annotated[str, Ref("review"), Field(description="述职评议 ID")]
Text = Annotated[str, Field(min_length=1)]
# Bounds the work one text can cause (rendering is linear, but a build renders every text).
MAX_MARKDOWN_CHARS = 50_000
Markdown = Annotated[str, Field(max_length=MAX_MARKDOWN_CHARS, description=f"Markdown 文本（至多 {MAX_MARKDOWN_CHARS} 字）")]
Grade = Annotated[
    str,
    Field(pattern=r"^(U[1-8]|M[1-3]|D[1-6])$", description="年级：U1–U8 本科一至八年级，M1–M3 硕士，D1–D6 博士"),
]


@dataclass(frozen=True)
class Kind:
    """Everything outside the model that depends on a record kind, declared once on its class.

    Dataset buckets, the integrity rule's names, the staff reference, scaffolds, schema files,
    the record pages and the navigation all read it from here, so a new kind is declared in one
    place. A public kind that lists ``public_fields`` is published without code of its own (the
    generic path: ``generator.site.view.kinds``): an index page and a page per record (``page``),
    its tab, a CSV and JSON download of those fields and search entries; the kinds with
    hand-written views (rosters, congresses, proposals…) leave it empty.
    """

    name: str  # `gongshi new <name>`, schemas/<name>.schema.json, Ref("<name>")
    folder: str  # its folder under data/ ("" for data/settings.yaml)
    title: str  # Chinese name in the staff reference
    public: bool  # whether its records appear on the site (fields under ``private`` never do)
    noun: str = ""  # Chinese name in messages about references to it (default: title)
    published: str = ""  # what the staff reference says is published (default from ``public``)
    page: str = ""  # template of its record page, if it has one
    # optional lists a new record is pointless without: shown with one blank entry by `gongshi new`
    scaffold: tuple[str, ...] = ()
    # IDs the site uses for its own pages in this kind's folder (index, year pages, result notices)
    reserved: str = r"^index$"
    nav: str = ""  # label of its tab, whose page is <folder>/index.md (tabs follow the home page)
    nav_order: int = 99  # where its tab goes among the kinds' tabs (then declaration order)
    # The generic path: the allow-list of top-level fields the site, downloads and search may read
    # (never ``private``), which of them hold Markdown, which search indexes, and the field whose
    # value titles a record (else its ID); ``index`` is the template of its list page.
    public_fields: tuple[str, ...] = ()
    markdown_fields: tuple[str, ...] = ()
    search_fields: tuple[str, ...] = ()
    title_field: str = "title"
    index: str = "pages/kind.html.j2"

    def title_of(self, record: Record) -> str:
        """What titles a record published by its declaration: its ``title_field`` if public, else its ID."""
        value = getattr(record, self.title_field, None) if self.title_field in self.public_fields else None
        return str(value) if value else record.id

    def __post_init__(self) -> None:
        object.__setattr__(self, "noun", self.noun or self.title)
        shown = f"只公开 {'、'.join(self.public_fields)}；其他字段只用于检查" if self.public_fields else "公开"
        object.__setattr__(self, "published", self.published or (shown if self.public else "只用于检查"))
        if self.public_fields and not (self.public and self.page and self.folder):
            raise ValueError(f"kind {self.name}: public_fields need public=True, a folder and a page template")
        if "private" in self.public_fields:
            raise ValueError(f"kind {self.name}: fields under private are never published")
        if not set(self.markdown_fields + self.search_fields) <= set(self.public_fields):
            raise ValueError(f"kind {self.name}: markdown_fields and search_fields must be public_fields")
        if self.public and self.folder in SITE_FOLDERS:
            raise ValueError(f"kind {self.name}: folder {self.folder}/ is the site's own ({self.folder}/ pages)")


# Top-level paths the site uses for its own pages and files: a public kind's pages cannot live there.
SITE_FOLDERS = frozenset({"assets", "pagefind", "downloads", "feeds", "search", "compliance", "guide", "about"})


class Node(BaseModel):
    """Base of every model: unknown keys are errors (``Dataset.where`` finds its YAML position)."""

    model_config = ConfigDict(extra="forbid", frozen=False, use_enum_values=True)
    # pairs of date fields that must be ordered (first <= second) when both are set
    ORDERED: ClassVar[tuple[tuple[str, str], ...]] = ()


class Record(Node):
    """A top-level record: one file, with a schema version and an ID."""

    schema_: Literal["gongshi/v1"] = Field(alias="schema", description="模式版本，固定为 gongshi/v1")
    id: Id
    model_config = ConfigDict(extra="forbid", populate_by_name=True, use_enum_values=True)
    KIND: ClassVar[Kind]

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        if "KIND" in cls.__dict__:  # the registry of kinds, in declaration order
            unknown = set(cls.KIND.public_fields) - set(cls.model_fields)
            if unknown:
                raise ValueError(f"kind {cls.KIND.name}: public_fields {sorted(unknown)} are not fields of {cls.__name__}")
            if cls.KIND.name in BY_KIND or (cls.KIND.folder and cls.KIND.folder in BY_FOLDER):
                raise ValueError(f"kind {cls.KIND.name}: its name or folder is another kind's")
            KINDS.append(cls)
            BY_KIND[cls.KIND.name] = cls
            if cls.KIND.folder:
                BY_FOLDER[cls.KIND.folder] = cls

    @field_validator("id")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        if re.match(cls.KIND.reserved, value):
            raise ValueError("保留给网站页面的 ID")
        return value


# ---------------------------------------------------------------- settings

Colour = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$", description="颜色，如 #9b1c1c（请保证与白色文字的对比度）")]


class Plan(Node):
    """The governing plan the rules check against, as the site names and links it."""

    title: Text = Field(description="方案名称，如 学联学生会深化改革实施方案")
    number: Optional[str] = Field(None, description="文号，如 某委〔2021〕83号")
    url: Optional[str] = Field(None, pattern=r"^https?://", description="方案原文的网址")


class Look(Node):
    """The union's colours and logo; unset values keep Gongshi's defaults."""

    primary: Optional[Colour] = Field(None, description="主色（页眉、链接）")
    accent: Optional[Colour] = Field(None, description="强调色")
    logo: Optional[str] = Field(None, pattern=r"^[\w-]+(/[\w-]+)*\.(png|svg|jpg|jpeg|webp)$",
                                description="标志图片，相对 content/ 的路径，如 assets/logo.svg")


class Settings(Record):
    """Site-wide settings (data/settings.yaml)."""

    KIND = Kind("settings", "", "站点设置", public=False, published="站点设置，不单独公开")
    site_name: Text = Field(description="站点名称")
    federation: OrgRef = Field(description="医学院学联的组织 ID")
    upper_federation: Text = Field(description="上级学联名称（选举结果报备对象）")
    response_days: int = Field(90, ge=1, le=3650, description="提案答复期限（自立案之日起的天数）")
    filing_days: int = Field(30, ge=1, le=365, description="选举结果批准后报上级学联备案的期限（天）")
    publish_candidate_political_status: bool = Field(
        False, description="是否在候选人公示中公开政治面貌（默认不公开）"
    )
    plan: Plan = Field(default_factory=lambda: Plan(title="学联学生会组织改革方案"),
                       description="规则所依据的改革方案（网站引用其名称、文号和链接）")
    look: Look = Field(default_factory=Look, description="本会的颜色和标志")
    data_licence: Literal["CC-BY-4.0", "CC0-1.0", "ODC-By-1.0"] = Field(
        "CC-BY-4.0", description="下载数据的许可协议（写入 datapackage.json 与 popolo.json）")

    @classmethod
    def fallback(cls) -> Settings:
        """What rules and pages use while settings.yaml is missing or invalid (the check reports it):
        every default of this model, no site name or federation."""
        return cls.model_construct(schema_="gongshi/v1", id="settings", site_name="", federation="",
                                   upper_federation="")


# ---------------------------------------------------------------- organizations

class OrgType(str, Enum):
    federation = "federation"
    college = "college"


class Adviser(Node):
    term: TermRef
    name: Text = Field(description="指导老师姓名（教职工，公开）")
    title: Text = Field(description="职务，如 团委专职副书记、院系团委书记")
    full_time: bool = Field(False, description="是否为团委专职副书记")


class Channel(Node):
    type: Literal["online", "offline"] = Field(description="online 线上 / offline 线下")
    name: Text
    description: Optional[str] = None


class Organization(Record):
    """The federation or a college union."""

    KIND = Kind("organization", "organizations", "组织", public=True, page="pages/organization.html.j2",
                nav="组织架构", nav_order=2)
    name: Text = Field(description="全称，如 某某大学医学院基础医学院学生会")
    short_name: Text = Field(description="简称，如 基础医学院学生会")
    type: OrgType = Field(description="federation 医学院学联 / college 院系学生会、研究生会")
    college_name: Optional[str] = Field(None, description="所属院系名称（college 必填），如 基础医学院")
    guided_by: Optional[OrgRef] = Field(None, description="指导本组织的医学院学联 ID（院系学生会必填）")
    league_org: Text = Field(description="同级/指导团组织，如 医学院团委、基础医学院团委")
    party_org: Text = Field(description="同级党组织，如 医学院党委、基础医学院党委")
    students: dict[TermRef, dict[Grade, Annotated[int, Field(ge=0)]]] = Field(
        default_factory=dict, description="各学年所联系学生人数，按年级"
    )
    main_clubs: list[Text] = Field(default_factory=list, description="主要学生社团")
    advisers: list[Adviser] = Field(default_factory=list, description="各学年指定的团组织指导老师")
    rights_mechanism: Optional[str] = Field(None, description="权益工作机制说明（无权益部门时填写）")
    feedback_channels: list[Channel] = Field(default_factory=list, description="意见征集渠道")


# ---------------------------------------------------------------- terms

class Semester(Node):
    NOUN: ClassVar[str] = "学期"  # a semester is referenced like a record kind, but lives inside its term
    ORDERED = (("start", "end"),)
    id: Id = Field(description="学期 ID，如 2024-2025-1")
    name: Text = Field(description="如 2024—2025学年第一学期")
    start: date
    end: date


class Term(Record):
    """An academic year (Sep–Aug) and its two semesters."""

    KIND = Kind("term", "terms", "学年", public=True)
    ORDERED = (("start", "end"),)
    name: Text
    start: date
    end: date
    semesters: list[Semester] = Field(min_length=2, max_length=2)


# ---------------------------------------------------------------- people

class PoliticalStatus(str, Enum):
    party_member = "中共党员"
    probationary = "中共预备党员"
    league_member = "共青团员"
    masses = "群众"
    other = "其他"


class StatusSince(Node):
    status: PoliticalStatus
    since: date


class Academic(Node):
    as_of: date = Field(description="成绩统计截止日期")
    rank: Optional[int] = Field(None, ge=1, description="综合排名（本科生）")
    cohort_size: Optional[int] = Field(None, ge=1, description="本专业参加排名人数（本科生）")
    failed_courses: int = Field(ge=0, description="不及格课程门数")


class PrivatePerson(Node):
    student_number: Optional[str] = None
    phone: Optional[str] = None
    id_number: Optional[str] = None
    political_status: list[StatusSince] = Field(default_factory=list, description="政治面貌及起始日期")
    academic: list[Academic] = Field(default_factory=list, description="学业情况记录")


class Degree(str, Enum):
    undergraduate = "undergraduate"
    master = "master"
    doctoral = "doctoral"


class Person(Record):
    """A student. Everything under ``private`` is read for checks and never published, except a
    candidate's political status on result pages when settings.publish_candidate_political_status is on."""

    KIND = Kind("person", "people", "人员", public=True,
                published="姓名、院系、年级等公开；private 下的内容只用于检查，不公开"
                "（唯一例外：站点设置开启 publish_candidate_political_status 时，选举结果中公开候选人的政治面貌）")
    name: Text = Field(description="公开姓名")
    college: OrgRef = Field(description="所在院系的学生会组织 ID")
    degree: Degree = Field(description="undergraduate 本科生 / master 硕士研究生 / doctoral 博士研究生")
    enrolled: int = Field(ge=1950, le=2100, description="入学年份（年级），如 2022")
    major: Optional[str] = None
    private: PrivatePerson = Field(default_factory=PrivatePerson)


# ---------------------------------------------------------------- rosters

class Action(str, Enum):
    recommend = "推荐"
    consent = "同意"
    review = "审查"
    audit = "审核"
    decide = "确定"


class Body(str, Enum):
    class_branch = "班级团支部"
    college_league = "院系团组织"
    college_party = "院系党组织"
    work_dept_and_league = "学工部与团委"
    school_party = "医学院党委"


class Step(Node):
    action: Action
    body: Body
    name: Optional[str] = Field(None, description="具体组织名称，如 基础医学院团委")
    date: date


LeaveReason = Literal["辞职", "调整", "毕业", "罢免", "任期届满", "其他"]


class Member(Node):
    ORDERED = (("appointed", "left"),)
    person: PersonRef
    title: Optional[str] = Field(None, description="职务名称；留空即为 主席团成员/负责人/工作人员")
    appointed: date = Field(description="任职日期（增补的成员填增补后的任职日期）")
    left: Optional[date] = Field(None, description="离任日期：当天起不再任职（任期内离任时填写；可为将来的拟离任日期）")
    left_reason: Optional[LeaveReason] = Field(None, description="离任原因（填写 left 时必填）")
    reason_public: bool = Field(False, description="是否在网站上公开离任原因（默认不公开，如罢免）")
    replaces: Optional[PersonRef] = Field(None, description="增补：接替的离任成员（须已在本名单中记录 left）")
    from_college_union: bool = Field(False, description="是否来自院系学生会")
    selection: list[Step] = Field(default_factory=list, description="遴选程序各步骤")

    @model_validator(mode="after")
    def _reason_with_left(self) -> "Member":
        if self.left is not None and self.left_reason is None:
            raise ValueError("填写了 left（离任日期）就必须填写 left_reason（辞职、调整、毕业、罢免、任期届满、其他）")
        if self.left is None and self.left_reason is not None:
            raise ValueError("填写了 left_reason 就必须填写 left（离任日期）")
        return self


class Department(Node):
    id: Id = Field(description="部门 ID：小写字母、数字和连字符，如 quanyi")
    name: Text
    function: Literal["权益", "学习", "文体", "宣传", "实践", "组织", "综合", "志愿", "国际交流", "其他"]
    heads: list[Member] = Field(default_factory=list, description="负责人")
    staff: list[Member] = Field(default_factory=list, description="工作人员")


class ExecutiveChair(Node):
    semester: SemesterRef
    person: PersonRef


class Volunteer(Node):
    person: PersonRef
    title: Optional[str] = Field(None, description="志愿者不得担任职务，请留空")


class VolunteerProject(Node):
    ORDERED = (("start", "end"),)
    project: Optional[str] = Field(None, description="项目名称")
    start: Optional[date] = None
    end: Optional[date] = None
    volunteers: list[Volunteer] = Field(default_factory=list)


class Expansion(Node):
    reason: Literal["学生人数增加", "分校区较多"]
    explanation: Text


class Roster(Record):
    """Who held which post in one organization during one academic year."""

    KIND = Kind("roster", "rosters", "名单", public=True, page="pages/roster.html.j2",
                scaffold=("presidium", "departments", "executive_chairs"))
    organization: OrgRef
    term: TermRef
    presidium: list[Member] = Field(default_factory=list, description="主席团成员")
    departments: list[Department] = Field(default_factory=list, description="工作部门")
    executive_chairs: list[ExecutiveChair] = Field(default_factory=list, description="各学期执行主席")
    volunteers: list[VolunteerProject] = Field(default_factory=list, description="项目化招募的志愿者")
    expansion: Optional[Expansion] = Field(None, description="人数超过 40 人时的扩编理由")


# ---------------------------------------------------------------- congresses

class Request(Node):
    submitted: date = Field(description="向医学院学联提交请示的日期")
    to: OrgRef = Field(description="请示对象（医学院学联）")


class Approval(Node):
    by: OrgRef = Field(description="批复的医学院学联")
    date: date


class Delegate(Node):
    person: PersonRef
    college: OrgRef
    grade: Grade
    club: Optional[str] = Field(None, description="所属主要学生社团（如有）")
    recommended_by: Optional[str] = Field(None, description="推荐的班级团支部名称")
    elected_by: Optional[OrgRef] = Field(None, description="选举产生代表的院系学生会")


class WorkReport(Node):
    title: Text
    presented_by: Text = Field(description="报告人/主席团")
    date: date
    summary: Markdown = ""


class Candidate(Node):
    person: PersonRef
    source: Optional[Literal["fed-staff", "college-staff", "exemplary"]] = Field(
        None, description="来源：fed-staff 学联工作人员 / college-staff 院系学生会工作人员 / exemplary 各领域优秀学生典型"
    )
    selection: list[Step] = Field(default_factory=list)
    votes: Optional[int] = Field(None, ge=0)
    elected: bool = False


class Election(Node):
    name: Text = Field(description="如 主席团成员选举")
    date: date
    seats: int = Field(ge=1)
    candidates: list[Candidate] = Field(default_factory=list)


class ApprovalByParty(Node):
    by: Text = Field(description="批准的同级党组织名称")
    date: date


class Filing(Node):
    to: Text = Field(description="备案的上级学联名称")
    date: date


class Results(Node):
    announced: Optional[date] = Field(None, description="向大会公告选举结果的日期")
    approved: Optional[ApprovalByParty] = None
    filed: Optional[Filing] = None


class Congress(Record):
    """A 学生代表大会 of the federation or a college union."""

    KIND = Kind("congress", "congresses", "学生代表大会", public=True, noun="代表大会", page="pages/congress.html.j2",
                scaffold=("delegates", "elections"), reserved=r"^(index|\d{4})$", nav="代表大会", nav_order=3)
    organization: OrgRef
    term: TermRef
    name: Text
    date: date
    request: Optional[Request] = Field(None, description="院系代表大会：向医学院学联的请示")
    approval: Optional[Approval] = Field(None, description="院系代表大会：医学院学联的批复")
    delegates: list[Delegate] = Field(default_factory=list)
    work_report: Optional[WorkReport] = None
    elections: list[Election] = Field(default_factory=list)
    results: Results = Field(default_factory=Results)


# ---------------------------------------------------------------- reviews

DIMENSIONS = ("政治态度", "道德品行", "学习情况", "工作成效", "纪律作风")
Rating = Literal["优秀", "良好", "合格", "不合格"]


class BoardMember(Node):
    name: Text
    role: Literal["学生代表", "党委学生工作部门", "团委", "班级团支部代表"]


class Scores(Node):
    政治态度: Optional[Rating] = None
    道德品行: Optional[Rating] = None
    学习情况: Optional[Rating] = None
    工作成效: Optional[Rating] = None
    纪律作风: Optional[Rating] = None


class Evaluation(Node):
    person: PersonRef
    post: Literal["主席团成员", "部门负责人"] = Field(description="述职人岗位")
    scores: Scores
    outcome: Rating


class Review(Record):
    """One semester's 述职评议 of one organization."""

    KIND = Kind("review", "reviews", "述职评议", public=True, page="pages/review.html.j2",
                scaffold=("board", "evaluations"), reserved=r"^(index|\d{4}-\d{4})$", nav="述职评议", nav_order=4)
    organization: OrgRef
    semester: SemesterRef
    date: date
    board: list[BoardMember] = Field(default_factory=list, description="评议会成员")
    evaluations: list[Evaluation] = Field(default_factory=list)


# ---------------------------------------------------------------- honors, trainings, matters

class Honor(Record):
    """An honor, evaluation bonus or postgraduate recommendation given to an officer."""

    KIND = Kind("honor", "honors", "评奖评优", public=False)
    person: PersonRef
    type: Literal["评奖评优", "测评加分", "推荐免试"]
    name: Text
    date: date
    basis: Literal["review", "post"] = Field(description="review 依据述职评议结果 / post 依据岗位（不允许）")
    review: Optional[ReviewRef] = Field(None, description="所依据的述职评议 ID")


class Training(Record):
    KIND = Kind("training", "trainings", "培训", public=False)
    organization: OrgRef
    type: Literal["入门教育", "履职培训"]
    title: Text
    date: date
    attendees: list[PersonRef] = Field(default_factory=list)


class Report(Node):
    to: Text = Field(description="报告对象，如 医学院团委")
    date: date


class Matter(Record):
    """A 重大事项 or 重大活动, which must be reported to the guiding League body beforehand."""

    KIND = Kind("matter", "matters", "重大事项", public=False)
    organization: OrgRef
    title: Text
    date: date
    reported: Optional[Report] = None


class PartyReport(Record):
    KIND = Kind("party-report", "party-reports", "向党组织汇报", public=False)
    organization: OrgRef
    to: Text
    date: date
    summary: Optional[str] = None


class PrivateMisconduct(Node):
    ORDERED = (("investigated_on", "reported_on"),)
    person: PersonRef
    organization: OrgRef
    occurred: date
    case: Text
    investigated_by: Optional[str] = None
    investigated_on: Optional[date] = None
    handling: Optional[str] = None
    reported_to: Optional[str] = None
    reported_on: Optional[date] = None


class Misconduct(Record):
    """A misconduct case: entirely private, never published."""

    KIND = Kind("misconduct", "misconduct", "违纪处理", public=False, published="整条记录保密，只用于检查")
    private: PrivateMisconduct


# ---------------------------------------------------------------- proposals

Status = Literal["submitted", "accepted", "not_accepted", "in_progress", "answered", "closed"]
STATUS_NAMES = {
    "submitted": "已提交",
    "accepted": "已立案",
    "not_accepted": "不予立案",
    "in_progress": "办理中",
    "answered": "已答复",
    "closed": "已办结",
}


class Event(Node):
    status: Status
    date: date
    note: Optional[str] = Field(None, description="说明；不予立案时必须写明理由")


class Answer(Node):
    office: Optional[str] = None
    date: Optional[Day] = None
    text: Markdown = ""


class Proposal(Record):
    """A congress proposal and what became of it."""

    KIND = Kind("proposal", "proposals", "提案", public=True, page="pages/proposal.html.j2", nav="提案", nav_order=5)
    congress: CongressRef
    title: Text
    text: Markdown
    submitters: list[Text] = Field(min_length=1, description="提案人公开姓名")
    office: Optional[str] = Field(None, description="承办部门")
    history: list[Event] = Field(min_length=1, description="办理过程，按时间顺序")
    answers: list[Answer] = Field(default_factory=list)

    @property
    def status(self) -> str:
        return self.history[-1].status


# ---------------------------------------------------------------- announcements, waivers

class PublicationReview(Node):
    reviewer: Text = Field(description="审核人")
    body: Text = Field(description="审核的团组织，如 医学院团委")
    date: date


class Announcement(Record):
    KIND = Kind("announcement", "announcements", "公告", public=True, page="pages/announcement.html.j2",
                reserved=r"^(index|\d{4}|results-.*)$", nav="公告", nav_order=1)
    organization: OrgRef
    title: Text
    date: date
    body: Markdown
    review: Optional[PublicationReview] = None


class Waiver(Record):
    """A reasoned, dated exception to one warning on one record."""

    KIND = Kind("waiver", "waivers", "豁免", public=False, published="在「合规」页面公开理由与到期日")
    ORDERED = (("approved_on", "expires"),)
    rule: Text = Field(description="被豁免的规则 ID（只能是提示级别）")
    record: Text = Field(description="适用的记录 ID，如 jichu-2024-2025")
    reason: Text
    approved_by: Text
    approved_on: date
    expires: date

