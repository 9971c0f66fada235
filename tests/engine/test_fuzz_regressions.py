"""Inputs that once broke the engine's contract, found by tools/fuzz.py or by hand.

Each case is a JSON file in tests/data/fuzz: {"kind": "scan", "text": ...} runs the
scan contract (invariants.check_scan), {"kind": "bytes", "hex": ...} the byte-exact
round trip of the file loader.  "rules" (optional) lists the rules to run.
"""

import importlib.util
import json
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "data" / "fuzz"

_spec = importlib.util.spec_from_file_location("mend_invariants", HERE / "invariants.py")
invariants = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(invariants)

CASES = sorted(CORPUS.glob("*.json"))


def test_the_corpus_is_not_empty():
    assert CASES


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fuzz_case_keeps_the_contract(path):
    case = json.loads(path.read_text(encoding="utf-8"))
    if case["kind"] == "bytes":
        invariants.check_round_trip(bytes.fromhex(case["hex"]))
    else:
        invariants.check_scan(case["text"], rules=case.get("rules"))
