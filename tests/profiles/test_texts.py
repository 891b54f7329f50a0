"""A title or excerpt is the text its generator prints: a number or a flag in it
(``title: 2048``) as its language writes it, Hugo's Markdown ``summary`` rendered.

Each table is what the generator printed as the page's ``<title>`` for the value written,
in a site built for the purpose: jekyll 4.3.1, hugo 0.168.0, zola 0.22.0.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from convert.diagnostics import Severity
from convert.loading import load, loads
from convert.profiles import MappedRecord, ProfileOptions
from convert.profiles.mapping import Mapper
from convert.profiles.texts import go_text, ruby_text
from convert.validation import validate
from tests.profiles.test_real_shapes import BASE, mapped


def schema_rules(record: MappedRecord) -> list[str]:
    """The schema's errors (not its recommendations) about the mapped record."""
    return [
        d.rule
        for d in validate(record)
        if d.rule.startswith("schema/") and d.severity is Severity.ERROR
    ]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("2048", "2048"),
        ("true", "true"),
        ("1.5", "1.5"),
        ("1.0e+20", "1.0e+20"),  # Ruby's Float#to_s
        ("1.5e3", "1.5e3"),  # no float to YAML 1.1 (its exponent has no sign): text
    ],
)
def test_a_jekyll_posts_number_title_is_rubys_text(
    tmp_path: Path, written: str, shown: str
) -> None:
    text = f"---\ntitle: {written}\nexcerpt: {written}\n---\nBody.\n"
    record = mapped(tmp_path, "jekyll", "_posts/2024-02-01-t.md", text)
    assert (record.meta["title"], record.meta["excerpt"]) == (shown, shown)
    assert record.origins["/title"].pointer == "/title"
    assert schema_rules(record) == []


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("2.50", "2.5"),
        ("0.00001", "1.0e-05"),
        ("yes", "true"),  # YAML 1.1, as Psych reads it
        ("NO", "false"),
        ("0777", "511"),
        ("1_000", "1000"),
    ],
)
def test_a_jekyll_title_shown_otherwise_than_written_keeps_the_schemas_fix(
    tmp_path: Path, written: str, shown: str
) -> None:
    """Jekyll titles the page by Ruby's text, not the one written: the value stays, and the
    schema's finding says to quote it, which makes the page show what was written."""
    assert ruby_text(yaml_value(written), written) == shown
    text = f"---\ntitle: {written}\n---\nBody.\n"
    record = mapped(tmp_path, "jekyll", "_posts/2024-02-01-t.md", text)
    assert record.meta["title"] == yaml_value(written)
    (finding,) = [d for d in validate(record) if d.rule == "schema/type"]
    assert finding.hint.endswith(f'quote it: "{written}"')


@pytest.mark.parametrize(
    ("written", "number"),
    [
        # jekyll 4.3.1 (Psych's base 60: each part times 60 to the power of its distance
        # from the third) titled these pages "45000", "4800", "-1800", "1800", "5430.0",
        # "3723", where PyYAML reads 750, 80, -90, "0:30" (text), 90.5 and 3723
        ("12:30", 45000),
        ("1:20", 4800),
        ("-1:30", -1800),
        ("0:30", 1800),
        ("1:30.5", 5430.0),
        ("1:2:3", 3723),
    ],
)
def test_a_jekyll_base_60_title_is_reported_as_the_number_jekyll_shows(
    tmp_path: Path, written: str, number: float
) -> None:
    text = f"---\ntitle: {written}\n---\nBody.\n"
    record = mapped(tmp_path, "jekyll", "_posts/2024-02-01-t.md", text)
    assert record.meta["title"] == number
    assert type(record.meta["title"]) is type(number)
    (finding,) = [d for d in validate(record) if d.rule == "schema/type"]
    assert finding.message == f'"title" must be string, not {number}'
    assert finding.hint.endswith(f'quote it: "{written}"')


def test_a_jekyll_title_psych_reads_as_text_is_the_text_written(tmp_path: Path) -> None:
    """jekyll 4.3.1 titled ``title: 1:2:3:4`` (four parts: no base-60 number to Psych, an
    integer to PyYAML) and ``title: 1:60`` as written."""
    for written in ("1:2:3:4", "1:60"):
        text = f"---\ntitle: {written}\n---\nBody.\n"
        record = mapped(tmp_path, "jekyll", "_posts/2024-02-01-t.md", text)
        assert record.meta["title"] == written
        assert "schema/type" not in schema_rules(record)


