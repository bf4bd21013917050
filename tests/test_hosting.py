"""The `_headers` file for Netlify and Cloudflare Pages, the GitHub Pages workflow, and the
nginx configuration the README gives."""

from __future__ import annotations

import os
import random
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit
from zoneinfo import ZoneInfo

import pytest
import yaml
from click.testing import CliRunner
from lxml import etree

from staticfeed.cli import cli
from staticfeed.config import Config
from staticfeed.hosting import HostedFile, headers_file, pages_folder
from staticfeed.stamp import CACHE_FOLDER
from tests.conftest import BASIC_CONFIG, need

REPO = Path(__file__).resolve().parent.parent
WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
README = REPO / "README.md"

SHORT = "public, max-age=300"
LONG = "public, max-age=31536000, immutable"
ATOM = "application/atom+xml; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
JSON = "application/feed+json; charset=utf-8"
UKRAINE = "україна"
ATOM_NS = "http://www.w3.org/2005/Atom"

# A publication with two archives: archive 1 is full (final), archive 2 still grows.
FILES = [
    HostedFile("atom.xml"),
    HostedFile("rss.xml"),
    HostedFile("feed.json"),
    HostedFile("tags/ukraine.atom.xml"),
    HostedFile("tags/ukraine.rss.xml"),
    HostedFile("tags/ukraine.json"),
    HostedFile(f"tags/{UKRAINE}.atom.xml"),
    HostedFile("tags/atom.rss.xml"),  # a tag called "atom": RSS all the same
    HostedFile("authors/ann-lee.json"),
    HostedFile("archive/1.atom.xml", final=True),
    HostedFile("archive/1.rss.xml", final=True),
    HostedFile("archive/1.json", final=True),
    HostedFile("archive/2.atom.xml"),
    HostedFile("archive/2.rss.xml"),
    HostedFile("archive/2.json"),
    HostedFile("index.html"),
    HostedFile("2025/x/index.html"),
]
EXPECTED_TYPES = {
    "atom.xml": ATOM,
    "rss.xml": RSS,
    "feed.json": JSON,
    "tags/ukraine.atom.xml": ATOM,
    "tags/ukraine.rss.xml": RSS,
    "tags/ukraine.json": JSON,
    f"tags/{UKRAINE}.atom.xml": ATOM,
    "tags/atom.rss.xml": RSS,
    "authors/ann-lee.json": JSON,
    "archive/1.atom.xml": ATOM,
    "archive/1.rss.xml": RSS,
    "archive/1.json": JSON,
    "archive/2.atom.xml": ATOM,
    "archive/2.rss.xml": RSS,
    "archive/2.json": JSON,
}
PAGES = {"index.html": "", "2025/x/index.html": "2025/x/"}
FEED_URLS = {
    "https://example.org/blog/feeds/": "/blog/feeds/",
    "https://feeds.example.org/": "/",
}


def config(feed_url: str = "https://example.org/blog/feeds/") -> Config:
    return Config(
        path=Path("staticfeed.toml"),
        title="Test feed",
        site_url="https://example.org/blog/",
        feed_url=feed_url,
        timezone=ZoneInfo("UTC"),
    )


