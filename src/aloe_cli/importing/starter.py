"""`aloe new`: a starter dataset with one record of each kind, every field explained, valid as written."""

from __future__ import annotations

import json

from aloe_cli.i18n import N_, translator
from aloe_cli.importing.yaml_text import scalar

SCHEMA_FILE = "aloe-dataset.schema.json"

# `{lang}` is the language of names and titles, each example name (in EXAMPLE_NAMES) written in it;
# `{title}` the dataset's title (all written safely).
STARTER = """\
# yaml-language-server: $schema=./{schema_file}
# An aloe dataset: every fact with its source. Check it with `aloe --data FILE validate`.
# Editors with the YAML language server complete fields and flag mistakes from the schema named above
# (`aloe schema > {schema_file}` writes it beside this file). Replace the examples with your own.
format: aloe/1                       # the format and its version: always aloe/1
title: {title}
description: What this chronology covers, and who made it.

# The documents the facts come from. Every other record cites at least one of them by its id.
sources:
  - id: minutes                      # an id: lower-case letters, digits and hyphens, unique in the file
    title: Minutes of the general assemblies, 1998-2004   # the document's own title
    kind: primary                    # primary (by the actors, at the time), secondary, or notes
    author: The secretariat          # who wrote it, as the document names them
    issued: "2004"                   # when it was published, as EDTF
    language: {lang}                      # its language, as a code
  - id: newsletter
    title: Members' newsletter no. 12
    url: https://example.org/newsletter-12   # where it can be read: an http(s) address
    note: What the source is, and how far to trust it.

# The bodies whose history this is; `dates` is a list of claims, each as precise as its source.
organisations:
  - id: our-network
    name: {{{lang}: {our_network}}}        # a text, or a mapping of languages to texts
    acronym: ON
    dates: [{{edtf: 1998/.., label: from 1998}}]   # 1998/.. : from 1998, still going (a source says so)
    sources: [{{source: minutes, locator: "1998, p. 1"}}]   # locator: where in the source
  - id: founding-group
    name: {{{lang}: {founding_group}}}
    dates: [{{edtf: 1996/1998}}]
    sources: [{{source: minutes}}]

# How the bodies came from one another: emerged_within, became or supported_by.
lineage:
  - id: network-from-group
    relation: became
    from: founding-group
    to: our-network
    dates: [{{edtf: "1998"}}]
    sources: [{{source: minutes, locator: "1998, p. 1"}}]

# The periods of the timeline.
eras:
  - id: founding-years
    title: {{{lang}: {founding_years}}}
    organisation: our-network
    dates: [{{edtf: 1998/2001}}]
    sources: [{{source: minutes}}]
    inferred: Our periodisation; no source names the era.   # our reading, not a source's statement

# The people and places the sources name.
people:
  - id: first-secretary
    name: A. Person
    role: First secretary of the network
    sources: [{{source: minutes, locator: "1998, p. 2"}}]
places:
  - id: community-hall
    name: {{{lang}: {community_hall}}}
    country: France
    sources: [{{source: minutes}}]

# Recurring gatherings of others (a forum held every year).
series:
  - id: regional-forum
    title: {{{lang}: {regional_forum}}}
    sources: [{{source: newsletter}}]

# Steps in the history of the bodies themselves.
milestones:
  - id: first-assembly
    title: {{{lang}: {first_assembly}}}
    summary: What happened, in your own words.
    era: founding-years
    organisations: [our-network]
    places: [community-hall]
    people: [first-secretary]
    dates:
      - edtf: 1998-22                # EDTF: 1998, 1998-06, 1998-06-15, 1998~ (approximate), 1998? (unsure),
        label: summer 1998           # 1998-22 (summer), 1998/1999; label: the source's own words
    sources: [{{source: minutes, locator: "1998, p. 1"}}]
    media:                           # images, scans and documents shown with the record
      - kind: image                  # image, scan, document, video, audio or link
        url: https://example.org/assembly-1998.jpg   # a web address, or `path: media/x.jpg` beside this file
        alt: Members seated in rows in the community hall   # what it shows, for who cannot see it
        caption: The first general assembly
        credit: The network's archive
        sources: [{{source: newsletter}}]

# Gatherings of others the bodies took part in.
events:
  - id: forum-2000
    title: {{{lang}: {forum_2000}}}
    era: founding-years
    series: regional-forum
    role: participant                # theme_lead, participant, or context (an event that frames the story)
    dates:
      - edtf: 2000-05~
        label: around May 2000
        sources: [{{source: minutes, locator: "2000, p. 4"}}]
      - edtf: 2000-06-10             # a second claim: the sources disagree, and both are kept
        sources: [{{source: newsletter, quote: "on 10 June"}}]
    sources: [{{source: minutes}}]

# Working groups, the categories they are in, and the phases of the programme.
categories:
  - id: training
    title: {{{lang}: {training}}}
    description: Workshops on training members.
    sources: [{{source: minutes}}]
phases:
  - id: first-phase
    title: {{{lang}: {first_phase}}}
    dates: [{{edtf: 1999/2001}}]
    workshops_counted: "3"           # how many the sources count, even where they name fewer
    sources: [{{source: minutes}}]
workshops:
  - id: trainers-workshop
    title: {{{lang}: {trainers_workshop}}}
    categories: [training]
    phases: [first-phase]
    sources: [{{source: minutes, locator: "1999, p. 3"}}]

# What the sources leave unknown or ambiguous: recorded, never guessed.
gaps:
  - id: gap-forum-date
    summary: The minutes and the newsletter date the forum differently.
    about: [forum-2000]
    sources: [{{source: minutes}}, {{source: newsletter}}]
"""


