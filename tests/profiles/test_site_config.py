"""The generators' own configuration in the shapes sites write it: Hugo's YAML, JSON and
configuration folders, [permalinks.page], multilingual and multihost sites, Zola's slugify,
and values a generator would refuse."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from convert.errors import ConfigError
from convert.loading import load
from convert.profiles import MappedRecord, Origin, ProfileOptions
from convert.profiles.mapping import Mapper
from convert.profiles.site import read_site_config

SCHEMA = Path(__file__).resolve().parents[2] / "convert/schemas/article.schema.json"
POST = '---\ntitle: "Hello World"\ndate: 2024-03-05T10:00:00\n---\nBody.\n'


def page(
    config: Path, relative: str, profile: str = "hugo", text: str = POST, **extra: Any
) -> dict[str, Any]:
    """The mapped record of a page at ``relative`` below the configuration's folder."""
    root = config if config.is_dir() else config.parent
    while root.name in ("_default", "config"):
        root = root.parent
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    settings = read_site_config(config, profile) | extra
    record = Mapper(ProfileOptions(profile, **settings)).apply(load(path))
    assert isinstance(record, MappedRecord)
    return record.meta


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "hugo.json",
            '{"baseURL": "https://example.org", "permalinks": {"posts": "/:year/:slug"}}',
        ),
        ("hugo.yaml", "baseURL: https://example.org/\npermalinks:\n  posts: /:year/:slug/\n"),
        ("config.toml", 'baseurl = "https://example.org/"\n[permalinks]\nposts = "/:year/:slug"\n'),
    ],
)
def test_hugo_reads_its_configuration_in_json_yaml_and_toml(
    tmp_path: Path, name: str, text: str
) -> None:
    meta = page(write(tmp_path / name, text), "content/posts/hello-world.md")
    assert meta["webUrl"] == "https://example.org/2024/hello-world/"


def test_a_hugo_configuration_folder_reads_each_root_key_file(tmp_path: Path) -> None:
    write(tmp_path / "config/_default/hugo.yaml", "baseURL: https://example.org/\n")
    write(tmp_path / "config/_default/permalinks.yaml", "page:\n  posts: /:year/:month/:slug/\n")
    write(tmp_path / "config/_default/languages.toml", "[en]\nweight = 1\n[fr]\nweight = 2\n")
    for named in (tmp_path / "config", tmp_path / "config/_default"):
        meta = page(named, "content/posts/hello-world.fr.md")
        assert meta["webUrl"] == "https://example.org/fr/2024/03/hello-world/"


def test_the_config_folder_reads_production_over_default(tmp_path: Path) -> None:
    # A common layout: a placeholder address in _default, the real one for production builds.
    write(tmp_path / "config/_default/hugo.toml", 'baseURL = "http://localhost/"\n')
    write(tmp_path / "config/production/hugo.toml", 'baseURL = "https://example.org/"\n')
    meta = page(tmp_path / "config", "content/posts/hello-world.md")
    assert meta["webUrl"] == "https://example.org/posts/hello-world/"


def test_production_is_merged_into_default_table_by_table(tmp_path: Path) -> None:
    # Hugo merges production/ into _default/ deeply: a table there adds to the same table here.
    write(
        tmp_path / "config/_default/hugo.toml",
        'baseurl = "http://localhost/"\n[permalinks]\nposts = "/:year/:slug/"\n',
    )
    write(tmp_path / "config/_default/languages.toml", "[en]\nweight = 1\n[fr]\nweight = 2\n")
    write(
        tmp_path / "config/production/hugo.toml",
        'baseURL = "https://example.org/"\n[permalinks]\nnotes = "/n/:slug/"\n'
        '[languages.fr]\nbaseURL = "https://example.fr/"\n',
    )
    config = tmp_path / "config"
    settings = read_site_config(config, "hugo")
    assert settings["section_permalinks"] == {"posts": "/:year/:slug/", "notes": "/n/:slug/"}
    assert set(settings["languages"]) == {"en", "fr"}
    assert page(config, "content/posts/hello-world.md")["webUrl"] == (
        "https://example.org/2024/hello-world/"
    )
    assert page(config, "content/notes/hello-world.fr.md")["webUrl"] == (
        "https://example.fr/n/hello-world/"
    )


def test_the_files_of_a_config_folder_merge_as_hugo_merges_them(tmp_path: Path) -> None:
    # permalinks.toml adds to hugo.toml's [permalinks]; config.fr.toml is languages.fr's.
    write(
        tmp_path / "config/_default/hugo.toml",
        'baseURL = "https://example.org/"\n[permalinks]\nposts = "/:year/:slug/"\n'
        "[languages.en]\nweight = 1\n",
    )
    write(tmp_path / "config/_default/permalinks.toml", 'notes = "/n/:slug/"\n')
    write(tmp_path / "config/_default/config.fr.toml", 'baseURL = "https://example.fr/"\n')
    settings = read_site_config(tmp_path / "config", "hugo")
    assert settings["section_permalinks"] == {"posts": "/:year/:slug/", "notes": "/n/:slug/"}
    assert settings["languages"]["fr"] == {"base_url": "https://example.fr"}
    assert "en" in settings["languages"]


def test_permalinks_page_table_is_the_pages_pattern_and_other_kinds_are_not(
    tmp_path: Path,
) -> None:
    config = write(
        tmp_path / "hugo.toml",
        'baseURL = "https://example.org/"\n'
        "[permalinks.page]\nposts = '/:year/:month/:day/:contentbasename/'\n"
        "[permalinks.section]\nposts = '/articles/'\n"
        "[permalinks.term]\ntags = '/tag/:slug/'\n",
    )
    assert read_site_config(config, "hugo")["section_permalinks"] == {
        "posts": "/:year/:month/:day/:contentbasename/"
    }
    assert page(config, "content/posts/hello-world.md")["webUrl"] == (
        "https://example.org/2024/03/05/hello-world/"
    )


def test_a_pattern_without_a_final_slash_still_gives_a_folder_and_ugly_urls_a_file(
    tmp_path: Path,
) -> None:
    site = 'baseURL = "https://example.org"\n'
    pretty = write(tmp_path / "a/hugo.toml", site + '[permalinks]\npost = "/:year/:title"\n')
    url = page(pretty, "content/post/hello-world.md")["webUrl"]
    assert url == "https://example.org/2024/hello-world/"
    ugly = write(tmp_path / "b/hugo.toml", site + "uglyURLs = true\n")
    url = page(ugly, "content/posts/hello-world.md")["webUrl"]
    assert url == "https://example.org/posts/hello-world.html"
    by_section = write(
        tmp_path / "c/hugo.toml", 'baseURL = "https://example.org"\n[uglyURLs]\nposts = true\n'
    )
    assert page(by_section, "content/posts/a.md")["webUrl"] == "https://example.org/posts/a.html"
    assert page(by_section, "content/notes/b.md")["webUrl"] == "https://example.org/notes/b/"


def test_disable_path_to_lower_keeps_the_slugs_letter_case(tmp_path: Path) -> None:
    config = write(
        tmp_path / "hugo.json",
        '{"baseURL": "https://example.org", "disablePathToLower": true,'
        ' "permalinks": {"posts": "posts/:slug"}}',
    )
    text = '---\ntitle: "Hello World"\nslug: Hello-World\ndate: 2024-03-05\n---\n'
    assert page(config, "content/posts/x.md", text=text)["webUrl"] == (
        "https://example.org/posts/Hello-World/"
    )


def test_a_base_url_without_a_host_gives_no_site_address(tmp_path: Path) -> None:
    # baseURL = "/" makes relative links in Hugo; it was read as the address "https:".
    config = write(tmp_path / "hugo.toml", 'baseURL = "/"\n')
    assert "base_url" not in read_site_config(config, "hugo")
    assert "webUrl" not in page(config, "content/posts/hello-world.md")


def test_the_default_language_in_a_subfolder_and_as_the_pages_locale(tmp_path: Path) -> None:
    config = write(
        tmp_path / "hugo.toml",
        'baseURL = "https://example.org/"\ndefaultContentLanguage = "zh"\n'
        "defaultContentLanguageInSubdir = true\n[languages.zh]\nweight = 1\n[languages.en]\n",
    )
    meta = page(config, "content/posts/hello-world.md")
    assert (meta["webUrl"], meta["locale"]) == ("https://example.org/zh/posts/hello-world/", "zh")
    meta = page(config, "content/posts/hello-world.en.md")
    assert (meta["webUrl"], meta["locale"]) == ("https://example.org/en/posts/hello-world/", "en")


@pytest.mark.parametrize(
    ("settings", "locale"),
    [
        # hugo 0.168's RSS <language> for each configuration: `hugo new site` writes locale,
        # older sites languageCode (panr/hugo-theme-terminal's exampleSite "en-us"), both
        # written as such; the locale wins over the deprecated languageCode.
        ("locale = 'en-us'", "en-us"),
        ("languageCode = 'en-US'", "en-US"),
        ("languageCode = 'en-us'\nlocale = 'de-DE'", "de-DE"),
        ("locale = 'pt_BR'", "pt_BR"),
        ("locale = 'en_US.UTF-8'", "en_US"),  # a POSIX locale's codeset is no language
        # Without them, the default content language, else Hugo's own, en.
        ("defaultContentLanguage = 'fr'", "fr"),
        ("", "en"),
        ("defaultContentLanguage = 'fr'\nlanguageCode = 'en-us'", "en-us"),
        # A language's own table wins for its pages; the site's is the default language's.
        ("languageCode = 'en-us'\n[languages.en]\nlanguageCode = 'en-gb'", "en-gb"),
        ("languageCode = 'en-us'\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2", "en-us"),
    ],
)
def test_a_hugo_sites_locale_is_its_default_language_pages_language(
    tmp_path: Path, settings: str, locale: str
) -> None:
    config = write(tmp_path / "hugo.toml", f"baseURL = 'https://example.org/'\n{settings}\n")
    assert page(config, "content/posts/hello-world.md")["locale"] == locale


def test_a_hugo_pages_own_language_wins_over_the_sites_locale(tmp_path: Path) -> None:
    config = write(
        tmp_path / "hugo.toml",
        "baseURL = 'https://example.org/'\nlanguageCode = 'en-us'\n"
        "[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n",
    )
    # hugo 0.168 wrote <language>fr</language> in public/fr/index.xml
    assert page(config, "content/posts/hello-world.fr.md")["locale"] == "fr"
    own = POST.replace("---\n", "---\nlanguage: de\n", 1)
    assert page(config, "content/posts/hallo.md", text=own)["locale"] == "de"
    # Without the site's configuration its language is not known: no locale is made up.
    path = tmp_path / "content" / "posts" / "hello-world.md"
    record = Mapper(ProfileOptions("hugo", base_url="https://example.org/")).apply(load(path))
    assert "locale" not in record.meta