def parse_headers(text: str) -> list[tuple[str, dict[str, str]]]:
    """A `_headers` file as (path, headers) rules in file order, per Netlify's syntax: a path
    line starts with "/", the header lines under it are indented `Name: value`."""
    rules: list[tuple[str, dict[str, str]]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("/"):
            assert line == line.strip(), f"line {number}: spaces around a path"
            rules.append((line, {}))
            continue
        assert line.startswith((" ", "\t")), f"line {number}: a header line must be indented"
        assert rules, f"line {number}: a header before any path"
        name, separator, value = line.strip().partition(":")
        assert separator and name and value.strip(), f"line {number}: not `Name: value`"
        headers = rules[-1][1]
        assert name not in headers, f"line {number}: {name} twice in one rule"
        headers[name] = value.strip()
    return rules


def rules_of(feed_url: str, files: list[HostedFile] = FILES) -> dict[str, dict[str, str]]:
    rules = parse_headers(headers_file(config(feed_url), files).decode("utf-8"))
    paths = [path for path, _ in rules]
    assert len(set(paths)) == len(paths), "a path has two rules"
    return dict(rules)


def netlify_matches(rule: str, path: str) -> bool:
    """Netlify's matching of a `_headers` path to a request path (its headers-parser
    `getForRegExp`): `*` matches anything, `:name` one segment, a final "/" is optional, and
    letter case does not count."""

    def part(segment: str) -> str:
        if segment.startswith(":"):
            return "([^/]+)"
        if segment == "*":
            return "?(.*)"
        return ".*".join(re.escape(piece) for piece in segment.split("*"))

    pattern = "/".join(part(segment) for segment in rule.split("/") if segment)
    return re.fullmatch(f"/{pattern}/?", path, re.IGNORECASE) is not None


@pytest.mark.parametrize(("feed_url", "prefix"), FEED_URLS.items())
def test_every_feed_has_its_media_type_and_cache_lifetime(feed_url: str, prefix: str) -> None:
    rules = rules_of(feed_url)
    for name, media in EXPECTED_TYPES.items():
        headers = rules[prefix + quote(name)]
        assert headers["Content-Type"] == media, name
        final = name.startswith("archive/1.")
        assert headers["Cache-Control"] == (LONG if final else SHORT), name
        assert set(headers) == {"Content-Type", "Cache-Control"}, name


def test_only_full_archives_are_immutable() -> None:
    rules = rules_of("https://example.org/blog/feeds/")
    immutable = {path for path, headers in rules.items() if "immutable" in headers["Cache-Control"]}
    assert immutable == {
        "/blog/feeds/archive/1.atom.xml",
        "/blog/feeds/archive/1.rss.xml",
        "/blog/feeds/archive/1.json",
    }
    for newest in ("archive/2.atom.xml", "archive/2.rss.xml", "archive/2.json", "atom.xml"):
        assert rules["/blog/feeds/" + newest]["Cache-Control"] == SHORT


@pytest.mark.parametrize(("feed_url", "prefix"), FEED_URLS.items())
def test_pages_get_the_short_lifetime_at_their_folder_url(feed_url: str, prefix: str) -> None:
    rules = rules_of(feed_url)
    for folder in PAGES.values():
        assert rules[prefix + folder] == {"Cache-Control": SHORT}  # hosts send text/html
    assert not any(path.endswith("index.html") for path in rules)


@pytest.mark.parametrize(("feed_url", "prefix"), FEED_URLS.items())
def test_paths_are_under_the_feed_url_path(feed_url: str, prefix: str) -> None:
    rules = rules_of(feed_url)
    names = {*EXPECTED_TYPES, *PAGES.values()}
    assert set(rules) == {prefix + quote(name) for name in names}
    assert all(path.startswith(prefix) for path in rules)


def test_non_ascii_names_are_percent_encoded() -> None:
    data = headers_file(config(), FILES)
    assert data.isascii()
    encoded = "/blog/feeds/tags/%D1%83%D0%BA%D1%80%D0%B0%D1%97%D0%BD%D0%B0.atom.xml"
    rules = rules_of("https://example.org/blog/feeds/")
    assert rules[encoded]["Content-Type"] == ATOM
    assert unquote(encoded) == f"/blog/feeds/tags/{UKRAINE}.atom.xml"


def test_feed_url_path_is_percent_encoded_too() -> None:
    rules = rules_of("https://example.org/café/", [HostedFile("atom.xml")])
    assert list(rules) == ["/caf%C3%A9/atom.xml"]


def test_output_is_deterministic_sorted_and_marked_as_generated() -> None:
    shuffled = FILES.copy()
    random.Random(5005).shuffle(shuffled)
    data = headers_file(config(), FILES)
    assert headers_file(config(), shuffled) == data
    text = data.decode("utf-8")
    assert text.endswith("\n") and not text.endswith("\n\n")
    first = text.split("\n", 1)[0]
    assert first.startswith("#") and "staticfeed" in first
    paths = [path for path, _ in parse_headers(text)]
    assert paths == sorted(paths)


@pytest.mark.parametrize(("feed_url", "prefix"), FEED_URLS.items())
def test_every_request_matches_exactly_one_rule(feed_url: str, prefix: str) -> None:
    """No wildcard: Cloudflare Pages would join the Cache-Control of two matching rules."""
    rules = rules_of(feed_url)
    assert not any("*" in path or "/:" in path for path in rules)
    requests = [prefix + quote(name) for name in EXPECTED_TYPES]
    requests += [prefix + folder for folder in PAGES.values()]
    for request in requests:
        matching = [rule for rule in rules if netlify_matches(rule, request)]
        assert matching == [request]


def test_no_files_gives_only_the_comment() -> None:
    text = headers_file(config(), []).decode("utf-8")
    assert parse_headers(text) == []
    assert text.startswith("#") and text.endswith("\n")


@pytest.mark.parametrize(
    "name",
    [
        *("", "/atom.xml", "../atom.xml", "tags//x.atom.xml", "./atom.xml", "a\nb.xml"),
        *("tags\\x.atom.xml", "a\x1fb.xml", "a\x7fb.xml"),  # Windows separator; controls
    ],
)
def test_a_name_outside_the_folder_is_refused(name: str) -> None:
    with pytest.raises(ValueError, match="relative POSIX path"):
        headers_file(config(), [HostedFile(name)])


def test_a_file_listed_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="twice"):
        headers_file(config(), [HostedFile("atom.xml"), HostedFile("atom.xml", final=True)])


