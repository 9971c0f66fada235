"""The decoding failures an outside attack found (issue 9): each case as it was reported.

Every text is made here; nothing is read from ../shared.
"""

import codecs
import json

import pytest

from editor import cli
from editor.engine import ScanOptions, scan
from editor.engine.errors import OutputError
from editor.engine.textfile import Layout, decode, encode, read_document, save_document
from tests.cli_support import run_mend

FRENCH = (
    "À Noël, nous étions à Paris ; la forêt était très belle et les élèves écrivaient "
    "des poèmes sur la fenêtre. Ça m'a beaucoup ému : c'était une époque où l'on croyait "
    "à l'avenir, où l'œuvre comptait plus que l'été. Le garçon répondit : « Déjà ? »\n"
)
GERMAN = (
    "Größere Übungen für Schüler: Wir müssen heute früh aufstehen, sagte der Bäcker. "
    "Die Straße war nass, die Brücke über den Fluss gesperrt. Überall lagen Blätter, "
    "und die Kälte drang durch die Mäntel der Leute, die zur Arbeit eilten.\n"
)
SLOVAK = (
    "Keď sa ráno zobudil, uvidel, že na stole leží list. Bol to dlhý list od jeho "
    "starej matky, ktorá žila ďaleko na východe. Písala mu, že ľudia v dedine sú "
    "zdraví, že úroda bola tento rok dobrá a že čaká na jeho návštevu ešte pred zimou.\n"
)
RUSSIAN = (
    "Однажды весной, в час небывало жаркого заката, в Москве, на Патриарших прудах, "
    "появились два гражданина. Первый из них, одетый в летнюю серенькую пару, был "
    "маленького роста, упитан, лыс, свою приличную шляпу пирожком нёс в руке. Я знаю.\n"
)
CHINESE = "我们今天去公园散步，天气很好。他说：“你好吗？”我回答说很好，谢谢。\n" * 4
JAPANESE = "今日は天気がいいので、公園へ散歩に行きました。「こんにちは」と彼は言った。\n" * 4


# --- one Latin-1 byte in a UTF-8 file ---------------------------------------------------


def test_one_latin1_byte_keeps_the_file_utf8_and_the_byte_as_it_was():
    data = "Il a dit — « oui » — puis il est parti, l’air ému.\n".encode() * 5
    data = data.replace(b"parti", b"part\xe9", 1)
    document = decode(data)
    assert document.encoding == "utf-8"
    assert not document.encoding_doubtful
    assert document.undecodable_bytes == 1
    assert "—" in document.text  # not "â€”": the em dash stays one character
    assert encode(document.text, document.layout) == data


def test_an_em_dash_beside_a_latin1_byte_is_not_split_into_quotes(tmp_path):
    # read as CP1252, E2 80 94 held a "”" that quote pairing turned and moved
    text = "He paused — “well,” he said — and went on.\nShe said “no” and left.\n" * 4
    data = text.encode().replace(b"went", b"w\xe9nt", 1)
    source = tmp_path / "in.txt"
    source.write_bytes(data)
    target = tmp_path / "out.txt"
    assert cli.main(["clean", str(source), "-o", str(target)]) == 0
    assert target.read_bytes() == data


def test_a_soft_hyphen_in_a_file_with_a_latin1_byte_loses_no_byte(tmp_path):
    text = "An impor\u00adtant day — the café was full.\nNothing else here.\n" * 3
    data = text.encode().replace(b"full", b"f\xfcll", 1)
    source = tmp_path / "in.txt"
    source.write_bytes(data)
    target = tmp_path / "out.txt"
    assert cli.main(["clean", str(source), "-o", str(target)]) == 0
    assert target.read_bytes() == data.replace("\u00ad".encode(), b"")


def test_no_fix_touches_or_neighbours_an_undecodable_byte():
    # a soft hyphen right beside a broken byte, and one far from it
    data = "Ein impor\u00adtant Tag. Die Brü\u00adcke war nass — sehr nass.\n".encode() * 3
    data = data.replace("Brü".encode(), b"Br\xfc", 1)
    document = decode(data)
    fixes = scan(document.text, ScanOptions(encoding=document.encoding))
    escaped = [i for i, c in enumerate(document.text) if "\udc80" <= c <= "\udcff"]
    assert escaped
    for fix in fixes:
        assert all(not fix.start - 1 <= i <= fix.end for i in escaped)
    assert any(fix.original == "\u00ad" for fix in fixes)  # the rest is still cleaned


# --- legacy code pages mistaken for one another ------------------------------------------

MISTAKEN = [
    pytest.param(FRENCH, "mac-roman", id="mac-roman-not-cp1252"),
    pytest.param(SLOVAK, "iso8859-2", id="iso8859-2-slovak-not-cp1250"),
    pytest.param(RUSSIAN, "mac-cyrillic", id="mac-cyrillic-not-cp1251"),
    pytest.param(FRENCH.replace("œ", "oe"), "cp850", id="cp850-french-not-cp1250"),
    pytest.param(GERMAN, "cp850", id="cp850-german-not-cp1250"),
    pytest.param(RUSSIAN, "cp1251", id="cp1251-not-mac-greek"),
    pytest.param(RUSSIAN, "koi8-r", id="koi8-r"),
]


@pytest.mark.parametrize(("text", "codec"), MISTAKEN)
def test_a_legacy_guess_is_right_or_says_it_is_doubtful(text, codec):
    data = (text * 2).encode(codec)
    document = decode(data)
    if document.encoding_doubtful:
        readings = [
            data.decode(name) for name in (document.encoding, *document.encoding_alternatives)
        ]
        assert text * 2 in readings  # the right reading is offered
    else:
        assert document.text == text * 2