def test_a_language_with_its_own_base_url_permalinks_and_time_zone(tmp_path: Path) -> None:
    config = write(
        tmp_path / "hugo.toml",
        'defaultContentLanguage = "en"\ntimeZone = "America/New_York"\n'
        '[languages.en]\nbaseURL = "https://example.com/"\n'
        '[languages.fr]\nbaseURL = "https://example.fr"\ntimeZone = "Europe/Paris"\n'
        "[languages.fr.permalinks]\nposts = '/articles/:slug/'\n",
    )
    meta = page(config, "content/posts/hello-world.md")
    assert (meta["webUrl"], meta["publishedDateTime"]) == (
        "https://example.com/posts/hello-world/",
        "2024-03-05T10:00:00-05:00",
    )
    meta = page(config, "content/posts/hello-world.fr.md")
    assert (meta["webUrl"], meta["publishedDateTime"]) == (
        "https://example.fr/articles/hello-world/",
        "2024-03-05T10:00:00+01:00",
    )


def test_a_languages_content_dir_gives_its_pages_language_and_sections(tmp_path: Path) -> None:
    config = write(
        tmp_path / "hugo.json",
        '{"baseURL": "https://example.org/", "defaultContentLanguage": "en",'
        ' "defaultContentLanguageInSubdir": true, "languages": {'
        ' "de": {"contentDir": "content/de", "weight": 1},'
        ' "en": {"contentDir": "content/en", "weight": 2}}}',
    )
    meta = page(config, "content/de/posts/hallo-welt.md")
    assert (meta["webUrl"], meta["locale"]) == ("https://example.org/de/posts/hallo-welt/", "de")
    meta = page(config, "content/en/posts/hello-world/index.md")
    assert (meta["webUrl"], meta["locale"]) == ("https://example.org/en/posts/hello-world/", "en")


@pytest.mark.parametrize(
    ("strategy", "url"),
    [
        ("on", "https://example.org/blog/add-more-directive/"),
        ("safe", "https://example.org/blog/add_more_Directive/"),
        ("off", "https://example.org/blog/add_more_Directive/"),
    ],
)
def test_zola_slugify_paths(tmp_path: Path, strategy: str, url: str) -> None:
    config = write(
        tmp_path / "config.toml",
        f'base_url = "https://example.org"\n[slugify]\npaths = "{strategy}"\n',
    )
    text = '+++\ntitle = "x"\ndate = 2024-03-05\n+++\n'
    assert page(config, "content/blog/add_more_Directive.md", "zola", text)["webUrl"] == url


@pytest.mark.parametrize(
    ("strategy", "folder"),
    [
        # zola 0.22 published "Straße Über.md" and "北京 天气.md" at these folders
        ("on", "strasse-uber"),
        ("safe", "Straße Über"),
        ("off", "Straße Über"),
    ],
)
def test_zola_spells_letters_only_where_it_slugifies_paths(
    tmp_path: Path, strategy: str, folder: str
) -> None:
    config = write(
        tmp_path / "config.toml",
        f'base_url = "https://example.org"\n[slugify]\npaths = "{strategy}"\n',
    )
    text = '+++\ntitle = "x"\ndate = 2024-03-05\n+++\n'
    meta = page(config, "content/blog/Straße Über.md", "zola", text)
    assert meta["webUrl"] == "https://example.org/blog/" + quote(folder) + "/"
    if strategy != "on":  # kept as written: nothing to spell, nothing to say
        path = tmp_path / "content/blog/北京 天气.md"
        path.write_text(text, encoding="utf-8")
        options = ProfileOptions("zola", **read_site_config(config, "zola"))
        record = Mapper(options).apply(load(path))
        assert isinstance(record, MappedRecord) and not record.problems
        assert record.meta["webUrl"] == "https://example.org/blog/" + quote("北京 天气") + "/"


@pytest.mark.parametrize(
    ("written", "locale"),
    [
        ("locale: en-US", "en-US"),  # kept as written, as a page's own locale is
        ("locale: en_US", "en_US"),
        ("locale: ko_KR.utf8", "ko_KR"),  # a POSIX locale: its codeset is no language
        ("locale: de_DE@euro", "de_DE"),
        ("lang: fr\nlocale: en-US", "fr"),  # the site's lang first
        ("lang: pt-BR", "pt-BR"),
        ("locale: C.UTF-8", None),  # names no language
    ],
)
def test_a_jekyll_themes_site_locale_is_the_pages_language(
    tmp_path: Path, written: str, locale: str | None
) -> None:
    # Minimal Mistakes reads its site language from locale, not lang.
    config = write(tmp_path / "_config.yml", f"url: https://example.org\n{written}\n")
    text = "---\ntitle: Hello World\n---\n"
    meta = page(config, "_posts/2024-03-05-hello-world.md", "jekyll", text)
    assert meta.get("locale") == locale


def test_hugo_lower_cases_the_default_language_and_zola_keeps_it(tmp_path: Path) -> None:
    hugo = write(tmp_path / "hugo" / "hugo.toml", 'defaultContentLanguage = "pt-BR"\n')
    assert read_site_config(hugo, "hugo")["default_language"] == "pt-br"
    zola = write(tmp_path / "zola" / "config.toml", 'default_language = "pt-BR"\n')
    assert read_site_config(zola, "zola")["default_language"] == "pt-BR"


@pytest.mark.parametrize(
    ("written", "locale"),
    [
        ("locale: ko_KR.utf8", "ko_KR"),  # a POSIX locale: its codeset is no language
        ("locale: en_US.UTF-8", "en_US"),
        ("locale: de_DE@euro", "de_DE"),
        ("lang: pt-BR", "pt-BR"),
        ("locale: C.UTF-8", "C.UTF-8"),  # names no language: left for the schema to report
    ],
)
def test_a_jekyll_pages_posix_locale_is_read_as_the_sites(
    tmp_path: Path, written: str, locale: str
) -> None:
    config = write(tmp_path / "_config.yml", "url: https://example.org\nlocale: en-US\n")
    record = mapped(config, "_posts/2024-03-05-a.md", f"---\ntitle: A\n{written}\n---\n")
    assert record.meta["locale"] == locale
    assert record.origins["/locale"] == Origin("/" + written.split(":")[0])
    pattern = json.loads(SCHEMA.read_text(encoding="utf-8"))["properties"]["locale"]["pattern"]
    assert (re.search(pattern, locale) is not None) == (locale != "C.UTF-8")


def test_a_jekyll_configuration_is_read_as_jekylls_whatever_its_name(tmp_path: Path) -> None:
    config = write(tmp_path / "site.yml", 'url: "https://example.org/"\nbaseurl: "/blog/"\n')
    text = "---\ntitle: Hello World\n---\nBody.\n"
    meta = page(config, "_posts/2024-03-05-hello-world.md", "jekyll", text)
    assert meta["webUrl"] == "https://example.org/blog/2024/03/05/hello-world.html"


def test_an_unknown_time_zone_stops_hugo_and_is_utc_to_jekyll(tmp_path: Path) -> None:
    hugo = write(tmp_path / "hugo.toml", 'baseURL = "https://x.org"\ntimeZone = "Mars/Olympus"\n')
    with pytest.raises(ConfigError, match="Mars/Olympus"):
        read_site_config(hugo, "hugo")
    jekyll = write(tmp_path / "_config.yml", "url: https://example.org\ntimezone: Mars/Olympus\n")
    text = "---\ntitle: Hello World\n---\n"
    meta = page(jekyll, "_posts/2024-03-05-hello-world.md", "jekyll", text)
    assert meta["publishedDateTime"] == "2024-03-05T00:00:00Z"


@pytest.mark.parametrize(
    ("name", "text", "key"),
    [
        ("hugo.toml", "baseURL = 5\n", "baseURL"),
        ("hugo.toml", 'baseURL = "https://x.org"\ntimeZone = 1\n', "timeZone"),
        ("hugo.toml", 'baseURL = "https://x.org"\npermalinks = "/:slug/"\n', "permalinks"),
        ("hugo.toml", 'baseURL = "https://x.org"\n[permalinks]\nposts = 3\n', "permalinks.posts"),
        ("hugo.toml", 'baseURL = "https://x.org"\nuglyURLs = 5\n', "uglyURLs"),
        (
            "hugo.toml",
            'baseURL = "https://x.org"\ndisablePathToLower = "yes"\n',
            "disablePathToLower",
        ),
        ("_config.yml", "url: https://x.org\npermalink: [a, b]\n", "permalink"),
        ("_config.yml", "url: https://x.org\nbaseurl: 2024\n", "baseurl"),
        ("config.toml", 'base_url = "https://x.org"\n[slugify]\npaths = true\n', "slugify.paths"),
    ],
)
def test_a_value_of_the_wrong_kind_is_an_error_naming_the_key(
    tmp_path: Path, name: str, text: str, key: str
) -> None:
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        read_site_config(write(tmp_path / name, text))


@pytest.mark.parametrize(
    ("written", "in_subdir"),
    [
        # Hugo decodes its root settings weakly, with Go's strconv.ParseBool for strings.
        ("true", True),
        ('"TRUE"', True),
        ('"t"', True),
        ('"1"', True),
        ("1", True),
        ("0.0", False),
        ('"F"', False),
        ('""', False),
    ],
)
def test_hugo_reads_its_yes_no_settings_with_the_cast_of_its_front_matter(
    tmp_path: Path, written: str, in_subdir: bool
) -> None:
    config = write(
        tmp_path / "hugo.toml",
        f'baseURL = "https://x.org"\ndefaultContentLanguageInSubdir = {written}\n',
    )
    assert read_site_config(config, "hugo")["language_in_subdir"] is in_subdir


@pytest.mark.parametrize("written", ['"tRuE"', '" true"', '"yes"', "[true]"])
def test_a_yes_no_setting_hugo_cannot_cast_is_an_error(tmp_path: Path, written: str) -> None:
    config = write(
        tmp_path / "hugo.toml", f'baseURL = "https://x.org"\ndisablePathToLower = {written}\n'
    )
    with pytest.raises(ConfigError, match="disablePathToLower"):
        read_site_config(config, "hugo")


