"""A synthetic LinkedIn data export with known truth: :func:`simulate_export`.

It writes what LinkedIn's "Get a copy of your data" writes (``messages.csv`` with the 2024 header,
``Profile.csv``, ``Positions.csv``, ``Connections.csv`` with its notes preamble and
``Invitations.csv``), as a zip or a folder, and returns an :class:`ExportTruth` that says what was
planted:

* **onsets**: the turn where each thread becomes a pitch, drawn by
  :func:`linkedins_law.law.simulate_onsets` (cure fraction, hazard, lengths, censoring). The
  export's owner is on one side of every thread and pitches in only a few of them
  (``owner_pitch_share`` of the pitched threads, flagged in ``truth.owner_pitched``).
* **texts** from this module's own small generators: sentences composed from many templates with
  names, topics and products filled in. None comes from the bundled exemplars the default
  detector is fitted on, so a detector run on the export is not tested on its training text.
* **copy-paste templates**: the senders of ``template_share`` of the threads open (and pitch)
  with one of a handful of template texts, their names swapped in and up to ``edit_fraction`` of
  the words edited (substituted, inserted or deleted). ``truth.turn_templates`` holds the
  template id of every turn (-1 for personal text) and :meth:`ExportTruth.template_text` the
  filled template a turn was edited from. The owner, in the few threads where they pitch, pastes
  one offer of their own the same way (a template of kind ``"owner"``).
* **roles** of every connection (``"recruiter"``, ``"sales"``, ``"founder"``, ``"other"``),
  planted through the Position titles and Companies of ``Connections.csv``; pitching contacts
  are more often sales people and founders.
* **relevance**: each pitch is about the owner's field (``domain``) or about an unrelated
  product; ``truth.relevant`` per thread (1, 0, -1 where no pitch).
* **invitations**: which threads began with an invitation (sent before the first turn, within
  ``max_invitation_days``), with a note or not (a note is often one of a few generic texts),
  plus invitations that opened no thread; ``truth.thread_invitation`` and
  ``truth.invitation_thread`` join them.

Every row written reads back through :func:`linkedins_law.read_export`: nothing is dropped.
"""

from __future__ import annotations

import csv
import html
import io
import math
import os
import random
import shutil
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import numpy as np

from .core.checks import check_random_state, check_unit_interval
from .law.simulate import SyntheticTruth, simulate_onsets
from .readers.linkedin.fields import ERAS

__all__ = ["ExportTruth", "simulate_export", "DOMAINS", "ROLES"]

ROLES: tuple[str, ...] = ("recruiter", "sales", "founder", "other")
"""The roles planted on connections: recruiter/HR, sales/business development, founder/executive, other."""

_FIRST = (
    "Aiko", "Amara", "Anders", "Aryan", "Beatriz", "Bodhi", "Callum", "Camille", "Chidi", "Dagny",
    "Darius", "Elif", "Emeka", "Esme", "Farid", "Freya", "Gideon", "Greta", "Hamid", "Hollis",
    "Ines", "Ivo", "Jarrah", "Jonas", "Kaveh", "Keira", "Linnea", "Lorcan", "Mabel", "Mateo",
    "Nadia", "Niamh", "Oren", "Otto", "Paloma", "Pavel", "Quinn", "Rafa", "Rosalind", "Rune",
    "Saoirse", "Selim", "Tamsin", "Teodor", "Uma", "Umberto", "Vesna", "Wiley", "Wren", "Xiomara",
    "Yara", "Yusuf", "Zainab", "Zeno", "Alba", "Bram", "Cyrus", "Delphine", "Eero", "Fenna",
    "Goran", "Halle", "Ilse", "Joaquin",
)
_LAST = (
    "Abernathy", "Achterberg", "Baptiste", "Bergqvist", "Castellano", "Chowdhury", "Dalloway",
    "Delacroix", "Eriksen", "Esposito", "Fairbairn", "Fonseca", "Gallagher", "Grimaldi", "Halvorsen",
    "Hoshino", "Ibarra", "Iwu", "Jablonski", "Jovanovic", "Kapoor", "Kowalczyk", "Lindqvist",
    "Lombardi", "Mbeki", "Moreno", "Nakagawa", "Nwosu", "Oyelaran", "Ostrowski", "Petrov", "Quintero",
    "Rahimi", "Ravenscroft", "Sandoval", "Szabo", "Takahashi", "Thorne", "Ueda", "Urquhart",
    "Valdivia", "Vasquez", "Whitlock", "Wojcik", "Xu", "Yamamoto", "Yilmaz", "Zamora", "Zielinski",
    "Amundsen", "Bellamy", "Carvalho", "Drummond", "Eskildsen", "Falkenberg", "Gutierrez",
    "Hartigan", "Ikeda", "Kristiansen", "Larkspur", "Marchetti", "Novak", "Okonkwo", "Pellegrino",
)

DOMAINS: Mapping[str, Mapping[str, Any]] = {
    "data engineering": {
        "industry": "Software Development",
        "headline": "Senior Data Engineer | streaming pipelines, lakehouses and data quality",
        "summary": (
            "I build the plumbing that analysts and models drink from.\n"
            "Lately: event streaming, incremental models and making warehouses cheaper to run.\n"
            "Happy to swap notes on orchestration, testing data and on-call that lets you sleep."
        ),
        "titles": ("Senior Data Engineer", "Data Engineer", "Analytics Engineer"),
        "companies": ("Northwind Freight", "Lumen Health Analytics", "Parcelpoint"),
        "topics": (
            "streaming pipelines", "schema migrations", "the new orchestration setup", "data contracts",
            "warehouse costs", "incremental models", "late-arriving events", "backfills",
            "column-level lineage", "lakehouse tables", "testing data transformations",
        ),
        "products": (
            "a managed orchestration service that runs your DAGs without the ops work",
            "a data observability tool that catches broken pipelines before dashboards do",
            "a warehouse cost optimiser that trims query spend by a third",
            "a lineage catalog that maps every column from source to report",
            "our data engineering contractors who can take over your backlog of pipelines",
            "a streaming platform that replaces your hand-rolled Kafka consumers",
            "a testing framework for SQL models that plugs into your CI",
            "a reverse ETL product that syncs warehouse tables into your CRM",
        ),
    },
    "landscape architecture": {
        "industry": "Architecture and Planning",
        "headline": "Landscape Architect | public parks, rain gardens and planting design",
        "summary": (
            "I design outdoor spaces that handle storms and still feel like a garden.\n"
            "Recent work: pocket parks, school yards and a riverside promenade.\n"
            "Always up for a chat about native planting and stormwater."
        ),
        "titles": ("Senior Landscape Architect", "Landscape Designer", "Project Landscape Architect"),
        "companies": ("Greenline Studio", "Riverbend Design", "Civic Grounds"),
        "topics": (
            "rain gardens", "native planting schemes", "the promenade competition", "tree pit details",
            "stormwater modelling", "playground surfacing", "urban meadows",
        ),
        "products": (
            "a planting plan generator that turns a site survey into a schedule in minutes",
            "our modular permeable paving system for plazas and school yards",
            "a 3D visualisation service for landscape competition entries",
            "a soil sensor kit that tells you when new trees need water",
            "our irrigation design contractors who can take over your drawings",
        ),
    },
}
"""Owner fields the generator knows: profile text, positions, topics and in-field products."""

