"""The import tour in the README shows what the command really writes and prints."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from convert.cli import main

ROOT = Path(__file__).resolve().parents[2]
FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example News</title><link>https://www.example.com/</link>
<language>en-gb</language>
<item><title>Harbour reopens after the storm</title>
<link>https://www.example.com/news/harbour</link>
<description>Ferries run again from Monday.</description>
<content:encoded><![CDATA[<p>The <em>harbour</em> reopened at dawn.</p>
<pre><code class="language-sh">curl -s https://example.com/ferries</code></pre>]]></content:encoded>
<category>Transport</category><pubDate>Sun, 15 Jan 2023 09:00:00 +0200</pubDate>
<media:content url="https://www.example.com/img/ferry.jpg" medium="image" width="800"
 height="600"/></item>
<item><title>Undated note</title><link>https://www.example.com/news/note</link>
<description>No date here.</description></item>
</channel></rss>
"""


def test_the_tour_shows_real_output(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    tour = readme.split("$ artconv import feed.xml -o news/\n", 1)[1]
    printed, rest = tour.split("$ cat news/harbour-reopens-after-the-storm.md\n", 1)
    shown_file = rest.split("$ artconv import feed.xml -o news/", 1)[0]
    (tmp_path / "feed.xml").write_text(FEED, "utf-8")
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["import", "feed.xml", "-o", "news/", "--format", "text"])
    finally:
        os.chdir(old)
    assert result.stdout + result.stderr == printed
    written = (tmp_path / "news" / "harbour-reopens-after-the-storm.md").read_text("utf-8")
    assert written == shown_file
