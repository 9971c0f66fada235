import codecs
import os
import stat

import pytest

from editor.engine import safewrite, textfile
from editor.engine.errors import InputError, OutputError
from editor.engine.textfile import (
    FileStamp,
    Layout,
    decode,
    default_output_path,
    encode,
    read_document,
    save_document,
    write_atomic,
)

ENGLISH = (
    "“It’s a naïve café,” she said — and the façade’s rococo trim didn’t help.\n"
    "‘Cliché,’ he muttered… The résumé lay on the table, next to the crème brûlée,\n"
    "the jalapeño and the piñata. “Don’t,” she said; “it’s 5 € and 30 ° outside.”\n"
)
FRENCH = (
    "« Déjà vu », dit-il. L’été dernier, nous étions à Paris ; la forêt était très belle,\n"
    "et les élèves français écrivaient des poèmes sur la fenêtre. Ça m’a beaucoup ému —\n"
    "c’était une époque où l’on croyait à l’avenir, où l’œuvre comptait plus que l’œil.\n"
)
GERMAN = (
    "Größere Übungen für Schüler: „Wir müssen heute früh aufstehen“, sagte der Bäcker.\n"
    "Die Straße war nass, die Brücke über den Fluss gesperrt. Überall lagen Blätter,\n"
    "und die Kälte drang durch die Mäntel der Leute, die zur Arbeit eilten.\n"
)
SPANISH = (
    "¿Dónde está la estación? Señor Muñoz, el niño pequeño, corrió por la calle.\n"
    "¡Qué día más bonito! El año pasado fuimos a Málaga y a Córdoba; allí comimos\n"
    "paella y jamón ibérico. «Adiós», dijo él, y se marchó sin mirar atrás.\n"
)
RUSSIAN = (
    "Однажды весной, в час небывало жаркого заката, в Москве, на Патриарших прудах,\n"
    "появились два гражданина. Первый из них, одетый в летнюю серенькую пару, был\n"
    "маленького роста, упитан, лыс. «Да», — сказал он и снял шляпу. 🙂\n"
)
POLISH = (
    "Litwo! Ojczyzno moja! ty jesteś jak zdrowie. Ile cię trzeba cenić, ten tylko\n"
    "się dowie, kto cię stracił. Dziś piękność twą w całej ozdobie widzę i opisuję,\n"
    "bo tęsknię po tobie. Żółć, źdźbło, łąka — „cytat” na końcu zdania.\n"
)

# (text, encoding to write, BOM to put first, layout encoding expected on reading)
ROUND_TRIPS = [
    pytest.param(ENGLISH, "utf-8", b"", "utf-8", id="utf-8"),
    pytest.param(RUSSIAN, "utf-8", codecs.BOM_UTF8, "utf-8", id="utf-8-bom"),
    pytest.param(FRENCH, "utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le", id="utf-16-le-bom"),
    pytest.param(FRENCH, "utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be", id="utf-16-be-bom"),
    pytest.param(GERMAN, "utf-16-le", b"", "utf-16-le", id="utf-16-le"),
    pytest.param(GERMAN, "utf-16-be", b"", "utf-16-be", id="utf-16-be"),
    pytest.param(RUSSIAN, "utf-16-le", b"", "utf-16-le", id="utf-16-le-cyrillic"),
    pytest.param(ENGLISH, "utf-32-le", codecs.BOM_UTF32_LE, "utf-32-le", id="utf-32-le-bom"),
    pytest.param(RUSSIAN, "utf-32-be", codecs.BOM_UTF32_BE, "utf-32-be", id="utf-32-be-bom"),
    pytest.param(ENGLISH, "cp1252", b"", "cp1252", id="cp1252-english"),
    pytest.param(FRENCH, "cp1252", b"", "cp1252", id="cp1252-french"),
    pytest.param(GERMAN, "cp1252", b"", "cp1252", id="cp1252-german"),
    pytest.param(SPANISH, "latin-1", b"", "cp1252", id="latin-1-spanish"),
    pytest.param(POLISH, "cp1250", b"", "cp1250", id="cp1250-polish"),
    pytest.param(RUSSIAN.replace(" 🙂", ""), "cp1251", b"", "cp1251", id="cp1251-russian"),
]


