"""Every sentence of the Convention's 23 articles (the Lausanne booklet, 003, "HAVE AGREED AS
FOLLOWS" to the end of Article 23), read by hand: one row per statement, in the order of the text.

A row is (provision, words the statement holds, kind, bearers). Kind is duty, prohibition,
permission, recommendation, or rule (a constitutive provision: a definition, the scope, an entry into force, a
legal effect, a voting rule, a final clause; it binds nobody). Bearers are actor-category labels;
a rule has none. A list whose chapeau's verb each item completes ("undertakes never under any
circumstances to:", "shall take the following measures", "shall:") is one statement per item; a
list of what a report or request holds ("shall set out:", "on:") is one statement.

Reading choices, so that a reader can disagree with them precisely:
- a passive without an agent binds whoever makes its subject: "A request for an extension shall be
  submitted" (3.5, 4.6) binds the State Party that asked (3.3, 4.5); "Such assistance shall include"
  (4.4(b)) the former State Party of 4.4(a); "Such an extension may be renewed" (4.8) the State Party
  whose extension it is (4.5);
- "shall be invited" / "may be invited" binds who convenes: the Secretary-General (11.2, 12.1, 13.1);
- "shall not exceed" (3.3, 3.6, 4.5) is a prohibition: a ceiling the bearer must not pass;
- "is strongly encouraged" (4.4(a)) is a recommendation: it binds nobody, yet permits nothing either;
- 6.3 and 8.3 hold two norms of different kinds in one sentence ("undertakes to facilitate and
  shall have the right to participate"; "... presented to the requested State Party which shall have
  the right to respond"), and 13.1 a duty of the proposer and one of the Secretary-General;
- reservations (19), signature (15), ratification and deposit (16), entry into force (17), duration
  and the effect of a withdrawal (20.1, 20.3), the majority that adopts an amendment and its entry
  into force (13.4, 13.5), the designation of the Depositary (22) and the authentic texts (23) are rules.
"""

from __future__ import annotations

ALL = "All States Parties"
IN_A_POSITION = "States Parties in a position to do so"
MSP = "Meeting of States Parties"
SG = "Secretary-General of the United Nations"
GIVING = "States Parties giving and receiving assistance under the provisions of this Article"
NOT_PARTY = "States not party to this Convention participating therein"
RETAINING = (
    "States Parties retaining, acquiring or transferring cluster munitions or explosive submunitions"
    " for the purposes described in paragraphs 6 and 7 of this Article"
)

