"""The ``eura-lint`` command: reads the options and the configuration, builds the linter, runs it
over the files (and standard input), writes the reports and sets the exit status. What to lint and
how is decided here; how a document is linted is the engine's business.

Exit status: 0 when no finding reaches the fail level, 1 when one does, 2 for a usage,
configuration or internal error (always with a message, never a traceback), 130 when interrupted
(Ctrl-C) and 143 when terminated (SIGTERM), each with one line on stderr.

What only some commands use (the baseline, ``--explain`` and ``--list-rules``, the reporters) is
imported where it is used: every command pays for what this module imports at its start.
"""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
import re
import select
import signal
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import click

from . import __version__
from .catalogue import CatalogueError
from .config import FAIL_LEVELS, MAX_JOBS, Config, ConfigError, discover, load, iso_date
from .context import Context
from .engine import Given, RunDetails, build_linter, default_jobs, relax_gc, run
from .reporters.writing import STDOUT, OutputError, check_target, write_all, write_atomic
from .finding import Severity
from .i18n import count, from_environment, languages, text
from .ignores import PerFileIgnores
from .readers.inputs import InputError, read_limited
from .kinds import load_catalogue
from .kinds.schemas import FORMATS as SCHEMA_FORMATS
from .kinds.schemas import render as render_schema
from .errors import CheckFailed
from .report import Report
from .readers.discovery import (DEFAULT_EXCLUDES, LINTABLE_EXTENSIONS, FileSelection,
                                SelectionError, find_files, own_report)
from .selector import Selection, active_rules, find_rule, rule_words, split_patterns, unknown_patterns
from .suggest import did_you_mean
from .readers.project_list import is_table_path

FORMATS = ("text", "json", "junit", "sarif", "github", "csv", "html")
DETAILED_FORMATS = {"html"}  # reports that show source lines and per-record facts
# --statistics --by: reporters.statistics.BY, named here so that reading the options imports no
# reporter (a test holds the two equal)
STATISTICS_BY = ("rule", "project", "authority", "region", "fund", "axis")
PROGRESS_MIN_FILES = 200
SEVERITIES = ("error", "warning", "info")


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


def _read_stdin(name: str, file_limit: int, table_limit: int) -> Given:
    """What is on standard input, to be linted as the file ``name`` would be: a project list
    when the name ends in a table extension (.csv, .xlsx, ...), else a description; read up to
    the limit of its kind."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None or stream.closed:
        raise click.UsageError(text("error.stdin-closed", _lang()))
    try:
        return Given(name, read_limited(stream, table_limit if is_table_path(name) else file_limit))
    except InputError as exc:
        return Given(name, unreadable=str(exc))
    except OSError as exc:
        raise click.ClickException(text("error.stdin-unreadable", _lang(),
                                        reason=exc.strerror or exc)) from None


def _write_stdout(output: str, colour: bool = False) -> None:
    """The report on standard output, flushed here so that a failed write (a full disk) is an
    error with a message, not a report cut short. A reader that stopped reading (``| head``)
    is no error: the rest is dropped quietly (see docs/limits.md). A standard output that was
    closed before the start (``>&-``, which Python gives as ``sys.stdout = None``) is the same
    error as a failed write."""
    if sys.stdout is None:
        raise click.ClickException(
            text("error.stdout", _lang(), reason=os.strerror(errno.EBADF)))
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, ValueError, io.UnsupportedOperation):  # a stream in memory
        fd = None
    try:
        if fd is None:
            # click strips colour codes from what is not a terminal; here they were asked for
            click.echo(output, nl=not output.endswith("\n"), color=colour or None)
            sys.stdout.flush()
            return
        sys.stdout.flush()
        if not output.endswith("\n"):
            output += "\n"
        if not colour and "\x1b[" in output:
            output = click.unstyle(output)
        encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
        _write_all(fd, output.encode(encoding, getattr(sys.stdout, "errors", None) or "strict"))
    except BrokenPipeError:
        _drop_stdout()
    except OSError as exc:
        _drop_stdout()
        raise click.ClickException(
            text("error.stdout", _lang(), reason=exc.strerror or exc)) from None


def _write_all(fd: int, data: bytes) -> None:
    """Every byte of ``data`` to ``fd``: a write that takes fewer bytes than it was given (the
    last space of a disk, a file size limit) is followed by another, which then fails with the
    reason (Python's buffered streams drop the rest of a short write without a word)."""
    view = memoryview(data)
    while view:
        try:
            written = os.write(fd, view)
        except BlockingIOError:  # a non-blocking pipe that is full: wait until it drains
            select.select([], [fd], [])
            continue
        view = view[written:]


def _drop_stdout() -> None:
    """Point standard output at the null device, so that what is still buffered cannot fail
    again when the process ends."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (AttributeError, OSError, ValueError):  # (AttributeError: no stdout at all)
        pass


def _encodable(text: str) -> str:
    """A file name that is not valid UTF-8 reaches the reports as lone surrogates, which no UTF-8
    output can hold: write them as ``\\udcff`` escapes (valid inside JSON strings too)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def _find_rule(word: str, catalogue):
    rule = find_rule(word, catalogue)
    if rule is None:
        raise click.UsageError(text("error.unknown-rule", _lang(), word=repr(word),
                                    hint=did_you_mean(word, rule_words(catalogue))))
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
    return _is_terminal(sys.stdout)


def _is_terminal(stream) -> bool:
    """Whether ``stream`` is a terminal; a stream closed before the start (``>&-``: Python's
    ``sys.stdout`` is then None) or one in memory is not."""
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):
        return False


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


