"""The ``eura-lint`` command: reads the options and the configuration, builds the linter, runs it
over the files (and standard input), writes the reports and sets the exit status. What to lint and
how is decided here; how a document is linted is the engine's business.

Exit status: 0 when no finding reaches the fail level, 1 when one does, 2 for a usage,
configuration or internal error (always with a message, never a traceback), 130 when interrupted
(Ctrl-C) and 143 when terminated (SIGTERM), each with one line on stderr.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
from pathlib import Path
from typing import NoReturn

import click

from . import __version__
from .catalogue import CatalogueError
from .config import FAIL_LEVELS, MAX_JOBS, Config, ConfigError, discover, load, iso_date
from .context import Context
from . import baseline
from .engine import (DocResult, Linter, RunDetails, Selection, build_linter, default_jobs,
                     lint_result, relax_gc, run)
from .explain import explain as explain_rule
from .explain import listing, listing_json
from .reporters.writing import STDOUT, OutputError, check_target, write_all, write_atomic
from .finding import Severity
from .i18n import count, from_environment, languages, text
from .ignores import PerFileIgnores
from .readers.inputs import InputError, read_limited
from .kinds import load_catalogue
from .model import Description
from .errors import CheckFailed
from .report import Report
from .readers.discovery import DEFAULT_EXCLUDES, LINTABLE_EXTENSIONS, FileSelection, find_files
from .suggest import did_you_mean
from .readers.project_list import is_table_path

FORMATS = ("text", "json", "junit", "sarif", "github", "csv", "html")
DETAILED_FORMATS = {"html"}  # reports that show source lines and per-record facts
# --statistics --by: reporters.statistics.BY, named here so that reading the options imports no
# reporter (a test holds the two equal)
STATISTICS_BY = ("rule", "project", "authority", "region", "fund", "axis")
PROGRESS_MIN_FILES = 200
SEVERITIES = ("error", "warning", "info")


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


# The language of what the command says when it fails: set as soon as it is known (--lang, config,
# locale); until then (an unknown option, say) the locale's.
_language = {"chosen": None}


def _lang() -> str:
    return _language["chosen"] or from_environment()


def _parse_output(value: str, lang: str) -> tuple[str, str]:
    fmt, sep, path = value.partition(":")
    if not sep or fmt not in FORMATS or not path:
        raise click.UsageError(text("error.invalid-value", lang, param="'--output'", problem=text(
            "error.output", lang, value=repr(value), formats=", ".join(FORMATS))))
    if path != STDOUT:
        try:
            check_target(path)  # refused now, before any linting, and again when written
        except OutputError as exc:
            raise click.BadParameter(str(exc), param_hint="'--output'") from None
    return fmt, path


def _lint_stdin(linter: Linter, name: str, file_limit: int, table_limit: int) -> DocResult:
    """What is on standard input, linted as the file ``name`` would be: a project list when the
    name ends in a table extension (.csv, .xlsx, ...), else a description; read up to the
    limit of its kind."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None or stream.closed:
        raise click.UsageError(text("error.stdin-closed", _lang()))
    table = is_table_path(name)
    try:
        data = read_limited(stream, table_limit if table else file_limit)
    except InputError as exc:
        return linter.lint_document(Description(path=name, unreadable=str(exc)))
    except OSError as exc:
        raise click.ClickException(text("error.stdin-unreadable", _lang(),
                                        reason=exc.strerror or exc)) from None
    return lint_result(linter, name, data)


def _write_stdout(output: str, colour: bool = False) -> None:
    """The report on standard output, flushed here so that a failed write (a full disk) is an
    error with a message, not a report cut short. A reader that stopped reading (``| head``)
    is no error: the rest is dropped quietly (see docs/limits.md)."""
    try:
        # click strips colour codes from what is not a terminal; here they were asked for
        click.echo(output, nl=not output.endswith("\n"), color=colour or None)
        sys.stdout.flush()
    except BrokenPipeError:
        _drop_stdout()
    except OSError as exc:
        _drop_stdout()
        raise click.ClickException(
            text("error.stdout", _lang(), reason=exc.strerror or exc)) from None