@pytest.mark.parametrize(
    ("written", "ugly"),
    [("true", True), ('"true"', True), ('"True"', False), ('"1"', False), ('"yes"', False)],
)
def test_hugos_ugly_urls_string_is_true_only_when_it_is_true(
    tmp_path: Path, written: str, ugly: bool
) -> None:
    # Hugo's uglyURLs decoder compares a string with "true"; it is not cast like the others.
    config = write(tmp_path / "hugo.toml", f'baseURL = "https://x.org"\nuglyURLs = {written}\n')
    assert read_site_config(config, "hugo")["ugly_urls"] is ugly


def test_hugos_ugly_urls_by_section_are_cast_as_flags(tmp_path: Path) -> None:
    config = write(
        tmp_path / "hugo.toml",
        'baseURL = "https://x.org"\n[uglyURLs]\nposts = "true"\nnotes = 0\nlinks = "yes"\n',
    )
    assert read_site_config(config, "hugo")["ugly_urls"] == {"posts": True, "notes": False}


def test_zola_takes_only_a_boolean_for_paths_keep_dates(tmp_path: Path) -> None:
    # Zola's configuration is typed: a string where a boolean belongs stops it.
    config = write(
        tmp_path / "zola.toml",
        'base_url = "https://x.org"\n[slugify]\npaths_keep_dates = "true"\n',
    )
    with pytest.raises(ConfigError, match=r"slugify\.paths_keep_dates"):
        read_site_config(config, "zola")


def test_jekylls_front_matter_defaults_for_posts_set_their_permalink(tmp_path: Path) -> None:
    config = write(
        tmp_path / "_config.yml",
        "url: https://example.org\npermalink: pretty\ndefaults:\n"
        "  - scope: {path: '', type: posts}\n"
        "    values: {layout: single, permalink: '/blog/:categories/:title:output_ext'}\n"
        "  - scope: {path: '_posts/old'}\n    values: {permalink: '/old/:title/'}\n"
        "  - scope: {path: '', type: pages}\n    values: {permalink: '/:basename/'}\n",
    )
    text = "---\ntitle: Hello World\ncategories: [news]\n---\n"
    meta = page(config, "_posts/2024-03-05-hello-world.md", "jekyll", text)
    assert meta["webUrl"] == "https://example.org/blog/news/hello-world.html"


SCOPED = """url: https://example.org
permalink: /site/:title/
collections:
  posts:
    permalink: /posts/:title/
defaults:
  - scope: {path: "_posts/travel"}
    values: {permalink: /travel/:title/}
  - scope: {path: "", type: posts}
    values: {permalink: /all/:title/}
  - scope: {path: "_posts/2019"}
    values: {permalink: /2019/:title/}
  - scope: {path: "_posts/work", type: posts}
    values: {permalink: /work/:title/}
  - scope: {path: "_posts/work"}
    values: {permalink: /untyped/:title/}
  - scope: {path: "_posts/*-notes"}
    values: {permalink: /notes/:title/}
  - scope: {path: "/_posts/slashed"}
    values: {permalink: /slashed/:title/}
"""


@pytest.mark.parametrize(
    ("relative", "url"),
    [
        # A sub-folder's set wins over the posts' set: its scope path is longer.
        ("_posts/2019/2019-05-01-a.md", "https://example.org/2019/a/"),
        # Even when the less specific set comes later in the file.
        ("_posts/travel/2019-05-01-b.md", "https://example.org/travel/b/"),
        # A folder, not a prefix of the file name.
        ("_posts/2019-05-01-c.md", "https://example.org/all/c/"),
        # Equal paths: the typed scope wins over the later untyped one.
        ("_posts/work/2019-05-01-d.md", "https://example.org/work/d/"),
        # A glob names folders as Ruby's Dir.glob does.
        ("_posts/2019-notes/2019-05-01-e.md", "https://example.org/notes/e/"),
        # A scope path with a leading slash matches nothing in Jekyll.
        ("_posts/slashed/2019-05-01-f.md", "https://example.org/all/f/"),
        # Drafts are posts; a set scoped to _posts/... does not reach _drafts.
        ("_drafts/g.md", "https://example.org/all/g/"),
    ],
)
def test_jekylls_defaults_give_each_posts_folder_its_permalink(
    tmp_path: Path, relative: str, url: str
) -> None:
    config = write(tmp_path / "_config.yml", SCOPED)
    text = "---\ntitle: T\ndate: 2019-05-01\n---\n"
    assert page(config, relative, "jekyll", text)["webUrl"] == url


VALUES = """url: https://example.org
defaults:
  - scope: {path: "_posts/2019"}
    values: {author: Ann Other, lang: fr, tags: [old]}
  - scope: {path: "", type: posts}
    values:
      layout: post
      author: Site Author
      description: Every post's description
      lang: en
      tags: [site]
      categories: [blog]
      image: {path: /img/default.png, alt: Default}
"""


def test_jekylls_defaults_give_each_post_the_values_it_does_not_set(tmp_path: Path) -> None:
    config = write(tmp_path / "_config.yml", VALUES)
    meta = page(config, "_posts/2024-03-05-a.md", "jekyll", "---\ntitle: A\n---\nBody.\n")
    assert meta["provider"] == {"name": "Site Author", "authors": ["Site Author"]}
    assert meta["excerpt"] == "Every post's description"
    assert meta["locale"] == "en"
    assert meta["topics"] == ["site"]
    assert meta["categories"] == ["blog"]
    assert meta["images"] == [{"url": "https://example.org/img/default.png", "title": "Default"}]
    assert meta["webUrl"] == "https://example.org/blog/2024/03/05/a.html"


def test_a_posts_own_values_win_and_the_most_specific_scope_between_defaults(
    tmp_path: Path,
) -> None:
    config = write(tmp_path / "_config.yml", VALUES)
    text = "---\ntitle: B\nauthor: Me\nauthor_profile: true\ntags:\n---\n"
    meta = page(config, "_posts/2019/2019-05-01-b.md", "jekyll", text)
    assert meta["provider"]["name"] == "Me"
    # The sub-folder's set wins over the posts' set, though it comes first in the file;
    # an empty key in the post keeps the default's value, as Jekyll merges front matter.
    assert meta["locale"] == "fr"
    assert meta["topics"] == ["old"]
    # Values only the less specific set gives still apply.
    assert meta["excerpt"] == "Every post's description"


def test_a_posts_own_categories_join_the_defaults_ones(tmp_path: Path) -> None:
    config = write(tmp_path / "_config.yml", VALUES)
    text = "---\ntitle: C\ncategories: news blog\n---\n"
    record = mapped(config, "travel/_posts/2024-03-05-c.md", text)
    assert record.meta["categories"] == ["travel", "blog", "news"]
    assert record.meta["webUrl"] == "https://example.org/travel/blog/news/2024/03/05/c.html"
    assert record.origins["/categories/1"] == Origin(None, "the site's defaults")
    assert record.origins["/categories/2"] == Origin("/categories")
    # An empty list of the post's own takes none of them away.
    record = mapped(config, "_posts/2024-03-05-e.md", "---\ntitle: E\ncategories: []\n---\n")
    assert record.meta["categories"] == ["blog"]


def test_a_value_from_the_defaults_is_reported_as_the_sites_not_the_posts(
    tmp_path: Path,
) -> None:
    config = write(
        tmp_path / "_config.yml",
        "url: https://example.org\ndefaults:\n  - values: {date: not a date}\n",
    )
    record = mapped(config, "_posts/2024-03-05-d.md", "---\ntitle: D\n---\n")
    assert record.origins["/title"] == Origin("/title")
    (problem,) = [p for p in record.problems if p.rule == "profile/bad-date"]
    assert problem.pointer == "" and problem.line == 1


def mapped(config: Path, relative: str, text: str) -> MappedRecord:
    path = write(config.parent / relative, text)
    settings = read_site_config(config, "jekyll")
    record = Mapper(ProfileOptions("jekyll", **settings)).apply(load(path))
    assert isinstance(record, MappedRecord)
    return record


COLLECTED = """url: https://example.org
collections_dir: my_collections
defaults:
  - scope: {path: "my_collections/_posts/travel"}
    values: {permalink: /travel/:title/, author: Traveller}
  - scope: {path: "_posts/work"}
    values: {permalink: /work/:title/}
  - scope: {path: "my_collections/_posts/*-notes"}
    values: {permalink: /notes/:title/}
"""


@pytest.mark.parametrize(
    ("relative", "url"),
    [
        # A scope path naming the collections folder matches the posts below it...
        ("my_collections/_posts/travel/2019-05-01-a.md", "https://example.org/travel/a/"),
        # ...and so does one written from _posts on, as Jekyll strips the folder from both.
        ("my_collections/_posts/work/2019-05-01-b.md", "https://example.org/work/b/"),
        # A glob is matched against the files below the site's folder.
        ("my_collections/_posts/2019-notes/2019-05-01-c.md", "https://example.org/notes/c/"),
        # The collections folder is no category; a folder between it and _posts is one.
        ("my_collections/_posts/2019-05-01-d.md", "https://example.org/2019/05/01/d.html"),
        (
            "my_collections/food/_posts/2019-05-01-e.md",
            "https://example.org/food/2019/05/01/e.html",
        ),
    ],
)
def test_posts_below_collections_dir_get_the_defaults_and_categories_of_posts(
    tmp_path: Path, relative: str, url: str
) -> None:
    config = write(tmp_path / "_config.yml", COLLECTED)
    meta = page(config, relative, "jekyll", "---\ntitle: T\ndate: 2019-05-01\n---\n")
    assert meta["webUrl"] == url
    if "/travel/" in relative:
        assert meta["provider"]["name"] == "Traveller"


def test_a_named_style_is_a_style_in_the_sites_permalink_and_a_path_in_a_posts(
    tmp_path: Path,
) -> None:
    # Jekyll expands a style name only in the site's permalink (Configuration's
    # style_to_permalink); a post's permalink, its own or the defaults', is the URL itself.
    config = write(
        tmp_path / "_config.yml",
        "url: https://example.org\npermalink: pretty\n"
        "defaults:\n  - scope: {path: _posts/old}\n    values: {permalink: ordinal}\n",
    )
    post = "_posts/2024-03-05-hello-world.md"
    text = "---\ntitle: Hello World\n---\n"
    assert page(config, post, "jekyll", text)["webUrl"] == (
        "https://example.org/2024/03/05/hello-world/"
    )
    text = "---\ntitle: Hello World\npermalink: pretty\n---\n"
    assert page(config, post, "jekyll", text)["webUrl"] == "https://example.org/pretty"
    text = "---\ntitle: Hello World\n---\n"
    old = "_posts/old/2024-03-05-hello-world.md"
    assert page(config, old, "jekyll", text)["webUrl"] == "https://example.org/ordinal"
    # A blank permalink is none: the site's applies.
    text = "---\ntitle: Hello World\npermalink: ' '\n---\n"
    assert page(config, post, "jekyll", text)["webUrl"] == (
        "https://example.org/2024/03/05/hello-world/"
    )