@pytest.mark.parametrize(
    ("feed_url", "pages_url", "folder"),
    [
        ("https://owner.github.io/repo/feeds/", "https://owner.github.io/repo", "feeds/"),
        ("https://owner.github.io/repo/", "https://owner.github.io/repo", ""),
        ("https://owner.github.io/feeds/", "https://owner.github.io", "feeds/"),
        ("https://Example.org/caf%C3%A9/", "https://example.org/", "café/"),
    ],
)
def test_pages_folder(feed_url: str, pages_url: str, folder: str) -> None:
    assert pages_folder(config(feed_url), pages_url) == folder


@pytest.mark.parametrize(
    ("feed_url", "pages_url"),
    [
        ("https://example.org/blog/feeds/", "https://owner.github.io/repo"),
        ("https://owner.github.io/other/feeds/", "https://owner.github.io/repo"),
        ("https://owner.github.io/repository/", "https://owner.github.io/repo"),
        # Another port is another site (RFC 6454 origin): the workflow's pages are not there.
        ("https://owner.github.io:8443/repo/feeds/", "https://owner.github.io/repo"),
    ],
)
def test_pages_folder_refuses_a_feed_url_elsewhere(feed_url: str, pages_url: str) -> None:
    with pytest.raises(ValueError, match="is not on the site"):
        pages_folder(config(feed_url), pages_url)


# The GitHub Pages workflow.


def workflow() -> dict[Any, Any]:
    document = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def steps(job: str) -> list[dict[str, Any]]:
    found = workflow()["jobs"][job]["steps"]
    assert isinstance(found, list)
    return found


def step_index(job: str, predicate: Any) -> int:
    matches = [index for index, step in enumerate(steps(job)) if predicate(step)]
    assert len(matches) == 1
    return matches[0]


def uses(action: str) -> Any:
    return lambda step: str(step.get("uses", "")).split("@")[0] == action


def runs(command: str) -> Any:
    return lambda step: command in str(step.get("run", "")).split("\n")


def test_workflow_runs_on_push_to_main_and_by_hand() -> None:
    document = workflow()
    # YAML 1.1 reads a bare `on` as true.
    triggers: dict[str, Any] = document["on"] if "on" in document else document[True]
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    assert document["permissions"]["pages"] == "write"
    assert document["permissions"]["id-token"] == "write"
    assert document["concurrency"]["group"] == "pages"