_UNRELATED = (
    "solar panels for your home with no money down",
    "a corporate gifting service with hand-picked wine boxes",
    "offshore bookkeeping for small agencies",
    "a ghostwriting service that posts on LinkedIn for you every day",
    "a franchise opportunity in boutique fitness studios",
    "a cold calling team for your sales pipeline",
    "a property investment fund with quarterly payouts",
    "an executive coaching programme for first-time managers",
    "branded merchandise for your next offsite",
    "a payroll app for teams in twelve countries",
    "a podcast production package for thought leaders",
    "a travel booking platform for company retreats",
)

_ROLE_JOBS: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "recruiter": (
        ("Technical Recruiter", "Senior Talent Acquisition Partner", "HR Business Partner",
         "Recruitment Consultant", "Head of People", "Talent Sourcer"),
        ("Brightpath Staffing", "TalentForge", "Hirewell Partners", "Peoplecraft Search", "Orbit Talent"),
    ),
    "sales": (
        ("Account Executive", "Business Development Manager", "Sales Development Representative",
         "Enterprise Account Manager", "Partnerships Lead", "Head of Sales"),
        ("Pipewise", "Quotabyte", "Cloudharbor", "Signalstack", "Brandmint", "Ledgerly"),
    ),
    "founder": (
        ("Founder & CEO", "Co-founder", "Chief Technology Officer", "Managing Director",
         "Founder", "VP Engineering"),
        ("Stealth Startup", "Fernhollow Labs", "Kitebright", "Mosaic Ventures", "Tidewater AI"),
    ),
    "other": (
        ("Software Engineer", "Product Manager", "Data Analyst", "Research Scientist", "UX Designer",
         "Operations Manager", "Teacher", "Nurse Practitioner", "Civil Engineer"),
        ("Harborview Hospital", "City of Elmstead", "Quarry Lane School", "Finchley Logistics",
         "Meridian Bank", "Oakridge University"),
    ),
}
_ROLE_P_PITCHER = (0.2, 0.45, 0.25, 0.1)
_ROLE_P_OTHER = (0.15, 0.1, 0.15, 0.6)

# ---- sentence pools: {first} = the person addressed, {topic}, {city}, {day} ------------------
_GREETINGS = ("Hi {first},", "Hello {first},", "Hey {first}!", "Good morning {first},", "{first}, hi!", "")
_OPENERS = (
    "Thanks for accepting my request, I enjoyed your post about {topic}.",
    "We met briefly at the meetup in {city}, great to stay in touch here.",
    "I saw we both worked on {topic} and wanted to say hello.",
    "A colleague mentioned your name when we were discussing {topic}.",
    "Congratulations on the new role, that team is lucky to have you.",
    "Your comment on {topic} last week made me rethink a few things.",
    "I am new to {city} and trying to meet people who care about {topic}.",
    "Loved the slides you shared on {topic}, especially the part about trade-offs.",
    "Quick hello from a fellow alumnus of the summer school.",
    "I noticed you are speaking at the conference in {city} next month.",
    "Happy to be connected, I have followed your writing on {topic} for a while.",
    "Hope the move to the new office went smoothly.",
    "Just read your thread on {topic} and nodded the whole way through.",
    "Saw your name on the panel list and wanted to connect before the event.",
    "A friend forwarded me your notes on {topic}, they were very clear.",
)
_REPLIES = (
    "Thanks for reaching out!", "Nice to hear from you.", "Thank you, that is kind of you to say.",
    "Good to be connected.", "Ha, small world!", "Appreciate the note.", "Hello and welcome!",
    "Thanks, it was a fun one to write.", "Great to hear from you again.",
)
_MIDDLES = (
    "How are you finding things at the moment?",
    "We ran into the same problem with {topic} last quarter.",
    "What tools did you end up choosing for {topic}?",
    "I would be curious how your team handles {topic}.",
    "Are you going to the meetup in {city} on {day}?",
    "The rain here has not stopped for a week.",
    "I wrote up a few notes on {topic} if you want them.",
    "Did the migration finish on time in the end?",
    "Our team is still arguing about {topic}, as always.",
    "That makes sense, we tried something similar and it mostly worked.",
    "I can send you the paper I mentioned on {day}.",
    "We should compare notes on {topic} some time.",
    "My week is busy but {day} afternoon is open for a coffee.",
    "Agreed, the documentation for that is thin.",
    "I liked the way you framed the trade-off between speed and safety.",
    "Funny, I was just reading about {topic} this morning.",
    "How big is your team now?",
    "Is the hybrid schedule working out for you?",
    "I hope the launch went well.",
    "Let me know if you are ever in {city}.",
    "The hardest part for us was getting everyone to agree on naming.",
    "Thanks for the pointer, I will take a look this weekend.",
)
_SHORT_MIDDLES = tuple(m for m in _MIDDLES if len(m.split()) <= 7)
_CLOSERS = ("Cheers!", "Talk soon.", "Best,", "Have a good week.", "Thanks again.", "", "", "")
_HOOKS = (
    "I will keep this short.",
    "Reaching out because teams like yours keep telling us the same thing.",
    "I noticed your company is growing fast.",
    "Quick question before the quarter ends.",
    "I help people in your position save time every week.",
    "Not sure if this is on your radar yet.",
    "I have been following your company for a while.",
    "Many leaders I speak with mention the same headache.",
    "",
)
_OFFERS = (
    "We offer {product}.",
    "I wanted to introduce {product}.",
    "My company provides {product}.",
    "We have built {product}, and clients see results within a month.",
    "Our clients rely on {product}.",
    "Would {product} be useful to you?",
    "I am offering {product} at an introductory price this month.",
    "Let me show you {product}.",
)
_ASKS = (
    "Do you have 15 minutes for a quick call this week?",
    "Could we book a short demo on {day}?",
    "Are you open to a call to see if it fits?",
    "Shall I send over pricing and a case study?",
    "Who is the right person to talk to about this?",
    "Can I grab 20 minutes of your time next week?",
    "Happy to set up a free trial, just say the word.",
    "What does your calendar look like on {day}?",
)
# short on purpose: a few words that many people write independently are not copy-paste
_FOLLOW_UPS = (
    "Bumping this, {first}.", "Any news on the demo?", "Pricing thoughts?", "Quick call on {day}?",
    "Circling back.", "Two slots left!", "Last try, {first}:", "Following up here.",
)
_DECLINES = (
    "Thanks, but we are all set.", "Not a priority this year.", "Send details by email?",
    "I am not the right person.", "No thanks, not for me.", "Sorry, no budget.",
    "I will pass, good luck.", "Maybe later in the year.",
)
_SHORT_OPENERS = (
    "Great to connect!", "Thanks for accepting.", "Hello from a fellow alumnus.", "Small world!",
    "Nice to meet you here.", "Long time no see!", "Following your posts for a while.", "Quick hello.",
)
_OWNER_PITCHES = (
    "By the way, I now take on freelance work in {field}; if your team needs help I would love to talk.",
    "I have started a small {field} consultancy, would a short intro call make sense?",
    "If you ever need an extra pair of hands on {field}, I offer fixed-price audits.",
    "I run a workshop on {field} for teams; happy to send the outline and a quote.",
)
_CITIES = ("Lisbon", "Rotterdam", "Austin", "Leeds", "Gdansk", "Toronto", "Melbourne", "Nairobi", "Porto")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")

