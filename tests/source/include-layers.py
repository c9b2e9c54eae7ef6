#!/usr/bin/env python3
"""Layers go one way: fails on an #include that goes up the layer order DESIGN.md writes down.

core's modules, lowest first (a module includes only its own layer or lower):
  common · events, refdata · store, marketdata · analytics · records · compliance, venue, fix ·
  oms · settlement, portfolio, screener, audit, copilot · engine, demo
then widgets (may include core), then app (core and widgets).

Includes that go up today are listed in KNOWN, each a debt to pay off; one not listed fails, and
so does a listed one that no longer exists (the list only shrinks).

  include-layers.py SOURCE_ROOT
"""
import re
import sys
from pathlib import Path

CORE_LAYERS = [
    ["common"],
    ["events", "refdata"],
    ["store", "marketdata"],
    ["analytics"],
    ["records"],
    ["compliance", "venue", "fix"],
    ["oms"],
    ["settlement", "portfolio", "screener", "audit", "copilot"],
    ["engine", "demo"],
]

# (including module, included module): includes that go up, each a debt. None is left; keep it so.
KNOWN = set()

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)


def rank_of_core(module):
    for rank, layer in enumerate(CORE_LAYERS):
        if module in layer:
            return rank
    return None


def module_of(path, root):
    rel = path.relative_to(root).parts
    if rel[0] == "core" and len(rel) > 2:
        return rel[1]
    if rel[0] in ("widgets", "app"):
        return rel[0]
    return None


def rank(module):
    if module == "widgets":
        return len(CORE_LAYERS)
    if module == "app":
        return len(CORE_LAYERS) + 1
    return rank_of_core(module)


def included_module(target, path, root):
    # Core headers are included as "module/file.h"; widgets and app include theirs by name.
    first = target.split("/")[0]
    if "/" in target:
        return first if rank_of_core(first) is not None else None
    if (path.parent / target).exists():
        return module_of(path.parent / target, root)
    for top in ("widgets", "app"):
        if (root / top / target).exists():
            return top
    return None


def main():
    root = Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    problems, seen = [], set()
    for top in ("core", "widgets", "app"):
        for path in sorted((root / top).rglob("*")):
            if path.suffix not in (".h", ".cpp") or not path.is_file():
                continue
            module = module_of(path, root)
            if module is None or rank(module) is None:
                if top == "core" and path.parent != root / "core":
                    problems.append(f"{path.relative_to(root)}: module {path.parent.name} is not in the layer order")
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            for target in INCLUDE.findall(text):
                other = included_module(target, path, root)
                if other is None or other == module or rank(other) is None:
                    continue
                if rank(other) > rank(module):
                    pair = (module, other)
                    seen.add(pair)
                    if pair not in KNOWN:
                        problems.append(f"{path.relative_to(root)}: {module} includes \"{target}\" from {other}, a higher layer")
    for pair in sorted(KNOWN - seen):
        problems.append(f"{pair[0]} no longer includes {pair[1]}: take the pair off KNOWN in tests/source/include-layers.py")
    for p in problems:
        print(p)
    if problems:
        print(f"include-layers: {len(problems)} problem(s)")
        return 1
    print(f"include-layers: every include goes down the layers ({len(KNOWN)} known upward pairs left)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
