"""``glossary cache path|clear``: where compiled glossaries are kept, and emptying that folder."""

from __future__ import annotations

import sys

from glossary.cli.commands import Option, option

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse


def options() -> tuple[Option, ...]:
    return (
        option(
            "action",
            choices=["path", "clear"],
            help="path: print the cache folder ($GLOSSARY_CACHE_DIR or the platform's user cache folder); clear: remove every compiled entry",
        ),
    )


def run(options: argparse.Namespace) -> int:
    from glossary.loading.cache import cache_folder, clear_cache

    if options.action == "path":
        print(cache_folder())
        return 0
    files, size = clear_cache()
    print(f"removed {files} compiled {'entry' if files == 1 else 'entries'} ({size / 1e6:.1f} MB) from {cache_folder()}", file=sys.stderr)
    return 0