# a small grammar for personal lines, so that texts nobody copied are not near-duplicates of each
# other: subject + verb phrase + object + circumstance, each from a pool of its own
_SUBJECTS = (
    "I", "we", "my team", "our group", "the new lead", "my manager", "a colleague of mine",
    "half of our engineers", "the platform folks", "our analysts", "my old boss", "the people upstairs",
    "our intern", "the whole department", "my study group", "the hiring panel", "our product owner",
    "the night shift", "my neighbour", "the finance crew", "our tiny guild", "the new cohort",
    "our intern", "the whole department", "my study group", "the hiring panel",
    "our product owner",
    "our accountant", "the museum staff", "an old classmate", "the mentoring circle", "our new hire",
    "the tenants' group", "my flatmate", "the volunteer crew", "our editor", "the lab manager",
)
_VERBS = (
    "spent the morning on", "keep going back to", "finally sorted out", "are still debating",
    "gave a talk on", "rewrote the notes on", "want to revisit", "got stuck on", "changed our minds about",
    "wrote a short memo on", "ran a small trial of", "had a long chat about", "made a mess of",
    "are slowly warming up to", "gave up on", "started reading about", "drew a diagram of",
    "argued all week about", "cleaned up", "took apart", "documented", "paired on", "reviewed",
    "questioned", "mapped out", "laughed about", "sketched", "planned a workshop on",
    "kept postponing", "tried to simplify", "tore up", "printed out", "argued for", "voted against",
    "quietly dropped", "spent a fortune on", "laughed off", "translated", "polished", "shortened",
    "stress-tested", "presented", "rehearsed", "fixed typos in", "renamed", "archived", "resurrected",
    "double-checked", "colour-coded", "measured", "costed", "outsourced", "celebrated",
)
_OBJECTS = (
    "the quarterly plan", "the onboarding guide", "our hiring loop", "the release checklist",
    "the old reporting stack", "the support backlog", "the budget spreadsheet", "a reading list",
    "the style guide", "the intern projects", "the on-call rota", "the naming rules", "the offsite agenda",
    "the customer interviews", "the team charter", "the retro format", "the handover notes",
    "the pricing page copy", "the desk booking mess", "our wiki", "the mentoring scheme",
    "the conference abstract", "the garden at the office", "the volunteer day",
)
_WHENS = (
    "after the holidays", "with two new people", "before the launch", "in {city}", "since the spring",
    "over a long lunch", "on a rainy {day}", "between meetings", "late last night", "during the retro",
    "for the third time", "without much luck", "with surprising results", "at the {city} office",
    "on the train home", "while the kids slept", "over coffee", "in a rush", "at the last minute",
    "with a whiteboard and snacks", "all of last week", "as a side quest",
    "two Sundays ago", "before the school run", "after the power cut", "in the heatwave",
    "right before the deadline", "three times this month", "on my birthday", "during the strike",
    "after a terrible night", "ahead of the audit", "in the first week of the year", "before the snow",
    "after the big reorg", "during parental leave", "on the last day of term",
)
_ADVERBS = (
    "", "", "", "quietly", "finally", "happily", "clumsily", "patiently", "loudly", "carefully", "briefly",
    "stubbornly", "proudly", "secretly", "gladly",
)
_QUALITIES = (
    "", "", "new", "old", "shared", "messy", "draft", "second", "revised", "unofficial", "tiny", "annual",
    "half-finished", "borrowed", "printed", "colour-coded", "weekly", "forgotten", "improved", "noisy",
)
_PLACES = (
    "in {city}", "at the {city} office", "on the train home", "over coffee",
    "between meetings", "after lunch", "by the window", "in the big meeting room", "on a long walk",
    "at the kitchen table", "in the car park", "during the town hall", "on a video call",
    "at the community hall", "near the harbour", "at my cousin's place", "in the back office",
    "at the allotment", "in the library basement", "on the ferry", "in a hotel lobby",
    "at the climbing gym", "in the staff canteen", "at the airport gate", "in a borrowed flat",
    "on the balcony", "in the old warehouse", "at the bakery next door", "in the waiting room",
)
_NOUNS = (
    "roadmap", "invoice", "playbook", "prototype", "checklist", "workshop", "survey", "dashboard",
    "newsletter", "timeline", "budget", "contract", "podcast", "manual", "whiteboard", "schedule",
    "forecast", "template", "glossary", "tutorial", "spreadsheet", "bulletin", "diagram", "proposal",
    "migration", "rollout", "audit", "pilot", "retrospective", "handbook", "questionnaire", "mockup",
    "storyboard", "benchmark", "changelog", "inventory", "itinerary", "lesson plan", "recipe", "seminar",
    "hackathon", "fundraiser", "tournament", "garden plot", "bike rack", "coffee machine", "printer",
    "parking plan", "fire drill", "holiday rota", "reading group", "book club", "choir", "quiz night",
    "charity run", "photo archive", "floor plan", "welcome pack", "style sheet", "slide deck", "memo",
    "press release", "case study", "white paper", "grant application", "job ad", "interview guide",
    "training plan", "risk register", "incident report", "postmortem", "design review", "code review",
    "user study", "pricing model", "sales deck", "support script", "escalation path", "service map",
    "data model", "test plan", "release note", "demo script", "kickoff", "standup", "offsite", "summit",
    "meetup", "webinar", "panel", "keynote", "poster", "thesis", "essay", "blog post", "video series",
)
_REACTIONS = (
    "That sounds {adj}.", "Honestly that is {adj}.", "Ha, how {adj}.", "Wow, {adj}.", "Sounds {adj} to me.",
    "That must have been {adj}.", "Not gonna lie, {adj}.", "Okay, that is {adj}.",
)
_ADJECTIVES = (
    "familiar", "exhausting", "clever", "brave", "messy", "promising", "painful", "hilarious",
    "sensible", "ambitious", "overdue", "reassuring", "odd", "impressive", "tricky", "lovely",
)
_QUESTIONS = (
    "How did you handle {object}?", "Did you ever look at {object}?", "What would you change about {object}?",
    "Who owns {object} on your side?", "Was {object} worth the effort?", "Any tips on {object}?",
    "How long did {object} take you?", "Would you do {object} the same way again?",
)

