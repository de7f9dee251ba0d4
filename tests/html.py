"""Pages read the way a person (or a screen reader) reads them, so that tests assert on behaviour.

``page(response)`` parses a response (or a string) with the standard library's parser into a small
tree of ``Element``. On any element:

- ``.text``: the text it shows, whitespace collapsed (scripts, styles and templates left out);
- ``.one(selector)`` / ``.all(selector)`` / ``.first(selector)``: simple selectors (``tag``,
  ``#id``, ``.class``, ``[attr]``, ``[attr=value]``, compounds like ``tr.phase``, and descendants
  separated by spaces);
- ``.role(role, name=None)`` / ``.roles(role, name=None)``: elements by ARIA role (explicit or the
  usual implicit one) and accessible name;
- ``.name``: the accessible name (aria-labelledby, aria-label, a label, alt, value, text, title);
- ``.rows()``: a table's rows as lists of cell texts; ``.records()``: its body rows as dicts by
  column header; ``.definitions()``: a ``dl``'s terms → descriptions;
- ``.controls()``: the names of the form controls; ``.control(name)``; ``.value(name)``: what it
  submits; ``.options(name)``: a select's options or a group of radios/checkboxes;
  ``.field_errors()``: field name → the error shown next to it;
- ``.links()``: link name → href; ``.hrefs()``; ``.elements``: the child elements (a fragment's
  top-level ones).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
UNSEEN = {"script", "style", "template", "head"}
INLINE = {"a", "abbr", "b", "bdi", "bdo", "code", "data", "em", "i", "kbd", "label"}
INLINE |= {"mark", "output", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u", "var"}
# Tags that a new one of the same family closes when the template leaves them open.
IMPLIED_END = {
    "li": {"li"},
    "option": {"option"},
    "p": {"p"},
    "tr": {"tr"},
    "td": {"td", "th"},
    "th": {"td", "th"},
}
LANDMARKS = {
    "nav": "navigation",
    "main": "main",
    "header": "banner",
    "footer": "contentinfo",
    "aside": "complementary",
    "form": "form",
    "table": "table",
    "thead": "rowgroup",
    "tbody": "rowgroup",
    "tfoot": "rowgroup",
    "tr": "row",
    "td": "cell",
    "ul": "list",
    "ol": "list",
    "li": "listitem",
    "dialog": "dialog",
    "textarea": "textbox",
    "progress": "progressbar",
    "option": "option",
    "img": "img",
    "button": "button",
    "section": "region",
    "article": "article",
    "fieldset": "group",
    "dl": "list",
}
INPUT_ROLES = {
    "button": "button",
    "submit": "button",
    "reset": "button",
    "image": "button",
    "checkbox": "checkbox",
    "radio": "radio",
    "range": "slider",
    "number": "spinbutton",
    "search": "searchbox",
    "hidden": "",
}


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class Element:
    """An element of a parsed page: its tag, attributes, children and parent."""

    def __init__(self, tag: str, attrs: dict[str, str], parent: Element | None = None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Element | str] = []

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs}>"

    def get(self, attribute: str, default: str | None = None) -> str | None:
        return self.attrs.get(attribute, default)

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    @property
    def elements(self) -> list[Element]:
        """The child elements (a fragment's top-level elements, for the document)."""
        return [child for child in self.children if isinstance(child, Element)]

    def descendants(self) -> Iterator[Element]:
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.descendants()

    def ancestors(self) -> Iterator[Element]:
        parent = self.parent
        while parent is not None:
            yield parent
            parent = parent.parent

    def _chunks(self, without: Element | None = None) -> Iterator[str]:
        for child in self.children:
            if isinstance(child, str):
                yield child
            elif child.tag not in UNSEEN and child is not without:
                spaced = child.tag not in INLINE
                if spaced:
                    yield " "
                if child.tag == "img":
                    yield child.attrs.get("alt", "")
                yield from child._chunks(without)
                if spaced:
                    yield " "

    @property
    def text(self) -> str:
        """The text this element shows (visually hidden text for screen readers included)."""
        return _squash("".join(self._chunks()))

    # Finding elements -------------------------------------------------------------------------

    def all(self, selector: str) -> list[Element]:
        """Every descendant matching ``selector`` (compounds separated by spaces: descendants)."""
        *outer, last = _parse_selector(selector)
        found = []
        for element in self.descendants():
            if not _matches(element, last):
                continue
            ancestors = []
            for ancestor in element.ancestors():
                if ancestor is self:
                    break
                ancestors.append(ancestor)
            if _has_ancestors(ancestors, outer):
                found.append(element)
        return found

    def first(self, selector: str) -> Element | None:
        found = self.all(selector)
        return found[0] if found else None

    def one(self, selector: str) -> Element:
        """The one element matching ``selector``; fails the test when there are none or several."""
        found = self.all(selector)
        assert len(found) == 1, f"{len(found)} elements match {selector!r}"
        return found[0]

    def has(self, selector: str) -> bool:
        return bool(self.all(selector))

    @property
    def role_name(self) -> str:
        """This element's ARIA role: the explicit one or the implicit one of its tag."""
        explicit = self.attrs.get("role")
        if explicit:
            return explicit.split()[0]
        tag = self.tag
        if tag == "a":
            return "link" if "href" in self.attrs else ""
        if re.fullmatch(r"h[1-6]", tag):
            return "heading"
        if tag == "input":
            kind = (self.attrs.get("type") or "text").lower()
            if kind in INPUT_ROLES:
                return INPUT_ROLES[kind]
            return "combobox" if "list" in self.attrs else "textbox"
        if tag == "select":
            multiple = "multiple" in self.attrs or int(self.attrs.get("size") or 1) > 1
            return "listbox" if multiple else "combobox"
        if tag == "th":
            scope = self.attrs.get("scope", "")
            return "rowheader" if scope in ("row", "rowgroup") else "columnheader"
        return LANDMARKS.get(tag, "")

    def roles(self, role: str, name: str | None = None) -> list[Element]:
        """Descendants with ``role`` (and, if given, exactly the accessible ``name``)."""
        return [
            element
            for element in self.descendants()
            if element.role_name == role and (name is None or element.name == name)
        ]

    def role(self, role: str, name: str | None = None) -> Element:
        """The one descendant with ``role`` and ``name``; fails the test when not exactly one."""
        found = self.roles(role, name)
        assert len(found) == 1, f"{len(found)} elements with role {role!r} named {name!r}"
        return found[0]

    def by_id(self, identifier: str) -> Element | None:
        return next((e for e in self._root().descendants() if e.attrs.get("id") == identifier), None)

    def _root(self) -> Element:
        return next((a for a in self.ancestors() if a.parent is None), self)

    @property
    def name(self) -> str:
        """The accessible name, computed the usual way in simplified form."""
        labelledby = self.attrs.get("aria-labelledby")
        if labelledby:
            parts = (self.by_id(identifier) for identifier in labelledby.split())
            return _squash(" ".join(part.text for part in parts if part is not None))
        if self.attrs.get("aria-label"):
            return _squash(self.attrs["aria-label"])
        if self.tag in ("input", "select", "textarea", "meter", "progress"):
            labels = [label for label in self.ancestors() if label.tag == "label"]
            identifier = self.attrs.get("id")
            if identifier:
                labels += [
                    e for e in self._root().descendants() if e.tag == "label" and e.get("for") == identifier
                ]
            if labels:
                return _squash(" ".join("".join(label._chunks(without=self)) for label in labels))
            if self.tag == "input" and self.attrs.get("type") in ("submit", "button", "reset"):
                return _squash(self.attrs.get("value", ""))
        if self.tag == "img":
            return _squash(self.attrs.get("alt", ""))
        if self.tag in ("table", "fieldset", "figure"):
            caption = next(
                (c for c in self.children if isinstance(c, Element) and c.tag in ("caption", "legend")), None
            )
            if caption is not None:
                return caption.text
        elif self.role_name in NAMED_BY_CONTENT:
            return self.text
        return _squash(self.attrs.get("title", ""))

    # Reading controls and tables -------------------------------------------------------------

    def rows(self, selector: str = "tr") -> list[list[str]]:
        """The texts of the cells (th and td) of each row under this element."""
        return [
            [cell.text for cell in row.children if isinstance(cell, Element) and cell.tag in ("td", "th")]
            for row in self.all(selector)
        ]

    def records(self) -> list[dict[str, str]]:
        """A table's body rows as dicts: column header text → cell text."""
        headers = [cell.text for cell in self.all("thead th")]
        return [dict(zip(headers, row, strict=False)) for row in self.rows("tbody tr")]

    def control(self, name: str) -> Element:
        """The one form control (input, select, textarea, button) named ``name``."""
        found = [e for e in self.descendants() if e.tag in CONTROLS and e.attrs.get("name") == name]
        assert len(found) == 1, f"{len(found)} controls named {name!r}"
        return found[0]

    def controls(self) -> list[str]:
        """The names of the form controls under this element, in order."""
        return [e.attrs["name"] for e in self.descendants() if e.tag in CONTROLS and "name" in e.attrs]

    def value(self, name: str) -> str | None:
        """The value the control named ``name`` submits (the selected option for a select, the
        text of a textarea; None for an unchecked box)."""
        control = self.control(name)
        if control.tag == "select":
            selected = [o for o in control.all("option") if "selected" in o.attrs]
            chosen = selected[0] if selected else control.first("option")
            return None if chosen is None else chosen.attrs.get("value", chosen.text)
        if control.tag == "textarea":
            return "".join(c for c in control.children if isinstance(c, str)).lstrip("\n")
        if control.attrs.get("type") in ("checkbox", "radio") and "checked" not in control.attrs:
            return None
        return control.attrs.get("value", "")

    def options(self, name: str | None = None) -> list[tuple[str, str, bool]]:
        """The (value, text, chosen) of each choice of the field named ``name``: a select's options,
        or a group of radio buttons or checkboxes (text: the box's label). Without a name, the
        options under this element itself (a select or a datalist)."""
        if name is None:
            return [(o.attrs.get("value", o.text), o.text, "selected" in o.attrs) for o in self.all("option")]
        found = [e for e in self.descendants() if e.tag in CONTROLS and e.attrs.get("name") == name]
        if len(found) == 1 and found[0].tag == "select":
            return found[0].options()
        assert found, f"no control named {name!r}"
        return [(box.attrs.get("value", "on"), box.name, "checked" in box.attrs) for box in found]

    def field_errors(self) -> dict[str, str]:
        """The error shown under each form field: field name → message(s) (the ``id_<name>_error``
        paragraphs Accord's form templates write next to a field)."""
        errors: dict[str, list[str]] = {}
        for element in self.descendants():
            identifier = element.attrs.get("id", "")
            if identifier.startswith("id_") and identifier.endswith("_error"):
                errors.setdefault(identifier[3 : -len("_error")], []).append(element.text)
        return {field: " ".join(messages) for field, messages in errors.items()}

    def definitions(self) -> dict[str, str]:
        """A description list's terms → their descriptions (texts)."""
        pairs: dict[str, str] = {}
        term = None
        for element in self.descendants():
            if element.tag == "dt":
                term = element.text
            elif element.tag == "dd" and term is not None:
                pairs[term] = element.text
                term = None
        return pairs

    def links(self) -> dict[str, str]:
        """Each link's accessible name → its href (the last one wins for a repeated name)."""
        return {link.name: link.attrs["href"] for link in self.all("a[href]")}

    def hrefs(self) -> list[str]:
        return [link.attrs["href"] for link in self.all("a[href]")]


NAMED_BY_CONTENT = {"button", "link", "heading", "cell", "columnheader", "rowheader"}
NAMED_BY_CONTENT |= {"option", "listitem", "tab", "menuitem", "checkbox", "radio"}
CONTROLS = {"input", "select", "textarea", "button"}


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        closes = IMPLIED_END.get(tag)
        if closes and self.current.tag in closes:
            self.current = self.current.parent or self.root
        element = Element(
            tag, {key: value if value is not None else "" for key, value in attrs}, self.current
        )
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(
            tag, {key: value if value is not None else "" for key, value in attrs}, self.current
        )
        self.current.children.append(element)

    def handle_endtag(self, tag: str) -> None:
        for element in [self.current, *self.current.ancestors()]:
            if element.tag == tag:
                self.current = element.parent or self.root
                return

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def page(source: Any) -> Element:
    """The parsed page of a response (its content), bytes or a string."""
    if hasattr(source, "content"):
        source = source.content
    if isinstance(source, bytes):
        source = source.decode()
    builder = _TreeBuilder()
    builder.feed(source)
    builder.close()
    return builder.root


def text(source: Any, selector: str | None = None) -> str:
    """The visible text of a page's body, or of the one element matching ``selector``."""
    document = page(source)
    if selector is not None:
        return document.one(selector).text
    body = document.first("body")
    return (body or document).text


# Selectors ------------------------------------------------------------------------------------

_COMPOUND = re.compile(r"([a-zA-Z][a-zA-Z0-9-]*|\*)?((?:[#.][\w-]+|\[[^\]]+\])*)")
_PART = re.compile(r"([#.])([\w-]+)|\[([\w-]+)(?:([~^$*]?=)\"?([^\"\]]*)\"?)?\]")


def _parse_selector(selector: str) -> list[tuple[str | None, list[tuple[str, str, str | None]]]]:
    compounds = []
    for word in selector.split():
        match = _COMPOUND.fullmatch(word)
        if match is None:
            raise ValueError(f"unsupported selector {selector!r}")
        tag, rest = match.group(1), match.group(2)
        tests: list[tuple[str, str, str | None]] = []
        for part in _PART.finditer(rest):
            if part.group(1) == "#":
                tests.append(("=", "id", part.group(2)))
            elif part.group(1) == ".":
                tests.append(("~=", "class", part.group(2)))
            else:
                tests.append((part.group(4) or "", part.group(3), part.group(5)))
        compounds.append((None if tag in (None, "*") else tag.lower(), tests))
    return compounds


def _matches(element: Element, compound: tuple[str | None, list[tuple[str, str, str | None]]]) -> bool:
    tag, tests = compound
    if tag is not None and element.tag != tag:
        return False
    for operator, attribute, expected in tests:
        actual = element.attrs.get(attribute)
        if actual is None:
            return False
        if not operator or expected is None:
            continue
        if operator == "=" and actual != expected:
            return False
        if operator == "~=" and expected not in actual.split():
            return False
        if operator == "^=" and not actual.startswith(expected):
            return False
        if operator == "$=" and not actual.endswith(expected):
            return False
        if operator == "*=" and expected not in actual:
            return False
    return True


def _has_ancestors(ancestors: list[Element], compounds: list[Any]) -> bool:
    """Whether ``compounds`` (outermost first) match ``ancestors`` (nearest first) in order."""
    remaining = list(reversed(compounds))
    for ancestor in ancestors:
        if not remaining:
            break
        if _matches(ancestor, remaining[0]):
            remaining.pop(0)
    return not remaining