def test_workflow_builds_checks_and_uploads_feeds() -> None:
    setup = steps("build")[step_index("build", uses("actions/setup-python"))]
    assert str(setup["with"]["python-version"]) == "3.11"
    order = [
        step_index("build", uses("actions/checkout")),
        step_index("build", runs("python -m pip install .")),
        step_index("build", runs("staticfeed build")),
        step_index("build", runs("staticfeed check")),
        step_index("build", lambda step: 'copytree("feeds"' in str(step.get("run", ""))),
        step_index("build", uses("actions/upload-pages-artifact")),
    ]
    assert order == sorted(order)
    upload = steps("build")[order[-1]]
    assert upload["with"]["path"] == "_site"
    deploy = workflow()["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"] for step in deploy["steps"]] == ["actions/deploy-pages@v4"]


def test_readme_names_the_workflows_install_line_to_change() -> None:
    # A publication's own repository has no staticfeed to install there: the README tells
    # its reader which line to change, and must name the one the workflow runs.
    (install,) = [
        step["run"] for step in steps("build") if step.get("name") == "Install staticfeed"
    ]
    pages = README.read_text(encoding="utf-8").partition("\n### GitHub Pages\n")[2]
    assert f"`{install.strip()}`" in re.sub(r"\s+", " ", pages.partition("\n## ")[0])


def test_workflow_restores_the_build_cache_before_building() -> None:
    restore = step_index("build", uses("actions/cache"))
    assert restore < step_index("build", runs("staticfeed build"))
    cache = steps("build")[restore]["with"]
    assert cache["path"] == CACHE_FOLDER
    # Saved under a key of its own each run; the newest earlier one is restored by prefix.
    assert "${{ github.sha }}" in cache["key"]
    assert cache["key"].startswith(cache["restore-keys"])


def layout_script() -> str:
    script = steps("build")[step_index("build", runs("python - <<'EOF'"))]["run"]
    assert isinstance(script, str)
    return script


def run_layout(tmp_path: Path, feed_url: str, pages_url: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "staticfeed.toml").write_text(
        f'title = "T"\nsite_url = "https://owner.github.io/repo/"\nfeed_url = "{feed_url}"\n',
        encoding="utf-8",
    )
    (tmp_path / "feeds" / "tags").mkdir(parents=True)
    (tmp_path / "feeds" / "atom.xml").write_text("<feed/>", encoding="utf-8")
    (tmp_path / "feeds" / "tags" / "x.rss.xml").write_text("<rss/>", encoding="utf-8")
    (tmp_path / "feeds" / ".staticfeed-ids").write_text("{}\n", encoding="utf-8")
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    (bin_folder / "python").symlink_to(sys.executable)
    environment = {
        **os.environ,
        "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}",
        "PAGES_URL": pages_url,
    }
    environment.pop("STATICFEED_BASE_URL", None)
    return subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", layout_script()],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_workflow_puts_feeds_where_feed_url_says(tmp_path: Path) -> None:
    result = run_layout(tmp_path, "feeds/", "https://owner.github.io/repo")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "_site"
    assert (site / "feeds" / "atom.xml").read_text(encoding="utf-8") == "<feed/>"
    assert (site / "feeds" / "tags" / "x.rss.xml").is_file()
    # upload-pages-artifact@v3 publishes hidden files: staticfeed's records (each entry's
    # document, the titles of entries withdrawn from the feeds) were public at
    # …/feeds/.staticfeed-ids, which serve answers with 404.
    assert not (site / "feeds" / ".staticfeed-ids").exists()
    assert 'url=feeds/"' in (site / "index.html").read_text(encoding="utf-8")
    assert "https://owner.github.io/repo/feeds/" in result.stdout


def test_workflow_publishes_feeds_as_the_whole_site(tmp_path: Path) -> None:
    result = run_layout(tmp_path, "./", "https://owner.github.io/repo")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "_site"
    assert (site / "atom.xml").is_file()
    assert not (site / "index.html").exists()  # feeds/ has none here: no redirect to itself


def test_workflow_stops_when_feed_url_is_not_on_the_pages_site(tmp_path: Path) -> None:
    result = run_layout(tmp_path, "https://example.org/feeds/", "https://owner.github.io/repo")
    assert result.returncode != 0
    assert "::error::feed_url https://example.org/feeds/ is not on the site" in result.stderr
    assert not (tmp_path / "_site").exists()


