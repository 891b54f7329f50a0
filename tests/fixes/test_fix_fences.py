"""Fence fixes: a BOM before the opening fence, and a missing closing fence."""

from __future__ import annotations

import pytest

from convert import loads
from convert.fixes import fix
from convert.fixes.engine import fix_and_check

FIELDS = 'title: "Hello"\nwebUrl: "https://example.com/a"\n'


def test_a_bom_before_the_fence_is_reported_and_removed() -> None:
    text = "\ufeff---\r\n" + FIELDS.replace("\n", "\r\n") + "---\r\nBody\r\n"
    assert [p.rule for p in loads(text.encode("utf-8")).problems] == ["file/bom"]
    new, applied = fix(text)
    assert new == text[1:]
    assert applied[0].region.start_line == 1


def test_a_bom_without_front_matter_is_not_touched() -> None:
    text = "\ufeffJust some text.\n"
    assert fix(text) == (text, [])


def test_an_unclosed_fence_is_closed_before_the_blank_line() -> None:
    text = "---\n" + FIELDS + "\nThe body starts here.\nIt goes on: and on.\n"
    new, applied = fix(text)
    assert new == "---\n" + FIELDS + "---\n\nThe body starts here.\nIt goes on: and on.\n"
    assert [f.finding.rule for f in applied] == ["frontmatter/unclosed"]
    assert loads(new).meta["title"] == "Hello"


def test_blank_lines_inside_the_fields_stay_inside() -> None:
    text = "---\n" + FIELDS + "\ntopics:\n  - AI\n\n# A heading\n"
    new, _ = fix(text)
    assert new == "---\n" + FIELDS + "\ntopics:\n  - AI\n---\n\n# A heading\n"


def test_fields_up_to_the_end_get_a_fence_and_a_line_break() -> None:
    text = "---\r\ntitle: x\r\ntags:\r\n  - a"
    new, _ = fix(text)
    assert new == "---\r\ntitle: x\r\ntags:\r\n  - a\r\n---\r\n"


def test_toml_front_matter_is_closed_with_its_own_fence() -> None:
    text = "+++\ntitle = 'Hello'\n\n[extra]\nmath = true\n\nBody.\n"
    new, _ = fix(text)
    assert new == "+++\ntitle = 'Hello'\n\n[extra]\nmath = true\n+++\n\nBody.\n"
    assert loads(new).meta == {"title": "Hello", "extra": {"math": True}}


def test_a_block_that_is_not_fields_is_left_alone() -> None:
    for text in (
        "---\nThis is a paragraph, not a field.\n\nMore.\n",
        "---\ntitle: [unclosed\n\nBody.\n",
        "---\n\nBody only.\n",
    ):
        assert fix(text) == (text, []), text


def test_a_toml_block_nested_too_deeply_to_read_is_left_alone() -> None:
    text = "+++\ntitle = 'x'\na = " + "[" * 5000 + "]" * 5000 + "\n\nBody.\n"
    assert fix(text) == (text, [])


def test_a_fixed_fence_uncovers_values_that_are_fixed_in_the_same_call() -> None:
    text = "---\ntitle: NO\n\nBody.\n"
    new, applied = fix(text)
    assert new == '---\ntitle: "NO"\n---\n\nBody.\n'
    assert [f.finding.rule for f in applied] == ["frontmatter/unclosed", "schema/type"]


def test_a_yaml_document_end_line_becomes_the_closing_fence() -> None:
    text = "---\r\ntitle: Dots\r\n...\r\n\r\n# Test\r\n"
    new, _ = fix(text)
    assert new == "---\r\ntitle: Dots\r\n---\r\n\r\n# Test\r\n"


def test_a_yaml_document_end_line_right_before_the_body_becomes_the_closing_fence() -> None:
    """The document ends at "...", as Jekyll reads it, whether or not a blank line follows:
    the body right after it had been taken into the block, which then did not parse."""
    text = "---\ntitle: Dots\n...\nBody, no blank line before it.\n"
    new, applied = fix(text)
    assert new == "---\ntitle: Dots\n---\nBody, no blank line before it.\n"
    assert [f.finding.rule for f in applied] == ["frontmatter/unclosed"]


def test_a_crlf_file_keeps_its_fields_after_a_blank_line_in_the_block() -> None:
    """A table header or a ``key:`` line that ends in CRLF continues the block as it does
    with LF; it was taken for the body, and the fence shut those fields out of the front
    matter."""
    toml = "+++\ntitle = 'Hello'\n\n[taxonomies]\ntags = ['a']\n\nBody.\n"
    yaml = "---\ntitle: Hello\n\ntags:\n  - a\n\nBody.\n"
    for text, fence in ((toml, "+++"), (yaml, "---")):
        lf, _ = fix(text)
        crlf, _ = fix(text.replace("\n", "\r\n"))
        assert lf.count(fence) == 2
        assert crlf == lf.replace("\n", "\r\n"), text
        assert loads(crlf).meta == loads(lf).meta
        assert loads(crlf).meta["tags" if fence == "---" else "taxonomies"]


