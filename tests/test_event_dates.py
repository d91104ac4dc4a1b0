"""An event's date is never later than the day its first report was published: a later article's "on
Wednesday" is another step of the story (issue 13). Two short articles written for this project, one real
build, the bundled queries."""
from __future__ import annotations

import kg

FIRST = """# Dairy takeover talk in Copenhagen

Published at: **2018-04-06T09:00:00+00:00**

Kestrel Foods has offered $2 billion for Varden Dairies, the Danish milk producer, people familiar with the matter said.
"""

LATER = """# Statement from the dairy

Published at: **2018-04-13T09:00:00+00:00**

Kestrel Foods offered $2 billion for Varden Dairies on Wednesday, the dairy said in a statement.
"""


def test_an_offer_is_dated_by_its_first_report(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.md").write_text(FIRST, encoding="utf-8")
    (tmp_path / "in" / "b.md").write_text(LATER, encoding="utf-8")
    kg.build([tmp_path / "in"], out=tmp_path / "out", formats=("trig",))
    graph = tmp_path / "out" / "graph.trig"
    offers = [r for r in kg.query(graph, "offers") if "Kestrel Foods" in str(r.offered_by)]
    assert len(offers) == 1 and int(offers[0].sources) == 2
    # the later article resolves "Wednesday" to 2018-04-11, after the first report was published
    assert str(offers[0].date) == "2018-04-06"
    timeline = [r for r in kg.query(graph, "timeline") if str(r.kind) == "offer"]
    assert [str(r.date) for r in timeline] == ["2018-04-06"]