class _Commands(click.Group):
    """``eura-lint``: the subcommands, and ``check`` (linting) when the first word that is not an
    option names none of them, so that ``eura-lint PATHS...`` lints. A subcommand is chosen by
    the first word that is not an option or an option's value (``eura-lint --lang fi rule
    EURA301`` explains a rule); any later word is a path (``eura-lint a.txt rule EURA301`` lints
    three paths, and says that two are missing). A file or folder here named like a subcommand is
    linted instead. To add a subcommand: ``@cli.command("name", cls=LocalisedCommand)``."""

    default_command = "check"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, self._route(args))

    def _route(self, args: list[str]) -> list[str]:
        takes_value = {name for param in self.commands[self.default_command].params
                       if isinstance(param, click.Option) and not param.is_flag
                       and not param.count for name in param.opts}
        for index, arg in enumerate(args):
            if arg == "--":
                break
            if arg.startswith("-") and arg != "-":
                continue
            if index > 0 and args[index - 1] in takes_value:
                continue
            if arg in self.commands and not os.path.lexists(arg):
                return [arg, *args[:index], *args[index + 1:]]
            break
        return [self.default_command, *args]

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _write_commands(self, _help_language(ctx), formatter)


def _write_commands(group: click.Group, lang: str, formatter: click.HelpFormatter) -> None:
    rows = [(name, text(f"help.command.{name}", lang) if f"help.command.{name}" in _help_keys()
             else command.get_short_help_str()) for name, command in group.commands.items()]
    with formatter.section(text("help.section.commands", lang)):
        formatter.write_dl(rows)


# The sections of --help, in order (as ``ruff check --help`` groups its options): each option by
# its parameter name; an option named in none goes to the last.
HELP_SECTIONS = (
    ("rules", ("select", "ignore", "list_rules", "explain")),
    ("files", ("exclude", "extend_exclude", "respect_gitignore", "stdin_filename")),
    ("output", ("fmt", "outputs", "min_severity", "no_warnings", "fail_on", "statistics",
                "group_by", "show_source", "colour", "quiet", "progress")),
    ("baseline", ("baseline_path", "write_baseline")),
    ("language", ("lang",)),
    ("other", ()),
)