# The README's nginx configuration, served by a real nginx when one is installed.


def readme_nginx_config() -> str:
    text = README.read_text(encoding="utf-8")
    section = ("\n" + text).partition("\n## Publishing\n")[2]
    blocks = re.findall(r"```nginx\n(.*?)```", section, re.DOTALL)
    assert len(blocks) == 1, "README's Publishing section must hold exactly one nginx block"
    return str(blocks[0])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> tuple[int, dict[str, str]]:
    request = urllib.request.Request(url, method="HEAD")
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status, {name.lower(): value for name, value in response.headers.items()}


def test_readme_nginx_config_serves_what_headers_file_says(tmp_path: Path) -> None:
    snippet = readme_nginx_config()
    nginx = shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx",) if Path(path).is_file()), None
    )
    mime_types = Path("/etc/nginx/mime.types")
    need("nginx", nginx is not None and mime_types.is_file(), "apt-get install -y nginx-light")
    assert nginx is not None
    root = tmp_path / "site"
    for file in FILES:
        path = root / "blog" / "feeds" / file.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    port = free_port()
    # The README lists full archives as comments, for the reader to fill in: list ours.
    finals = "".join(
        f'    /blog/feeds/{quote(file.name)} "{LONG}";\n' for file in FILES if file.final
    )
    snippet = snippet.replace("    default ", finals + "    default ", 1)
    snippet, listens = re.subn(r"listen \d+;", f"listen 127.0.0.1:{port};", snippet)
    snippet, roots = re.subn(r"\n(\s*)root \S+;", rf"\n\1root {root};", snippet)
    assert listens == roots == 1
    temp = tmp_path / "nginx"
    temp.mkdir()
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        "daemon off;\nmaster_process off;\n"
        f"pid {temp}/nginx.pid;\nerror_log {temp}/error.log;\n"
        "events {}\nhttp {\n"
        f"include {mime_types};\ndefault_type application/octet-stream;\naccess_log off;\n"
        + "".join(
            f"{kind}_temp_path {temp}/{kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        + snippet
        + "\n}\n",
        encoding="utf-8",
    )
    checked = subprocess.run(
        [nginx, "-t", "-c", str(conf)], capture_output=True, text=True, timeout=30, check=False
    )
    assert checked.returncode == 0, checked.stderr
    assert "[warn]" not in checked.stderr, checked.stderr
    server = subprocess.Popen([nginx, "-c", str(conf)], stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "nginx did not start"
                time.sleep(0.05)
        rules = rules_of("https://example.org/blog/feeds/")
        for url_path, expected in rules.items():
            status, headers = fetch(f"http://127.0.0.1:{port}{url_path}")
            assert status == 200, url_path
            assert headers["cache-control"] == expected["Cache-Control"], url_path
            wanted = expected.get("Content-Type", "text/html; charset=utf-8")
            assert headers["content-type"] == wanted, url_path
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stderr:
            server.stderr.close()


# From a hand mutation audit of hosting.py: each kills a mutant that survived the tests above.


def test_a_site_path_with_encoded_and_reserved_characters_gets_the_rule_readers_request(
    site: Callable[..., Path],
) -> None:
    # The self link is the URL a feed reader requests. A feed_url path already percent-encoded
    # ("caf%C3%A9") was encoded again to "caf%25C3%25A9" when quote() did not keep "%" and the
    # characters a path may hold ("+"), so no rule matched the request.
    site(
        config=BASIC_CONFIG.replace("https://example.org/blog/", "https://example.org/café+news/"),
        **{"a.md": "# Hello\n\n2025-12-22\n\nText.\n"},
    )
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 0, result.output
    feed = etree.parse("feeds/atom.xml").getroot()
    (self_link,) = feed.xpath("a:link[@rel='self']/@href", namespaces={"a": ATOM_NS})
    rules = dict(parse_headers(Path("feeds/_headers").read_text(encoding="utf-8")))
    assert rules[urlsplit(self_link).path]["Content-Type"] == ATOM