# copy-paste templates: {first} = the owner's first name, {sender} = the sender's first name
_TEMPLATE_OPENERS = (
    "Hi {first}, I came across your profile and was impressed by your background. "
    "I always like to connect with talented people in the field. Looking forward to learning "
    "from your posts. Best regards, {sender}",
    "Hello {first}! Thanks so much for connecting. I am {sender} and I help busy professionals "
    "grow their network with purpose. Let me know if there is ever anything I can do for you.",
    "Hey {first}, great to be connected. I am building relationships with leaders in your "
    "industry this month and your profile stood out. Cheers, {sender}",
)
_TEMPLATE_PITCHES = (
    ("Hi {first}, {sender} again. Teams like yours waste hours every week on broken pipelines. "
     "Our data observability tool alerts you before the dashboards break. Do you have 15 "
     "minutes on Thursday for a quick demo?", True),
    ("{first}, quick one from {sender}: we cut warehouse bills by a third for companies your "
     "size with no code changes. Can I show you how in a short call next week?", True),
    ("Hi {first}, hope you are well. {sender} here from the growth team. We help professionals "
     "like you get ten new clients a month with done-for-you outreach. Are you free for a call "
     "this week to see if it fits?", False),
    ("Hello {first}, I wanted to share an exclusive opportunity: our property fund pays "
     "quarterly and the minimum is lower than you think. Shall I send you the brochure? {sender}",
     False),
)
_FILLERS = (
    "really", "quickly", "today", "team", "honestly", "also", "just", "new", "great", "very",
    "again", "here", "now", "truly", "simply", "maybe", "soon", "actually",
)
_GENERIC_NOTES = (
    "Hi, I would like to join your network here.",
    "Hello! Let's connect and keep in touch.",
    "Hi there, expanding my network with people in the industry. Hope you accept!",
)
_PERSONAL_NOTES = (
    "Hi {first}, we met at the {city} meetup, would be great to stay in touch.",
    "Hello {first}, I enjoyed your post on {topic}; connecting to follow your work.",
    "{first}, a mutual friend suggested we talk about {topic}.",
    "Hi {first}, fellow {field} person here, keen to connect.",
)
_CONNECTIONS_NOTE = (
    "Notes:",
    "Some rows below have no e-mail address: a connection's address is only included when that "
    "person allows it in their privacy settings.",
)
_EPOCH = datetime(2024, 1, 1, tzinfo=timezone.utc)
_SPAN_DAYS = 700


def _edit(words: list[str], max_edits: int, rnd: random.Random) -> list[str]:
    """Apply between 0 and ``max_edits`` random word edits (substitution, insertion, deletion)."""
    out = list(words)
    for _ in range(rnd.randint(0, max_edits)):
        op = rnd.randrange(3)
        if op == 0 and out:
            out[rnd.randrange(len(out))] = rnd.choice(_FILLERS)
        elif op == 1:
            out.insert(rnd.randrange(len(out) + 1), rnd.choice(_FILLERS))
        elif out:
            del out[rnd.randrange(len(out))]
    return out


