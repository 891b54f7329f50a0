"""Write N realistic article records (a seeded few with defects) for the benchmarks.

    python benchmarks/generate.py benchmarks/corpus --count 10000 --seed 1

The records follow the shape of the seed record: aggregator news items with provider, topics,
images and an opaque token; about one in twenty carries a defect (a bad date, a relative link,
a misspelled field, a duplicate key) so that the error paths are measured too.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

WORDS = [
    "market",
    "city",
    "council",
    "plan",
    "report",
    "team",
    "season",
    "storm",
    "vote",
    "school",
    "health",
    "energy",
    "price",
    "water",
    "court",
    "police",
    "road",
    "rail",
    "ferry",
    "festival",
    "museum",
    "study",
    "data",
    "phone",
    "app",
    "model",
    "cloud",
    "chip",
]
TOPICS = [
    "AI",
    "Markets",
    "Transport",
    "Weather",
    "Health",
    "Football",
    "Local politics",
    "Science",
    "Energy",
    "Education",
]
DEFECTS = (
    lambda r: r.replace("Z\nwebUrl", "\nwebUrl", 1),  # a date without a zone
    lambda r: r.replace('webUrl: "https://', 'webUrl: "/', 1),  # a relative link
    lambda r: r.replace("publishedDateTime:", "publishedDatetime:", 1),  # a misspelled field
    lambda r: r.replace("category:", "title: duplicate\ncategory:", 1),  # a duplicate key
    lambda r: r.replace("quality: ", "quality: -", 1),  # a negative score
)


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:]


def record(rng: random.Random, index: int) -> str:
    site = f"news{rng.randrange(50)}.example.com"
    slug = f"{index:06d}-{rng.choice(WORDS)}-{rng.choice(WORDS)}"
    day = f"20{rng.randrange(15, 25)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    when = f"{day}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00Z"
    title = sentence(rng, rng.randrange(5, 12)).replace('"', "")
    topics = "\n".join(f"  - {t}" for t in rng.sample(TOPICS, rng.randrange(1, 4)))
    token = "".join(rng.choice("abcdefghijklmnopqrstuvwxyzABCDEF0123456789+/") for _ in range(300))
    paragraphs = range(rng.randrange(2, 6))
    paragraphs = range(rng.randrange(2, 6))
    body = "\n\n".join(sentence(rng, rng.randrange(20, 60)) + "." for _ in paragraphs)
    return f"""---
category: {rng.choice(["news", "sports", "technology", "business"])}
title: "{title}"
excerpt: "{sentence(rng, 30)} ..."
publishedDateTime: {when}
webUrl: "https://www.{site}/{day.replace("-", "/")}/{slug}"
ampWebUrl: "https://www.{site}/amp/{slug}"
cdnAmpWebUrl: "https://www-{site.replace(".", "-")}.cdn.ampproject.org/c/s/www.{site}/amp/{slug}"
type: article
quality: {rng.randrange(0, 100)}
heat: {rng.randrange(0, 1000)}
published: {rng.choice(["true", "true", "true", "false"])}

provider:
  name: {site.split(".")[0].title()} News
  domain: {site}
  images:
    - url: "/assets/images/organizations/{site}-50x50.jpg"
      width: 50
      height: 50

topics:
{topics}

images:
  - url: "https://cdn.{site}/img/{slug}.jpg"
    width: {rng.choice([800, 1200, 1400])}
    height: {rng.choice([450, 600, 933])}
    title: "{title}"

secured: "{token}"
---

{body}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--defect-rate", type=float, default=0.05)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    args.folder.mkdir(parents=True, exist_ok=True)
    for index in range(args.count):
        text = record(rng, index)
        if rng.random() < args.defect_rate:
            text = rng.choice(DEFECTS)(text)
        (args.folder / f"{index:06d}.md").write_text(text, encoding="utf-8")
    print(f"wrote {args.count} records to {args.folder}")


if __name__ == "__main__":
    main()