def _drop_stdout() -> None:
    """Point standard output at the null device, so that what is still buffered cannot fail
    again when the process ends."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):
        pass


def _matches_a_rule(pattern: str, catalogue) -> bool:
    """A typo in a selection must not silently switch every rule off."""
    only = Selection(select=(pattern,))
    return any(only(rule) for rule in catalogue.values())


def _encodable(text: str) -> str:
    """A file name that is not valid UTF-8 reaches the reports as lone surrogates, which no UTF-8
    output can hold: write them as ``\\udcff`` escapes (valid inside JSON strings too)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def _active_rules(catalogue, chosen, skipped, overrides):
    """The rules a run with these settings would use, without building a linter (which loads
    the reference data): for --list-rules."""
    selection = Selection(tuple(chosen), tuple(skipped))
    active = {}
    for rule_id, rule in catalogue.items():
        override = overrides.get(rule_id, {})
        if override.get("enabled") is False or not selection(rule):
            continue
        active[rule_id] = rule.with_overrides(override.get("severity"), override.get("params"))
    return active


def _find_rule(word: str, catalogue):
    by_name = {rule.name: rule for rule in catalogue.values()}
    rule = catalogue.get(word.strip().upper()) or by_name.get(word.strip().lower())
    if rule is None:
        words = [*catalogue, *by_name]
        raise click.UsageError(text("error.unknown-rule", _lang(), word=repr(word),
                                    hint=did_you_mean(word, words)))
    return rule


def _use_colour(choice: str) -> bool:
    """--color always/never decide; auto colours a terminal, unless NO_COLOR is set (non-empty);
    FORCE_COLOR (non-empty) colours even a pipe."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def _patterns(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _created() -> dt.datetime:
    """Now, or SOURCE_DATE_EPOCH where a reproducible build sets it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc)


def _help_language(ctx: click.Context) -> str:
    """The language of --help: --lang when given before it, else the configuration's lang:,
    else the locale. (Help is printed while the options are still being read, so --lang after
    --help, or any other option, cannot be taken into account.)"""
    return ctx.meta.get("eura_lint.lang") or _configured_language() or from_environment()


def _configured_language(config_path: Path | None = None) -> str | None:
    """The configuration's ``lang:``, for what is said before the configuration is loaded in
    earnest (--help); None where there is none or it cannot be read."""
    try:
        found = config_path or discover(Path.cwd())
        if found is not None:
            return load(found, load_catalogue()).lang
    except (ConfigError, CatalogueError, OSError):
        pass  # a broken configuration is reported when linting, not when asking for help
    return None


class _LocalisedCommand(click.Command):
    """A command whose help text and option help come from the message table
    (``help.<long option name>``), in the language of :func:`_help_language`."""

    def get_help(self, ctx: click.Context) -> str:
        lang = _help_language(ctx)
        self.help = text("help.command", lang)
        for param in self.get_params(ctx):  # the help and version options included
            if isinstance(param, click.Option):
                key = "help." + max(param.opts, key=len).lstrip("-")
                if key in _help_keys():
                    param.help = text(key, lang)
        return super().get_help(ctx)


def _help_keys() -> set[str]:
    from .i18n import table

    return {key for key in table() if key.startswith("help.")}


def _remember_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value:
        ctx.meta["eura_lint.lang"] = value
        _language["chosen"] = value
    return value


@click.command(cls=_LocalisedCommand,
               context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text",
              help="Report format written to standard output.  [default: text]")
@click.option("-o", "--output", "outputs", multiple=True, metavar="FORMAT:PATH",
              help="Also write a report in FORMAT to PATH, a regular file in an existing folder "
                   "('-': standard output, instead of --format). Repeatable, e.g. "
                   "-o junit:report.xml -o sarif:eura.sarif; all are written or none.")