class LocalisedCommand(click.Command):
    """A command whose help text and option help come from the message table (``help.<long
    option name>``; the command's own ``help.<command>``), in the language of
    :func:`_help_language`, its options in the sections of :data:`HELP_SECTIONS`."""

    def get_help(self, ctx: click.Context) -> str:
        lang = _help_language(ctx)
        key = "help." + ("command" if self.name == _Commands.default_command else self.name)
        if key in _help_keys():
            self.help = text(key, lang)
        for param in self.get_params(ctx):  # the help and version options included
            if isinstance(param, click.Option):
                option = max(param.opts, key=len).lstrip("-")
                # the command's own text for an option first (``help.schema.format``): the
                # same option name means another thing in another command
                for key in (f"help.{self.name}.{option}", f"help.{option}"):
                    if key in _help_keys():
                        param.help = text(key, lang)
                        break
        return super().get_help(ctx)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # ``eura-lint [OPTIONS] [PATHS]...``: the default command needs no name
        name = ctx.command_path
        if self.name == _Commands.default_command and ctx.parent is not None:
            name = ctx.parent.command_path
        formatter.write_usage(name, " ".join(self.collect_usage_pieces(ctx)))

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        lang = _help_language(ctx)
        section_of = {name: section for section, names in HELP_SECTIONS for name in names}
        rows: dict[str, list[tuple[str, str]]] = {section: [] for section, _ in HELP_SECTIONS}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx) if isinstance(param, click.Option) else None
            if record is not None:
                rows[section_of.get(param.name or "", "other")].append(record)
        for section, records in rows.items():
            if records:
                with formatter.section(text(f"help.section.{section}", lang)):
                    formatter.write_dl(records)
        if self.name == _Commands.default_command and isinstance(ctx.parent, click.Context) \
                and isinstance(ctx.parent.command, click.Group):
            _write_commands(ctx.parent.command, lang, formatter)


def _help_keys() -> set[str]:
    from .i18n import table

    return {key for key in table() if key.startswith("help.")}


def _remember_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value:
        ctx.meta["eura_lint.lang"] = value
        _language["chosen"] = value
    return value


_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=_Commands, context_settings=_SETTINGS, invoke_without_command=False)
def cli() -> None:
    """The ``eura-lint`` command: ``check`` (the default) and the other subcommands."""


_lang_option = click.option(
    "--lang", type=click.Choice(languages()), default=None, is_eager=True,
    callback=_remember_lang, expose_value=True,
    help="Language of messages, suggestions and the summary (default: lang: in the "
         "configuration, else the locale: LC_ALL, LC_MESSAGES, LANG fi_* -> fi, else en). "
         "Put it before --help to get help in that language.")
_config_option = click.option(
    "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
    help="Configuration file (.eura-lint.yaml, *.toml or pyproject.toml). "
         "Default: the nearest one from the working directory up.")
_no_config_option = click.option("--no-config", is_flag=True, help="Ignore configuration files.")


@cli.command("check", cls=LocalisedCommand)
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
@_config_option
@_no_config_option
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
@_lang_option
@click.option("--list-rules", is_flag=True,
              help="List the rules (those --select/--ignore leave, in --format text or json) and exit.")
@click.option("--explain", metavar="RULE",
              help="Print a rule's documentation, parameters and examples (id or name), and exit. "
                   "Also: eura-lint rule RULE.")
@click.version_option(__version__, "-V", "--version", prog_name="eura-lint")
def check(**options: object) -> int | None:
    """Lint EURA 2014 project descriptions and project lists."""
    return _check(Options(**options))


@dataclass(frozen=True)
class Options:
    """The options of ``eura-lint check``, as click read them."""

    paths: tuple[str, ...]
    fmt: str
    outputs: tuple[str, ...]
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    fail_on: str | None
    min_severity: str | None
    no_warnings: bool
    config_path: Path | None
    no_config: bool
    exclude: tuple[str, ...]
    extend_exclude: tuple[str, ...]
    respect_gitignore: bool
    baseline_path: Path | None
    write_baseline: Path | None
    statistics: bool
    group_by: str | None
    show_source: bool
    colour: str
    quiet: bool
    today: str | None
    stdin_filename: str
    jobs: int | None
    progress: bool | None
    lang: str | None
    list_rules: bool
    explain: str | None


@cli.command("rule", cls=LocalisedCommand)
@click.argument("rule")
@_lang_option
@_config_option
@_no_config_option
def rule_command(rule: str, lang: str | None, config_path: Path | None, no_config: bool) -> None:
    """Print a rule's documentation, parameters and examples (RULE: its id or name)."""
    lang = lang or (None if no_config else _configured_language(config_path)) or from_environment()
    _language["chosen"] = lang
    from .explain import explain as explain_rule

    _write_stdout(explain_rule(_find_rule(rule, _catalogue(lang)), lang))


