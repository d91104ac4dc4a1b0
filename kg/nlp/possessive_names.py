"""Names with a possessive inside: "Men's Wearhouse", "Dick's Sporting Goods", "Moody's Analytics". The tokenizer
splits "Men's" and the model tags the name whole in one sentence and cuts it, or misses it, in the next, so the owner
reading ("Men" owns "Wearhouse") wins. A run "X's Y" of capitalised words written the same way at least twice in the
text, more often than its first part stands alone there, is one organisation's name wherever it is written; an owner
and what it owns ("China's Huawei", "Kestrel's Varden unit") are told apart by the owner's name standing alone as
often elsewhere.
"""
from __future__ import annotations

import re

POSSESSIVE_NAME = "name:possessive"  # the list id of such a name: kept whole when entities are cleaned
_NAME = re.compile(r"\b([A-Z][\w&.-]*)['’]s((?: [A-Z][\w&-]*){1,3})")


def possessive_names(doc):
    """Tag each "X's Y" name of ``doc`` (see the module) as one ORG entity, replacing the entities it overlaps."""
    from spacy.tokens import Span

    text = doc.text
    spans, done = [], set()
    for m in _NAME.finditer(text):
        owner, words = m.group(1), m.group(2).split()
        # the longest form written as often as the shortest ("Men's Wearhouse", not "Men's Wearhouse Chief")
        forms = [f"{owner}'s " + " ".join(words[:k]) for k in range(1, len(words) + 1)]
        forms = [f.replace("'", m.group(0)[len(owner)]) for f in forms]
        count = text.count(forms[0])
        name = next(f for f in reversed(forms) if text.count(f) == count)
        alone = len(re.findall(rf"\b{re.escape(owner)}\b(?!['’]s)", text))
        if name in done or count < 2 or alone >= count:
            continue  # "China's Huawei": China stands alone as often
        done.add(name)
        for start in (i.start() for i in re.finditer(re.escape(name) + r"\b", text)):
            span = doc.char_span(start, start + len(name))
            if span is not None:
                spans.append(Span(doc, span.start, span.end, label="ORG", span_id=POSSESSIVE_NAME))
    if not spans:
        return doc
    taken = {i for s in spans for i in range(s.start, s.end)}
    doc.ents = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))] + spans
    return doc