NORMS: list[tuple[str, str, str, tuple[str, ...]]] = [
    # Article 1
    ("1.1.a", "Use cluster munitions", "prohibition", (ALL,)),
    ("1.1.b", "stockpile, retain or transfer", "prohibition", (ALL,)),
    ("1.1.c", "Assist, encourage or induce", "prohibition", (ALL,)),
    ("1.2", "applies, mutatis mutandis", "rule", ()),
    ("1.3", "does not apply to mines", "rule", ()),
    # Article 2: fifteen definitions
    *((f"2.{n}", "means" if n != 8 else "involves", "rule", ()) for n in range(1, 16)),
    # Article 3
    ("3.1", "separate all cluster munitions", "duty", (ALL,)),
    ("3.2", "destroy or ensure the destruction", "duty", (ALL,)),
    ("3.2", "destruction methods comply", "duty", (ALL,)),
    ("3.3", "it may submit a request", "permission", (ALL,)),
    ("3.3", "request additional extensions", "permission", (ALL,)),
    ("3.3", "The requested extensions shall not exceed", "prohibition", (ALL,)),
    ("3.4", "Each request for an extension shall set out", "duty", (ALL,)),
    ("3.5", "assess the request and decide", "duty", (MSP,)),
    ("3.5", "may decide to grant a shorter extension", "permission", (ALL,)),
    ("3.5", "shall be submitted a minimum of nine months", "duty", (ALL,)),
    ("3.6", "is permitted", "permission", (ALL,)),
    ("3.6", "shall not exceed the minimum number", "prohibition", (ALL,)),
    ("3.7", "is permitted", "permission", (ALL,)),
    ("3.8", "shall submit a detailed report", "duty", (RETAINING,)),
    ("3.8", "the report shall include reference", "duty", (RETAINING,)),
    ("3.8", "Such a report shall be prepared", "duty", (RETAINING,)),
    # Article 4
    ("4.1.a", "not later than ten years from that date", "duty", (ALL,)),
    ("4.1.b", "end of the active hostilities", "duty", (ALL,)),
    ("4.1.c", "declaration of compliance", "duty", (ALL,)),
    ("4.2.a", "Survey, assess and record", "duty", (ALL,)),
    ("4.2.b", "Assess and prioritise needs", "duty", (ALL,)),
    ("4.2.c", "perimeter-marked", "duty", (ALL,)),
    ("4.2.d", "Clear and destroy all cluster munition remnants", "duty", (ALL,)),
    ("4.2.e", "risk reduction education", "duty", (ALL,)),
    ("4.3", "take into account international standards", "duty", (ALL,)),
    ("4.4", "This paragraph shall apply", "rule", ()),
    ("4.4.a", "strongly encouraged to provide", "recommendation", ("Former State Party",)),
    ("4.4.b", "Such assistance shall include", "duty", ("Former State Party",)),
    ("4.5", "it may submit a request", "permission", (ALL,)),
    ("4.5", "The requested extension shall not exceed", "prohibition", (ALL,)),
    ("4.6", "prior to the expiry of the time period", "duty", (ALL,)),
    ("4.6", "a minimum of nine months", "duty", (ALL,)),
    ("4.6", "Each request shall set out", "duty", (ALL,)),
    ("4.7", "assess the request and decide", "duty", (MSP,)),
    ("4.7", "may decide to grant a shorter extension", "permission", (ALL,)),
    ("4.8", "Such an extension may be renewed", "permission", (ALL,)),
    ("4.8", "In requesting a further extension", "duty", (ALL,)),
    # Article 5
    ("5.1", "adequately provide age- and gender-sensitive assistance", "duty", (ALL,)),
    ("5.1", "collect reliable relevant data", "duty", (ALL,)),
    ("5.2.a", "Assess the needs", "duty", (ALL,)),
    ("5.2.b", "Develop, implement and enforce", "duty", (ALL,)),
    ("5.2.c", "Develop a national plan and budget", "duty", (ALL,)),
    ("5.2.d", "mobilise national and international resources", "duty", (ALL,)),
    ("5.2.e", "Not discriminate", "prohibition", (ALL,)),
    ("5.2.f", "Closely consult", "duty", (ALL,)),
    ("5.2.g", "Designate a focal point", "duty", (ALL,)),
    ("5.2.h", "Strive to incorporate", "duty", (ALL,)),
    # Article 6
    ("6.1", "has the right to seek and receive assistance", "permission", (ALL,)),
    ("6.2", "shall provide technical, material and financial assistance", "duty", (IN_A_POSITION,)),
    ("6.2", "Such assistance may be provided", "permission", (IN_A_POSITION,)),
    ("6.3", "undertakes to facilitate", "duty", (ALL,)),
    ("6.3", "have the right to participate", "permission", (ALL,)),
    ("6.3", "shall not impose undue restrictions", "prohibition", (ALL,)),
    ("6.4", "shall provide assistance for clearance", "duty", (IN_A_POSITION,)),
    ("6.5", "destruction of stockpiled cluster munitions", "duty", (IN_A_POSITION,)),
    ("6.6", "urgently provide emergency assistance", "duty", (IN_A_POSITION,)),
    ("6.7", "shall provide assistance for the implementation", "duty", (IN_A_POSITION,)),
    ("6.7", "Such assistance may be provided", "permission", (IN_A_POSITION,)),
    ("6.8", "economic and social recovery", "duty", (IN_A_POSITION,)),
    ("6.9", "may contribute to relevant trust funds", "permission", (IN_A_POSITION,)),
    ("6.10", "take all appropriate measures", "duty", ("State Party that seeks and receives assistance",)),
    ("6.11", "request the United Nations system", "permission", (ALL,)),
    (
        "6.12",
        "shall cooperate",
        "duty",
        ("States Parties giving and receiving assistance under the provisions of this Article",),
    ),
    # Article 7
    ("7.1", "shall report to the Secretary-General", "duty", (ALL,)),
    ("7.2", "updated by the States Parties annually", "duty", (ALL,)),
    ("7.3", "shall transmit all such reports", "duty", (SG,)),
    # Article 8
    ("8.1", "agree to consult and cooperate", "duty", (ALL,)),
    ("8.2", "it may submit", "permission", (ALL,)),
    ("8.2", "Such a request shall be accompanied", "duty", (ALL,)),
    ("8.2", "shall refrain from unfounded Requests", "prohibition", (ALL,)),
    ("8.2", "within 28 days", "duty", ("State Party that receives a Request for Clarification",)),
    ("8.3", "it may submit the matter", "permission", ("Requesting State Party",)),
    ("8.3", "shall transmit the submission", "duty", (SG,)),
    ("8.3", "shall be presented to the requested State Party", "duty", (SG,)),
    ("8.3", "shall have the right to respond", "permission", ("Requested State Party",)),
    ("8.4", "may request the Secretary-General", "permission", ("States Parties concerned",)),
    ("8.5", "shall first determine", "duty", (MSP,)),
    ("8.5", "may suggest", "permission", (MSP,)),
    ("8.5", "may recommend appropriate measures", "permission", (MSP,)),
    ("8.6", "may decide to adopt", "permission", (MSP,)),
    # Article 9
    ("9", "take all appropriate legal, administrative and other measures", "duty", (ALL,)),
    # Article 10
    ("10.1", "shall consult together", "duty", ("States Parties concerned",)),
    ("10.2", "may contribute to the settlement", "permission", (MSP,)),
    # Article 11
    ("11.1", "shall meet regularly", "duty", (ALL,)),
    ("11.2", "within one year", "duty", (SG,)),
    ("11.2", "annually until the first Review Conference", "duty", (SG,)),
    ("11.3", "may be invited to attend these meetings", "permission", (SG,)),
    # Article 12
    ("12.1", "five years after the entry into force", "duty", (SG,)),
    ("12.1", "Further Review Conferences", "duty", (SG,)),
    ("12.1", "shall be invited to each Review Conference", "duty", (SG,)),
    ("12.2", "The purpose of the Review Conference", "rule", ()),
    ("12.3", "may be invited to attend each Review Conference", "permission", (SG,)),
    # Article 13
    ("13.1", "any State Party may propose amendments", "permission", (ALL,)),
    ("13.1", "shall be communicated to the Secretary-General", "duty", (ALL,)),
    ("13.1", "shall circulate it", "duty", (SG,)),
    ("13.1", "shall convene an Amendment Conference", "duty", (SG,)),
    ("13.2", "may be invited to attend each Amendment Conference", "permission", (SG,)),
    ("13.3", "immediately following", "duty", (SG,)),
    ("13.4", "majority of two-thirds", "rule", ()),
    ("13.4", "The Depositary shall communicate", "duty", ("Depositary",)),
    ("13.5", "An amendment to this Convention shall enter into force", "rule", ()),
    ("13.5", "Thereafter it shall enter into force", "rule", ()),
    # Article 14
    (
        "14.1",
        "The costs of the Meetings of States Parties",
        "duty",
        (ALL, "States not party to this Convention participating therein"),
    ),
    ("14.2", "The costs incurred by the Secretary-General", "duty", (ALL,)),
    ("14.3", "is subject to an appropriate United Nations mandate", "rule", ()),
    # Articles 15-19
    ("15", "shall be open for signature", "rule", ()),
    ("16.1", "subject to ratification, acceptance or approval", "rule", ()),
    ("16.2", "open for accession", "rule", ()),
    ("16.3", "shall be deposited with the Depositary", "rule", ()),
    ("17.1", "thirtieth instrument", "rule", ()),
    ("17.2", "For any State that deposits", "rule", ()),
    ("18", "apply provisionally Article 1", "permission", ("States",)),
    ("19", "shall not be subject to reservations", "rule", ()),
    # Article 20
    ("20.1", "unlimited duration", "rule", ()),
    ("20.2", "have the right to withdraw", "permission", (ALL,)),
    ("20.2", "It shall give notice", "duty", (ALL,)),
    ("20.2", "Such instrument of withdrawal shall include", "duty", (ALL,)),
    ("20.3", "Such withdrawal shall only take effect", "rule", ()),
    ("20.3", "engaged in an armed conflict", "rule", ()),
    # Article 21
    ("21.1", "shall encourage States not party", "duty", (ALL,)),
    ("21.2", "shall notify the governments", "duty", (ALL,)),
    ("21.3", "may engage in military cooperation", "permission", (ALL,)),
    ("21.4.a", "To develop, produce or otherwise acquire", "prohibition", (ALL,)),
    ("21.4.b", "To itself stockpile or transfer", "prohibition", (ALL,)),
    ("21.4.c", "To itself use cluster munitions", "prohibition", (ALL,)),
    ("21.4.d", "To expressly request the use", "prohibition", (ALL,)),
    # Articles 22-23
    ("22", "is hereby designated as the Depositary", "rule", ()),
    ("23", "equally authentic", "rule", ()),
]