@pytest.mark.parametrize(
    ("profile", "path", "front_matter", "shown"),
    [
        # hugo 0.168 titled these pages "+Inf", "-Inf", "NaN", "+Inf", "-Inf", "NaN"
        ("hugo", "content/posts/t.md", "---\ntitle: .inf\n---\n", "+Inf"),
        ("hugo", "content/posts/t.md", "---\ntitle: -.inf\n---\n", "-Inf"),
        ("hugo", "content/posts/t.md", "---\ntitle: .NaN\n---\n", "NaN"),
        ("hugo", "content/posts/t.md", "+++\ntitle = inf\n+++\n", "+Inf"),
        ("hugo", "content/posts/t.md", "+++\ntitle = -inf\n+++\n", "-Inf"),
        ("hugo", "content/posts/t.md", "+++\ntitle = nan\n+++\n", "NaN"),
        # jekyll 4.3.1 titled this one "Infinity"
        ("jekyll", "_posts/2024-02-01-t.md", "---\ntitle: .inf\n---\n", "Infinity"),
    ],
)
def test_an_infinite_title_is_reported_as_the_schema_reports_other_numbers(
    tmp_path: Path, profile: str, path: str, front_matter: str, shown: str
) -> None:
    """The loader keeps ``.inf`` and TOML's ``inf`` as their text (JSON has no such number),
    which the generator shows otherwise: a schema finding at the value says so, with the fix
    of quoting it; quoted, the title is the text and no finding is made."""
    record = mapped(tmp_path, profile, path, front_matter + "Body.\n")
    written = front_matter.split("\n")[1].partition(" ")[2].lstrip("= ")
    assert record.meta["title"] == written
    (finding,) = [d for d in validate(record) if d.rule == "schema/type"]
    assert finding.line == 2
    assert finding.severity is Severity.ERROR
    assert finding.message.endswith(f"shows as {shown})")
    reader = "TOML" if front_matter.startswith("+++") else "YAML"
    assert finding.hint == f'{reader} reads the unquoted value as a number; quote it: "{written}"'
    quoted = front_matter.replace(written, f'"{written}"')
    again = mapped(tmp_path, profile, path, quoted + "Body.\n")
    assert again.meta["title"] == written
    assert "schema/type" not in schema_rules(again)


def test_zola_shows_an_infinite_yaml_title_as_written(tmp_path: Path) -> None:
    record = mapped(tmp_path, "zola", "content/t.md", "---\ntitle: .inf\n---\nBody.\n")
    assert record.meta["title"] == ".inf"
    assert "schema/type" not in schema_rules(record)


def yaml_value(written: str) -> object:
    """What the loader reads ``title: written`` as."""
    return loads(f"---\ntitle: {written}\n---\n", path="t.md").meta["title"]


@pytest.mark.parametrize(
    ("front_matter", "shown"),
    [
        ("---\ntitle: 2048\n---\n", "2048"),
        ("---\ntitle: true\n---\n", "true"),
        ("---\ntitle: yes\n---\n", "yes"),  # text to Hugo's YAML 1.2 reader
        ("---\ntitle: 1:20\n---\n", "1:20"),
        ("---\ntitle: 2.5\n---\n", "2.5"),
        ("---\ntitle: 0.00001\n---\n", "0.00001"),  # Go's shortest decimal, no exponent
        ("+++\ntitle = 1.5e3\n+++\n", "1500"),
        ('{"title": 1.50}\n', "1.5"),
    ],
)
def test_a_hugo_pages_number_title_is_gos_text(
    tmp_path: Path, front_matter: str, shown: str
) -> None:
    record = mapped(tmp_path, "hugo", "content/posts/t.md", front_matter + "Body.\n")
    assert record.meta["title"] == shown
    assert "schema/type" not in schema_rules(record)


@pytest.mark.parametrize(
    ("written", "shown"),
    [("0777", "511"), ("0x1F", "31"), ("1.0", "1"), ("2.50", "2.5"), (".inf", "+Inf")],
)
def test_a_hugo_title_shown_otherwise_than_written_is_kept(
    tmp_path: Path, written: str, shown: str
) -> None:
    assert go_text(yaml_value(written), written) == shown
    record = mapped(tmp_path, "hugo", "content/posts/t.md", f"---\ntitle: {written}\n---\n")
    assert record.meta["title"] == yaml_value(written)