@dataclass(frozen=True, eq=False)
class ExportTruth:
    """What :func:`simulate_export` planted in the export it wrote.

    Per thread (in the order of ``messages.csv`` and of ``read_export(path).threads``):

    Attributes
    ----------
    path : pathlib.Path
        The zip or folder written.
    owner : str
        The export owner's name (as in ``Profile.csv`` and ``messages.csv``).
    domain : str
        The owner's field (a key of :data:`DOMAINS`).
    thread_ids : tuple of str
        ``CONVERSATION ID`` of each thread.
    contacts, contact_urls : tuple of str
        The other person of each thread and their profile URL.
    onsets : int array
        Onset turn index, -1 where the thread never pitches within its turns.
    lengths : int array
        Turns per thread.
    owner_pitched : bool array
        The pitch (at the onset) is the owner's own.
    relevant : int array
        1: the pitch is about the owner's field; 0: about an unrelated product; -1: no pitch.
    turn_labels : tuple of bool arrays
        Per thread, per turn: a pitch turn (the onset and the pitcher's turns after it).
    turn_from_owner : tuple of bool arrays
        Per thread, per turn: written by the owner.
    turn_templates : tuple of int arrays
        Per thread, per turn: the copy-paste template id, -1 for personal text.
    turn_bases : tuple of tuples of str or None
        Per thread, per turn: the filled template a copy was edited from (see
        :meth:`template_text`), None for personal text.
    templates : tuple of str
        The template texts (``{first}``: the addressee's first name, ``{sender}``: the sender's).
    template_kinds : tuple of str
        ``"opener"`` or ``"pitch"`` (a contact's) or ``"owner"`` (the owner's own offer) per template.
    edit_fraction : float
        The largest share of a template's words edited in any copy.
    thread_roles : tuple of str
        The role (:data:`ROLES`) of each thread's contact.
    connections, connection_roles : tuple of str
        Every row of ``Connections.csv`` (name) and its role.
    invitations_noted, invitations_generic : bool arrays
        Per row of ``Invitations.csv``: a note was sent; the note is one of the generic texts.
    thread_invitation : int array
        Per thread: the row of ``Invitations.csv`` (0-based, data rows) that opened it, or -1.
    invitation_thread : int array
        Per invitation row: the thread it opened, or -1.
    onset_truth : SyntheticTruth
        The draw of :func:`linkedins_law.law.simulate_onsets` the onsets come from.
    n_messages : int
        Data rows of ``messages.csv``.
    """

    path: Path
    owner: str
    domain: str
    thread_ids: tuple[str, ...]
    contacts: tuple[str, ...]
    contact_urls: tuple[str, ...]
    onsets: np.ndarray
    lengths: np.ndarray
    owner_pitched: np.ndarray
    relevant: np.ndarray
    turn_labels: tuple[np.ndarray, ...]
    turn_from_owner: tuple[np.ndarray, ...]
    turn_templates: tuple[np.ndarray, ...]
    turn_bases: tuple[tuple[str | None, ...], ...]
    templates: tuple[str, ...]
    template_kinds: tuple[str, ...]
    edit_fraction: float
    thread_roles: tuple[str, ...]
    connections: tuple[str, ...]
    connection_roles: tuple[str, ...]
    invitations_noted: np.ndarray
    invitations_generic: np.ndarray
    thread_invitation: np.ndarray
    invitation_thread: np.ndarray
    onset_truth: SyntheticTruth
    n_messages: int

    def template_text(self, thread: int, turn: int) -> str | None:
        """The filled template (names swapped in, before the word edits) a turn was copied
        from, or None for a personal turn."""
        return self.turn_bases[thread][turn]

    @property
    def durations(self) -> np.ndarray:
        """Onset or last turn index per thread (what :func:`linkedins_law.fit_law` takes)."""
        return np.where(self.onsets >= 0, self.onsets, self.lengths - 1)

    @property
    def observed(self) -> np.ndarray:
        """Whether each thread's onset is within its turns."""
        return self.onsets >= 0

    def summary(self) -> str:
        """A few lines: threads, pitches, templates, roles, invitations."""
        n = len(self.thread_ids)
        pitched = int(self.observed.sum())
        templated = sum(int((t >= 0).any()) for t in self.turn_templates)
        roles = ", ".join(f"{r}: {self.connection_roles.count(r)}" for r in ROLES)
        opened = int((self.thread_invitation >= 0).sum())
        return "\n".join([
            f"synthetic export {self.path} (owner {self.owner}, {self.domain})",
            f"{n} threads, {self.n_messages} turns; {pitched} pitched ({int(self.owner_pitched.sum())} by "
            f"the owner, {int((self.relevant == 1).sum())} about the owner's field)",
            f"{templated} threads with copy-paste template turns ({len(self.templates)} templates, "
            f"up to {self.edit_fraction:.0%} of words edited)",
            f"{len(self.connections)} connections ({roles})",
            f"{len(self.invitations_noted)} invitations ({int(self.invitations_noted.sum())} with a note); "
            f"{opened} threads opened by one",
        ])

    def _repr_html_(self) -> str:
        return "<pre>" + html.escape(self.summary()) + "</pre>"

    def to_frame(self) -> Any:
        """One row per thread: id, contact, role, length, onset, owner pitched, relevant, invitation."""
        from .core.optional import require_pandas

        pd = require_pandas("ExportTruth.to_frame")
        return pd.DataFrame({
            "thread_id": list(self.thread_ids),
            "contact": list(self.contacts),
            "role": list(self.thread_roles),
            "length": self.lengths,
            "onset": self.onsets,
            "owner_pitched": self.owner_pitched,
            "relevant": self.relevant,
            "invitation": self.thread_invitation,
            "templated": [bool((t >= 0).any()) for t in self.turn_templates],
        })


def _check_share(name: str, value: object) -> float:
    return check_unit_interval(name, value, closed=True)


def _names(n: int, rnd: random.Random, taken: set[str]) -> list[tuple[str, str]]:
    """``n`` distinct (first, last) pairs not in ``taken``; double-barrelled last names when needed."""
    pool = [(f, last) for f in _FIRST for last in _LAST]
    rnd.shuffle(pool)
    out = [p for p in pool if f"{p[0]} {p[1]}" not in taken][:n]
    while len(out) < n:
        first, a, b = rnd.choice(_FIRST), rnd.choice(_LAST), rnd.choice(_LAST)
        pair = (first, f"{a}-{b}")
        if a != b and f"{first} {a}-{b}" not in taken and pair not in out:
            out.append(pair)
    return out


def _url(first: str, last: str, rnd: random.Random) -> str:
    slug = f"{first}-{last}".lower()
    return f"https://www.linkedin.com/in/{slug}-{rnd.getrandbits(32):08x}"


