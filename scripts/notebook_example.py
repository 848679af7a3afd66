"""Write docs/notebook.md: eura-lint in a notebook, on the real 2016 project list, each code cell
followed by the output it really gives (and docs/notebook-top-rules.png, the plot it draws).

The cells run in order in one namespace, from the repository's root, as a notebook's cells
would; a cell's printed output and the value of its last expression (as Jupyter shows it) become
its output block. tests/test_notebook_example.py runs this script into a scratch copy of the
layout and fails when the committed page differs from what the cells give today.

    python scripts/notebook_example.py            # rewrite docs/notebook.md and the plot
    python scripts/notebook_example.py --root DIR # run in DIR (which must hold tests/data/)
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import io
import os
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = Path("docs/notebook.md")

INTRO = """\
# eura-lint in a notebook

Evaluators and journalists who study EURA data do it in pandas. This page is a notebook in
Markdown: each cell is run by `scripts/notebook_example.py` on the real 2016 open-data project
list (`tests/data/eura2014_projektilista_osdata_2016.csv`), and the block after it is the output
it gave; the tests run the script again and fail when this page no longer matches. The
[Library](library.md) page describes `lint_frame` and `findings_frame`.
"""

CELLS: list[tuple[str, str]] = [
    ("Read the list as you would any other, and lint it as it stands in memory. The lint date is "
     "fixed so that the status rules judge the list as of its publication.", '''\
import datetime as dt

import pandas as pd

from eura_lint import findings_frame, lint_frame

pd.set_option("display.width", 120, "display.max_columns", 10, "display.max_colwidth", 52)
projects = pd.read_csv("tests/data/eura2014_projektilista_osdata_2016.csv")
found = lint_frame(projects, today=dt.date(2016, 12, 31))
findings = findings_frame(found)
projects.shape, len(findings)'''),
    ("A finding names the row by its index label (`line`) and the column by its label, so it "
     "joins back to the list; a finding about a row also names its project:", '''\
findings[["line", "column", "rule", "project_code", "message"]].head()'''),
    ("Which authorities' projects have the errors and warnings (the information-level notes, "
     "about stray spaces, left out), counting findings and the projects they fall on. The "
     "authority's name is written with its spaces made single first: EURA705 found doubled ones "
     "in it, which would otherwise split one authority into two groups.", '''\
serious = findings[findings["severity"] != "info"]
authority = projects["Viranomainen"].str.split().str.join(" ").rename("authority")
by_authority = (serious.join(authority, on="line")
                .groupby("authority")
                .agg(findings=("rule", "size"), projects=("project_code", "nunique"))
                .sort_values(["findings", "projects"], ascending=False))
by_authority.head(8)'''),
    ("And which rules, drawn with pandas' own plotting:", '''\
top_rules = findings["rule"].value_counts().head(8).sort_values()
ax = top_rules.plot.barh(title="Findings by rule, the 2016 project list", figsize=(7, 3.5))
ax.set_xlabel("findings")
ax.figure.tight_layout()
ax.figure.savefig("docs/notebook-top-rules.png", dpi=80)
top_rules.sort_values(ascending=False).to_dict()'''),
]

OUTRO = """\
![Findings by rule, the 2016 project list](notebook-top-rules.png)

The statuses that were already stale at the end of 2016 (EURA404) lead, then the funding
identities (EURA202, EURA204, EURA203). The notes about stray spaces (EURA705) are three, one per
column that has such cells, each counting its cells and naming the first of them (the rule's
`each-cell` parameter brings back one note per cell, 403 of them).
"""


def run_cell(code: str, namespace: dict) -> str:
    """What a notebook shows for the cell: its printed output, then its last expression's value."""
    tree = ast.parse(code)
    last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    body = ast.Module(tree.body[:-1] if last else tree.body, type_ignores=[])
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(body, "<cell>", "exec"), namespace)  # the page's own cells, nothing read
        if last is not None:
            value = eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)
            if value is not None:
                print(repr(value))
    return out.getvalue().rstrip("\n")


def render() -> str:
    namespace: dict = {"__name__": "__notebook__"}
    parts = [INTRO]
    for text, code in CELLS:
        parts.append(f"{textwrap.fill(text, 100)}\n\n```python\n{code}\n```\n")
        output = run_cell(code, namespace)
        if output:
            parts.append(f"```text\n{output}\n```\n")
    parts.append(OUTRO)
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the directory the cells run in (default: the repository)")
    args = parser.parse_args(argv)
    os.environ["MPLBACKEND"] = "Agg"  # no display: the plot is only written to a file
    os.chdir(args.root)
    (args.root / "docs").mkdir(exist_ok=True)
    text = render()
    target = args.root / PAGE
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(target)  # the whole page or the old one, never half
    return 0


if __name__ == "__main__":
    sys.exit(main())