@pytest.mark.parametrize(
    ("profile", "path", "written", "number"),
    [
        # jekyll 4.3.1 (Psych, YAML 1.1 with its commas) titled these pages "1000", "1000.5",
        # "-1000", "15", "31", "1000000", "10.0"
        ("jekyll", "_posts/2024-02-01-t.md", "1,000", 1000),
        ("jekyll", "_posts/2024-02-01-t.md", "1,000.5", 1000.5),
        ("jekyll", "_posts/2024-02-01-t.md", "-1,000", -1000),
        ("jekyll", "_posts/2024-02-01-t.md", "0,17", 15),
        ("jekyll", "_posts/2024-02-01-t.md", "0x1,F", 31),
        ("jekyll", "_posts/2024-02-01-t.md", "1,000,000", 1000000),
        ("jekyll", "_posts/2024-02-01-t.md", "+1,0.", 10.0),
        # hugo 0.168 (YAML 1.2) titled these "15", "15", "-15", "500", "1000"
        ("hugo", "content/posts/t.md", "0o17", 15),
        ("hugo", "content/posts/t.md", "0o1_7", 15),
        ("hugo", "content/posts/t.md", "-0o17", -15),
        ("hugo", "content/posts/t.md", ".5e3", 500.0),
        ("hugo", "content/posts/t.md", "1.e3", 1000.0),
    ],
)
def test_text_to_the_loader_that_the_generator_reads_as_a_number_keeps_the_schemas_fix(
    tmp_path: Path, profile: str, path: str, written: str, number: float
) -> None:
    """PyYAML reads ``1,000`` and ``0o17`` as text, the generators as numbers that they print
    otherwise: the page was titled as written, silently. The number stays, as for other
    values shown otherwise than written, and the schema's finding says to quote it."""
    assert yaml_value(written) == written
    text = f"---\ntitle: {written}\ndate: 2024-02-01\n---\nBody.\n"
    record = mapped(tmp_path, profile, path, text)
    assert record.meta["title"] == number
    assert type(record.meta["title"]) is type(number)
    (finding,) = [d for d in validate(record) if d.rule == "schema/type"]
    assert finding.line == 2
    assert finding.hint.endswith(f'quote it: "{written}"')
    # Quoted, it is the text written; the other generator's reader, and Zola's, read text.
    quoted = mapped(tmp_path, profile, path, text.replace(written, f'"{written}"'))
    assert quoted.meta["title"] == written
    other = "hugo" if profile == "jekyll" else "jekyll"
    other_path = "content/posts/t.md" if other == "hugo" else "_posts/2024-02-01-t.md"
    assert mapped(tmp_path, other, other_path, text).meta["title"] == written
    assert mapped(tmp_path, "zola", "content/t.md", text).meta["title"] == written


def test_hugos_summary_and_description_numbers_are_text_too(tmp_path: Path) -> None:
    text = "---\ntitle: T\ndate: 2024-01-05\nsummary: 42\n---\nBody.\n"
    assert mapped(tmp_path, "hugo", "content/posts/s.md", text).meta["excerpt"] == "42"
    text = "---\ntitle: T\ndate: 2024-01-05\ndescription: false\n---\nBody.\n"
    assert mapped(tmp_path, "hugo", "content/posts/d.md", text).meta["excerpt"] == "false"


@pytest.mark.parametrize("written", ["2048", "2.50", "yes", "0777", "1:20", ".inf", "TRUE"])
def test_a_zola_yaml_pages_number_title_is_the_text_written(tmp_path: Path, written: str) -> None:
    text = f"---\ntitle: {written}\ndate: 2024-01-05\ndescription: {written}\n---\nBody.\n"
    record = mapped(tmp_path, "zola", "content/blog/t.md", text)
    assert (record.meta["title"], record.meta["excerpt"]) == (written, written)