def _mixed(text):
    """Cycle LF, CRLF, CR through the line breaks of ``text``."""
    lines = text.split("\n")
    breaks = ("\n", "\r\n", "\r")
    return "".join(line + breaks[i % 3] for i, line in enumerate(lines[:-1])) + lines[-1]


NEWLINES = [
    pytest.param(lambda t: t, "\n", id="lf"),
    pytest.param(lambda t: t.replace("\n", "\r\n"), "\r\n", id="crlf"),
    pytest.param(lambda t: t.replace("\n", "\r"), "\r", id="cr"),
    pytest.param(_mixed, None, id="mixed"),
]


def test_fixture_texts_are_long_enough_to_be_realistic():
    for text in (ENGLISH, FRENCH, GERMAN, SPANISH, RUSSIAN, POLISH):
        assert len(text) > 200


@pytest.mark.parametrize(("text", "encoding", "bom", "detected"), ROUND_TRIPS)
def test_decode_detects_encoding_and_reads_the_right_text(text, encoding, bom, detected):
    document = decode(bom + text.encode(encoding))
    assert (document.layout.encoding, document.layout.bom) == (detected, bom)
    assert document.text == text


@pytest.mark.parametrize(("text", "encoding", "bom", "detected"), ROUND_TRIPS)
@pytest.mark.parametrize(("convert", "newline"), NEWLINES)
def test_open_and_save_without_fixes_is_byte_identical(
    tmp_path, text, encoding, bom, detected, convert, newline
):
    data = bom + convert(text).encode(encoding)
    source = tmp_path / "in.txt"
    source.write_bytes(data)
    document = read_document(source)
    assert document.layout.newline == newline
    target = tmp_path / "out.txt"
    save_document(target, document.text, document.layout)
    assert target.read_bytes() == data


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"no trailing newline", id="no-final-newline"),
        pytest.param(b"\n\n\n", id="only-newlines"),
        pytest.param(b"\r\n\r\r\n\n\r", id="only-mixed-breaks"),
        pytest.param(b"a\n\rb", id="lf-then-cr"),
        pytest.param(codecs.BOM_UTF8, id="bom-only"),
        pytest.param(codecs.BOM_UTF16_LE, id="utf-16-bom-only"),
        pytest.param("tab\there\x0cform feed\u2028line sep".encode(), id="odd-whitespace"),
        pytest.param(
            "e\u0301 \u05e9\u05dc\u05d5\u05dd 👩‍👩‍👧 🇫🇷".encode(), id="combining-rtl-emoji"
        ),
    ],
)
def test_edge_files_round_trip_byte_identical(data):
    document = decode(data)
    assert encode(document.text, document.layout) == data