def test_jekylls_posts_collection_permalink_wins_over_the_sites(tmp_path: Path) -> None:
    # Jekyll sets collections.posts.permalink from the site's permalink only where it is unset.
    config = write(
        tmp_path / "_config.yml",
        "url: https://example.org\npermalink: pretty\n"
        "collections:\n  posts:\n    output: true\n    permalink: /blog/:title/\n",
    )
    text = "---\ntitle: Hello World\n---\n"
    meta = page(config, "_posts/2024-03-05-hello-world.md", "jekyll", text)
    assert meta["webUrl"] == "https://example.org/blog/hello-world/"
    # The post's own permalink wins over both.
    text = "---\ntitle: Hello World\npermalink: /mine/\n---\n"
    assert page(config, "_posts/2024-03-05-hello-world.md", "jekyll", text)["webUrl"] == (
        "https://example.org/mine/"
    )


def test_a_permalink_the_user_gives_wins_over_the_sites_defaults(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from convert.profiles.settings import profile_options

    config = write(tmp_path / "_config.yml", SCOPED)
    settings = SimpleNamespace(profile="jekyll", site_config=str(config), permalink=None)
    given = profile_options(settings)
    assert given is not None and given.defaults
    chosen = profile_options(settings, permalink="/p/:title/")
    assert chosen is not None and all("permalink" not in values for _, _, values in chosen.defaults)
    path = write(tmp_path / "_posts/2019/2019-05-01-a.md", "---\ntitle: A\n---\n")
    record = Mapper(chosen).apply(load(path))
    assert record.meta["webUrl"] == "https://example.org/p/a/"


@pytest.mark.parametrize(
    ("profile", "name", "text"),
    [
        (
            "hugo",
            "hugo.toml",
            'baseURL = "https://example.org/"\nignoreFiles = ["\\\\.ipynb$"]\n'
            'timeZone = "Europe/Paris"\nuglyURLs = true\ndisablePathToLower = true\n'
            'buildFuture = true\n[permalinks]\nposts = "/:year/:slug/"\n'
            '[languages.fr]\ncontentDir = "content/fr"\n[frontmatter]\ndate = [":filename"]\n',
        ),
        (
            "zola",
            "config.toml",
            'base_url = "https://example.org"\nignored_content = ["*.tmp"]\n'
            '[slugify]\npaths = "safe"\npaths_keep_dates = true\n',
        ),
    ],
)
def test_the_command_line_carries_every_setting_the_site_config_gives(
    tmp_path: Path, profile: str, name: str, text: str
) -> None:
    # A setting read from the site's file but dropped on the way to the profile is a
    # setting the command line silently ignores.
    from types import SimpleNamespace

    from convert.profiles.settings import profile_options

    config = write(tmp_path / name, text)
    read = read_site_config(config, profile)
    settings = SimpleNamespace(profile=profile, site_config=str(config), permalink=None)
    options = profile_options(settings)
    assert options is not None
    carried = {key: getattr(options, key) for key in read}
    assert carried == read


def test_a_defaults_permalink_of_the_wrong_kind_is_an_error(tmp_path: Path) -> None:
    config = write(
        tmp_path / "_config.yml",
        "url: https://x.org\ndefaults:\n  - scope: {path: _posts/a}\n    values: {permalink: 5}\n",
    )
    with pytest.raises(ConfigError, match="permalink"):
        read_site_config(config, "jekyll")


@pytest.mark.parametrize(
    ("dates", "url", "date"),
    [
        # :filename first: the file name's date wins over the front matter's, and its slug.
        ('[":filename", ":default"]', "https://example.org/2024/01/27/trip.html", "2024-01-27"),
        # After date: the front matter's date, and the slug is not the file name's.
        ('["date", ":filename"]', "https://example.org/2023/05/01/a-trip.html", "2023-05-01"),
    ],
)
def test_hugos_filename_dates(tmp_path: Path, dates: str, url: str, date: str) -> None:
    config = write(
        tmp_path / "hugo.toml",
        'baseURL = "https://example.org"\n[permalinks]\nposts = "/:year/:month/:day/:slug"\n'
        f"[uglyURLs]\nposts = true\n[frontmatter]\ndate = {dates}\n",
    )
    text = "---\ntitle: A Trip\ndate: 2023-05-01\n---\n"
    meta = page(config, "content/posts/2024-01-27-trip.md", text=text)
    assert (meta["webUrl"], meta["publishedDateTime"]) == (url, date + "T00:00:00Z")
    meta = page(config, "content/posts/2024-01-27-trip.md", text="---\ntitle: A Trip\n---\n")
    assert meta["webUrl"] == "https://example.org/2024/01/27/trip.html"


def test_zola_keeps_the_date_in_the_slug_with_paths_keep_dates(tmp_path: Path) -> None:
    config = write(
        tmp_path / "zola.toml",
        'base_url = "https://example.org"\n[slugify]\npaths_keep_dates = true\n',
    )
    meta = page(config, "content/blog/2024-03-05_hello.md", "zola", '+++\ntitle = "x"\n+++\n')
    assert meta["webUrl"] == "https://example.org/blog/2024-03-05-hello/"
    assert meta["publishedDateTime"] == "2024-03-05T00:00:00Z"


MULTILINE = 'base_url = "https://example.org"\n[extra]\nbadges = {\n    a = "x",\n    b = "y",\n}\n'


def test_an_inline_table_over_several_lines_is_read_with_tomli(tmp_path: Path) -> None:
    # TOML 1.1, which Zola reads; the standard library's tomllib (TOML 1.0) does not.
    pytest.importorskip("tomli", minversion="2.5")
    config = write(tmp_path / "zola.toml", MULTILINE)
    assert read_site_config(config, "zola")["base_url"] == "https://example.org"


def test_without_tomli_a_toml_11_file_is_an_error_that_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "tomli", None)  # as if not installed
    config = write(tmp_path / "zola.toml", MULTILINE)
    with pytest.raises(ConfigError, match=r"tomli>=2\.5"):
        read_site_config(config, "zola")


def test_a_hugo_file_name_suffix_is_a_language_only_when_the_site_has_it(
    tmp_path: Path,
) -> None:
    # A one-language blog's post about Node.js, and a bilingual theme site's page in a
    # language it does not configure: Hugo publishes both under their whole names.
    config = write(tmp_path / "hugo.toml", 'baseURL = "https://example.org/"\n')
    meta = page(config, "content/posts/node.js.md")
    assert meta["webUrl"] == "https://example.org/posts/node.js/"
    assert meta["locale"] == "en"  # the site's default language, not "js"
    config = write(
        tmp_path / "site" / "hugo.yaml",
        "baseURL: https://example.org/\ndefaultContentLanguage: en\n"
        "languages:\n  en:\n    weight: 1\n  zh-cn:\n    weight: 2\n  pt-BR:\n    weight: 3\n",
    )
    meta = page(config, "content/blog/v0.10.ja.md")
    assert (meta["webUrl"], meta["locale"]) == ("https://example.org/blog/v0.10.ja/", "en")
    meta = page(config, "content/docs/welcome/index.de.md")
    assert meta["webUrl"] == "https://example.org/docs/welcome/index.de/"  # no bundle's index
    # A configured language matches whatever the letter case of either.
    meta = page(config, "content/blog/markdown.zh-CN.md")
    assert (meta["webUrl"], meta["locale"]) == ("https://example.org/zh-cn/blog/markdown/", "zh-CN")
    meta = page(config, "content/blog/markdown.pt-br.md")
    assert meta["webUrl"] == "https://example.org/pt-br/blog/markdown/"
    # Beside a bundle's index.md, index.ja.md is then no translation but a resource of the
    # bundle, which Hugo does not publish; index.zh-cn.md is the bundle's Chinese page.
    assert page(config, "content/post/test/index.md")["webUrl"].endswith("/post/test/")
    meta = page(config, "content/post/test/index.zh-cn.md")
    assert meta["webUrl"] == "https://example.org/zh-cn/post/test/"
    assert "webUrl" not in page(config, "content/post/test/index.ja.md")
    problems = (
        Mapper(ProfileOptions("hugo", **read_site_config(config, "hugo")))
        .apply(load(config.parent / "content/post/test/index.ja.md"))
        .problems
    )
    assert 'add "ja" to the site\'s [languages]' in problems[0].hint


def test_zola_reads_a_language_in_a_file_name_only_on_a_multilingual_site(
    tmp_path: Path,
) -> None:
    text = '+++\ntitle = "x"\ndate = 2024-03-05\n+++\n'
    config = write(tmp_path / "config.toml", 'base_url = "https://example.org"\n')
    meta = page(config, "content/blog/node.js.md", "zola", text)
    assert (meta["webUrl"], meta["locale"]) == ("https://example.org/blog/node-js/", "en")
    meta = page(config, "content/blog/intro.fr.md", "zola", text)
    assert meta["webUrl"] == "https://example.org/blog/intro-fr/"
    config = write(
        tmp_path / "i18n" / "config.toml",
        'base_url = "https://example.org"\ndefault_language = "en"\n[languages.fr]\n',
    )
    meta = page(config, "content/blog/intro.fr.md", "zola", text)
    assert (meta["webUrl"], meta["locale"]) == ("https://example.org/fr/blog/intro/", "fr")


def test_hugo_pages_below_a_folder_mounted_as_content(tmp_path: Path) -> None:
    # Docsy's user guide keeps its pages in content/en and mounts that folder on content.
    config = write(
        tmp_path / "hugo.yaml",
        "baseURL: https://www.example.dev/\nlanguages:\n  en:\n    languageName: English\n"
        "module:\n  mounts:\n    - source: content/en\n      target: content\n",
    )
    meta = page(config, "content/en/blog/2024/0.10.0.md")
    assert meta["webUrl"] == "https://www.example.dev/blog/2024/0.10.0/"
    # A mount's language, a mount below content, and the site's own contentDir.
    config = write(
        tmp_path / "multi" / "config" / "_default" / "module.toml",
        '[[mounts]]\nsource = "content/de"\ntarget = "content"\nlang = "de"\n'
        '[[mounts]]\nsource = "notes"\ntarget = "content/notes"\n',
    )
    write(
        config.parent / "hugo.toml",
        'baseURL = "https://example.org/"\n'
        "[languages.en]\nweight = 1\n[languages.de]\nweight = 2\n",
    )
    meta = page(config.parent, "content/de/blog/hallo.md")
    assert (meta["webUrl"], meta["locale"]) == ("https://example.org/de/blog/hallo/", "de")
    meta = page(config.parent, "notes/n1.md")
    assert meta["webUrl"] == "https://example.org/notes/n1/"
    config = write(
        tmp_path / "own" / "hugo.toml",
        'baseURL = "https://example.org/"\ncontentDir = "src/pages"\n',
    )
    assert page(config, "src/pages/posts/x.md")["webUrl"] == "https://example.org/posts/x/"


