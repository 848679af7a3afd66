"""One part of the description parser, run alone on what it is given in a real parse, so that
callgrind counts that part's instructions and nothing else (no start-up, no reading).

    valgrind --tool=callgrind --callgrind-out-file=/dev/null --collect-atstart=no \\
        --toggle-collect='builtin_eval*' python benchmarks/parse_parts.py DIR PART PASSES

Only what runs inside ``eval`` is counted (the toggle), and the part runs there PASSES times over
the descriptions of DIR: the count for 2 passes less the count for 1, over the number of
descriptions, is the part's instructions a description (the constant rest, such as the named
tuples' classes built by ``eval`` at import, cancels). PART is ``parse`` (the whole parse, the
record freed after each), ``split`` (``split_lines``), ``description`` (an empty record), or a
section reader's name (``_read_fields``, ``_read_text``, ``_read_scores``, ``_read_indicator``,
``_read_answers``), optionally with ``:NUMBER`` for one section only (``_read_fields:6``); a
reader's records are kept, not freed. The cyclic GC is off, as the linter relaxes it
(``engine.relax_gc``). Results: benchmarks/RESULTS.md, "The description parser's third round".
"""

from __future__ import annotations

import collections
import gc
import sys
from pathlib import Path

from eura_lint.model import Description, Section
from eura_lint.readers import description
from eura_lint.readers.decoding import decode, split_lines


def main() -> None:
    folder, part, passes = sys.argv[1], sys.argv[2], int(sys.argv[3])
    texts = [decode(path.read_bytes()).text for path in sorted(Path(folder).rglob("*.txt"))]
    for text in texts:
        description.parse(text)  # the caches warm, as in a long run
    readers = dict(description._READERS)
    read_text = description._read_text
    calls = collections.defaultdict(list)

    def recording(reader):
        def record(doc, section, *rest):
            calls[reader.__name__].append((doc.language, section, rest))
            return reader(doc, section, *rest)
        return record

    description._READERS.update({k: recording(f) for k, f in readers.items()})
    description._read_text = recording(read_text)
    try:
        for text in texts:
            description.parse(text)
    finally:
        description._READERS.update(readers)
        description._read_text = read_text
    gc.disable()
    scope = {"texts": texts * passes, "parse": description.parse, "split_lines": split_lines,
             "Description": Description}
    if part == "parse":
        eval(compile("for t in texts: parse(t)", "<part>", "exec"), scope)
    elif part == "split":
        eval(compile("for t in texts: split_lines(t)", "<part>", "exec"), scope)
    elif part == "description":
        eval(compile("for t in texts: Description(path=t[:0], line_count=1, lines=[])",
                     "<part>", "exec"), scope)
    else:
        name, _, number = part.partition(":")
        reader = {read_text.__name__: read_text, **{f.__name__: f for f in readers.values()}}[name]
        args = [a for a in calls[name] if not number or a[1].number == number] * passes
        docs = []
        for language, _, _ in args:
            doc = Description(path="")
            doc.language = language
            docs.append(doc)
        sections = [Section(s.number, s.title, s.line, s.end_line) for _, s, _ in args]
        scope.update(reader=reader, work=list(zip(docs, sections, [rest for _, _, rest in args])))
        eval(compile("for d, s, r in work: reader(d, s, *r)", "<part>", "exec"), scope)


if __name__ == "__main__":
    main()