def test_empty_file_is_valid_text(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert read_document(path).text == ""


@pytest.mark.parametrize(("convert", "newline"), NEWLINES)
def test_encode_after_a_fix_keeps_the_layout(convert, newline):
    original = "announ-\nced in the “quote” and done\n" * 3
    data = codecs.BOM_UTF8 + convert(original).encode("utf-8")
    document = decode(data)
    cleaned = document.text.replace("announ-\nced", "announced\n")
    expected = codecs.BOM_UTF8 + convert(original.replace("announ-\nced", "announced\n")).encode()
    assert encode(cleaned, document.layout) == expected


def test_encode_refuses_a_text_with_other_line_count_for_mixed_endings():
    document = decode(b"a\r\nb\nc")
    with pytest.raises(OutputError, match="different number of lines"):
        encode("a\nbc", document.layout)


def test_encode_refuses_a_character_the_encoding_cannot_store():
    with pytest.raises(OutputError, match="U\\+2603"):
        encode("snow ☃", Layout("cp1252"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"\x00\x01\x02\x03binary\x00\xff" * 50, "binary", id="nul-bytes"),
        pytest.param(bytes(range(256)) * 20, "binary", id="all-bytes"),
        pytest.param(b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + b"\x02\x00>\x00", "binary", id="elf"),
        pytest.param(b"text\x01\x02\x03\x04\x05\x06" * 40, "binary", id="control-bytes"),
        pytest.param(codecs.BOM_UTF16_LE + b"\x00\xd8a\x00", "not readable", id="lone-surrogate"),
        pytest.param(codecs.BOM_UTF8 + b"late nul\x00", "binary", id="utf-8-bom-with-nul"),
    ],
)
def test_data_that_is_not_text_is_refused_in_one_line(data, message):
    with pytest.raises(InputError, match=message) as error:
        decode(data, "file.bin")
    assert "\n" not in str(error.value)
    assert str(error.value).startswith("file.bin: ")


def test_a_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "missing.txt")


def test_a_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="is a folder"):
        read_document(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs need POSIX")
def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_document(fifo)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_is_refused():
    with pytest.raises(InputError, match="not a regular file"):
        read_document(textfile.Path("/dev/zero"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs need POSIX")
def test_a_file_swapped_for_a_fifo_after_stat_is_refused(tmp_path, monkeypatch):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    regular = os.stat(__file__)
    monkeypatch.setattr(textfile.Path, "stat", lambda self, **kw: regular)
    with pytest.raises(InputError, match="not a regular file"):
        read_document(fifo)


def test_a_file_that_disappears_after_stat_is_an_input_error(tmp_path, monkeypatch):
    path = tmp_path / "gone.txt"
    path.write_text("here", encoding="utf-8")
    real_open = os.open

    def vanish_then_open(name, *args, **kwargs):
        os.unlink(name)
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", vanish_then_open)
    with pytest.raises(InputError, match="disappeared"):
        read_document(path)


def test_an_unreadable_file_is_an_input_error(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("secret", encoding="utf-8")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # simulated: tests run as root in CI, where chmod 000 does not stop reading
    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(InputError, match="permission denied"):
        read_document(path)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root reads a chmod-000 file anyway; the simulated test above covers it",
)
def test_a_chmod_000_file_is_an_input_error(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("secret", encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match="permission denied"):
            read_document(path)
    finally:
        path.chmod(0o600)


def test_read_document_records_a_stamp_of_the_bytes_read(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"abc\r\n")
    document = read_document(path)
    assert document.stamp == FileStamp.of_path(path)
    assert document.stamp is not None
    assert document.stamp.size == 5


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("book.txt", "book.cleaned.txt"),
        ("archive.tar.txt", "archive.tar.cleaned.txt"),
        ("README", "README.cleaned"),
        (".hidden", ".hidden.cleaned"),
    ],
)
def test_default_output_path_is_beside_the_input(tmp_path, name, expected):
    assert default_output_path(tmp_path / name) == tmp_path / expected


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_write_atomic_failure_keeps_the_old_file_and_leaves_no_temp(tmp_path, monkeypatch, failing):
    target = tmp_path / "out.txt"
    target.write_bytes(b"old contents")

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, broken)
    with pytest.raises(OutputError, match="No space left"):
        write_atomic(target, b"new contents")
    assert target.read_bytes() == b"old contents"
    assert _leftovers(tmp_path) == []


def test_write_atomic_interrupted_keeps_the_old_file_and_leaves_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "out.txt"
    target.write_bytes(b"old contents")

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new contents")
    assert target.read_bytes() == b"old contents"
    assert _leftovers(tmp_path) == []


def test_write_atomic_unwritable_folder_is_an_output_error(tmp_path, monkeypatch):
    folder = tmp_path / "out"
    folder.mkdir()

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # simulated: root can write into a read-only folder
    monkeypatch.setattr(safewrite.tempfile, "mkstemp", denied)
    with pytest.raises(OutputError, match="not writable"):
        write_atomic(folder / "out.txt", b"data")
    assert list(folder.iterdir()) == []


def test_write_atomic_into_a_missing_folder_is_an_output_error(tmp_path):
    with pytest.raises(OutputError, match="does not exist"):
        write_atomic(tmp_path / "nope" / "out.txt", b"data")


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_write_atomic_never_replaces_a_device():
    with pytest.raises(OutputError, match="not a regular file"):
        write_atomic(textfile.Path("/dev/null"), b"data")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_write_atomic_through_a_symlink_writes_the_target_and_keeps_the_link(tmp_path):
    real = tmp_path / "real.txt"
    real.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, b"new", through_link=True)
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
@pytest.mark.parametrize("mode", [0o600, 0o640, 0o755])
def test_write_atomic_keeps_the_permission_bits_of_the_replaced_file(tmp_path, mode):
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")
    target.chmod(mode)
    write_atomic(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == mode


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_write_atomic_copies_the_permission_bits_of_mode_from(tmp_path):
    source = tmp_path / "in.txt"
    source.write_bytes(b"in")
    source.chmod(0o604)
    target = tmp_path / "out.txt"
    write_atomic(target, b"out", mode_from=source)
    assert stat.S_IMODE(target.stat().st_mode) == 0o604


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file away"
)
def test_write_atomic_keeps_the_owner_of_the_replaced_file(tmp_path):
    target = tmp_path / "theirs.txt"
    target.write_bytes(b"old")
    os.chown(target, 4321, 4321)
    write_atomic(target, b"new")
    assert (target.stat().st_uid, target.stat().st_gid) == (4321, 4321)


