"""Changes of membership during a term, added to synthetic records after the seeded ones.

Written after everything else and without the random generator, so every seeded value (names,
votes, ranks) stays what it was: a presidium member resigns and is replaced at a by-election
(补选) held as a second congress session with its own request, approval, results, approval by
the Party organization and filing; a federation staff member resigns and a replacement (增补)
goes through the same selection chain; a college requests a congress session that is still
planned. ``sample=True`` adds each once (the sample data); otherwise every year that has passed
gets them, so the large datasets exercise them too.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import yaml

from ..records import models
from .synth import SURNAMES, dump

if TYPE_CHECKING:
    from .synth import Org, Synth

GIVEN = ("思远", "明哲", "嘉禾", "清扬", "子衿")


def _ordered(model: type[models.Node], record: dict[str, Any]) -> dict[str, Any]:
    """Keys in the model's order, as ``gongshi fmt`` writes them."""
    keys = ["schema", *(f.alias or name for name, f in model.model_fields.items())]
    return {k: record[k] for k in keys if k in record}


class Turnover:
    def __init__(self, synth: "Synth"):
        self.s = synth

    def path(self, kind: type[models.Record], record_id: str):
        return self.s.w.out / kind.KIND.folder / f"{record_id}.yaml"

    def read(self, kind: type[models.Record], record_id: str) -> dict[str, Any]:
        return yaml.safe_load(self.path(kind, record_id).read_text(encoding="utf-8"))

    def rewrite(self, kind: type[models.Record], record: dict[str, Any]) -> None:
        self.path(kind, record["id"]).write_text(dump(kind, _ordered(kind, record)), encoding="utf-8")

    def name(self) -> str:
        for surname in SURNAMES:
            for given in GIVEN:
                if surname + given not in self.s.names_used:
                    self.s.names_used.add(surname + given)
                    return surname + given
        raise ValueError("no unused name left")

    def run(self) -> None:
        s = self.s
        by_election_years = [s.years[-2]] if s.sample and len(s.years) > 1 else [] if s.sample else s.years
        replacement_years = s.years[-1:] if s.sample else s.years
        college = s.colleges[0]
        for year in by_election_years:
            if s.past(date(year + 1, 5, 8)):
                self.by_election(college, year)
        for year in replacement_years:
            if s.past(date(year, 11, 16)):
                self.replacement(year)
        year = s.years[-1]
        if s.past(date(year, 11, 20)) and not s.past(date(year + 1, 3, 21)):
            self.planned(college, year)

    def by_election(self, org: "Org", year: int) -> None:
        """c3 resigns in March; the runner-up of the autumn election (c4) is elected at a 补选 session."""
        s, term = self.s, f"{year}-{year + 1}"
        resigned, runner_up = f"{year}-{org.id}-c3", f"{year}-{org.id}-c4"
        meeting, approved = date(year + 1, 4, 17), date(year + 1, 4, 24)
        roster = self.read(models.Roster, f"{org.id}-{term}")
        for member in roster["presidium"]:
            if member["person"] == resigned:
                member.update(left=date(year + 1, 3, 6), left_reason="辞职", reason_public=True)
        roster["presidium"] = [_ordered(models.Member, m) for m in roster["presidium"]]
        roster["presidium"].append({"person": runner_up, "appointed": approved, "replaces": resigned,
                                    "from_college_union": True})
        self.rewrite(models.Roster, roster)
        autumn = self.read(models.Congress, f"{org.id}-{year}")
        candidate = next(c for c in autumn["elections"][0]["candidates"] if c["person"] == runner_up)
        candidate.update(selection=s.steps(s.presidium_chain(org, org), meeting), votes=91, elected=True)
        s.w.write(models.Congress, {
            "id": f"{org.id}-{year}-2", "organization": org.id, "term": term,
            "name": f"{org.name}{year}年学生代表大会第二次会议（补选）", "date": meeting,
            "request": {"submitted": date(year + 1, 3, 10), "to": "fed"},
            "approval": {"by": "fed", "date": date(year + 1, 3, 24)},
            "delegates": autumn["delegates"],
            "work_report": {"title": f"主席团{year}—{year + 1}学年上半年工作报告", "presented_by": "主席团",
                            "date": meeting, "summary": "报告上学期工作；主席团成员因个人原因辞职，按程序补选一名主席团成员。"},
            "elections": [{"name": "主席团成员补选", "date": meeting, "seats": 1, "candidates": [candidate]}],
            "results": {"announced": meeting, "approved": {"by": org.party, "date": approved},
                        "filed": {"to": "上海交通大学医学院学生联合会", "date": date(year + 1, 5, 6)}}})
        s.w.write(models.Training, {
            "id": f"{org.id}-{term}-induction-3", "organization": org.id, "type": "入门教育",
            "title": "补选主席团成员入门教育", "date": date(year + 1, 5, 8), "attendees": [runner_up]})

    def replacement(self, year: int) -> None:
        """A federation 宣传部 staff member resigns in November; a replacement is recommended and audited."""
        s, term = self.s, f"{year}-{year + 1}"
        roster = self.read(models.Roster, f"fed-{term}")
        department = next(d for d in roster["departments"] if d["id"] == "xuanchuan")
        leaver = department["staff"][-1]
        leaver.update(left=date(year, 11, 6), left_reason="辞职", reason_public=True)
        pid = f"{year}-fed-xuanchuan-s{len(department['staff']) + 1}"
        appointed = date(year, 11, 16)
        person = self.read(models.Person, leaver["person"])
        college = next(c for c in s.colleges if c.id == person["college"])
        person.update(id=pid, name=self.name())
        person["private"].update(student_number=person["private"]["student_number"][:-3] + "417",
                                 phone=person["private"]["phone"][:-4] + "0386")
        s.names[pid] = person["name"]
        s.w.write(models.Person, _ordered(models.Person, person))
        department["staff"] = [_ordered(models.Member, m) for m in department["staff"]]
        department["staff"].append({"person": pid, "appointed": appointed, "replaces": leaver["person"],
                                    "from_college_union": True,
                                    "selection": s.steps(s.staff_chain(s.fed, college), appointed)})
        self.rewrite(models.Roster, roster)
        if self.path(models.Training, f"fed-{term}-induction-2").exists():  # December's 入门教育 includes them
            training = self.read(models.Training, f"fed-{term}-induction-2")
            training["attendees"].append(pid)
            self.rewrite(models.Training, training)

    def planned(self, org: "Org", year: int) -> None:
        """A second congress session requested in November for next March: planned, not yet approved."""
        self.s.w.write(models.Congress, {
            "id": f"{org.id}-{year}-2", "organization": org.id, "term": f"{year}-{year + 1}",
            "name": f"{org.name}{year}年学生代表大会第二次会议", "date": date(year + 1, 3, 21),
            "request": {"submitted": date(year, 11, 20), "to": "fed"}})