@cli.command("schema", cls=LocalisedCommand)
@click.option("-f", "--format", "fmt", type=click.Choice(sorted(SCHEMA_FORMATS)), required=True,
              help="pandera: a pandera DataFrameSchema, as YAML; frictionless: a Frictionless "
                   "Table Schema (schema.json).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the schema to this file (atomically) instead of standard output.")
@_lang_option
@_config_option
@_no_config_option
def schema_command(fmt: str, output: Path | None, lang: str | None, config_path: Path | None,
                   no_config: bool) -> None:
    """Write the project list's column rules as a pandera or a Frictionless schema."""
    lang = lang or (None if no_config else _configured_language(config_path)) or from_environment()
    _language["chosen"] = lang
    catalogue = _catalogue(lang)
    config = _configuration(config_path, no_config, catalogue, lang)
    # the rules as the configuration leaves them: a rule switched off says nothing in the
    # schema, a changed parameter (EURA402's dates) is the schema's
    rules = active_rules(catalogue, Selection.of(config.select, config.ignore), config.rules)
    schema = render_schema(fmt, rules)
    if output is None:
        _write_stdout(schema)
        return
    try:
        write_atomic(output, schema)
    except OutputError as exc:  # (it names the path)
        raise click.ClickException(text("error.schema-write", lang, problem=exc)) from None
    except OSError as exc:
        raise click.ClickException(text("error.write", lang, path=output,
                                        reason=exc.strerror or exc)) from None


def _catalogue(lang: str):
    try:
        return load_catalogue()
    except CatalogueError as exc:
        raise click.ClickException(text("error.catalogue", lang, problem=exc)) from None


def _check(options: Options) -> int | None:
    """``eura-lint check``: the options and the configuration read, the files linted, the
    reports written; the exit status returned (1 for findings by ``sys.exit``)."""
    lang = options.lang or from_environment()
    catalogue = _catalogue(lang)
    if options.explain is not None:
        from .explain import explain as explain_rule

        _write_stdout(explain_rule(_find_rule(options.explain, catalogue), lang))
        return None
    fmt, extra_outputs = _outputs(options, lang)
    config = _configuration(options.config_path, options.no_config, catalogue, lang)
    # --lang, else the configuration's lang:, else the locale
    lang = _language["chosen"] = options.lang or config.lang or lang
    lint_date = _lint_date(options, config, lang)
    chosen, skipped = _rule_selection(options, config, catalogue, lang)
    if options.list_rules:
        _list_rules(catalogue, chosen, skipped, config, fmt, lang)
        return None
    if not options.paths:
        raise click.UsageError(text("error.no-paths", lang))
    statistics = options.statistics or options.group_by is not None
    if statistics and fmt not in ("text", "json"):
        raise click.BadParameter(text("error.statistics-format", lang), param_hint="'--format'")
    min_severity = "error" if options.no_warnings else options.min_severity
    threshold = Severity.parse(min_severity) if min_severity else None
    baseline_file = options.baseline_path or config.baseline
    known = _known_findings(options, baseline_file, lang)

    linter = build_linter(
        select=chosen,
        ignore=skipped,
        overrides=config.rules,
        context=Context(**({"today": lint_date} if lint_date else {}), lang=lang,
                        max_file_size=config.max_file_size, max_table_size=config.max_table_size,
                        workbook=config.workbook),
        catalogue=catalogue,
        columns=config.columns,
    )
    # the findings' source lines (and each record's facts) travel back from the workers only for
    # what shows or keys them: the HTML report, --show-source, a baseline, SARIF's fingerprints
    formats = {fmt, *(out_fmt for out_fmt, _ in extra_outputs)}
    wants_sources = bool(options.show_source or known is not None or options.write_baseline
                         or "sarif" in formats)
    # (and every record's facts, which --statistics --by counts projects by)
    by_project = statistics and (options.group_by or "rule") != "rule"
    details = RunDetails() if wants_sources or DETAILED_FORMATS & formats or by_project else None
    if click.get_current_context().obj == _OWN_PROCESS:
        relax_gc()  # this process lints, writes its reports and ends: see engine.relax_gc

    found = _find_files(options, config, lang)
    if found.files or "-" in options.paths:
        try:
            _refuse_linted_targets(extra_outputs, options.write_baseline, found.files, lang,
                                   found.unsure)
        except click.ClickException:
            # said after what the search found, as when the search read every file itself
            _tell_found(found.with_reports(
                [(path, kind) for path in found.files if path in found.unsure
                 for kind in [own_report(path)] if kind is not None]), options, lang)
            raise
        reports: list[tuple[str, str]] = []
        findings = _lint(linter, found.files, options, config, fmt, details, lang, found.unsure,
                         reports)
        found = found.with_reports(reports)
    _tell_found(found, options, lang)
    if not found.files and "-" not in options.paths:
        return 2
    sources = details.sources if details else {}
    if config.per_file_ignores:
        findings = PerFileIgnores(config.per_file_ignores, config.root).filter(findings)
    if threshold is not None:
        findings = [f for f in findings if f.severity >= threshold]
    status_extra = 2 if found.missing or found.empty else 0
    if options.write_baseline is not None:
        _write_baseline(options.write_baseline, findings, sources, lang)
        return status_extra

    outcome = None
    if known is not None:
        from . import baseline

        findings, outcome = baseline.apply(findings, sources, known, str(baseline_file))
    linted = ([options.stdin_filename] if "-" in options.paths else []) + found.files
    selection = [f"select {', '.join(chosen)}"] if chosen else []
    selection += [f"ignore {', '.join(skipped)}"] if skipped else []
    selection += [f"{rule_id} off (config)" for rule_id, override in config.rules.items()
                  if override.get("enabled") is False]
    report = Report(findings=findings, paths=linted, rules=linter.rules, version=__version__,
                    records=details.records if details else {}, sources=sources,
                    today=linter.context.today, selection=tuple(selection), created=_created(),
                    baseline=outcome, lang=lang)
    _write_reports(report, options, fmt, extra_outputs, statistics, lang)
    if status_extra:
        return status_extra
    level = options.fail_on or config.fail_on or "warning"
    if level != "never" and any(f.severity >= Severity.parse(level) for f in findings):
        sys.exit(1)
    return None