@click.option("--select", multiple=True, metavar="RULES",
              help="Run only these rules: ids, id prefixes (EURA2) or names, comma-separated.")
@click.option("--ignore", multiple=True, metavar="RULES",
              help="Skip these rules: ids, id prefixes or names, comma-separated.")
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS), default=None,
              help="Lowest severity that makes the exit status 1.  [default: warning]")
@click.option("--min-severity", type=click.Choice(SEVERITIES), default=None,
              help="Lowest severity reported (findings below it are neither shown nor counted).  "
                   "[default: info]")
@click.option("--no-warnings", is_flag=True,
              help="Report errors only: the same as --min-severity error.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Configuration file (.eura-lint.yaml, *.toml or pyproject.toml). "
                   "Default: the nearest one from the working directory up.")
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@click.option("--exclude", multiple=True, metavar="PATTERNS",
              help="Paths not to search in folders (gitignore patterns, comma-separated); "
                   "replaces the default excludes (.git, virtual environments, node_modules, "
                   "build, ...).")
@click.option("--extend-exclude", multiple=True, metavar="PATTERNS",
              help="Paths not to search, in addition to the default excludes.")
@click.option("--respect-gitignore/--no-respect-gitignore", default=True,
              help="Skip what .gitignore files ignore when searching folders.  [default: respect]")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Report only findings that are not in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Record the current findings in this baseline file and exit 0.")
@click.option("--statistics", is_flag=True,
              help="Print how often each rule fired, most frequent first, instead of the findings.")
@click.option("--by", "group_by", type=click.Choice(STATISTICS_BY), default=None,
              help="With --statistics (implied): count by rule (the default), or by project, "
                   "authority, region, fund or axis: findings, projects with findings and "
                   "projects linted per group, each project once whether from a list, a "
                   "description or both.")
@click.option("--show-source", is_flag=True,
              help="Print each finding's line with a caret under its column.")
@click.option("--color", "colour", type=click.Choice(("auto", "always", "never")), default="auto",
              show_default=True,
              help="Colour the text report (auto: on a terminal, unless NO_COLOR is set; "
                   "FORCE_COLOR forces it).")
@click.option("-q", "--quiet", is_flag=True,
              help="Print the findings only: no summary, no progress bar.")
@click.option("--today", metavar="YYYY-MM-DD",
              help="Lint date for the status rules (default: today), for reproducible results.")
@click.option("--stdin-filename", metavar="PATH", default="-",
              help="Name to report for what is read from standard input ('-'); a name ending in "
                   ".csv, .tsv, .xlsx, .xlsb, .xls or .ods lints it as a project list.")
@click.option("-j", "--jobs", type=click.IntRange(min=1, max=MAX_JOBS), default=None,
              help="Worker processes (default: the machine's cores; 1 turns parallelism off).")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr (default: for long runs with text output on a terminal).")
@click.option("--lang", type=click.Choice(languages()), default=None, is_eager=True,
              callback=_remember_lang, expose_value=True,
              help="Language of messages, suggestions and the summary (default: lang: in the "
                   "configuration, else the locale: LC_ALL, LC_MESSAGES, LANG fi_* -> fi, else en). "
                   "Put it before --help to get help in that language.")
@click.option("--list-rules", is_flag=True,
              help="List the rules (those --select/--ignore leave, in --format text or json) and exit.")
@click.option("--explain", metavar="RULE",
              help="Print a rule's documentation, parameters and examples (id or name), and exit. "
                   "Also: eura-lint rule RULE.")
