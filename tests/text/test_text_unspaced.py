"""Chinese and Japanese pages: their prose is read as prose, and their text is kept as written."""

from __future__ import annotations

import re

import numpy as np
import pytest

from convert.text.chars import code_points
from convert.text.columns import page_features
from convert.text.features import FEATURE_NAMES
from convert.text.pipeline import clean_text
from convert.text.unspaced import has_unspaced, spaced

# Written for these tests: a short news report and the furniture around it.
CHINESE_PARAGRAPHS = (
    "市政府星期二宣布，新建的跨江大桥将于明年年底前完工，旧桥届时将关闭并进行全面检修。",
    "负责工程的官员表示，施工期间部分道路会实行交通管制，市民出行前应留意最新公告。",
    "据介绍，新桥全长两千三百米，设有六条机动车道和两条非机动车道，总投资约四十亿元。",
    "不少附近居民对此表示欢迎，认为新桥建成后上下班的时间可以缩短将近半个小时。",
)
CHINESE_MENU = ("首页", "新闻", "国际", "财经", "体育", "娱乐", "科技", "登录", "注册")
JAPANESE_PARAGRAPHS = (
    "市は火曜日、川に架かる新しい橋が来年末までに完成すると発表した。古い橋はその後閉鎖される。",
    "工事を担当する職員によると、工事期間中は一部の道路で交通規制が行われる見込みだという。",
    "新しい橋の全長は約二千三百メートルで、車道が六車線、歩道が両側に設けられる予定である。",
    "近くに住む人々は完成を歓迎しており、通勤の時間が三十分ほど短くなると期待している。",
)
JAPANESE_MENU = ("ホーム", "ニュース", "国際", "経済", "スポーツ", "ログイン", "会員登録")


def _page(title: str, menu: tuple[str, ...], paragraphs: tuple[str, ...]) -> str:
    items = "".join(f'<li><a href="/{k}">{item}</a></li>' for k, item in enumerate(menu))
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (
        f"<html><head><title>{title}</title></head><body><ul>{items}</ul>"
        f"<article><h1>{title}</h1>{body}</article><ul>{items}</ul></body></html>"
    )


@pytest.mark.parametrize(
    ("menu", "paragraphs"),
    [(CHINESE_MENU, CHINESE_PARAGRAPHS), (JAPANESE_MENU, JAPANESE_PARAGRAPHS)],
    ids=["chinese", "japanese"],
)
def test_the_article_is_kept_and_the_menu_dropped(
    menu: tuple[str, ...], paragraphs: tuple[str, ...]
) -> None:
    for kind, source in (
        ("html", _page("新桥", menu, paragraphs)),
        ("text", "\n".join((*menu, "", *(f"{p}\n" for p in paragraphs), *menu))),
    ):
        cleaned = clean_text(source, kind=kind)  # type: ignore[arg-type]
        for paragraph in paragraphs:
            assert paragraph in cleaned, kind
        assert not any(f"\n{item}\n" in f"\n{cleaned}\n" for item in menu), kind


def test_a_prose_line_reads_as_long_and_ending_a_sentence() -> None:
    found = page_features([*CHINESE_MENU, *CHINESE_PARAGRAPHS], None)
    names = FEATURE_NAMES.index
    prose, item = found.matrix[len(CHINESE_MENU)], found.matrix[0]
    assert prose[names("sentence_end")] == 1.0
    assert prose[names("words_ge_15")] == 1.0
    assert prose[names("comma_rate")] > 0.0
    assert item[names("words_le_3")] == 1.0
    assert item[names("sentence_end")] == 0.0


def test_the_lines_kept_are_the_page_own() -> None:
    lines = [*CHINESE_MENU, "", *CHINESE_PARAGRAPHS]
    found = page_features(lines, None)
    assert found.texts == [line for line in lines if line]
    assert found.index.tolist() == [k for k, line in enumerate(lines) if line]
    assert found.words[len(CHINESE_MENU)] == len(re.findall(r"\w+", spaced(CHINESE_PARAGRAPHS[0])))


@pytest.mark.parametrize(
    ("line", "read"),
    [
        ("新建的跨江大桥。", "新建 的跨 江大 桥."),
        ("他说：「好！」", '他说:"好!"'),
        ("日本語のテキスト、です", "日本 語の テキ スト,です"),
        ("iPhone发布会在2024年举行", "iPhone发布 会在2024年举 行"),
        ("서울에서 열린 회의", "서울에서 열린 회의"),  # Korean is written with spaces
        ("The bridge opens.", "The bridge opens."),
        ("\U00020000\U00020001\U00020002", "\U00020000\U00020001 \U00020002"),  # beyond the plane
        ("新建的\n跨江大桥", "新建 的\n跨江 大桥"),  # a line break ends a run
        ("", ""),
    ],
)
def test_spaced(line: str, read: str) -> None:
    assert spaced(line) == read


@pytest.mark.parametrize(
    ("page", "found"),
    [
        ("The bridge opens — café, naïve, “quoted” ✓ 🙂", False),
        ("A menu item: 中 alone", False),
        ("Languages: English | 中文", True),
        ("", False),
    ],
)
def test_has_unspaced(page: str, found: bool) -> None:
    assert has_unspaced(code_points(page)) is found


def test_pages_without_such_lines_are_featured_as_before() -> None:
    lines = ["Home", "The council said on Tuesday that the bridge would open.", "서울 회의"]
    found = page_features(lines, "en")
    again = page_features([*lines, "中文"], "en")
    assert np.array_equal(found.matrix[:, 1], again.matrix[:3, 1])