def test_a_hugo_language_key_of_any_form_names_a_file_names_language(tmp_path: Path) -> None:
    # A theme demo's second and third languages, keyed l2 and l3, and a regional key.
    config = write(
        tmp_path / "config.yml",
        'baseURL: "https://example.github.io/demo/"\nlanguages:\n  en:\n    weight: 1\n'
        "  l2:\n    weight: 2\n    languageCode: fr-FR\n  l3:\n    weight: 3\n"
        "  zh-hant-tw:\n    weight: 4\n",
    )
    meta = page(config, "content/posts/markdown-syntax.l2.md")
    assert meta["webUrl"] == "https://example.github.io/demo/l2/posts/markdown-syntax/"
    assert meta["locale"] == "fr-FR"  # l2 is no language tag: the one the site gives it
    meta = page(config, "content/posts/markdown-syntax.l3.md")
    assert meta["webUrl"] == "https://example.github.io/demo/l3/posts/markdown-syntax/"
    assert "locale" not in meta  # not the default language's either
    meta = page(config, "content/posts/markdown-syntax.zh-hant-tw.md")
    assert meta["webUrl"] == "https://example.github.io/demo/zh-hant-tw/posts/markdown-syntax/"
    assert meta["locale"] == "zh-hant-tw"


def test_a_hugo_pages_url_is_a_folder_unless_it_names_a_file_and_slash_means_the_root(
    tmp_path: Path,
) -> None:
    # Blogs that moved to Hugo keep their old addresses in url, with and without a final
    # slash, and .html for those from Blogger.
    config = write(tmp_path / "hugo.toml", 'baseURL = "https://example.org/"\n')
    for url, expected in (
        ("/posts/writing-dockerfile", "/posts/writing-dockerfile/"),
        ("/posts/MercyV2WalkThrough", "/posts/MercyV2WalkThrough/"),
        (
            "/2009/01/add-windows-xp-entry-to-grub.html",
            "/2009/01/add-windows-xp-entry-to-grub.html",
        ),
        ("/2013/10/23/resampling/", "/2013/10/23/resampling/"),
    ):
        text = f'---\ntitle: "x"\ndate: 2022-10-07\nurl: "{url}"\n---\n'
        assert page(config, "content/posts/x.md", text=text)["webUrl"] == (
            "https://example.org" + expected
        )
    # On a multilingual site a url from the root takes no /LANG/; a relative one does.
    config = write(
        tmp_path / "multi" / "hugo.toml",
        'baseURL = "https://example.org/"\ndefaultContentLanguage = "en"\n'
        "[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n",
    )
    text = '---\ntitle: "x"\ndate: 2021-11-02\nurl: /fr/2021/11/02/edit-xml-files/\n---\n'
    assert page(config, "content/posts/edit.fr.md", text=text)["webUrl"] == (
        "https://example.org/fr/2021/11/02/edit-xml-files/"
    )
    text = '---\ntitle: "x"\ndate: 2021-11-02\nurl: custom/rel\n---\n'
    assert page(config, "content/posts/rel.fr.md", text=text)["webUrl"] == (
        "https://example.org/fr/custom/rel/"
    )


def test_hugos_permalinks_key_slash_is_the_pattern_of_pages_at_the_contents_root(
    tmp_path: Path,
) -> None:
    config = write(
        tmp_path / "hugo.toml",
        'baseURL = "https://example.org/"\n[permalinks]\n"/" = "/p/:slug/"\nposts = "/x/:slug/"\n',
    )
    text = "---\ntitle: About me\ndate: 2024-01-01\n---\n"
    assert page(config, "content/about.md", text=text)["webUrl"] == (
        "https://example.org/p/about-me/"
    )
    assert page(config, "content/posts/a.md", text=text)["webUrl"] == (
        "https://example.org/x/about-me/"
    )


def test_hugo_dates_a_page_by_the_sites_frontmatter_date_list(tmp_path: Path) -> None:
    # An Ananke site's hugo config puts lastmod first: Hugo shows the page's last change.
    config = write(
        tmp_path / "config.toml",
        "baseURL = 'https://example.github.io/new-hugo-site/'\nlanguageCode = 'en-us'\n"
        "[frontmatter]\ndate = ['lastmod', 'publishDate', 'date']\n",
    )
    text = (
        '---\ntitle: "both"\ndate: 2022-01-01T10:00:00+07:00\n'
        "lastmod: 2022-03-04T10:00:00+07:00\n---\n"
    )
    meta = page(config, "content/posts/both.md", text=text)
    assert meta["publishedDateTime"] == "2022-03-04T10:00:00+07:00"
    text = '---\ntitle: "only date"\ndate: 2022-01-01T10:00:00+07:00\n---\n'
    assert page(config, "content/posts/date.md", text=text)["publishedDateTime"] == (
        "2022-01-01T10:00:00+07:00"
    )
    # :default stands for Hugo's own list; the special entries name no key.
    config = write(
        tmp_path / "other" / "hugo.toml",
        "[frontmatter]\ndate = ['myDate', ':fileModTime', ':default']\n",
    )
    options = read_site_config(config, "hugo")
    assert options["date_keys"][:3] == ("myDate", "date", "publishDate")


@pytest.mark.parametrize(
    ("written", "date"),
    [
        # YAML's unquoted timestamp without an offset is UTC to Jekyll's reader, which then
        # shows it in the site's time zone: 02:00 UTC is 21:00 the day before in New York.
        ("2020-01-01 02:00:00", "2020-01-01T02:00:00Z"),
        ("2020-01-01T02:00:00", "2020-01-01T02:00:00Z"),
        ("2020-1-1 2:00:00.25", "2020-01-01T02:00:00.25Z"),
        # Quoted, or without seconds (no YAML timestamp), it is text Jekyll reads as the
        # site's wall-clock time.
        ('"2020-01-01 02:00:00"', "2020-01-01T02:00:00-05:00"),
        ("'2020-01-01T02:00:00'", "2020-01-01T02:00:00-05:00"),
        ("2020-01-01 02:00", "2020-01-01T02:00:00-05:00"),
        ("2020-01-01", "2020-01-01T00:00:00-05:00"),
        ("2020-01-01 02:00:00 +0100", "2020-01-01T02:00:00+01:00"),
    ],
)
def test_a_jekyll_date_time_without_an_offset_is_utc_unless_it_is_text(
    tmp_path: Path, written: str, date: str
) -> None:
    # As jekyll 4.3 builds it (post.date | date_to_xmlschema): an unquoted
    # "date: 2020-01-01 02:00:00" with timezone America/New_York is 2019-12-31T21:00:00-05:00.
    config = write(
        tmp_path / "_config.yml", "url: https://example.org\ntimezone: America/New_York\n"
    )
    text = f"---\ntitle: A\ndate: {written}\nlast_modified_at: {written}\n---\n"
    meta = page(config, "_posts/2020-01-01-a.md", "jekyll", text)
    assert meta["publishedDateTime"] == date
    assert meta["updatedDateTime"] == date


@pytest.mark.parametrize(
    ("site", "written", "url"),
    [
        ("timezone: America/New_York\n", "2020-01-01 02:00:00", "/2019/12/31/a.html"),
        ("timezone: America/New_York\n", "2020-01-01 02:00:00 +0100", "/2019/12/31/a.html"),
        ("timezone: America/New_York\n", '"2020-01-01 02:00:00"', "/2020/01/01/a.html"),
        ("timezone: Asia/Shanghai\n", "2020-03-01 20:30:00 Z", "/2020/03/02/a.html"),
        # No timezone: Jekyll uses the building machine's, UTC on GitHub Pages and here.
        ("", "2020-12-31 22:12:00-0400", "/2021/01/01/a.html"),
        (
            "permalink: /:year/:month/:day/:hour:minute/\n",
            "2020-06-01 10:05:00 +0200",
            ("/2020/06/01/0805/"),
        ),
    ],
)
def test_a_jekyll_permalinks_date_is_the_posts_date_in_the_sites_time_zone(
    tmp_path: Path, site: str, written: str, url: str
) -> None:
    # jekyll 4.3 moves every date into the site's time zone before it fills in the permalink:
    # "date: 2020-01-01 02:00:00 +0100" with timezone America/New_York is at /2019/12/31/.
    config = write(tmp_path / "_config.yml", "url: https://example.org\n" + site)
    text = f"---\ntitle: A\ndate: {written}\n---\n"
    meta = page(config, "_posts/2020-01-01-a.md", "jekyll", text)
    assert meta["webUrl"] == "https://example.org" + url


@pytest.mark.parametrize(
    ("permalink", "relative", "url"),
    [
        ("/:slugified_categories/:title/", "_posts/2021-01-03-a.md", "/web-dev/c/a/"),
        ("/:w_year/W:week/:w_day/:title/", "_posts/2021-01-03-a.md", "/2020/W53/7/a/"),
        ("/:collection/:path/", "_posts/2021-01-03-a.md", "/posts/2021-01-03-a/"),
        (
            "/:categories/:path/",
            "blog/_posts/2021-01-03-a.md",
            "/blog/web%20dev/c++/blog/2021-01-03-a/",
        ),
        ("/:path:output_ext", "_posts/sub/2021-01-03-a.b.md", "/sub/2021-01-03-a.b.html"),
    ],
)
def test_jekylls_other_permalink_tokens(
    tmp_path: Path, permalink: str, relative: str, url: str
) -> None:
    # As jekyll 4.3 fills them in: :slugified_categories slugs each category, :w_year and
    # :w_day are the ISO week's year and day (Sunday 3 January 2021 is day 7 of 2020's week
    # 53), :collection is "posts" and :path the file's path below the site without _posts.
    config = write(tmp_path / "_config.yml", "url: https://example.org\n")
    text = f"---\ntitle: A\ncategories: [Web Dev, C++]\npermalink: {permalink}\n---\n"
    assert page(config, relative, "jekyll", text)["webUrl"] == "https://example.org" + url