@click.version_option(__version__, "-V", "--version", prog_name="eura-lint")
def cli(paths, fmt, outputs, select, ignore, fail_on, min_severity, no_warnings, config_path,
        no_config, exclude, extend_exclude, respect_gitignore, baseline_path, write_baseline,
        statistics, group_by, show_source, colour, quiet, today, stdin_filename, jobs, progress, lang,
        list_rules, explain):
    """Lint EURA 2014 project descriptions and project lists (files, or folders searched for
    *.txt, *.csv, *.tsv, *.xlsx, *.xlsb, *.xls and *.ods; '-' for standard input).

    Findings are printed as path:line:col: CODE RULE [severity] message (CODE: the project's
    code, for a finding about a description or a list row), with a suggestion where there
    is one. Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage, configuration,
    input/output or internal error, 130 interrupted (Ctrl-C), 143 terminated; see docs/limits.md.

    Folders are searched for *.txt (any case), skipping the default excludes and what .gitignore
    ignores; files named explicitly are always linted. 'eura-lint rule EURA301' explains a rule.
    """
    given_lang = lang  # --lang, of this invocation (not of an earlier one in this process)
    lang = lang or from_environment()
    try:
        catalogue = load_catalogue()
    except CatalogueError as exc:
        raise click.ClickException(text("error.catalogue", lang, problem=exc)) from None
    if explain is not None:
        click.echo(explain_rule(_find_rule(explain, catalogue), lang), nl=False)
        return
    extra_outputs = [_parse_output(value, lang) for value in outputs]
    to_stdout = [out_fmt for out_fmt, path in extra_outputs if path == STDOUT]
    if len(to_stdout) > 1:
        raise click.BadParameter(text("error.one-stdout", lang), param_hint="'--output'")
    fmt = to_stdout[0] if to_stdout else fmt
    extra_outputs = [(out_fmt, path) for out_fmt, path in extra_outputs if path != STDOUT]
    targets = [os.path.realpath(path) for _, path in extra_outputs]
    if len(set(targets)) < len(targets):
        twice = next(path for (_, path), real in zip(extra_outputs, targets)
                     if targets.count(real) > 1)
        raise click.BadParameter(text("error.same-target", lang, path=twice),
                                 param_hint="'--output'")

    config = Config()
    if not no_config:
        try:
            found = config_path or discover(Path.cwd(), note=_note)
            if found is not None:
                config = load(found, catalogue)
        except ConfigError as exc:
            raise click.ClickException(text("error.configuration", lang, problem=exc)) from None
    # --lang, else the configuration's lang:, else the locale
    lang = _language["chosen"] = given_lang or config.lang or lang
    try:
        lint_date = iso_date(today, "--today") if today else config.today
    except ConfigError:
        raise click.UsageError(text("error.invalid-value", lang, param="'--today'",
                                    problem=text("error.today", lang, value=repr(today)))) from None
    if select and not _split(select):
        raise click.BadParameter(text("error.select-empty", lang), param_hint="'--select'")
    chosen = _split(select) or config.select
    skipped = [*config.ignore, *_split(ignore)]
    # (the configuration's own select and ignore were checked when it was loaded)
    unknown = [p for p in (*_split(select), *_split(ignore)) if not _matches_a_rule(p, catalogue)]
    if unknown:
        words = [*catalogue, *(rule.name for rule in catalogue.values())]
        hints = "".join(did_you_mean(p, words) for p in unknown[:1])
        raise click.UsageError(text("error.selection", lang, patterns=", ".join(unknown),
                                    hints=hints))
    if list_rules:
        if fmt not in ("text", "json"):
            raise click.BadParameter(text("error.list-format", lang), param_hint="'--format'")
        active = {rule_id: rule.in_language(lang) for rule_id, rule
                  in _active_rules(catalogue, chosen, skipped, config.rules).items()}
        click.echo(listing_json(active) if fmt == "json" else listing(active), nl=False)
        return
    if not paths:
        raise click.UsageError(text("error.no-paths", lang))
    statistics = statistics or group_by is not None
    group_by = group_by or "rule"
    if statistics and fmt not in ("text", "json"):
        raise click.BadParameter(text("error.statistics-format", lang), param_hint="'--format'")
    if no_warnings:
        min_severity = "error"
    threshold = Severity.parse(min_severity) if min_severity else None
    sarif_wanted = fmt == "sarif" or any(out_fmt == "sarif" for out_fmt, _ in extra_outputs)
    baseline_file = baseline_path or config.baseline
    known = None
    if baseline_file is not None and write_baseline is None:
        try:
            known = baseline.load(baseline_file)
        except baseline.BaselineError as exc:
            raise click.ClickException(text("error.baseline", lang, problem=exc)) from None

    linter = build_linter(
        select=chosen,
        ignore=skipped,
        overrides=config.rules,
        context=Context(**({"today": lint_date} if lint_date else {}), lang=lang,
                        max_file_size=config.max_file_size, max_table_size=config.max_table_size),
        catalogue=catalogue,
        columns=config.columns,
    )
    level = fail_on or config.fail_on or "warning"
    # the findings' source lines (and each record's facts) travel back from the workers only for
    # what shows or keys them: the HTML report, --show-source, a baseline, SARIF's fingerprints
    wants_sources = bool(show_source or known is not None or write_baseline or sarif_wanted)
    # (and every record's facts, which --statistics --by counts projects by)
    details = (RunDetails() if wants_sources or DETAILED_FORMATS & {fmt, *(f for f, _ in extra_outputs)}
               or (statistics and group_by != "rule") else None)
    linter.details = details is not None

    if click.get_current_context().obj == _OWN_PROCESS:
        relax_gc()  # this process lints, writes its reports and ends: see engine.relax_gc
    selection = FileSelection(
        exclude=_patterns(exclude) if exclude else (
            config.exclude if config.exclude is not None else DEFAULT_EXCLUDES),
        extend_exclude=[*config.extend_exclude, *_patterns(extend_exclude)],
        root=config.root or Path.cwd(),
        respect_gitignore=respect_gitignore,
    )
    found = find_files([p for p in paths if p != "-"], selection)
    files = found.files
    for missing in found.missing:
        click.echo(f"eura-lint: {text('error.missing-path', lang, path=missing)}", err=True)
    for report_path, report_format in found.reports:
        click.echo("eura-lint: " + text("note.own-report", lang, path=report_path,
                                        format=report_format), err=True)
    patterns = "/".join("*" + e for e in LINTABLE_EXTENSIONS)
    if not files and "-" not in paths:
        if not found.missing:
            searched = ", ".join(repr(p) for p in paths)
            click.echo("eura-lint: " + text("error.nothing-to-lint", lang, searched=searched,
                                            patterns=patterns), err=True)
        return 2
    for folder in found.empty:  # among other paths: an error, the others still linted
        click.echo("eura-lint: " + text("error.nothing-to-lint", lang, searched=repr(folder),
                                        patterns=patterns), err=True)
    results = []
    if "-" in paths:
        results.append(_lint_stdin(linter, stdin_filename, config.max_file_size,
                                   config.max_table_size))
    workers = jobs or config.jobs or default_jobs()
    show_progress = progress if progress is not None else (
        fmt == "text" and not quiet and sys.stderr.isatty() and len(files) >= PROGRESS_MIN_FILES)
    if show_progress and files:
        with click.progressbar(length=len(files), label=text("progress", lang),
                               file=sys.stderr) as bar:
            findings = run(linter, files, jobs=workers, progress=bar.update, extra=results,
                           details=details)
    else:
        findings = run(linter, files, jobs=workers, extra=results, details=details)
    sources = details.sources if details else {}

    if config.per_file_ignores:
        findings = PerFileIgnores(config.per_file_ignores, config.root).filter(findings)
    if threshold is not None:
        findings = [f for f in findings if f.severity >= threshold]
    status_extra = 2 if found.missing or found.empty else 0

    if write_baseline is not None:
        base = os.path.dirname(os.path.abspath(write_baseline))
        try:
            write_atomic(write_baseline, baseline.dumps(findings, sources, base))
        except OutputError as exc:
            raise click.ClickException(text("error.baseline-write", lang, problem=exc)) from None
        except OSError as exc:
            raise click.ClickException(text("error.write", lang, path=write_baseline,
                                            reason=exc.strerror or exc)) from None
        click.echo("eura-lint: " + text("baseline.written", lang, path=write_baseline,
                                        findings=count("finding", len(findings), lang)),
                   err=True)
        return status_extra

    outcome = None
    if known is not None:
        findings, outcome = baseline.apply(findings, sources, known, str(baseline_file))

    linted = ([stdin_filename] if "-" in paths else []) + files
    selection = [f"select {', '.join(chosen)}"] if chosen else []
    selection += [f"ignore {', '.join(skipped)}"] if skipped else []
    selection += [f"{rule_id} off (config)" for rule_id, override in config.rules.items()
                  if override.get("enabled") is False]
    report = Report(findings=findings, paths=linted, rules=linter.rules, version=__version__,
                    records=details.records if details else {}, sources=sources,
                    today=linter.context.today, selection=tuple(selection), created=_created(),
                    baseline=outcome, lang=lang)
    from .reporters import REPORTERS
    from .reporters import statistics as stats
    from .reporters import text as text_report

    # Every report is rendered, then all are written or none (files.write_all)
    painted = False
    rendered = [(path, _encodable(REPORTERS[out_fmt](report))) for out_fmt, path in extra_outputs]
    if statistics:
        output = (stats.render_json(report, group_by) if fmt == "json"
                  else stats.render(report, group_by))
        if fmt == "text" and not quiet:
            output += text_report.summary(report) + "\n"
    elif fmt == "text":
        painted = _use_colour(colour)
        output = text_report.render(report, show_source=show_source, colour=painted, quiet=quiet)
    else:
        output = REPORTERS[fmt](report)
    output = _encodable(output)
    try:
        write_all(rendered)
    except OutputError as exc:
        raise click.ClickException(f"cannot write reports, none written: {exc}") from None
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        raise click.ClickException(text("error.reports", lang, where=where,
                                        reason=exc.strerror or exc)) from None
    if output:
        _write_stdout(output, colour=painted)
    if outcome is not None and fmt != "text" and not quiet:
        click.echo(f"eura-lint: {text_report.baseline_summary(report)}", err=True)
    if status_extra:
        return status_extra
    if level != "never" and any(f.severity >= Severity.parse(level) for f in findings):
        sys.exit(1)


