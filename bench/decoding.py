"""How often the encoding guess is right, and how often a "sure" guess is wrong.

Snippets of clean prose (../shared/corpus/clean: en, de, fr, ru) are encoded in
each legacy code page that can hold them and decoded again with Mend's guess.
A guess is right when it reads the original text back (code pages that give
the same text for those bytes are equally right).  Also measured: UTF-8 with a
few broken bytes, and UTF-16/32 without BOM.

    python bench/decoding.py [--per-size N] [--seed S] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from editor.engine.textfile import decode  # noqa: E402 - after the path set-up

CANDIDATE_SHARED = (ROOT.parent / "shared", ROOT.parent.parent / "shared")
CODE_PAGES = {
    "en": ("cp1252", "latin-1", "iso8859-15", "mac-roman", "cp850", "cp437"),
    "de": (
        "cp1252",
        "latin-1",
        "iso8859-15",
        "mac-roman",
        "cp850",
        "cp437",
        "cp1250",
        "iso8859-2",
        "cp852",
        "mac-latin2",
        "cp1257",
        "iso8859-13",
        "cp1254",
    ),
    "fr": ("cp1252", "latin-1", "iso8859-15", "mac-roman", "cp850", "cp437", "cp1254"),
    "ru": ("cp1251", "koi8-r", "koi8-u", "iso8859-5", "mac-cyrillic", "cp866"),
}
SIZES = (200, 1000, 5000)
# stand-ins for characters a code page lacks, as a writer in that code page would type
FALLBACK = {
    "’": "'",
    "‘": "'",
    "“": '"',
    "”": '"',
    "„": '"',
    "«": '"',
    "»": '"',
    "—": "-",
    "–": "-",
    "…": "...",
    "\u00a0": " ",
    "œ": "oe",
    "Œ": "OE",
}


def shared_folder() -> Path:
    for folder in CANDIDATE_SHARED:
        if (folder / "corpus" / "clean").is_dir():
            return folder
    raise SystemExit("bench/decoding.py needs ../shared/corpus/clean")


def texts(language: str) -> list[str]:
    folder = shared_folder() / "corpus" / "clean" / language
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def snippet(rng: random.Random, text: str, size: int) -> str:
    start = rng.randrange(0, max(1, len(text) - size))
    piece = text[start : start + size]
    return piece[piece.find(" ") + 1 :]


def encodable(piece: str, codec: str) -> bytes | None:
    out = []
    for char in piece:
        try:
            out.append(char.encode(codec))
        except UnicodeEncodeError:
            stand_in = FALLBACK.get(char)
            if stand_in is None:
                return None
            out.append(stand_in.encode(codec))
    return b"".join(out)


def measure_legacy(per_size: int, seed: int) -> dict:
    rng = random.Random(seed)
    table: dict[str, Counter] = defaultdict(Counter)
    wrong_sure: list[str] = []
    for language, code_pages in CODE_PAGES.items():
        sources = texts(language)
        for codec in code_pages:
            for size in SIZES:
                made = 0
                while made < per_size:
                    piece = snippet(rng, rng.choice(sources), size)
                    data = encodable(piece, codec)
                    if data is None or data.isascii():
                        continue
                    made += 1
                    truth = data.decode(codec).replace("\r\n", "\n").replace("\r", "\n")
                    row = table[f"{language} {codec}"]
                    row["snippets"] += 1
                    try:
                        document = decode(data, "bench")
                    except Exception as exc:  # noqa: BLE001 - a refusal is a result too
                        row["refused"] += 1
                        wrong_sure.append(f"{language} {codec} {size}: refused ({exc})")
                        continue
                    right = document.text == truth
                    sure = not document.encoding_doubtful
                    row["right"] += right
                    row["sure"] += sure
                    row["sure_right"] += sure and right
                    if sure and not right:
                        wrong_sure.append(
                            f"{language} {codec} {size}: read as {document.layout.encoding}"
                        )
    return {"table": table, "wrong_sure": wrong_sure}


def measure_broken_utf8(count: int, seed: int) -> Counter:
    """UTF-8 prose with one to three Latin-1 bytes dropped in: must stay UTF-8, bytes kept."""
    rng = random.Random(seed)
    result: Counter = Counter()
    pool = [t for language in CODE_PAGES for t in texts(language)]
    while result["files"] < count:
        piece = snippet(rng, rng.choice(pool), rng.choice(SIZES))
        data = bytearray(piece.encode("utf-8"))
        if data.isascii():
            continue
        for _ in range(rng.randint(1, 3)):
            pos = rng.randrange(len(data))
            while pos < len(data) and 0x80 <= data[pos] < 0xC0:
                pos += 1  # not inside a sequence
            data[pos:pos] = bytes([rng.choice(b"\xe9\xe8\xfc\xe4\xf6\xa0\xe0\xe7")])
        result["files"] += 1
        document = decode(bytes(data), "bench")
        from editor.engine.textfile import encode

        result["read_as_utf8"] += document.layout.encoding == "utf-8"
        result["sure"] += not document.encoding_doubtful
        result["round_trip"] += encode(document.text, document.layout) == bytes(data)
    return result


def measure_wide(count: int, seed: int) -> Counter:
    rng = random.Random(seed)
    result: Counter = Counter()
    samples = {
        "zh": "我们今天去公园散步，天气很好。他说：“你好吗？”我回答说很好。\n" * 3,
        "ja": "今日は天気がいいので、公園へ散歩に行きました。「こんにちは」と彼は言った。\n" * 3,
        "ko": "오늘은 날씨가 좋아서 공원에 산책하러 갔습니다. 그는 안녕하세요라고 말했다.\n" * 3,
    }
    for language in CODE_PAGES:
        samples[language] = "\n".join(snippet(rng, t, 2000) for t in texts(language)[:3])
    for language, text in samples.items():
        for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
            for _ in range(count):
                start = rng.randrange(0, max(1, len(text) - 60))
                piece = text[start : start + rng.choice((60, 400, 4000))]
                result[f"{codec} files"] += 1
                try:
                    document = decode(piece.encode(codec), "bench")
                except Exception:  # noqa: BLE001 - a refusal counts as a miss
                    result[f"{codec} {language} refused"] += 1
                    continue
                result[f"{codec} right"] += document.text == piece.replace("\r", "\n")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--per-size", type=int, default=150)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    legacy = measure_legacy(args.per_size, args.seed)
    broken = measure_broken_utf8(args.per_size * 4, args.seed)
    wide = measure_wide(max(1, args.per_size // 10), args.seed)
    totals: Counter = Counter()
    for row in legacy["table"].values():
        totals.update(row)
    report = {
        "legacy": {k: dict(v) for k, v in sorted(legacy["table"].items())},
        "legacy_total": dict(totals),
        "sure_precision": totals["sure_right"] / max(1, totals["sure"]),
        "sure_share": totals["sure"] / max(1, totals["snippets"]),
        "right_share": totals["right"] / max(1, totals["snippets"]),
        "wrong_sure_examples": legacy["wrong_sure"][:30],
        "broken_utf8": dict(broken),
        "wide": dict(wide),
        "seconds": round(time.perf_counter() - started, 1),
    }
    if args.json:
        print(json.dumps(report, indent=1))
        return
    print(f"{'language code page':24} {'snippets':>8} {'right':>6} {'sure':>6} {'sure&right':>10}")
    for name, row in report["legacy"].items():
        print(
            f"{name:24} {row['snippets']:8} {row.get('right', 0):6} {row.get('sure', 0):6} "
            f"{row.get('sure_right', 0):10}"
        )
    print(f"total: {dict(totals)}")
    print(
        f"sure verdicts right: {report['sure_precision']:.2%}; sure: {report['sure_share']:.1%};"
        f" right overall: {report['right_share']:.1%}"
    )
    for line in report["wrong_sure_examples"]:
        print("  wrong and sure:", line)
    print("UTF-8 with broken bytes:", report["broken_utf8"])
    print("UTF-16/32 without BOM:", report["wide"])
    print(f"{report['seconds']} s")


if __name__ == "__main__":
    main()