# The comments that explain the fields (English msgids), each replaced by its translation where the
# run speaks another language; `tests/test_importing.py` checks that they are every comment of STARTER.
STARTER_COMMENTS = (
    N_("An aloe dataset: every fact with its source. Check it with `aloe --data FILE validate`."),
    N_("Editors with the YAML language server complete fields and flag mistakes from the schema named above"),
    N_("(`aloe schema > {schema_file}` writes it beside this file). Replace the examples with your own."),
    N_("the format and its version: always aloe/1"),
    N_("The documents the facts come from. Every other record cites at least one of them by its id."),
    N_("an id: lower-case letters, digits and hyphens, unique in the file"),
    N_("the document's own title"),
    N_("primary (by the actors, at the time), secondary, or notes"),
    N_("who wrote it, as the document names them"),
    N_("when it was published, as EDTF"),
    N_("its language, as a code"),
    N_("where it can be read: an http(s) address"),
    N_("The bodies whose history this is; `dates` is a list of claims, each as precise as its source."),
    N_("a text, or a mapping of languages to texts"),
    N_("1998/.. : from 1998, still going (a source says so)"),
    N_("locator: where in the source"),
    N_("How the bodies came from one another: emerged_within, became or supported_by."),
    N_("The periods of the timeline."),
    N_("our reading, not a source's statement"),
    N_("The people and places the sources name."),
    N_("Recurring gatherings of others (a forum held every year)."),
    N_("Steps in the history of the bodies themselves."),
    N_("EDTF: 1998, 1998-06, 1998-06-15, 1998~ (approximate), 1998? (unsure),"),
    N_("1998-22 (summer), 1998/1999; label: the source's own words"),
    N_("images, scans and documents shown with the record"),
    N_("image, scan, document, video, audio or link"),
    N_("a web address, or `path: media/x.jpg` beside this file"),
    N_("what it shows, for who cannot see it"),
    N_("Gatherings of others the bodies took part in."),
    N_("theme_lead, participant, or context (an event that frames the story)"),
    N_("a second claim: the sources disagree, and both are kept"),
    N_("Working groups, the categories they are in, and the phases of the programme."),
    N_("how many the sources count, even where they name fewer"),
    N_("What the sources leave unknown or ambiguous: recorded, never guessed."),
)
# The example names and titles (English msgids), written in the language they are filed under.
EXAMPLE_NAMES = {
    "our_network": N_("Our network"),
    "founding_group": N_("The founding group"),
    "founding_years": N_("The founding years"),
    "community_hall": N_("Community hall"),
    "regional_forum": N_("Regional forum"),
    "first_assembly": N_("First general assembly"),
    "forum_2000": N_("Regional forum, 2000"),
    "training": N_("Training"),
    "first_phase": N_("First phase"),
    "trainers_workshop": N_("Trainers' workshop"),
}


def _in_flow(text: str) -> str:
    """Text as a value inside `{lang: ...}`, where a comma or a bracket would end it: then in quotes."""
    return (
        json.dumps(text, ensure_ascii=False)
        if any(c in text for c in ",[]{}#") or ": " in text
        else scalar(text)
    )


def starter_dataset(title: str, lang: str) -> str:
    """The starter file's text: the dataset's title, and its names in the language they are filed under."""
    say = translator(lang)
    names = {key: _in_flow(say(text)) for key, text in EXAMPLE_NAMES.items()}
    template = STARTER
    for comment in STARTER_COMMENTS:
        template = template.replace(f"# {comment}\n", f"# {say(comment)}\n")
    return template.format(title=scalar(title), lang=lang, schema_file=SCHEMA_FILE, **names)