@pytest.mark.parametrize(
    ("site", "written", "date", "url"),
    [
        # A blog's "date: 2016-01-11 00:10:00 PST": Ruby's Time.parse knows the US zones.
        ("", "2016-01-11 00:10:00 PST", "2016-01-11T00:10:00-08:00", "/2016/01/11/"),
        ("", "2014-07-19 15:30 pdt", "2014-07-19T15:30:00-07:00", "/2014/07/19/"),
        ("", "2014-07-19 15:30:00 UT", "2014-07-19T15:30:00Z", "/2014/07/19/"),
        # Another name is the site's zone's where it goes by it, else no zone at all: the
        # site's wall-clock time, as a date without a time ignores a name too.
        (
            "timezone: Europe/Berlin\n",
            "2014-07-19 15:30:00 CET",
            "2014-07-19T15:30:00+01:00",
            "/2014/07/19/",
        ),
        (
            "timezone: Europe/Berlin\n",
            "2014-07-19 23:30:00 EDT",
            "2014-07-19T23:30:00-04:00",
            "/2014/07/20/",
        ),
        ("", "2014-07-19 15:30:00 CET", "2014-07-19T15:30:00Z", "/2014/07/19/"),
        (
            "timezone: Asia/Tokyo\n",
            "2014-07-19 15:30:00 GMT+8",
            "2014-07-19T15:30:00+09:00",
            "/2014/07/19/",
        ),
        (
            "timezone: Europe/Berlin\n",
            "2014-07-19 PST",
            "2014-07-19T00:00:00+02:00",
            "/2014/07/19/",
        ),
    ],
)
def test_a_jekyll_date_with_a_zones_name_is_read_as_ruby_reads_it(
    tmp_path: Path, site: str, written: str, date: str, url: str
) -> None:
    # As jekyll 4.3 builds them (post.date | date_to_xmlschema); the profile found no date.
    config = write(tmp_path / "_config.yml", "url: https://example.org\n" + site)
    meta = page(
        config, "_posts/2014-07-19-z.md", "jekyll", f"---\ntitle: Z\ndate: {written}\n---\n"
    )
    assert meta["publishedDateTime"] == date
    assert meta["webUrl"] == f"https://example.org{url}z.html"


@pytest.mark.parametrize(
    ("written", "date", "url"),
    [
        # A kernel developer's blog writes "date: 2016/03/10 16:00:00"; Ruby reads the
        # slashes as it reads hyphens, and so does jekyll 4.3.
        ("2016/06/22 11:00:00", "2016-06-22T11:00:00-07:00", "/fedora,%20complaining/2016/06/22/"),
        ("2016/05/23", "2016-05-23T00:00:00-07:00", "/fedora,%20complaining/2016/05/23/"),
        (
            "2016/5/3 9:05:00 +0800",
            "2016-05-03T09:05:00+08:00",
            "/fedora,%20complaining/2016/05/02/",
        ),
    ],
)
def test_a_jekyll_date_written_with_slashes(
    tmp_path: Path, written: str, date: str, url: str
) -> None:
    site = "url: https://example.org\ntimezone: America/Los_Angeles\n"
    config = write(tmp_path / "_config.yml", site)
    text = f"---\nlayout: post\ndate: {written}\ntitle: T\ncategory: fedora, complaining\n---\n"
    meta = page(config, "_posts/2016-06-22-caching.md", "jekyll", text)
    assert meta["publishedDateTime"] == date
    assert meta["webUrl"] == f"https://example.org{url}caching.html"


@pytest.mark.parametrize(
    ("name", "url", "date"),
    [
        # A name that is only a date is dated, its whole name the slug (zola 0.22 builds
        # /blog/2024-01-31/ dated 2024-01-31).
        ("2024-01-31.md", "/blog/2024-01-31/", "2024-01-31T00:00:00Z"),
        ("2024-01-31T10:00:00Z.md", "/blog/2024-01-31t10-00-00z/", "2024-01-31T10:00:00Z"),
        # Zola's rule needs only a date at the start; what follows is a slug of its own
        # only after "_" or "-" and at least one character.
        ("2024-01-31xyz.md", "/blog/2024-01-31xyz/", "2024-01-31T00:00:00Z"),
        ("2024-01-28 x.md", "/blog/2024-01-28-x/", "2024-01-28T00:00:00Z"),
        ("2024-01-30-.md", "/blog/2024-01-30/", "2024-01-30T00:00:00Z"),
        ("2024-01-29T10:00-x.md", "/blog/2024-01-29t10-00-x/", "2024-01-29T00:00:00Z"),
        ("2024-01-27 _spaced.md", "/blog/spaced/", "2024-01-27T00:00:00Z"),
    ],
)
def test_zola_dates_a_file_whose_name_starts_with_a_date(
    tmp_path: Path, name: str, url: str, date: str
) -> None:
    config = write(tmp_path / "config.toml", 'base_url = "https://example.org"\n')
    meta = page(config, f"content/blog/{name}", "zola", '+++\ntitle = "x"\n+++\n')
    assert (meta["webUrl"], meta["publishedDateTime"]) == ("https://example.org" + url, date)


BILINGUAL = 'base_url = "https://example.org"\ndefault_language = "en"\n[languages.fr]\n'


def test_zola_keeps_the_default_languages_suffix_in_the_slug(tmp_path: Path) -> None:
    # zola 0.22 builds post.en.md at /blog/post-en/ (English), and a bundle's index.en.md
    # as a page of its own beside the bundle's folder.
    config = write(tmp_path / "config.toml", BILINGUAL)
    text = '+++\ntitle = "x"\ndate = 2024-03-05\n+++\n'
    meta = page(config, "content/blog/post.en.md", "zola", text)
    assert (meta["webUrl"], meta["locale"]) == ("https://example.org/blog/post-en/", "en")
    meta = page(config, "content/blog/foo/index.en.md", "zola", text)
    assert (meta["webUrl"], meta["locale"]) == ("https://example.org/blog/index-en/", "en")
    meta = page(config, "content/blog/foo/index.fr.md", "zola", text)
    assert (meta["webUrl"], meta["locale"]) == ("https://example.org/fr/blog/foo/", "fr")
    section = '+++\ntitle = "x"\n+++\n'  # a section has no date (zola stops on one)
    meta = page(config, "content/blog/_index.fr.md", "zola", section)
    assert (meta["webUrl"], meta["locale"]) == ("https://example.org/fr/blog/", "fr")
    assert page(config, "content/blog/_index.md", "zola", section)["webUrl"].endswith("/blog/")
    # On a site of one language any index.* is such a page (zola 0.22: /blog/index-fr/).
    config = write(tmp_path / "one" / "config.toml", 'base_url = "https://example.org"\n')
    meta = page(config, "content/blog/foo/index.fr.md", "zola", text)
    assert meta["webUrl"] == "https://example.org/blog/index-fr/"


@pytest.mark.parametrize(("name", "suffix"), [("v0.10.fr.md", "10.fr"), ("node.js.md", "js")])
def test_zola_stops_on_a_file_name_language_the_site_does_not_have(
    tmp_path: Path, name: str, suffix: str
) -> None:
    # zola 0.22 fails the build: 'has a language code of 10.fr which isn't present in the
    # config.toml `languages`'; no page of it is published.
    config = write(tmp_path / "config.toml", BILINGUAL)
    path = write(tmp_path / "content/blog" / name, '+++\ntitle = "x"\ndate = 2024-03-05\n+++\n')
    record = Mapper(ProfileOptions("zola", **read_site_config(config, "zola"))).apply(load(path))
    assert "webUrl" not in record.meta
    [problem] = record.problems
    assert problem.rule == "profile/missing" and f'"{suffix}"' in problem.message


def test_a_zola_site_without_default_language_is_in_english(tmp_path: Path) -> None:
    # Zola's default_language is "en" unless the site sets it (zola 0.22: page.lang "en").
    config = write(tmp_path / "config.toml", 'base_url = "https://example.org"\n')
    text = '+++\ntitle = "x"\ndate = 2024-03-05\n+++\n'
    assert page(config, "content/blog/post.md", "zola", text)["locale"] == "en"


@pytest.mark.parametrize(
    ("sort_by", "front", "published"),
    [
        ("weight", 'title = "x"\ndate = 2024-03-05', False),
        ("weight", 'title = "x"\ndate = 2024-03-05\nweight = 3', True),
        ("title", "date = 2024-03-05", False),
        ("update_date", 'title = "x"\nupdated = 2024-03-05', True),
        ("slug", 'title = "x"', True),
    ],
)
def test_zola_renders_no_page_its_sorted_section_cannot_place(
    tmp_path: Path, sort_by: str, front: str, published: bool
) -> None:
    # zola 0.22: "1 page(s) ignored (missing date or weight in a sorted section)", and no
    # page written for it.
    config = write(tmp_path / "config.toml", 'base_url = "https://example.org"\n')
    write(tmp_path / "content/projects/_index.md", f'+++\nsort_by = "{sort_by}"\n+++\n')
    meta = page(config, "content/projects/one.md", "zola", f"+++\n{front}\n+++\n")
    assert ("webUrl" in meta) is published


def test_zola_places_a_page_by_its_own_languages_section_and_not_below_a_transparent_one(
    tmp_path: Path,
) -> None:
    config = write(tmp_path / "config.toml", BILINGUAL)
    write(tmp_path / "content/blog/_index.md", '+++\nsort_by = "weight"\n+++\n')
    write(tmp_path / "content/blog/_index.fr.md", '+++\nsort_by = "none"\n+++\n')
    text = '+++\ntitle = "x"\ndate = 2024-03-05\n+++\n'
    assert "webUrl" not in page(config, "content/blog/post/index.md", "zola", text)
    assert "webUrl" in page(config, "content/blog/post/index.fr.md", "zola", text)
    # A transparent section's pages are its parent's too, which may place them.
    write(
        tmp_path / "content/series/_index.md", '+++\nsort_by = "weight"\ntransparent = true\n+++\n'
    )
    assert "webUrl" in page(config, "content/series/one.md", "zola", text)
    # A folder without a section file is no section: its pages are orphans, all rendered.
    assert "webUrl" in page(config, "content/blog/2024/deep.md", "zola", text)