def test_save_refuses_to_overwrite_a_file_changed_since_it_was_read(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"first version\n")
    document = read_document(path)
    path.write_bytes(b"edited by someone else\n")
    with pytest.raises(OutputError, match="changed on disk"):
        save_document(path, "cleaned\n", document.layout, expected=document.stamp)
    assert path.read_bytes() == b"edited by someone else\n"
    assert _leftovers(tmp_path) == []


def test_save_refuses_when_the_file_read_has_disappeared(tmp_path):
    folder = tmp_path / "work"
    folder.mkdir()
    path = folder / "a.txt"
    path.write_bytes(b"first version\n")
    document = read_document(path)
    path.unlink()
    with pytest.raises(OutputError, match="disappeared"):
        save_document(path, "cleaned\n", document.layout, expected=document.stamp)
    assert list(folder.iterdir()) == []


def test_save_overwrites_an_unchanged_file_read_before(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"first version\r\n")
    document = read_document(path)
    save_document(path, "cleaned\n", document.layout, expected=document.stamp)
    assert path.read_bytes() == b"cleaned\r\n"


@pytest.mark.parametrize(
    ("layout", "label"),
    [
        (Layout("utf-8"), "UTF-8, LF"),
        (Layout("utf-8", codecs.BOM_UTF8, "\r\n"), "UTF-8 with BOM, CRLF"),
        (Layout("cp1252", b"", None, ("\n", "\r")), "CP1252, mixed line endings"),
    ],
)
def test_layout_label_names_encoding_bom_and_line_endings(layout, label):
    assert layout.label == label


# --- decoding: broken UTF-8, a chosen encoding, doubtful guesses -------------------------


def test_broken_utf8_bytes_are_kept_as_escapes_and_written_back():
    data = "Größe — “ok” ".encode() * 10 + b"\xff\xfe\x80" + "Straße\n".encode()
    document = decode(data)
    assert document.encoding == "utf-8"
    assert document.undecodable_bytes == 3
    assert "\udcff\udcfe\udc80" in document.text
    assert not document.encoding_doubtful
    assert encode(document.text, document.layout) == data