def test_zola_refuses_a_number_title_in_toml_and_so_does_the_schema(tmp_path: Path) -> None:
    # zola 0.22 stopped: "invalid type: integer `2048`, expected a string"
    text = "+++\ntitle = 2048\ndate = 2024-01-05\ndescription = 12\n+++\nBody.\n"
    record = mapped(tmp_path, "zola", "content/blog/t.md", text)
    assert (record.meta["title"], record.meta["excerpt"]) == (2048, 12)
    assert schema_rules(record) == ["schema/type", "schema/type"]


def test_a_value_from_jekylls_defaults_is_shown_by_its_value(tmp_path: Path) -> None:
    options = ProfileOptions("jekyll", base_url=BASE, defaults=(("", False, {"title": 2.50}),))
    path = tmp_path / "_posts" / "2024-02-01-t.md"
    path.parent.mkdir()
    path.write_text("---\nlayout: post\n---\nBody.\n", encoding="utf-8")
    record = Mapper(options).apply(load(path))
    assert record.meta["title"] == "2.5"


def test_a_list_title_stays_a_schema_finding(tmp_path: Path) -> None:
    record = mapped(tmp_path, "jekyll", "_posts/2024-02-01-t.md", "---\ntitle: [a, b]\n---\n")
    assert record.meta["title"] == ["a", "b"]
    assert "schema/type" in schema_rules(record)


def test_without_a_profile_a_number_title_keeps_its_finding_and_hint(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text(
        "---\ntitle: 2048\npublishedDateTime: 2024-01-05T00:00:00Z\n"
        "webUrl: https://example.org/a/\n---\nBody.\n",
        encoding="utf-8",
    )
    (finding,) = [d for d in validate(path) if d.rule == "schema/type"]
    assert finding.pointer == "/title"
    assert finding.hint == 'YAML reads the unquoted value as an integer; quote it: "2048"'


SUMMARY = "A **bold** claim about [Hugo](https://gohugo.io)."


@pytest.mark.parametrize(
    ("summary", "excerpt"),
    [
        # hugo 0.168's RSS description was "A <strong>bold</strong> claim about <a
        # href="https://gohugo.io">Hugo</a>.", its plainify "A bold claim about Hugo.".
        (SUMMARY, "A bold claim about Hugo."),
        # Paragraphs were <p>s, raw HTML and comments omitted, a shortcode shown as written.
        ("Line one\n\nSecond <em>para</em>", "Line one Second para"),
        ("Try {{< x >}} <!-- hidden -->now", "Try {{< x >}} now"),
    ],
)
def test_a_hugo_summary_is_the_text_of_its_rendered_markdown(
    tmp_path: Path, summary: str, excerpt: str
) -> None:
    # A YAML string in double quotes is a JSON string.
    text = f"---\ntitle: T\ndate: 2024-01-05\nSummary: {json.dumps(summary)}\n---\nBody.\n"
    record = mapped(tmp_path, "hugo", "content/posts/s.md", text)
    assert record.meta["excerpt"] == excerpt
    assert record.origins["/excerpt"].pointer == "/Summary"


def test_a_hugo_summary_that_renders_to_nothing_leaves_the_bodys_excerpt(tmp_path: Path) -> None:
    text = "---\ntitle: T\ndate: 2024-01-05\nsummary: '<!-- none -->'\n---\n"
    text += "Lead.\n<!--more-->\nRest.\n"
    assert mapped(tmp_path, "hugo", "content/posts/s.md", text).meta["excerpt"] == "Lead."


@pytest.mark.parametrize(
    ("profile", "relative", "key"),
    [
        # hugo 0.168's og:description showed a description as written: "A *desc*"
        ("hugo", "content/posts/d.md", "description"),
        # jekyll-feed 0.17's <summary> showed an excerpt (and a description) as written
        ("jekyll", "_posts/2024-01-05-d.md", "excerpt"),
        ("jekyll", "_posts/2024-01-05-d.md", "description"),
        # zola 0.22 showed page.description as written; its feeds use the body's summary
        ("zola", "content/blog/d.md", "description"),
    ],
)
def test_an_excerpt_the_generator_does_not_render_is_kept_as_written(
    tmp_path: Path, profile: str, relative: str, key: str
) -> None:
    text = f"---\ntitle: T\ndate: 2024-01-05\n{key}: {SUMMARY}\n---\nBody.\n"
    assert mapped(tmp_path, profile, relative, text).meta["excerpt"] == SUMMARY