def simulate_export(
    path: str | os.PathLike[str],
    *,
    n_threads: int = 200,
    random_state: int | np.random.Generator | None = None,
    as_zip: bool = True,
    overwrite: bool = False,
    domain: str = "data engineering",
    cure_fraction: float = 0.3,
    hazard: str = "geometric",
    hazard_params: Mapping[str, float] | None = None,
    min_turns: int = 2,
    max_turns: int = 15,
    owner_pitch_share: float = 0.05,
    relevant_share: float = 0.5,
    template_share: float = 0.25,
    edit_fraction: float = 0.2,
    invitation_share: float = 0.6,
    noted_share: float = 0.4,
    generic_note_share: float = 0.5,
    extra_connections: float = 0.5,
    extra_invitations: float = 0.1,
    max_invitation_days: float = 14.0,
    same_name_share: float = 0.02,
) -> ExportTruth:
    """Write a complete synthetic LinkedIn export with known onsets, templates, roles and invitations.

    See the module documentation for what is planted and how.

    Parameters
    ----------
    path : str or path-like
        Where to write: a zip file (by default), or a folder (``as_zip=False``).
    n_threads : int, default 200
        Threads (one per contact). About 8.5 turns each with the default lengths.
    random_state : int, numpy Generator or None
        Same value, same export (byte for byte).
    as_zip : bool, default True
        Write a zip (as LinkedIn hands an export over) or, with False, the folder it unzips to.
    overwrite : bool, default False
        Replace what is at ``path``; otherwise an existing ``path`` raises FileExistsError.
    domain : str, default "data engineering"
        The owner's field, a key of :data:`DOMAINS`.
    cure_fraction, hazard, hazard_params, min_turns, max_turns
        The onset draw, as for :func:`linkedins_law.law.simulate_onsets`.
    owner_pitch_share : float, default 0.05
        Share of the pitched threads where the owner is the one who pitches.
    relevant_share : float, default 0.5
        Share of the contacts' personal pitches about the owner's field (template pitches carry
        their own relevance).
    template_share : float, default 0.25
        Share of threads whose contact uses the copy-paste templates.
    edit_fraction : float, default 0.2
        The most words of a template edited in one copy (each copy gets 0 to
        ``floor(edit_fraction * words)`` edits).
    invitation_share : float, default 0.6
        Share of threads opened by an invitation.
    noted_share : float, default 0.4
        Share of invitations with a note; ``generic_note_share`` of the notes are generic texts.
    extra_connections : float, default 0.5
        Connections without a thread, as a share of ``n_threads``.
    extra_invitations : float, default 0.1
        Invitations that opened no thread, as a share of ``n_threads``.
    max_invitation_days : float, default 14
        The longest time from an invitation to its thread's first turn.
    same_name_share : float, default 0.02
        Share of people (connections and thread contacts) who have the same name as someone
        else; their profile URLs differ.

    Returns
    -------
    ExportTruth

    Raises
    ------
    ValueError
        A share outside [0, 1], a count that is not a positive int, an unknown ``domain``.
    TypeError
        ``random_state`` is not an int, a numpy Generator or None.
    FileExistsError
        ``path`` exists and ``overwrite`` is False.

    Examples
    --------
    >>> import os, tempfile
    >>> import linkedins_law as ll
    >>> path = os.path.join(tempfile.mkdtemp(), "Basic_LinkedInDataExport_01-02-2026.zip")
    >>> truth = ll.simulate_export(path, n_threads=20, random_state=0)
    >>> export = ll.read_export(path)
    >>> len(export.threads) == len(truth.thread_ids), export.owner == truth.owner
    (True, True)
    >>> export.report.messages.n_rows == truth.n_messages, export.report.missing_files
    (True, ())
    """
    if isinstance(n_threads, bool) or not isinstance(n_threads, (int, np.integer)) or n_threads < 1:
        raise ValueError(f"n_threads must be a positive int, got {n_threads!r}; e.g. n_threads=200")
    if domain not in DOMAINS:
        raise ValueError(f"domain must be one of {', '.join(map(repr, DOMAINS))}, got {domain!r}")
    shares = {
        "owner_pitch_share": owner_pitch_share, "relevant_share": relevant_share,
        "template_share": template_share, "edit_fraction": edit_fraction,
        "invitation_share": invitation_share, "noted_share": noted_share,
        "generic_note_share": generic_note_share, "same_name_share": same_name_share,
    }
    for name, value in shares.items():
        _check_share(name, value)
    for name, value in (("extra_connections", extra_connections), ("extra_invitations", extra_invitations),
                        ("max_invitation_days", max_invitation_days)):
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not number or value < 0 or not math.isfinite(value):
            raise ValueError(f"{name} must be a non-negative number, got {value!r}")
    if not max_invitation_days > 0:
        raise ValueError(f"max_invitation_days must be positive, got {max_invitation_days!r}")
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or path-like, got {type(path).__name__}; e.g. 'export.zip'")
    target = Path(path)
    if not isinstance(as_zip, bool):
        raise TypeError(f"as_zip must be True or False, got {as_zip!r}; as_zip=False writes a folder")
    zipped = as_zip
    if target.exists() and not overwrite:
        raise FileExistsError(f"{target} exists; pass overwrite=True to replace it, or another path")

    rng = check_random_state(random_state)
    onset_truth = simulate_onsets(
        int(n_threads), cure_fraction=cure_fraction, hazard=hazard, hazard_params=hazard_params,
        min_turns=min_turns, max_turns=max_turns, random_state=rng,
    )
    rnd = random.Random(int(rng.integers(2**63)))  # the texts' stream, derived from random_state
    field = DOMAINS[domain]
    fld = str(domain)

    (owner_first, owner_last), = _names(1, rnd, set())
    owner = f"{owner_first} {owner_last}"
    owner_url = _url(owner_first, owner_last, rnd)
    n = int(n_threads)
    n_extra = int(round(extra_connections * n))
    people = _names(n + n_extra, rnd, {owner})
    for j in range(1, len(people)):  # a few people share a name with someone else (told apart by URL)
        if rnd.random() < same_name_share:
            people[j] = people[rnd.randrange(j)]
    urls = [_url(f, last, rnd) for f, last in people]
    names = [f"{f} {last}" for f, last in people]

    templates = tuple(t for t in _TEMPLATE_OPENERS) + tuple(t for t, _rel in _TEMPLATE_PITCHES)
    kinds = ("opener",) * len(_TEMPLATE_OPENERS) + ("pitch",) * len(_TEMPLATE_PITCHES)
    # the owner has one offer and pastes it (edited a little) into each thread where they pitch
    templates += (rnd.choice(_OWNER_PITCHES).format(field=fld),)
    kinds += ("owner",)
    owner_tid = len(templates) - 1
    opener_ids = list(range(len(_TEMPLATE_OPENERS)))
    pitch_ids = [len(_TEMPLATE_OPENERS) + j for j in range(len(_TEMPLATE_PITCHES))]
    pitch_relevant = {len(_TEMPLATE_OPENERS) + j: rel for j, (_t, rel) in enumerate(_TEMPLATE_PITCHES)}

    def fill(text: str, first: str) -> str:
        return text.format(
            first=first, topic=rnd.choice(field["topics"]), city=rnd.choice(_CITIES),
            day=rnd.choice(_DAYS), field=fld,
        )

    def sentences(*parts: str) -> str:
        return " ".join(p for p in parts if p)

    def line(topics: bool = True) -> str:
        """One personal sentence from the grammar (subject, verb phrase, object, circumstances);
        ``topics=False`` keeps the owner's field out of it."""
        if rnd.random() < 0.6 or not topics:
            obj = " ".join(w for w in ("the", rnd.choice(_QUALITIES), rnd.choice(_NOUNS)) if w)
            if rnd.random() < 0.5:
                obj += f" for the {rnd.choice(_NOUNS)}"
        else:
            obj = rnd.choice(field["topics"])
        subject = rnd.choice(_SUBJECTS) if rnd.random() < 0.5 else f"the {rnd.choice(_NOUNS)} crew"
        verb = " ".join(w for w in (rnd.choice(_ADVERBS), rnd.choice(_VERBS)) if w)
        parts = [subject, verb, obj]
        if rnd.random() < 0.6:
            parts.append(fill(rnd.choice(_WHENS), ""))
        if rnd.random() < 0.5:
            parts.append(fill(rnd.choice(_PLACES), ""))
        text = " ".join(parts)
        return text[0].upper() + text[1:] + "."

    def aside() -> str:
        """A reaction or a question, from the grammar's pools."""
        if rnd.random() < 0.5:
            return rnd.choice(_REACTIONS).format(adj=rnd.choice(_ADJECTIVES))
        return rnd.choice(_QUESTIONS).format(object=f"the {rnd.choice(_NOUNS)}")

    def ordinary(first: str, position: int, replying: bool) -> str:
        if position == 0:
            opener = rnd.choice(_SHORT_OPENERS)
            body = sentences(fill(rnd.choice(_GREETINGS), first), opener, line())
        elif replying and position == 1:
            body = sentences(rnd.choice(_REPLIES), line(), aside())
        else:
            parts = [line() for _ in range(rnd.randint(1, 2))]
            if rnd.random() < 0.6:
                parts.insert(rnd.randint(0, len(parts)), aside())
            if rnd.random() < 0.4:  # only the short stock phrases: long ones nobody repeats by chance
                parts.append(fill(rnd.choice(_SHORT_MIDDLES), first))
            body = sentences(*parts)
            if rnd.random() < 0.3:
                body = sentences(fill(rnd.choice(_GREETINGS), first), body)
        return sentences(body, rnd.choice(_CLOSERS)) if rnd.random() < 0.3 else body

    def pitch(first: str, relevant: bool) -> str:
        product = rnd.choice(field["products"] if relevant else _UNRELATED)
        return sentences(
            fill(rnd.choice(_GREETINGS), first), rnd.choice(_HOOKS) if rnd.random() < 0.2 else "",
            line(topics=False),  # the pitch's subject is its product, in the owner's field or not
            rnd.choice(_OFFERS).format(product=product), fill(rnd.choice(_ASKS), first),
        )

    def copy(template_id: int, addressee: str, sender: str) -> tuple[str, str]:
        base = templates[template_id].format(first=addressee, sender=sender)
        words = base.split()
        edited = _edit(words, int(math.floor(edit_fraction * len(words) + 1e-9)), rnd)
        return " ".join(edited), base

    # roles of the thread contacts depend on whether the contact pitches
    onsets = onset_truth.onsets
    lengths = onset_truth.lengths
    owner_pitched = np.zeros(n, dtype=bool)
    relevant = np.full(n, -1, dtype=np.int64)
    roles: list[str] = []
    for i in range(n):
        if onsets[i] >= 0 and rnd.random() < owner_pitch_share:
            owner_pitched[i] = True
        weights = _ROLE_P_PITCHER if onsets[i] >= 0 and not owner_pitched[i] else _ROLE_P_OTHER
        roles.append(rnd.choices(ROLES, weights=weights)[0])
    roles += [rnd.choices(ROLES, weights=_ROLE_P_OTHER)[0] for _ in range(n_extra)]
    jobs = [(rnd.choice(_ROLE_JOBS[r][0]), rnd.choice(_ROLE_JOBS[r][1])) for r in roles]

    # the threads
    msg_rows: list[list[str]] = []
    thread_ids, turn_labels, turn_owner, turn_templates, turn_bases = [], [], [], [], []
    starts: list[datetime] = []
    contact_starts: list[bool] = []
    width = len(str(n))
    for i in range(n):
        first, _last = people[i]
        contact, curl = names[i], urls[i]
        length, onset = int(lengths[i]), int(onsets[i])
        templated = rnd.random() < template_share
        contact_first = rnd.random() < 0.7
        start = _EPOCH + timedelta(seconds=rnd.randrange(_SPAN_DAYS * 86400))
        starts.append(start)
        contact_starts.append(contact_first)
        speakers_owner = [(k % 2 == 0) != contact_first for k in range(length)]
        if onset >= 0:
            pitcher_owner = bool(owner_pitched[i])
            speakers_owner[onset] = pitcher_owner
            for k in range(onset + 1, length):  # after the onset: the other replies, the pitcher follows up
                speakers_owner[k] = pitcher_owner if (k - onset) % 2 == 0 else not pitcher_owner
        labels = np.zeros(length, dtype=bool)
        tids = np.full(length, -1, dtype=np.int64)
        bases: list[str | None] = [None] * length
        pitch_rel: bool | None = None
        if onset >= 0 and not owner_pitched[i]:
            if templated:
                tid = rnd.choice(pitch_ids)
                pitch_rel = pitch_relevant[tid]
            else:
                pitch_rel = rnd.random() < relevant_share
        elif onset >= 0:
            pitch_rel = True
        if pitch_rel is not None:
            relevant[i] = int(pitch_rel)
        stamp = start
        cid = f"2-{rnd.getrandbits(64):016x}{i:0{width}d}"
        thread_ids.append(cid)
        for k in range(length):
            from_owner = speakers_owner[k]
            addressee = first if from_owner else owner_first
            sender_first = owner_first if from_owner else first
            if onset >= 0 and k >= onset and from_owner == bool(owner_pitched[i]):
                labels[k] = True
                if k == onset:
                    if from_owner:
                        text, bases[k] = copy(owner_tid, addressee, sender_first)
                        tids[k] = owner_tid
                    elif templated:
                        text, bases[k] = copy(tid, addressee, sender_first)
                        tids[k] = tid
                    else:
                        text = pitch(addressee, bool(pitch_rel))
                else:
                    text = sentences(fill(rnd.choice(_FOLLOW_UPS), addressee), line())
            elif onset >= 0 and k > onset:
                text = rnd.choice(_DECLINES)
            elif k == 0 and templated and not from_owner:
                tid0 = rnd.choice(opener_ids)
                text, bases[k] = copy(tid0, addressee, sender_first)
                tids[k] = tid0
            else:
                text = ordinary(addressee, k, replying=k > 0)
            if not text:
                text = "Thanks!"
            sender, sender_url = (owner, owner_url) if from_owner else (contact, curl)
            recipient, recipient_url = (contact, curl) if from_owner else (owner, owner_url)
            msg_rows.append([
                cid, "", sender, sender_url, recipient, recipient_url,
                stamp.strftime("%Y-%m-%d %H:%M:%S UTC"), "", text, "INBOX", "No",
            ])
            stamp += timedelta(seconds=60 + int(rnd.expovariate(1 / 72000)))
        turn_labels.append(labels)
        turn_owner.append(np.array(speakers_owner, dtype=bool))
        turn_templates.append(tids)
        turn_bases.append(tuple(bases))

    # invitations: some threads were opened by one; a few invitations opened none
    inv_rows: list[list[str]] = []
    noted: list[bool] = []
    generic: list[bool] = []
    inv_thread: list[int] = []
    thread_inv = np.full(n, -1, dtype=np.int64)
    connected_on: list[datetime] = [
        _EPOCH + timedelta(seconds=rnd.randrange(_SPAN_DAYS * 86400)) for _ in range(n + n_extra)
    ]

    def invitation(person: int, sent: datetime, incoming: bool) -> None:
        is_noted = rnd.random() < noted_share
        is_generic = is_noted and rnd.random() < generic_note_share
        first = owner_first if incoming else people[person][0]
        note = ""
        if is_generic:
            note = rnd.choice(_GENERIC_NOTES)
        elif is_noted:
            note = fill(rnd.choice(_PERSONAL_NOTES), first)
        frm, to = (names[person], owner) if incoming else (owner, names[person])
        frm_url, to_url = (urls[person], owner_url) if incoming else (owner_url, urls[person])
        stamp = f"{sent.month}/{sent.day}/{sent.year % 100:02d}, {sent.strftime('%I:%M %p').lstrip('0')}"
        inv_rows.append([frm, to, stamp, note, "INCOMING" if incoming else "OUTGOING", frm_url, to_url])
        noted.append(is_noted)
        generic.append(is_generic)

    events: list[tuple[datetime, int, bool, int]] = []
    for i in range(n):
        if rnd.random() < invitation_share:
            lead = timedelta(seconds=120 + rnd.randrange(int(max_invitation_days * 86400) - 120))
            sent = (starts[i] - lead).replace(second=0)
            events.append((sent, i, contact_starts[i], i))
            connected_on[i] = sent + timedelta(seconds=60)
    for _ in range(int(round(extra_invitations * n))):
        if n_extra == 0:
            break
        person = n + rnd.randrange(n_extra)
        sent = (_EPOCH + timedelta(seconds=rnd.randrange(_SPAN_DAYS * 86400))).replace(second=0)
        events.append((sent, person, rnd.random() < 0.5, -1))
    events.sort(key=lambda e: (e[0], e[1]), reverse=True)  # newest first, as LinkedIn lists them
    for sent, person, incoming, thread in events:
        if thread >= 0:
            thread_inv[thread] = len(inv_rows)
        inv_thread.append(thread)
        invitation(person, sent, incoming)

    # the files
    files: dict[str, str] = {}
    files["messages.csv"] = _csv([list(ERAS["2024"]), *msg_rows])
    files["Profile.csv"] = _csv([
        ["First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline", "Summary",
         "Industry", "Zip Code", "Geo Location", "Twitter Handles", "Websites", "Instant Messengers"],
        [owner_first, owner_last, "", "", "", field["headline"], field["summary"], field["industry"],
         "", rnd.choice(_CITIES), "", f"[PORTFOLIO:https://{owner_first.lower()}.example.org]", ""],
    ])
    titles, companies = field["titles"], field["companies"]
    files["Positions.csv"] = _csv([
        ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
        [companies[0], titles[0], f"Lead on {field['topics'][0]}.\nMentoring two juniors.",
         rnd.choice(_CITIES), "Mar 2022", ""],
        [companies[1], titles[1], f"Built {field['topics'][1]} from scratch.", rnd.choice(_CITIES),
         "Sep 2018", "Feb 2022"],
        [companies[2], titles[2], "", "", "2016", "2018"],
    ])
    conn_rows = [["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]]
    for j, (f, last) in enumerate(people):
        email = f"{f.lower()}.{last.lower()}@example.com" if rnd.random() < 0.1 else ""
        title, company = jobs[j]
        conn_rows.append([f, last, urls[j], email, company, title, connected_on[j].strftime("%d %b %Y")])
    files["Connections.csv"] = f'{_CONNECTIONS_NOTE[0]}\n"{_CONNECTIONS_NOTE[1]}"\n\n' + _csv(conn_rows)
    files["Invitations.csv"] = _csv([
        ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"],
        *inv_rows,
    ])
    _write(target, files, zipped)

    return ExportTruth(
        path=target,
        owner=owner,
        domain=fld,
        thread_ids=tuple(thread_ids),
        contacts=tuple(names[:n]),
        contact_urls=tuple(urls[:n]),
        onsets=onsets.copy(),
        lengths=lengths.copy(),
        owner_pitched=owner_pitched,
        relevant=relevant,
        turn_labels=tuple(turn_labels),
        turn_from_owner=tuple(turn_owner),
        turn_templates=tuple(turn_templates),
        turn_bases=tuple(turn_bases),
        templates=templates,
        template_kinds=kinds,
        edit_fraction=float(edit_fraction),
        thread_roles=tuple(roles[:n]),
        connections=tuple(names),
        connection_roles=tuple(roles),
        invitations_noted=np.array(noted, dtype=bool),
        invitations_generic=np.array(generic, dtype=bool),
        thread_invitation=thread_inv,
        invitation_thread=np.array(inv_thread, dtype=np.int64),
        onset_truth=onset_truth,
        n_messages=len(msg_rows),
    )


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(rows)
    return buffer.getvalue()


def _write(target: Path, files: Mapping[str, str], zipped: bool) -> None:
    if target.is_dir():
        shutil.rmtree(target)
    elif target.exists():
        target.unlink()
    if zipped:
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, text in files.items():
                info = zipfile.ZipInfo(name, date_time=(2026, 2, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, text.encode("utf-8"))
        return
    target.mkdir(parents=True)
    for name, text in files.items():
        (target / name).write_text(text, encoding="utf-8", newline="")
