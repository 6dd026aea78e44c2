"""The JSON contract: ``{"format": "glossary", "version": 1, "sources": {...}, "terms": [...]}``.

Format implementation: UTF-8, no BOM, two-space indentation, keys in model order.
``terms`` holds each concept exactly as :class:`glossary.core.model.Concept` dumps it
(fields left out when empty: ``None`` values); ``sources`` the cited documents.
This is the stable machine interface; it changes only with a version bump.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from glossary.errors import FormatError
from glossary.formats.base import ExportOptions, Format

if TYPE_CHECKING:
    from collections.abc import Iterable

    from glossary.core.entry import Term
    from glossary.analysis.glossary import Glossary
    from glossary.core.model import GlossaryDocument

__all__ = ["JsonFormat", "contract_document", "dumps"]


def _cited_docs(terms: list[dict[str, Any]]) -> set[str]:
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            if "doc" in value and "quote" in value:
                found.add(value["doc"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(terms)
    return found


def contract_document(glossary: Glossary, terms: Iterable[Term] | None = None) -> dict[str, Any]:
    """The contract document of a glossary, or of some of its terms (with only the sources they cite)."""
    if terms is None:
        term_dicts = [term.to_dict() for term in glossary]
        sources = dict(glossary.sources)
    else:
        term_dicts = [term.to_dict() for term in terms]
        cited = _cited_docs(term_dicts)
        sources = {key: value for key, value in glossary.sources.items() if key in cited}
    return {"format": "glossary", "version": 1, "sources": sources, "terms": term_dicts}


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


class JsonFormat(Format):
    name = "json"
    extensions = (".json",)
    description = "the JSON contract (every field; the machine interface)"

    def dump(self, glossary: Glossary, options: ExportOptions) -> bytes:
        return dumps(contract_document(glossary)).encode("utf-8")

    def load(self, data: bytes, path: str) -> GlossaryDocument:
        from pydantic import ValidationError

        from glossary.core.model import GlossaryDocument

        from glossary.formats._importing import decode

        text = decode(data, path)
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as error:
            raise FormatError(path, f"not valid JSON: {error.msg} (column {error.colno})", line=error.lineno) from None
        except RecursionError:
            raise FormatError(path, "not a glossary: nested too deeply to read") from None
        except ValueError:  # an integer of more than 4300 digits
            raise FormatError(path, "not valid JSON: a number too long to read") from None
        if isinstance(raw, dict):
            raw = {key: value for key, value in raw.items() if key not in ("query", "matches")}
        try:
            return GlossaryDocument.model_validate(raw)
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
            message = first["msg"].removeprefix("Value error, ")
            raise FormatError(path, f"{where + ': ' if where else ''}{message}{more}") from None
