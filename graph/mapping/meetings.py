"""Meetings every document names, and the themes their headings and topics share."""

from __future__ import annotations

from rdflib import SKOS, Literal
from rdflib.namespace import SDO

from ..vocab import CCM
from .base import Mapper, date, year

_MEETING_CLASS = {
    "msp": CCM.MeetingOfStatesParties,
    "rc": CCM.ReviewConference,
    "preparatory": CCM.PreparatoryMeeting,
    "intersessional": CCM.IntersessionalMeeting,
}


def map_meetings(m: Mapper) -> None:
    for key, meeting in m.corpus.meetings.items():
        s = m.entity(m.iris.meeting(key), _MEETING_CLASS[meeting.kind], meeting.label, *meeting.spans)
        m.add(s, CCM.meetingNumber, Literal(meeting.number) if meeting.number else None)
        m.add(s, SDO.startDate, date(meeting.start) if meeting.start else None)
        m.add(s, SDO.endDate, date(meeting.end) if meeting.end else None)
        m.add(s, CCM.year, year(meeting.year) if meeting.year else None)
        m.add(s, CCM.place, Literal(meeting.place) if meeting.place else None)
        if meeting.country:
            m.add(s, CCM.hostCountry, m.state(meeting.country, meeting.country_span or meeting.spans[0]))


def map_themes(m: Mapper) -> None:
    for group in {id(g): g for g in m.corpus.themes.values()}.values():
        s = m.concept(m.iris.theme(group.label), CCM.Theme, group.label, "themes", *group.spans)
        for label in group.labels:
            if label != group.label:
                m.graph.add((s, SKOS.altLabel, Literal(label, lang="en")))