# Every time limit the articles state, read off the text: (provision, the statement's words, where the
# limit stands ("own" or "condition": a limit restated inside "If a State Party believes ... within eight
# years ..." is the deadline the request is about, not the request's own), kind, xsd:duration, event).
EIF_SP = "entry-into-force-for-state-party"
TIME_LIMITS: list[tuple[str, str, str, str, str | None, str | None]] = [
    ("3.2", "destroy or ensure the destruction", "own", "relative", "P8Y", "entry-into-force-for-state-party"),
    ("3.3", "it may submit a request", "own", "cap", "P4Y", None),  # "by a period of up to four years"
    ("3.3", "it may submit a request", "condition", "relative", "P8Y", "entry-into-force-for-state-party"),
    ("3.3", "request additional extensions", "own", "cap", "P4Y", None),  # "of up to four years"
    ("3.5", "a minimum of nine months", "own", "lead-time", "P9M", "meeting-considering-request"),
    ("3.8", "Such a report shall be prepared", "own", "recurring", "P1Y", None),  # 30 April of the following year
    ("4.1.a", "ten years from that date", "own", "relative", "P10Y", "entry-into-force-for-state-party"),
    ("4.1.b", "end of the active hostilities", "own", "relative", "P10Y", "end-of-active-hostilities"),
    ("4.1.c", "declaration of compliance", "own", "meeting", None, "next Meeting of States Parties"),
    ("4.5", "it may submit a request", "own", "cap", "P5Y", None),
    ("4.5", "it may submit a request", "condition", "relative", "P10Y", "entry-into-force-for-state-party"),
    ("4.6", "prior to the expiry of the time period", "own", "before-deadline", None, None),
    ("4.6", "a minimum of nine months", "own", "lead-time", "P9M", "meeting-considering-request"),
    ("4.8", "Such an extension may be renewed", "own", "cap", "P5Y", None),
    ("7.1", "shall report to the Secretary-General", "own", "relative", "P180D", "entry-into-force-for-state-party"),
    ("7.2", "updated by the States Parties annually", "own", "recurring", "P1Y", None),  # 30 April of each year
    ("8.2", "within 28 days", "own", "relative", "P28D", "receipt-of-request-for-clarification"),
    ("8.3", "it may submit the matter", "own", "meeting", None, "next Meeting of States Parties"),
    ("11.2", "within one year", "own", "relative", "P1Y", "entry-into-force-of-convention"),
    ("11.2", "annually until the first Review Conference", "own", "recurring", "P1Y", None),
    ("12.1", "five years after the entry into force", "own", "relative", "P5Y", "entry-into-force-of-convention"),
    ("12.1", "Further Review Conferences", "condition", "minimum-interval", "P5Y", None),  # "provided that ..."
    (
        "13.1",
        "shall convene an Amendment Conference",
        "condition",
        "relative",
        "P90D",
        "circulation-of-amendment-proposal",
    ),
    (
        "13.3",
        "immediately following",
        "own",
        "immediately-after",
        None,
        "meeting-of-states-parties-or-a-review-conference",
    ),
    ("17.1", "thirtieth instrument", "own", "month-start", "P6M", "deposit-of-thirtieth-instrument"),
    ("17.2", "For any State that deposits", "own", "month-start", "P6M", "deposit-of-instrument-by-state"),
    ("20.3", "Such withdrawal shall only take effect", "own", "relative", "P6M", "receipt-of-instrument-of-withdrawal"),
    ("20.3", "engaged in an armed conflict", "own", "not-before", None, "end-of-the-armed-conflict"),
]
