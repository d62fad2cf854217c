"""Write the generated parts of docs/: the rule table of docs/extraction.md, from kg/data/rules/*.json.

    python scripts/gen_docs.py           # rewrite the table in place
    python scripts/gen_docs.py --check   # exit 1 if the table is not what the data gives

The table sits between the markers ``<!-- rules:start -->`` and ``<!-- rules:end -->``;
tests/test_docs.py runs the check, so a rule added to the data without a docs update fails.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "extraction.md"
RULES = ROOT / "kg" / "data" / "rules"
START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def rule_rows(folder: Path = RULES) -> list[str]:
    """The markdown table of every rule, stage by stage (file by file, sorted), in file order."""
    rows = [
        "| rule | stage | yields | confidence | what it reads |",
        "|---|---|---|---|---|",
    ]
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        data.pop("_comment", None)
        for rid, row in data.items():
            rows.append(f"| `{rid}` | {path.stem} | {row['yields']} | {row['confidence']} | {row['about']} |")
    return rows


def render(text: str, folder: Path = RULES) -> str:
    """``text`` with the table between the markers replaced by the one the data gives."""
    head, sep, rest = text.partition(START)
    if not sep or END not in rest:
        raise SystemExit(f"{DOC}: markers {START} ... {END} not found")
    _, _, tail = rest.partition(END)
    table = "\n".join(rule_rows(folder))
    return f"{head}{START}\n{table}\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if docs/ is not what the data gives")
    args = ap.parse_args(argv)
    text = DOC.read_text(encoding="utf-8")
    new = render(text)
    if args.check:
        if new != text:
            print(f"{DOC.relative_to(ROOT)}: the rule table is stale; run 'python scripts/gen_docs.py'")
            return 1
        return 0
    if new != text:
        DOC.write_text(new, encoding="utf-8")
        print(f"wrote {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
