"""Script conversion with OpenCC: an authoring aid, never on the lookup path.

Traditional forms in the data are curated (OpenCC's phrase conversions rename
things: ``s2twp`` turns 双循环 into 雙迴圈 and 数据安全法 into 資料安全法). This module
serves ``glossary build`` (indexing the forms OpenCC users meet as script variants),
``glossary validate`` (checking a curated traditional form converts back to the
simplified one) and imports that lack a traditional form.

Depends on ``opencc-python-reimplemented`` only: it and the official ``OpenCC``
wheel both install a module named ``opencc`` and cannot live in one environment.
"""

from __future__ import annotations

import functools
from typing import Any, Literal, get_args

__all__ = ["CONFIGS", "convert"]

Config = Literal["s2t", "s2tw", "s2twp", "s2hk", "t2s", "tw2s", "tw2sp", "hk2s"]
CONFIGS: tuple[str, ...] = get_args(Config)


@functools.cache
def _converter(config: str) -> Any:
    import opencc  # type: ignore[import-untyped]

    return opencc.OpenCC(config)


def convert(text: str, config: str) -> str:
    """Convert ``text`` with one OpenCC configuration (``s2tw``, ``t2s`` ...)."""
    if config not in CONFIGS:
        from glossary.errors import UnknownFormatError

        raise UnknownFormatError(f"unknown OpenCC configuration {config!r}; use one of {', '.join(CONFIGS)}")
    result: str = _converter(config).convert(text)
    return result
