"""The sequence diagram: Mermaid text and SVG drawn from one model, so they always agree."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from accord.domain.design import DataFlow, FlowMode
from accord.formats.design.sequence import (
    Message,
    SequenceDiagram,
    flows_to_mermaid,
    mermaid_escape,
    mermaid_unescape,
    one_line,
    parse_mermaid_sequence,
    sequence_from_flows,
    sequence_to_mermaid,
)
from accord.formats.design.sequence_svg import CHARACTER_WIDTH, COLUMN_WIDTH, sequence_to_svg

NS = {"svg": "http://www.w3.org/2000/svg"}
FLOWS = (
    DataFlow("Daily bill file", "Biller CIS", "Invoice Cloud", "end of day", FlowMode.BATCH, "CSV", "SFTP"),
    DataFlow("Payment posted", "Invoice Cloud", "Biller CIS", "payment made", FlowMode.REALTIME, "JSON"),
    DataFlow("Reconcile", "Invoice Cloud", "Invoice Cloud", "", FlowMode.BATCH),
)
_TITLE = re.compile(r"^(\d+)\. (.*) → (.*?): (.*)$", re.DOTALL)


def svg_diagram(svg: str) -> SequenceDiagram:
    """Read the participants and the messages back from the drawing."""
    root = ET.fromstring(svg)
    participants = tuple(
        group.get("data-name") for group in root.iterfind(".//svg:g[@class='participant']", NS)
    )
    messages = []
    for group in root.iterfind(".//svg:g[@class='messages']/svg:g", NS):
        number, source, target = group.get("data-number"), group.get("data-source"), group.get("data-target")
        title = group.find("svg:title", NS).text
        match = _TITLE.match(title)
        assert match is not None, title
        assert (match.group(1), match.group(2), match.group(3)) == (number, source, target)
        mode = FlowMode(next(c for c in group.get("class").split() if c != "message"))
        messages.append(Message(int(number), source, target, match.group(4), mode))
    return SequenceDiagram(
        title=root.find("svg:title", NS).text, participants=participants, messages=tuple(messages)
    )


def test_the_mermaid_text_has_participants_in_order_and_one_numbered_message_per_flow():
    text = flows_to_mermaid(FLOWS, title="Biller integration")
    assert text.splitlines() == [
        "sequenceDiagram",
        "    title Biller integration",
        "    autonumber",
        "    participant S1 as Biller CIS",
        "    participant S2 as Invoice Cloud",
        "    S1-->>S2: Daily bill file — end of day (batch)",
        "    S2->>S1: Payment posted — payment made (real time)",
        "    S2-->>S2: Reconcile (batch)",
    ]


def test_labels_follow_the_language():
    diagram = sequence_from_flows(FLOWS, language="fr")
    assert diagram.messages[0].label == "Daily bill file — end of day (par lots)"
    assert diagram.messages[1].label.endswith("(temps réel)")


def test_mermaid_special_characters_are_escaped_and_read_back():
    label = 'a;b #1 <b> & "c": 100% {x}'
    escaped = mermaid_escape(label)
    outside_entities = re.sub(r"#\d+;", "", escaped)
    assert not set(outside_entities) & set(';#<>&":%{}')
    assert mermaid_unescape(escaped) == label
    assert mermaid_escape("two\nlines") == "two lines"


def test_the_svg_is_an_accessible_image_listing_every_flow():
    svg = sequence_to_svg(sequence_from_flows(FLOWS, title="Biller integration"))
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    title, desc = root.find("svg:title", NS), root.find("svg:desc", NS)
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    assert title.text == "Biller integration"
    assert "1. Biller CIS → Invoice Cloud: Daily bill file — end of day (batch)" in desc.text
    assert "3. Invoice Cloud → Invoice Cloud: Reconcile (batch)" in desc.text
    assert root.find(".//svg:script", NS) is None
    assert "href" not in svg


def test_an_empty_diagram_says_so_in_both_languages():
    root = ET.fromstring(sequence_to_svg(sequence_from_flows([]), language="fr"))
    assert root.find("svg:desc", NS).text == "Aucun flux de données pour l’instant."
    assert parse_mermaid_sequence(flows_to_mermaid([])) == SequenceDiagram("", (), ())


def test_twenty_flows_stay_readable_one_row_each_with_the_full_label_in_the_tooltip():
    names = ["Biller CIS", "Invoice Cloud", "SFTP server", "Payment gateway", "Customer portal"]
    flows = [
        DataFlow(
            f"Flow {i + 1} carrying account balances, due dates and payment status",
            names[i % 5],
            names[(i * 3 + 1) % 5],
        )
        for i in range(20)
    ]
    root = ET.fromstring(sequence_to_svg(sequence_from_flows(flows)))
    groups = root.findall(".//svg:g[@class='messages']/svg:g", NS)
    ys = [float(group.find("svg:circle", NS).get("cy")) for group in groups]
    assert len(groups) == 20
    assert all(later - earlier >= 36 for earlier, later in itertools.pairwise(ys))
    for group, flow in zip(groups, flows, strict=True):
        lines = [text.text for text in group.iterfind("svg:text", NS) if text.get("class") == "message-label"]
        assert 1 <= len(lines) <= 2
        arrow = group.find("svg:line", NS)
        room = abs(float(arrow.get("x2")) - float(arrow.get("x1"))) if arrow is not None else COLUMN_WIDTH
        assert all(len(line) * CHARACTER_WIDTH <= room for line in lines), lines
        assert flow.name in group.find("svg:title", NS).text
    assert float(root.get("height")) < 1400


names = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=25).filter(
    lambda text: one_line(text) != ""
)
flow_lists = st.lists(
    st.builds(
        DataFlow,
        name=names,
        source_system=st.sampled_from(["CRM", "Tomorro", "ERP"]) | names,
        target_system=st.sampled_from(["CRM", "Tomorro", "ERP"]) | names,
        trigger=st.just("") | names,
        mode=st.sampled_from(FlowMode),
    ),
    max_size=12,
)


@settings(max_examples=60)
@given(flows=flow_lists, title=st.just("") | names)
def test_every_flow_appears_in_order_and_mermaid_and_svg_agree(flows, title):
    diagram = sequence_from_flows(flows, title=title)
    assert [message.number for message in diagram.messages] == list(range(1, len(flows) + 1))
    for message, flow in zip(diagram.messages, flows, strict=True):
        assert (message.source, message.target) == (
            one_line(flow.source_system),
            one_line(flow.target_system),
        )
        assert message.label.startswith(one_line(flow.name))
    from_mermaid = parse_mermaid_sequence(sequence_to_mermaid(diagram))
    from_svg = svg_diagram(sequence_to_svg(diagram))
    assert from_mermaid == diagram
    assert from_svg.participants == from_mermaid.participants
    assert from_svg.messages == from_mermaid.messages