def _note(message: str) -> None:
    click.echo(f"eura-lint: {text('note', _lang(), message=message)}", err=True)


def main() -> NoReturn:
    """Run the command line and exit with its status (``SystemExit``): for callers in Python,
    whose signal handlers and garbage collector are left as they are."""
    sys.exit(_status())


_OWN_PROCESS = "eura-lint process"  # click's context object when the process is the command's


def console() -> NoReturn:
    """The ``eura-lint`` command (and ``python -m eura_lint``): as :func:`main`, but the process
    is the command's own: Ctrl-C and SIGTERM end the run by an exception, so that the worker pool
    is ended on the way out and the status and the one line on stderr are ours (click would add a
    blank line to Ctrl-C); the garbage collector is relaxed once the linter is built; and the
    process ends at once when the output is flushed (see :func:`_exit`)."""
    signal.signal(signal.SIGINT, _interrupted)
    signal.signal(signal.SIGTERM, _terminated)
    try:
        code = _status(_OWN_PROCESS)
    except SystemExit as exc:  # the command's own exit: 1 for findings
        code = exc.code
    _exit(code)


def _arguments(args: list[str]) -> list[str]:
    """``eura-lint rule EURA301`` is ``eura-lint --explain EURA301``, with any options around it;
    unless a file or folder named ``rule`` exists here, in which case the user means to lint it."""
    if "rule" not in args or os.path.lexists("rule"):
        return args
    takes_value = {name for param in cli.params if isinstance(param, click.Option)
                   and not param.is_flag and not param.count for name in param.opts}
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if (arg == "rule" and index + 1 < len(args)
                and (index == 0 or args[index - 1] not in takes_value)):
            return [*args[:index], "--explain", *args[index + 1:]]
    return args