def test_broken_bytes_after_a_utf8_bom_are_kept():
    data = codecs.BOM_UTF8 + b"ok\xff\xfe broken"
    document = decode(data)
    assert (document.encoding, document.undecodable_bytes) == ("utf-8", 2)
    assert encode(document.text, document.layout) == data


def test_as_many_broken_bytes_as_valid_sequences_is_a_doubtful_utf8():
    data = "café ".encode() + b"caf\xe9 " + b"plain words " * 20
    document = decode(data)
    assert document.encoding == "utf-8"
    assert document.encoding_doubtful
    assert "cp1252" in document.encoding_alternatives


def test_plain_utf8_and_bom_files_are_sure():
    for data in (
        b"ascii only\n",
        "naïve\n".encode(),
        codecs.BOM_UTF16_LE + "x".encode("utf-16-le"),
    ):
        document = decode(data)
        assert not document.encoding_doubtful
        assert document.encoding_alternatives == ()
        assert document.undecodable_bytes == 0


def test_a_long_legacy_text_is_read_surely_and_right():
    document = decode((FRENCH * 3).encode("mac-roman"))
    assert (document.encoding, document.encoding_doubtful) == ("mac-roman", False)
    assert document.text == FRENCH * 3


@pytest.mark.parametrize(
    ("name", "data", "text", "bom"),
    [
        pytest.param("mac-roman", "Noël\n".encode("mac-roman"), "Noël\n", b"", id="legacy"),
        pytest.param("MacRoman", "Noël\n".encode("mac-roman"), "Noël\n", b"", id="alias"),
        pytest.param("utf-8-sig", codecs.BOM_UTF8 + b"a\n", "a\n", codecs.BOM_UTF8, id="sig"),
        pytest.param(
            "utf-16",
            codecs.BOM_UTF16_BE + "é".encode("utf-16-be"),
            "é",
            codecs.BOM_UTF16_BE,
            id="utf-16-bom",
        ),
        pytest.param("utf-16", "é\n".encode("utf-16-be"), "é\n", b"", id="utf-16-no-bom"),
        pytest.param("cp1252", codecs.BOM_UTF8 + b"a", "ï»¿a", b"", id="foreign-bom-is-text"),
    ],
)
def test_a_chosen_encoding_overrides_detection_and_round_trips(name, data, text, bom):
    document = decode(data, encoding=name)
    assert (document.text, document.layout.bom) == (text, bom)
    assert not document.encoding_doubtful
    assert encode(document.text, document.layout) == data


def test_a_chosen_encoding_that_cannot_read_the_bytes_is_an_input_error():
    with pytest.raises(InputError, match="not readable as cp1252"):
        decode(b"abc\x81", "f.txt", encoding="cp1252")
    with pytest.raises(InputError, match="unknown text encoding"):
        decode(b"abc", "f.txt", encoding="klingon")


def test_read_document_passes_the_encoding_and_keeps_the_stamp(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Ôte".encode("cp850"))
    document = read_document(path, "cp850")
    assert (document.text, document.encoding) == ("Ôte", "cp850")
    assert document.stamp == FileStamp.of_path(path)


@pytest.mark.parametrize("name", ["no-such-codec", "rot13", "zlib"])
def test_check_encoding_name_refuses_what_is_not_a_text_encoding(name):
    with pytest.raises(LookupError, match="unknown text encoding"):
        textfile.check_encoding_name(name)


def test_check_encoding_name_gives_the_canonical_name():
    assert textfile.check_encoding_name("Latin-1") == "iso8859-1"
    assert textfile.check_encoding_name("UTF8") == "utf-8"


def test_a_save_of_an_unencodable_character_names_the_file(tmp_path):
    target = tmp_path / "out.txt"
    with pytest.raises(OutputError, match=r"out\.txt: the character '☃'"):
        save_document(target, "snow ☃", Layout("cp1252"))