def _outputs(options: Options, lang: str) -> tuple[str, list[tuple[str, str]]]:
    """The format written to standard output, and the reports written to files (-o)."""
    extra_outputs = [_parse_output(value, lang) for value in options.outputs]
    to_stdout = [out_fmt for out_fmt, path in extra_outputs if path == STDOUT]
    if len(to_stdout) > 1:
        raise click.BadParameter(text("error.one-stdout", lang), param_hint="'--output'")
    fmt = to_stdout[0] if to_stdout else options.fmt
    extra_outputs = [(out_fmt, path) for out_fmt, path in extra_outputs if path != STDOUT]
    targets = [os.path.realpath(path) for _, path in extra_outputs]
    if len(set(targets)) < len(targets):
        twice = next(path for (_, path), real in zip(extra_outputs, targets)
                     if targets.count(real) > 1)
        raise click.BadParameter(text("error.same-target", lang, path=twice),
                                 param_hint="'--output'")
    return fmt, extra_outputs


def _refuse_linted_targets(extra_outputs: list[tuple[str, str]], baseline_path: Path | None,
                           files: list[str], lang: str, unsure=frozenset()) -> None:
    """A report or a baseline written over a file of this run would replace the input with the
    findings on it: refused before any file is linted. Compared as files (device and inode, as
    os.path.samefile does: another spelling, a symbolic link or a hard link is the same file);
    a target that does not exist yet cannot be one, nor one of this linter's reports found in a
    folder (``unsure``: told apart here, for these few, before the run reads them)."""
    targets = [path for _, path in extra_outputs]
    if baseline_path is not None:
        targets.append(os.fspath(baseline_path))
    identities = {}
    for path in targets:
        try:
            info = os.stat(path)
        except OSError:
            continue
        identities.setdefault((info.st_dev, info.st_ino), path)
    if not identities:
        return
    for linted in files:
        try:
            info = os.stat(linted)
        except OSError:
            continue
        target = identities.get((info.st_dev, info.st_ino))
        if target is not None and not (linted in unsure and own_report(linted) is not None):
            raise click.ClickException(text("error.replaces-input", lang, path=target))