@pytest.mark.parametrize(
    ("profile", "name", "config_text", "text"),
    [
        # zola 0.22 builds a section from content/blog/_index.md with no date at all (a
        # section has none); hugo 0.168 publishes it, dated by its newest page.
        ("zola", "config.toml", 'base_url = "https://example.org"\n', '+++\ntitle = "Blog"\n+++\n'),
        (
            "zola",
            "config.toml",
            'base_url = "https://example.org"\n[languages.fr]\n',
            '+++\ntitle = "Blog"\nsort_by = "date"\n+++\n',
        ),
        ("hugo", "hugo.toml", 'baseURL = "https://example.org/"\n', "---\ntitle: Blog\n---\n"),
    ],
)
def test_a_sections_list_page_needs_no_date_of_its_own(
    tmp_path: Path, profile: str, name: str, config_text: str, text: str
) -> None:
    config = write(tmp_path / name, config_text)
    for relative, link in (
        ("content/blog/_index.md", "https://example.org/blog/"),
        ("content/blog/_index.fr.md", "https://example.org/fr/blog/"),
    ):
        if relative.endswith(".fr.md") and "languages" not in config_text:
            continue
        path = write(tmp_path / relative, text)
        options = ProfileOptions(profile, **read_site_config(config, profile))
        record = Mapper(options).apply(load(path))
        assert record.problems == ()
        assert record.meta["webUrl"] == link and "publishedDateTime" not in record.meta
    # A regular page without a date is still reported: it is an article without one.
    path = write(tmp_path / "content/blog/post.md", text)
    record = Mapper(ProfileOptions(profile, **read_site_config(config, profile))).apply(load(path))
    assert any('"publishedDateTime"' in p.message for p in record.problems)


@pytest.mark.parametrize(
    ("relative", "link"),
    [
        # zola 0.22 published these sections at their folders as written, the root at /
        ("content/a_b/_index.md", "/a_b/"),
        ("content/a_b/Sub Séc/_index.md", "/a_b/Sub%20S%C3%A9c/"),
        ("content/2024-01-01_News Ünï/_index.md", "/2024-01-01_News%20%C3%9Cn%C3%AF/"),
        ("content/北京/_index.md", "/%E5%8C%97%E4%BA%AC/"),
        ("content/a_b/_index.fr.md", "/fr/a_b/"),
        ("content/_index.md", "/"),
    ],
)
def test_zola_keeps_a_sections_folder_names_as_written(
    tmp_path: Path, relative: str, link: str
) -> None:
    config = write(tmp_path / "config.toml", 'base_url = "https://example.org"\n[languages.fr]\n')
    path = write(tmp_path / relative, '+++\ntitle = "Section"\n+++\n')
    record = Mapper(ProfileOptions("zola", **read_site_config(config, "zola"))).apply(load(path))
    assert (record.meta["webUrl"], record.problems) == ("https://example.org" + link, ())


def test_hugo_skips_the_files_and_folders_its_ignore_files_expressions_match(
    tmp_path: Path,
) -> None:
    # hugo 0.168 searches each expression in the absolute path of every file and folder below
    # the content folder (case-sensitive; the content folder itself is never skipped):
    # "README.md" skips content/README.md, "sub$" the folder content/blog/sub, "^/" all.
    config = write(
        tmp_path / "hugo.toml",
        'baseURL = "https://example.org/"\n'
        'ignoreFiles = ["README\\\\.md$", "sub$", "content$", "\\\\.ipynb", "B\\\\.MD"]\n',
    )
    assert read_site_config(config, "hugo")["ignore_files"] == (
        "README\\.md$",
        "sub$",
        "content$",
        "\\.ipynb",
        "B\\.MD",
    )
    text = "---\ntitle: T\ndate: 2020-01-01\n---\nx\n"
    for skipped in ("content/README.md", "content/blog/sub/b.md", "content/blog/x.ipynb.md"):
        record = mapped_record(config, skipped, text)
        assert "webUrl" not in record.meta, skipped
        (problem,) = record.problems
        assert problem.rule == "profile/missing" and "ignoreFiles" in problem.message
    for kept in ("content/blog/a.md", "content/blog/b.md", "content/blog/subject.md"):
        assert "webUrl" in page(config, kept, "hugo", text), kept
    everything = write(
        tmp_path / "all" / "hugo.toml", 'baseURL = "https://x.org/"\nignoreFiles = ["^/"]\n'
    )
    assert "webUrl" not in page(everything, "content/blog/a.md", "hugo", text)
    with pytest.raises(ConfigError, match="ignoreFiles"):
        read_site_config(write(tmp_path / "bad.toml", 'ignoreFiles = ["(["]\n'), "hugo")
    with pytest.raises(ConfigError, match="ignoreFiles"):
        read_site_config(write(tmp_path / "bad2.toml", "ignoreFiles = 5\n"), "hugo")


def mapped_record(config: Path, relative: str, text: str) -> MappedRecord:
    path = write(config.parent / relative, text)
    options = ProfileOptions("hugo", **read_site_config(config, "hugo"))
    record = Mapper(options).apply(load(path))
    assert isinstance(record, MappedRecord)
    return record


def test_zola_skips_the_files_its_ignored_content_globs_match(tmp_path: Path) -> None:
    # zola 0.22 matches each pattern against the file's whole path ("*" across folders, "?",
    # "{a,b}"), so "*/ignored.md" skips content/blog/ignored.md and "temp.*" nothing.
    config = write(
        tmp_path / "config.toml",
        'base_url = "https://example.org"\n'
        'ignored_content = ["*/ignored.md", "temp.*", "*/{wip,old}-?.md"]\n',
    )
    assert read_site_config(config, "zola")["ignored_content"] == (
        "*/ignored.md",
        "temp.*",
        "*/{wip,old}-?.md",
    )
    text = '+++\ntitle = "x"\ndate = 2024-03-05\n+++\n'
    assert "webUrl" not in page(config, "content/blog/deep/ignored.md", "zola", text)
    assert "webUrl" not in page(config, "content/blog/old-1.md", "zola", text)
    assert "webUrl" in page(config, "content/temp.md", "zola", text)
    assert "webUrl" in page(config, "content/blog/old-12.md", "zola", text)
    with pytest.raises(ConfigError, match="ignored_content"):
        read_site_config(write(tmp_path / "bad.toml", "ignored_content = 5\n"), "zola")


def test_zola_takes_the_default_languages_taxonomies_from_its_languages_table(
    tmp_path: Path,
) -> None:
    # zola 0.22 merges [languages.zh] into the default language "zh": a page with categories
    # is built where only that table defines them, one with tags is not; a taxonomy list in
    # both places is an error ("taxonomies for default language is specified twice").
    config = write(
        tmp_path / "config.toml",
        'base_url = "https://example.org"\ndefault_language = "zh"\n'
        '[languages.zh]\ntaxonomies = [{name = "categories"}]\n'
        '[languages.en]\ntaxonomies = [{name = "tags"}]\n',
    )
    categories = '+++\ntitle = "x"\ndate = 2024-03-05\n[taxonomies]\ncategories = ["a"]\n+++\n'
    tags = '+++\ntitle = "x"\ndate = 2024-03-05\n[taxonomies]\ntags = ["a"]\n+++\n'
    assert page(config, "content/blog/a.md", "zola", categories)["webUrl"] == (
        "https://example.org/blog/a/"
    )
    assert "webUrl" not in page(config, "content/blog/b.md", "zola", tags)
    assert "webUrl" in page(config, "content/blog/c.en.md", "zola", tags)
    twice = write(
        tmp_path / "twice" / "config.toml",
        'base_url = "https://example.org"\ntaxonomies = [{name = "tags"}]\n'
        '[languages.en]\ntaxonomies = [{name = "categories"}]\n',
    )
    with pytest.raises(ConfigError, match="taxonomies"):
        read_site_config(twice, "zola")


def test_zola_stops_on_a_section_whose_front_matter_has_a_key_it_does_not_know(
    tmp_path: Path,
) -> None:
    # zola 0.22 reads a section's front matter strictly ("unknown field `path`, expected one
    # of `title`, ..."): the build stops; a page's unknown keys it passes over.
    config = write(tmp_path / "config.toml", 'base_url = "https://example.org"\n')
    path = write(tmp_path / "content/posts/_index.md", '+++\npath = "posts"\ntitle = "Posts"\n+++')
    record = Mapper(ProfileOptions("zola", **read_site_config(config, "zola"))).apply(load(path))
    assert "webUrl" not in record.meta
    (problem,) = record.problems
    assert problem.rule == "profile/missing" and '"path"' in problem.message
    assert problem.line == 2
    known = '+++\ntitle = "P"\nsort_by = "date"\ntransparent = true\n[extra]\nx = 1\n+++\n'
    assert page(config, "content/posts/_index.md", "zola", known)["webUrl"] == (
        "https://example.org/posts/"
    )
    loose = '+++\ntitle = "P"\ndate = 2024-01-01\ncategory = "Fun"\n+++\n'
    assert "webUrl" in page(config, "content/posts/a.md", "zola", loose)


def test_zola_stops_on_a_taxonomy_the_pages_language_does_not_define(tmp_path: Path) -> None:
    # zola 0.22: 'Page ... has taxonomy `categories` which is not defined in config.toml',
    # even with an empty list; each language defines its own taxonomies.
    config = write(
        tmp_path / "config.toml",
        'base_url = "https://example.org"\n'
        'taxonomies = [{name = "tags"}, {name = "categories", feed = true}]\n'
        '[languages.fr]\ntaxonomies = [{name = "tags"}]\n',
    )
    text = '+++\ntitle = "x"\ndate = 2024-03-05\n[taxonomies]\ncategories = []\n+++\n'
    assert "webUrl" in page(config, "content/blog/a.md", "zola", text)
    path = write(tmp_path / "content/blog/a.fr.md", text)
    record = Mapper(ProfileOptions("zola", **read_site_config(config, "zola"))).apply(load(path))
    assert "webUrl" not in record.meta
    assert [p.rule for p in record.problems] == ["profile/missing"]
    assert '"categories"' in record.problems[0].message
    config = write(tmp_path / "one" / "config.toml", 'base_url = "https://example.org"\n')
    assert "webUrl" not in page(config, "content/blog/a.md", "zola", text)


