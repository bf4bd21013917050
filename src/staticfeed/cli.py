"""The command line: the only module that talks to the user."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import click

from staticfeed import __version__, values
from staticfeed.check import Finding, check_publication
from staticfeed.config import Config, find_config, load_config
from staticfeed.dates import utc_offset_text
from staticfeed.errors import StaticfeedError, display_path
from staticfeed.pipeline import BuildReport, build

_PATH = click.Path(path_type=Path)


class _SiteUrl(click.ParamType[str]):
    """An absolute http(s) URL; anything else is a wrong command line (exit 2)."""

    name = "URL"

    def convert(self, value: str, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            return values.absolute_url("the site URL", value)
        except values.InvalidValue as problem:
            self.fail(f"{problem.message}. {problem.fix}", param, ctx)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="staticfeed")
def cli() -> None:
    """Turn the documents in entries/ into Atom and RSS feeds in feeds/.

    \b
    Examples:
      staticfeed build
      staticfeed build --base-url https://preview.example.org/
    """


@cli.command("build")
@click.option(
    "--entries",
    "entries_dir",
    type=_PATH,
    default=Path("entries"),
    show_default=True,
    help="Folder of documents to publish.",
)
@click.option(
    "--out",
    "out_dir",
    type=_PATH,
    default=Path("feeds"),
    show_default=True,
    help="Folder the feeds are written to.",
)
@click.option(
    "--config",
    "config_path",
    type=_PATH,
    default=None,
    help="Config file (default: staticfeed.toml, or [tool.staticfeed] in "
    "pyproject.toml, in the current folder).",
)
@click.option(
    "--base-url",
    envvar="STATICFEED_BASE_URL",
    type=_SiteUrl(),
    default=None,
    help="Use this site URL instead of the config's site_url (env STATICFEED_BASE_URL).",
)
@click.option("--drafts", is_flag=True, help="Include entries marked draft: true.")
@click.option("--future", is_flag=True, help="Include entries dated in the future.")
def build_command(
    entries_dir: Path,
    out_dir: Path,
    config_path: Path | None,
    base_url: str | None,
    drafts: bool,
    future: bool,
) -> None:
    """Write feeds/atom.xml and feeds/rss.xml from the documents in entries/.

    Files whose content would not change are left untouched. If any document has an
    error, every error is listed and no feed file changes.

    \b
    Examples:
      staticfeed build
      staticfeed build --entries posts --out public/feeds
      staticfeed build --drafts --future --out /tmp/preview
    """
    try:
        config = _config(config_path, base_url)
        report = build(
            config, entries_dir, out_dir, now=datetime.now(UTC), drafts=drafts, future=future
        )
    except StaticfeedError as error:
        raise _user_error(error) from None
    _print_report(report)


def _config(config_path: Path | None, base_url: str | None) -> Config:
    path = config_path if config_path is not None else find_config(Path.cwd())
    return load_config(path, base_url=base_url)


def _print_report(report: BuildReport) -> None:
    for warning in report.warnings:
        click.echo(f"Warning: {warning}", err=True)
    for written, feed in report.written:
        verb = "wrote" if written.changed else "unchanged"
        noun = "entry" if feed.entry_count == 1 else "entries"
        click.echo(f"{verb} {display_path(written.path)} ({feed.entry_count} {noun})")
    selection = report.selection
    if selection.drafts_left_out:
        click.echo(f"left out {selection.drafts_left_out} draft(s); --drafts includes them")
    upcoming = selection.next_due
    if upcoming is not None:
        click.echo(
            f"left out {len(selection.future_left_out)} future entry(ies); the next, "
            f"{display_path(upcoming.source)}, is due {utc_offset_text(upcoming.published)}"
            "; build again then, or pass --future"
        )


class _UserError(click.ClickException):
    """Prints `Error: ` before every line, one line per problem."""

    def format_message(self) -> str:
        return self.message.replace("\n", "\nError: ")


def _user_error(error: StaticfeedError) -> click.ClickException:
    return _UserError(str(error))


@cli.command("check")
@click.option(
    "--entries",
    "entries_dir",
    type=_PATH,
    default=Path("entries"),
    show_default=True,
    help="Folder of documents to publish.",
)
@click.option(
    "--out",
    "out_dir",
    type=_PATH,
    default=Path("feeds"),
    show_default=True,
    help="Folder of the built feeds.",
)
@click.option(
    "--config",
    "config_path",
    type=_PATH,
    default=None,
    help="Config file (default: staticfeed.toml, or [tool.staticfeed] in "
    "pyproject.toml, in the current folder).",
)
@click.option(
    "--base-url",
    envvar="STATICFEED_BASE_URL",
    type=_SiteUrl(),
    default=None,
    help="The site URL the feeds were built with, if not the config's site_url "
    "(env STATICFEED_BASE_URL).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="One line per problem, or a JSON array of {file, line, severity, rule, message, fix}.",
)
@click.option(
    "--max-size",
    type=click.IntRange(min=1),
    default=None,
    metavar="BYTES",
    help="Size budget of each feed file (default: the config's max_feed_size, or 1000000).",
)
def check_command(
    entries_dir: Path,
    out_dir: Path,
    config_path: Path | None,
    base_url: str | None,
    output_format: str,
    max_size: int | None,
) -> None:
    """Report every problem in the documents in entries/ and the feeds in feeds/.

    Lists what build would reject, feeds that differ from what build would write now, and what
    the W3C Feed Validation Service would flag in the files on disk. Exit status 1 if any
    problem is an error; warnings alone exit 0.

    \b
    Examples:
      staticfeed check
      staticfeed check --format json --max-size 500000
    """
    findings = check_publication(
        lambda: _config(config_path, base_url),
        entries_dir,
        out_dir,
        now=datetime.now(UTC),
        max_size=max_size,
    )
    if output_format == "json":
        click.echo(json.dumps([asdict(finding) for finding in findings], indent=2))
    else:
        for finding in findings:
            click.echo(_finding_line(finding))
        click.echo(_check_summary(findings))
    if any(finding.severity == "error" for finding in findings):
        raise SystemExit(1)


def _finding_line(finding: Finding) -> str:
    """`Error: <file>:<line>: <what is wrong>. <how to fix> [<rule>]`, like build's errors."""
    label = "Error" if finding.severity == "error" else "Warning"
    location = f"{finding.file}:{finding.line}" if finding.file and finding.line else finding.file
    where = f"{location}: " if location else ""
    text = f"{finding.message}. {finding.fix}" if finding.fix else f"{finding.message}."
    return f"{label}: {where}{text} [{finding.rule}]"


def _check_summary(findings: Sequence[Finding]) -> str:
    errors = sum(finding.severity == "error" for finding in findings)
    warnings = len(findings) - errors
    if not findings:
        return "ok: no problems found"
    counts = f"{_count(errors, 'error')}, {_count(warnings, 'warning')}"
    return f"failed: {counts}" if errors else f"ok: {counts}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def main() -> None:
    cli(prog_name="staticfeed")


if __name__ == "__main__":  # pragma: no cover
    main()