def _configuration(config_path: Path | None, no_config: bool, catalogue, lang: str) -> Config:
    if no_config:
        return Config()
    try:
        found = config_path or discover(Path.cwd(), note=_note)
        return load(found, catalogue) if found is not None else Config()
    except ConfigError as exc:
        raise click.ClickException(text("error.configuration", lang, problem=exc)) from None


def _lint_date(options: Options, config: Config, lang: str) -> dt.date | None:
    try:
        return iso_date(options.today, "--today") if options.today else config.today
    except ConfigError:
        raise click.UsageError(text("error.invalid-value", lang, param="'--today'", problem=text(
            "error.today", lang, value=repr(options.today)))) from None


def _rule_selection(options: Options, config: Config, catalogue, lang: str
                    ) -> tuple[list[str], list[str]]:
    """The patterns of the rules chosen and skipped: the options', else the configuration's
    (whose own were checked when it was loaded)."""
    if options.select and not split_patterns(options.select):
        raise click.BadParameter(text("error.select-empty", lang), param_hint="'--select'")
    chosen = split_patterns(options.select) or config.select
    skipped = [*config.ignore, *split_patterns(options.ignore)]
    unknown = unknown_patterns([*split_patterns(options.select), *split_patterns(options.ignore)],
                               catalogue)
    if unknown:
        hints = "".join(did_you_mean(p, rule_words(catalogue)) for p in unknown[:1])
        raise click.UsageError(text("error.selection", lang, patterns=", ".join(unknown),
                                    hints=hints))
    return chosen, skipped


def _list_rules(catalogue, chosen: list[str], skipped: list[str], config: Config, fmt: str,
                lang: str) -> None:
    if fmt not in ("text", "json"):
        raise click.BadParameter(text("error.list-format", lang), param_hint="'--format'")
    from .explain import listing, listing_json

    active = {rule_id: rule.in_language(lang) for rule_id, rule
              in active_rules(catalogue, Selection.of(chosen, skipped), config.rules).items()}
    _write_stdout(listing_json(active) if fmt == "json" else listing(active))


def _known_findings(options: Options, baseline_file: Path | None, lang: str):
    """The baseline's entries, when one is to be applied (not when one is being written)."""
    if baseline_file is None or options.write_baseline is not None:
        return None
    from . import baseline

    try:
        return baseline.load(baseline_file)
    except baseline.BaselineError as exc:
        raise click.ClickException(text("error.baseline", lang, problem=exc)) from None


def _find_files(options: Options, config: Config, lang: str):
    """The files to lint (folders searched; the descriptions found there are told from this
    linter's reports as they are linted); each missing path said on stderr."""
    try:
        selection = FileSelection(
            exclude=split_patterns(options.exclude) if options.exclude else (
                config.exclude if config.exclude is not None else DEFAULT_EXCLUDES),
            extend_exclude=[*config.extend_exclude, *split_patterns(options.extend_exclude)],
            root=config.root or Path.cwd(),
            respect_gitignore=options.respect_gitignore,
        )
        found = find_files([p for p in options.paths if p != "-"], selection, later=True)
    except SelectionError as exc:
        raise click.ClickException(str(exc)) from None
    for missing in found.missing:
        click.echo(f"eura-lint: {text('error.missing-path', lang, path=missing)}", err=True)
    return found


def _tell_found(found, options: Options, lang: str) -> None:
    """This linter's reports found in folders, and a search that found nothing to lint, said on
    stderr."""
    for report_path, report_format in found.reports:
        click.echo("eura-lint: " + text("note.own-report", lang, path=report_path,
                                        format=report_format), err=True)
    patterns = "/".join("*" + e for e in LINTABLE_EXTENSIONS)
    if not found.files and "-" not in options.paths:
        if not found.missing:
            searched = ", ".join(repr(p) for p in options.paths)
            click.echo("eura-lint: " + text("error.nothing-to-lint", lang, searched=searched,
                                            patterns=patterns), err=True)
        return
    for folder in found.empty:  # among other paths: an error, the others still linted
        click.echo("eura-lint: " + text("error.nothing-to-lint", lang, searched=repr(folder),
                                        patterns=patterns), err=True)


