"""The Implementation Support Unit's page of the Lausanne booklet (003): its mandate and contact details."""

from __future__ import annotations

import re

from ..sources import SourceText
from ..sources.text import clean
from .records import IsuRecords, MandateItem


def parse(src: SourceText) -> IsuRecords:
    head = src.find(r"^The (Implementation Support Unit) of the Convention on Cluster Munitions\s*$")
    chapeau = src.find(r"^The Unit has a mandate to:\s*$", head.end())
    out = IsuRecords(
        clean(head.group().replace("The ", "", 1)),
        src.span(head.start(), head.end()),
        src.span(chapeau.start(), chapeau.end()),
    )
    end = chapeau.end()
    for text, s, e in src.lines(chapeau.end()):
        if not text.strip():
            if out.mandate:
                break
            continue
        if not text.lstrip().startswith("- "):
            raise src.error(s, "expected a '- ' item of the Unit's mandate")
        out.mandate.append(MandateItem(len(out.mandate) + 1, clean(text), src.span(s, e)))
        end = e
    if not out.mandate:
        raise src.error(chapeau.end(), "the Implementation Support Unit's mandate has no items")
    contact = src.find(r"^Implementation Support Unit of the Convention on Cluster Munitions\s*$", end)
    lines = [(t, s, e) for t, s, e in src.lines(contact.end()) if t.strip()]
    address = [(t, s, e) for t, s, e in lines[: next(i for i, x in enumerate(lines) if x[0].startswith("Phone"))]]
    if address:
        out.address = ", ".join(t.strip() for t, _, _ in address)
        out.address_span = src.span(address[0][1], address[-1][2])
    for t, _, _ in lines:
        if m := re.match(r"^Phone\s+(\+[\d ]+)", t):
            out.telephone = m.group(1).strip()
        elif re.match(r"^\S+@\S+$", t.strip()):
            out.email = t.strip()
        elif m := re.match(r"^(www\.\S+)$", t.strip()):
            out.homepage = "https://" + m.group(1)
    return out