def test_cp1251_russian_keeps_every_ya():
    document = decode((RUSSIAN * 2).encode("cp1251"))
    assert document.text.count("я") == (RUSSIAN * 2).count("я")
    assert "\u00ad" not in document.text


@pytest.mark.parametrize(("text", "codec"), MISTAKEN)
def test_clean_never_writes_a_wrongly_guessed_text(tmp_path, text, codec):
    data = (text * 2).encode(codec)
    source = tmp_path / "in.txt"
    source.write_bytes(data)
    target = tmp_path / "out.txt"
    result = run_mend("clean", source, "-o", target)
    if result.returncode == 0:
        assert target.read_bytes() == data  # a text without artifacts comes out unchanged
    else:
        assert result.returncode == 2
        assert "--encoding" in result.stderr
        assert result.stderr.count("\n") == 1
        assert not target.exists()


def test_a_short_ambiguous_legacy_text_is_doubtful_and_clean_refuses_it(tmp_path):
    # one capital "Ë" in Mac Roman reads as a capital letter in several code pages
    source = tmp_path / "short.txt"
    source.write_bytes("NOËL\n".encode("mac-roman"))
    assert read_document(source).encoding_doubtful
    result = run_mend("clean", source)
    assert result.returncode == 2
    assert "not sure" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "short.cleaned.txt").exists()


def test_clean_with_encoding_reads_and_writes_a_doubtful_file(tmp_path):
    data = "NOËL\n".encode("mac-roman")
    source = tmp_path / "short.txt"
    source.write_bytes(data)
    target = tmp_path / "out.txt"
    assert cli.main(["clean", str(source), "--encoding", "mac-roman", "-o", str(target)]) == 0
    assert target.read_bytes() == data


def test_check_names_a_doubtful_encoding_in_text_and_json(tmp_path, capsys):
    source = tmp_path / "short.txt"
    source.write_bytes("NOËL\n".encode("mac-roman"))
    assert cli.main(["check", str(source)]) == 0
    err = capsys.readouterr().err
    assert "is a guess, not sure" in err
    assert "--encoding" in err
    assert cli.main(["check", "--json", str(source)]) == 0
    (entry,) = json.loads(capsys.readouterr().out)["files"]
    assert entry["encoding_sure"] is False
    assert entry["codec"]
    assert entry["encoding_alternatives"]


def test_check_names_a_detected_legacy_encoding(tmp_path, capsys):
    source = tmp_path / "ru.txt"
    source.write_bytes((RUSSIAN * 3).encode("koi8-r"))
    assert cli.main(["check", str(source)]) == 0
    assert "encoding koi8-r (detected" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["no-such-codec", "rot13", "base64"])
def test_an_unknown_encoding_is_a_one_line_usage_error(tmp_path, name):
    source = tmp_path / "a.txt"
    source.write_text("text\n", encoding="utf-8")
    for command in ("check", "clean"):
        result = run_mend(command, source, "--encoding", name)
        assert result.returncode == 2
        assert "unknown text encoding" in result.stderr
        assert result.stderr.count("\n") == 1
    assert not (tmp_path / "a.cleaned.txt").exists()


# --- a replacement the encoding cannot hold -------------------------------------------


def test_a_fix_the_encoding_cannot_hold_is_never_proposed(tmp_path):
    # educate-quotes would put "“" into a CP850 file, which has no such character
    data = 'He said "yes" and left.\nAgain "no".\n'.encode("cp850")
    source = tmp_path / "dos.txt"
    source.write_bytes(data)
    target = tmp_path / "out.txt"
    args = ["clean", str(source), "--encoding", "cp850", "--rules", "educate-quotes"]
    assert cli.main([*args, "-o", str(target)]) == 0
    assert target.read_bytes() == data
    fixes = scan(data.decode("cp850"), ScanOptions(rules=frozenset({"educate-quotes"})))
    assert fixes  # in a Unicode file the same rule does propose them


def test_a_save_failure_names_the_file(tmp_path):
    target = tmp_path / "out.txt"
    with pytest.raises(OutputError) as error:
        save_document(target, "snow ☃\n", Layout("cp1252"))
    assert str(error.value).startswith(f"{target}: ")
    assert not target.exists()


# --- UTF-16/32 without a BOM ----------------------------------------------------------

WIDE = [
    pytest.param(text, codec, id=f"{label}-{codec}")
    for label, text in (("zh", CHINESE), ("ja", JAPANESE), ("fr", FRENCH), ("ru", RUSSIAN))
    for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
]


@pytest.mark.parametrize(("text", "codec"), WIDE)
def test_utf16_and_utf32_without_bom_are_read_not_refused(tmp_path, text, codec):
    data = text.encode(codec)
    source = tmp_path / "wide.txt"
    source.write_bytes(data)
    document = read_document(source)
    assert document.encoding == codec
    assert document.text == text
    target = tmp_path / "out.txt"
    save_document(target, document.text, document.layout)
    assert target.read_bytes() == data


def test_binary_with_nul_bytes_is_still_refused():
    with pytest.raises(Exception, match="binary"):
        decode(b"\x00\x01\x02\xff" * 100, "x.bin")
    with pytest.raises(Exception, match="binary"):
        decode(bytes(range(256)) * 16, "x.bin")


def test_bom_still_wins_over_the_guess():
    data = codecs.BOM_UTF16_BE + CHINESE.encode("utf-16-be")
    assert decode(data).text == CHINESE