def _lint(linter, files: list[str], options: Options, config: Config, fmt: str,
          details: RunDetails | None, lang: str, unsure=frozenset(),
          reports: list[tuple[str, str]] | None = None):
    given = ([_read_stdin(options.stdin_filename, config.max_file_size, config.max_table_size)]
             if "-" in options.paths else [])
    workers = options.jobs or config.jobs or default_jobs()
    show_progress = options.progress if options.progress is not None else (
        fmt == "text" and not options.quiet and _is_terminal(sys.stderr)
        and len(files) >= PROGRESS_MIN_FILES)
    if show_progress and files:
        with click.progressbar(length=len(files), label=text("progress", lang),
                               file=sys.stderr) as bar:
            return run(linter, files, jobs=workers, progress=bar.update, given=given,
                       details=details, unsure=unsure, reports=reports)
    return run(linter, files, jobs=workers, given=given, details=details, unsure=unsure,
               reports=reports)


def _write_baseline(path: Path, findings, sources, lang: str) -> None:
    from . import baseline

    base = os.path.dirname(os.path.abspath(path))
    try:
        write_atomic(path, baseline.dumps(findings, sources, base))
    except OutputError as exc:
        raise click.ClickException(text("error.baseline-write", lang, problem=exc)) from None
    except OSError as exc:
        raise click.ClickException(text("error.write", lang, path=path,
                                        reason=exc.strerror or exc)) from None
    click.echo("eura-lint: " + text("baseline.written", lang, path=path,
                                    findings=count("finding", len(findings), lang)), err=True)


def _write_reports(report: Report, options: Options, fmt: str,
                   extra_outputs: list[tuple[str, str]], statistics: bool, lang: str) -> None:
    """Every report rendered, then all written to their files or none
    (:func:`reporters.writing.write_all`), then the one for standard output."""
    from .reporters import REPORTERS
    from .reporters import statistics as stats
    from .reporters import text as text_report

    painted = False
    rendered = [(path, _encodable(REPORTERS[out_fmt](report))) for out_fmt, path in extra_outputs]
    if statistics:
        group_by = options.group_by or "rule"
        output = (stats.render_json(report, group_by) if fmt == "json"
                  else stats.render(report, group_by))
        if fmt == "text" and not options.quiet:
            output += text_report.summary(report) + "\n"
    elif fmt == "text":
        painted = _use_colour(options.colour)
        output = text_report.render(report, show_source=options.show_source, colour=painted,
                                    quiet=options.quiet)
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
    if report.baseline is not None and fmt != "text" and not options.quiet:
        click.echo(f"eura-lint: {text_report.baseline_summary(report)}", err=True)


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
    shutdown or the last line. Later signals go to a handler that does nothing rather than to
    SIG_IGN: one that arrived before the first handler ran (the process busy in native code, an
    import of pandas, say) is still pending, and Python reports a pending signal whose handler
    is now SIG_IGN on stderr, with a traceback ("Signal 15 ignored due to race condition")."""
    signal.signal(signal.SIGINT, _already_stopping)
    signal.signal(signal.SIGTERM, _already_stopping)


def _already_stopping(signum: int, frame: object) -> None:
    """A signal after the first: the run is already ending, with the first one's status."""


def _status(owner: str | None = None) -> int:
    """Run the command; usage errors (from click) and anything unexpected are exit status 2, a
    signal 128 + its number."""
    _language["chosen"] = None
    try:
        # returns the status of ctx.exit() (--help, --version), else what the command returns
        status = cli.main(args=sys.argv[1:], prog_name="eura-lint",
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
    """An error as one line, ``eura-lint: ...``, as every other error of the command; a usage
    error says where the help is. The details of click's own parse errors (an unknown option, a
    bad choice) stay in English."""
    # one line even where click's message has several (a missing choice lists the choices
    # one a line)
    message = re.sub(r"\s*\n\s*", " ", exc.format_message().strip())
    line = f"eura-lint: {message}"
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.UsageError) and ctx is not None:
        command = f"{ctx.command_path} {max(ctx.help_option_names, key=len)}"
        if ctx.command.name == _Commands.default_command and ctx.parent is not None:
            command = f"{ctx.parent.command_path} {max(ctx.help_option_names, key=len)}"
        line += f" ({text('error.try-help', lang, command=command)})"
    click.echo(line, err=True)


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