def test_a_heading_right_after_the_fields_stays_in_the_body() -> None:
    """With no blank line between the last field and the body's heading, the heading read as
    a YAML comment and went into the front matter: the page lost it."""
    for newline in ("\n", "\r\n"):
        text = "---\ntitle: x\ntags:\n  - a\n# A heading\n## And another\n\nText.\n"
        text = text.replace("\n", newline)
        new, _ = fix(text)
        assert new == text.replace("  - a" + newline, "  - a" + newline + "---" + newline)
    toml = "+++\ntitle = 'x'\n# Heading\n\nText.\n"
    assert fix(toml)[0] == "+++\ntitle = 'x'\n+++\n# Heading\n\nText.\n"


def test_comments_among_the_fields_stay_in_the_front_matter() -> None:
    text = "---\ntitle: x\n# a comment\nexcerpt: post\n\n# Heading\n"
    assert fix(text)[0] == "---\ntitle: x\n# a comment\nexcerpt: post\n---\n\n# Heading\n"


NEWS = 'title: T\nwebUrl: "https://e.example/a"\npublishedDateTime: 2020-02-20T20:00:00Z\n'


def test_a_body_sentence_that_reads_as_a_field_is_never_made_one() -> None:
    """The block ended at its first blank line, so the body's first sentence ("Note: ...")
    went into the front matter as the field "Note" and vanished from the page. A last line
    whose key the schema does not know may be either: the file is left, and the finding's
    hint says why."""
    for newline in ("\n", "\r\n"):
        text = "---\n" + NEWS + "Note: the minister resigned today.\n\nMore of the story.\n"
        text = text.replace("\n", newline)
        new, applied = fix(text)
        assert (new, applied) == (text, []), repr(newline)
        _, _, left = fix_and_check(text)
        (unclosed,) = [d for d in left if d.rule == "frontmatter/unclosed"]
        assert 'line 5 ("Note: the minister resigned today.")' in unclosed.hint
        assert '"Note" is no field the schema knows' in unclosed.hint
        assert 'end it with a line holding only "---"' in unclosed.hint
        assert "frontmatter/unknown-key" not in {d.rule for d in left}


def test_unknown_keys_before_a_known_last_one_are_fields() -> None:
    """Body text does not go on with fields the schema knows: the block is fields up to its
    last line, unknown keys among them too."""
    text = "---\ntitle: T\nNote: a custom field\n" + NEWS[9:] + "\nBody.\n"
    new, applied = fix(text)
    assert new == "---\ntitle: T\nNote: a custom field\n" + NEWS[9:] + "---\n\nBody.\n"
    assert [f.finding.rule for f in applied] == ["frontmatter/unclosed"]


def test_an_unknown_last_key_after_a_blank_line_is_not_taken_in() -> None:
    text = "---\n" + NEWS + "\nUpdate: the minister resigned today.\n"
    assert fix(text) == (text, [])
    text = "---\n" + NEWS + "\nUpdate: the minister resigned today.\ntopics: [a]\n\nBody\n"
    assert fix(text)[0].count("---") == 2  # a field the schema knows ends it: fields all


def test_a_block_with_no_field_the_schema_knows_is_left_alone() -> None:
    text = "---\nNote: the minister resigned today.\n\nMore.\n"
    assert fix(text) == (text, [])
    (unclosed,) = [d for d in fix_and_check(text)[2] if d.rule == "frontmatter/unclosed"]
    assert '"Note" is no field the schema knows' in unclosed.hint


def test_the_keys_known_are_the_ones_the_findings_reader_knows() -> None:
    """With another schema (or a profile) the fields are its own."""
    from convert.fixes.fences import known_keys

    text = "---\n" + NEWS + "Note: the minister resigned today.\n\nMore.\n"
    known = known_keys({"properties": {"Note": {}, "title": {}}})
    new, _ = fix(text, known=known)
    assert new == text.replace("today.\n", "today.\n---\n")
    referred = {"$ref": "#/$defs/a", "$defs": {"a": {"allOf": [{"properties": {"Note": {}}}]}}}
    assert "Note" in known_keys(referred) and "note" not in known_keys(referred)
    folded = known_keys({"properties": {"title": {}}}, fold=True)
    assert "Title" in folded and "TITLE" in folded


def test_a_document_end_line_closes_whatever_the_last_key() -> None:
    """ "..." is the writer's own end of the fields: nothing is guessed."""
    text = "---\ntitle: Dots\nNote: a field\n...\nBody.\n"
    assert fix(text)[0] == "---\ntitle: Dots\nNote: a field\n---\nBody.\n"


def test_toml_11_front_matter_is_closed_where_the_loader_reads_it() -> None:
    # An inline table over several lines is TOML 1.1 (Zola and Hugo read it): with tomli 2.5
    # the loader reads it, so the fence that closes it is offered too.
    pytest.importorskip("tomli", minversion="2.5")
    fields = "+++\ntitle = 'Hello'\ncover = {\n  image = 'a.png',\n}\n"
    new, applied = fix(fields + "\nBody.\n")
    assert new == fields + "+++\n\nBody.\n"
    assert [f.finding.rule for f in applied] == ["frontmatter/unclosed"]
    assert loads(new).meta == {"title": "Hello", "cover": {"image": "a.png"}}