# jekyll 4.3.1 (/tmp/probe-sched/jek3, machine in UTC): each "date:" as written and the
# instant Jekyll gave the post (page.date | date: "%Y-%m-%dT%H:%M:%S%z"), as Ruby's
# Time.parse reads it; the profile had found no date in any of them.
RUBY_WORDS = [
    ("March 12, 2015", "2015-03-12T00:00:00+0000"),
    ("March 12, 2015 10:30", "2015-03-12T10:30:00+0000"),
    ("March 12 2015 10:30 PM", "2015-03-12T22:30:00+0000"),
    ("12 March 2015", "2015-03-12T00:00:00+0000"),
    ("Mar 12, 2015 10:30:00 +0200", "2015-03-12T08:30:00+0000"),
    ("Thursday, March 12, 2015", "2015-03-12T00:00:00+0000"),
    ("Thu, 12 Mar 2015 10:00:00 +0100", "2015-03-12T09:00:00+0000"),
    ("Thu, 12 Mar 2015 10:00:00 GMT", "2015-03-12T10:00:00+0000"),
    ("12/03/2015", "2015-03-12T00:00:00+0000"),
    ("03/12/2015", "2015-12-03T00:00:00+0000"),
    ("2015.03.12", "2015-03-12T00:00:00+0000"),
    ("20150312", "2015-03-12T00:00:00+0000"),
    ("2015-03-12 10am", "2015-03-12T10:00:00+0000"),
    ("2015-03-12 10:30am", "2015-03-12T10:30:00+0000"),
    ("2015-03-12 10:30 pm", "2015-03-12T22:30:00+0000"),
    ("12.03.2015", "2015-03-12T00:00:00+0000"),
    ("March 2015", "2015-03-01T00:00:00+0000"),
    ("Sat Mar 12 10:00:00 2016", "2016-03-12T10:00:00+0000"),
    ("12-Mar-2015", "2015-03-12T00:00:00+0000"),
    ("2015/3/12 10:00", "2015-03-12T10:00:00+0000"),
    ("1 January 2020 08:00 CET", "2020-01-01T08:00:00+0000"),
    ("Jan 5, 2020", "2020-01-05T00:00:00+0000"),
    ("5th January 2020", "2020-01-05T00:00:00+0000"),
    ("January 5th, 2020 8:00pm", "2020-01-05T20:00:00+0000"),
    ("2020-01-05 08:00:00 -0500 (EST)", "2020-01-05T13:00:00+0000"),
    ("Sept 5, 2020", "2020-09-05T00:00:00+0000"),
    ("5 Sep 2020 10:00 EST", "2020-09-05T15:00:00+0000"),
    ("12 mar 2015", "2015-03-12T00:00:00+0000"),
    ("MARCH 12, 2015", "2015-03-12T00:00:00+0000"),
    ("Mar. 12, 2015", "2015-03-12T00:00:00+0000"),
    ("12:30 2015-03-12", "2015-03-12T12:30:00+0000"),
]


@pytest.mark.parametrize(("written", "jekyll"), RUBY_WORDS)
def test_a_jekyll_date_in_words_or_other_orders_is_read_as_ruby_reads_it(
    tmp_path: Path, written: str, jekyll: str
) -> None:
    config = write(tmp_path / "_config.yml", "url: https://example.org\n")
    meta = page(
        config, "_posts/2001-01-01-w.md", "jekyll", f"---\ntitle: W\ndate: {written}\n---\n"
    )
    instant = datetime.fromisoformat(meta["publishedDateTime"])
    assert instant == datetime.fromisoformat(jekyll)
    assert meta["webUrl"] == f"https://example.org/{instant:%Y/%m/%d}/w.html"


def test_a_jekyll_date_in_words_keeps_its_offset_and_takes_the_sites_zone(
    tmp_path: Path,
) -> None:
    config = write(tmp_path / "_config.yml", "url: https://x.org\ntimezone: Asia/Tokyo\n")
    text = "---\ntitle: W\ndate: Mar 12, 2015 10:30:00 +0200\n---\n"
    assert page(config, "_posts/2001-01-01-w.md", "jekyll", text)["publishedDateTime"] == (
        "2015-03-12T10:30:00+02:00"
    )
    text = "---\ntitle: W\ndate: March 12, 2015 10:30 PM\n---\n"
    assert page(config, "_posts/2001-01-01-w.md", "jekyll", text)["publishedDateTime"] == (
        "2015-03-12T22:30:00+09:00"
    )


# jekyll 4.3.1 (machine in UTC, built in 2026): Ruby's Time.parse completes a date without a
# year with the build's year, passes over words it does not know around the date ("noon",
# "at", "posted on"), and rolls a day the month lacks (29 to 31) into the next month.
RUBY_BUILD_YEAR = [
    ("Mar 12", "2026-03-12T00:00:00+0000"),
    ("March 12", "2026-03-12T00:00:00+0000"),
    ("12th March", "2026-03-12T00:00:00+0000"),
    ("Mar 12th", "2026-03-12T00:00:00+0000"),
    ("Mar-12", "2026-03-12T00:00:00+0000"),
    ("Tuesday, Mar 12", "2026-03-12T00:00:00+0000"),
    ("Mar 12 10:30", "2026-03-12T10:30:00+0000"),
    ("12 Mar 10am", "2026-03-12T10:00:00+0000"),
    ("March", "2026-03-01T00:00:00+0000"),
    ("2015-03-12 noon", "2015-03-12T00:00:00+0000"),
    ("March 12, 2015 noon", "2015-03-12T00:00:00+0000"),
    ("12/03/2015 noon", "2015-03-12T00:00:00+0000"),
    ("2015-03-12 at 10:30", "2015-03-12T10:30:00+0000"),
    ("posted on 2015-03-12", "2015-03-12T00:00:00+0000"),
    ("Mar 12 2015 at noon", "2015-03-12T00:00:00+0000"),
    ("2015-02-30", "2015-03-02T00:00:00+0000"),
    ("Feb 30, 2015", "2015-03-02T00:00:00+0000"),
    ("2015-04-31 10:00:00", "2015-05-01T10:00:00+0000"),
]


@pytest.mark.parametrize(("written", "jekyll"), RUBY_BUILD_YEAR)
def test_a_jekyll_date_is_completed_and_rolled_over_as_ruby_does(
    tmp_path: Path, written: str, jekyll: str
) -> None:
    config = write(tmp_path / "_config.yml", "url: https://example.org\n")
    text = f"---\ntitle: W\ndate: {written}\n---\n"
    meta = page(config, "_posts/2001-01-01-w.md", "jekyll", text, build_time="2026-12-05T00:00:00Z")
    assert datetime.fromisoformat(meta["publishedDateTime"]) == datetime.fromisoformat(jekyll)


def test_a_jekyll_date_without_a_year_takes_the_builds_year_in_the_sites_zone(
    tmp_path: Path,
) -> None:
    # 31 December 2025, 23:30 in UTC is already 2026 in Tokyo, where the site builds.
    config = write(tmp_path / "_config.yml", "url: https://x.org\ntimezone: Asia/Tokyo\n")
    text = "---\ntitle: W\ndate: Mar 12\n---\n"
    meta = page(config, "_posts/2001-01-01-w.md", "jekyll", text, build_time="2025-12-31T23:30:00Z")
    assert meta["publishedDateTime"] == "2026-03-12T00:00:00+09:00"


def test_a_jekyll_file_names_day_past_the_months_end_rolls_over(tmp_path: Path) -> None:
    # jekyll 4.3.1 builds _posts/2023-02-30-x.md at /2023/03/02/x.html.
    config = write(tmp_path / "_config.yml", "url: https://example.org\n")
    meta = page(config, "_posts/2023-02-30-x.md", "jekyll", "---\ntitle: X\n---\n")
    assert meta["publishedDateTime"] == "2023-03-02T00:00:00Z"
    assert meta["webUrl"] == "https://example.org/2023/03/02/x.html"


# jekyll 4.3.1 stops on each ("Invalid date"; 10:30 is YAML's sexagesimal 37800).
@pytest.mark.parametrize(
    "written", ["March 32, 2015", "13/13/2015", "someday", "10:30", "2015-02-32", "noon"]
)
def test_a_jekyll_date_in_words_that_names_no_day_is_still_a_bad_date(
    tmp_path: Path, written: str
) -> None:
    config = write(tmp_path / "_config.yml", "url: https://example.org\n")
    path = tmp_path / "_posts/2001-01-01-w.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: W\ndate: {written}\n---\n", encoding="utf-8")
    options = ProfileOptions("jekyll", **read_site_config(config, "jekyll"))
    record = Mapper(options).apply(load(path))
    assert "profile/bad-date" in {p.rule for p in record.problems}


def test_a_jekyll_date_among_thousands_of_words_is_refused_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A hang guard, not a speed figure: passing over each word matched the rest again, and
    16,000 words took seconds, growing with the square of their number. The matches of the
    day's forms are counted: as many for 50,000 words as for a dozen (ten forms, at most
    thirteen rounds), and a lost guard fails at once rather than after the 50,000 rounds."""
    from convert.profiles import jekyll_dates
    from convert.profiles.jekyll_dates import ruby_date

    matched = [0]

    class Counted:
        def __init__(self, form: re.Pattern[str]) -> None:
            self.form = form

        def fullmatch(self, text: str) -> re.Match[str] | None:
            matched[0] += 1
            if matched[0] > 260:
                raise AssertionError("the words around the date are passed over one by one")
            return self.form.fullmatch(text)

    monkeypatch.setattr(jekyll_dates, "_RUBY_DAYS", tuple(map(Counted, jekyll_dates._RUBY_DAYS)))
    assert ruby_date("posted " * 50_000 + "March 12 2015") is None
    assert ruby_date("March 12 2015 " + "x " * 50_000) is None
    assert ruby_date("posted on March 12 2015 noon") == "2015-03-12T00:00:00Z"  # counted too


@pytest.mark.parametrize(
    ("profile", "name", "text"),
    [
        ("hugo", "hugo.toml", 'baseURL = "https://example.org/"\n'),
        ("hugo", "config.yaml", "baseURL: https://example.org/\n"),
        ("zola", "zola.toml", 'base_url = "https://example.org"\n'),
        ("jekyll", "_config.yml", "url: https://example.org\n"),
    ],
)
def test_a_site_folder_is_read_by_its_configuration_file_and_never_walked(
    tmp_path: Path, profile: str, name: str, text: str
) -> None:
    write(tmp_path / name, text)
    # Files below the site's folder are no configuration of it (a theme's, a data file).
    write(tmp_path / "themes/x/broken.yaml", "[unclosed\n")
    write(tmp_path / "data/languages.toml", "not = toml = at all\n")
    settings = read_site_config(tmp_path, profile)
    assert settings["base_url"] == "https://example.org"
    assert settings["site_root"] == str(tmp_path)


def test_a_folder_without_a_site_configuration_is_an_error_not_a_walk(tmp_path: Path) -> None:
    write(tmp_path / "lib/python/x.yaml", "[unclosed\n")
    for profile in ("hugo", "zola", "jekyll"):
        with pytest.raises(ConfigError, match="no site configuration in") as error:
            read_site_config(tmp_path, profile)
        assert "x.yaml" not in str(error.value)


def test_a_hugo_sites_folder_with_a_config_folder_reads_that(tmp_path: Path) -> None:
    write(tmp_path / "config/_default/hugo.toml", 'baseURL = "https://example.org/"\n')
    write(tmp_path / "assets/x.yaml", "[unclosed\n")
    settings = read_site_config(tmp_path, "hugo")
    assert settings["base_url"] == "https://example.org"
    assert settings["site_root"] == str(tmp_path)