class _Stopped(BaseException):
    """The run was stopped by a signal; a BaseException, as KeyboardInterrupt is, so that no
    ``except Exception`` on the way out takes it for an error of its own."""

    def __init__(self, status: int, word: str) -> None:
        super().__init__(status, word)
        self.status, self.word = status, word


def _interrupted(signum: int, frame: object) -> None:
    _ignore_signals()
    raise _Stopped(128 + signal.SIGINT, "interrupted")


def _terminated(signum: int, frame: object) -> None:
    _ignore_signals()
    raise _Stopped(128 + signal.SIGTERM, "terminated")


def _ignore_signals() -> None:
    """The run is ending: a second Ctrl-C (or a SIGTERM after one) must not interrupt the pool's
    shutdown or the last line."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def _status(owner: str | None = None) -> int:
    """Run the command; usage errors (from click) and anything unexpected are exit status 2, a
    signal 128 + its number."""
    _language["chosen"] = None
    try:
        # returns the status of ctx.exit() (--help, --version), else what the command returns
        status = cli.main(args=_arguments(sys.argv[1:]), prog_name="eura-lint",
                          standalone_mode=False, obj=owner)
    except _Stopped as stopped:
        click.echo(f"eura-lint: {text(f'error.{stopped.word}', _lang())}", err=True)
        return stopped.status
    except click.exceptions.Abort as exc:
        if isinstance(exc.__context__, KeyboardInterrupt):  # click's own wrapping of Ctrl-C
            click.echo(f"eura-lint: {text('error.interrupted', _lang())}", err=True)
            return 128 + signal.SIGINT
        click.echo(f"eura-lint: {text('error.aborted', _lang())}", err=True)
        return 2
    except click.ClickException as exc:
        _show(exc, _lang())
        return 2
    except CheckFailed as exc:
        click.echo(f"eura-lint: {text('error.internal', _lang(), problem=exc)}", err=True)
        return 2
    except BrokenPipeError:  # standard output closed by its reader before the report
        _drop_stdout()
        return 0
    except Exception as exc:  # a bug: say so plainly, without a traceback
        problem = f"{type(exc).__name__}: {exc}"
        click.echo(f"eura-lint: {text('error.internal', _lang(), problem=problem)}", err=True)
        return 2
    return status if isinstance(status, int) else 0


def _show(exc: click.ClickException, lang: str) -> None:
    """As click's ``exc.show()``, with its own words (Usage, Try ..., Error) in ``lang``. The
    details of click's own parse errors (an unknown option, a bad choice) stay in English."""
    if lang == "en":
        exc.show()
        return
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.UsageError) and ctx is not None:
        usage = ctx.get_usage()
        _, _, rest = usage.partition(":")
        click.echo(f"{text('error.usage', lang)}:{rest}", err=True)
        command = f"{ctx.command_path} {max(ctx.help_option_names, key=len)}"
        click.echo(text("error.try-help", lang, command=command) + "\n", err=True)
    click.echo(f"{text('error.prefix', lang)}: {exc.format_message()}", err=True)


def _exit(code: object) -> NoReturn:
    """Flush the output and end the process at once. The interpreter's own teardown would free
    every finding, table row and pandas module one object at a time (about 0.2 s after a
    10,000-document run), which the operating system does in one go; nothing is left to clean
    up: reports are written and closed, and the worker processes have been joined."""
    if code is None:
        code = 0
    elif not isinstance(code, int):  # sys.exit("message")
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None and not stream.closed:
                stream.flush()
        except (BrokenPipeError, ValueError):
            pass  # the reader has gone (``| head``): quietly, with the status the run had
        except OSError as exc:  # a full disk, say: the report is incomplete
            if stream is sys.stdout:
                _drop_stdout()
                code = 2
                try:
                    print(f"eura-lint: cannot write to standard output: {exc.strerror or exc}",
                          file=sys.stderr, flush=True)
                except OSError:
                    pass
    os._exit(code)
