"""Fuzz Mend's file loader and engine with a large hypothesis budget.

    python tools/fuzz.py [--examples 20000] [--seconds 600] [--target scan|bytes|all]

Runs the same contract as the property tests (tests/engine/invariants.py): the
engine never raises, fixes stay inside the text and never overlap, applying them
changes nothing outside their spans, cleaning is idempotent, and any bytes that
decode are saved back byte-identical.  Every failing input hypothesis shrinks is
written to tests/data/fuzz/ as a JSON regression case (tests/engine/
test_fuzz_regressions.py runs them in CI).  Exit status 1 when anything failed.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

if TYPE_CHECKING:
    from types import ModuleType

    from hypothesis.strategies import SearchStrategy

CORPUS = ROOT / "tests" / "data" / "fuzz"


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


invariants = _load(ROOT / "tests" / "engine" / "invariants.py", "mend_invariants")
properties = _load(ROOT / "tests" / "engine" / "test_properties.py", "mend_properties")


def save_case(case: dict, error: BaseException) -> Path:
    """Write one failing input as a regression case named after its content."""
    CORPUS.mkdir(parents=True, exist_ok=True)
    body = json.dumps(case, ensure_ascii=True, sort_keys=True)
    digest = hashlib.sha1(body.encode()).hexdigest()[:12]
    path = CORPUS / f"{case['kind']}-{digest}.json"
    case = {**case, "found": f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"}
    path.write_text(json.dumps(case, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def left(self) -> bool:
        return time.monotonic() < self.end


Check = Callable[[Any], None]
ToCase = Callable[[Any], dict]


def run_target(
    name: str,
    strategy: SearchStrategy[Any],
    check: Check,
    to_case: ToCase,
    examples: int,
    deadline: Deadline,
) -> list[Path]:
    """Run one property until it fails or the budget ends; return the shrunk failing cases."""
    found: list[Path] = []
    while deadline.left():

        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
            phases=[Phase.generate, Phase.shrink],
        )
        @given(strategy)
        def prop(value: Any) -> None:
            if not deadline.left():
                return
            check(value)

        try:
            prop()
        except Exception as error:  # noqa: BLE001 - every failure is a finding
            value = getattr(error, "fuzz_value", None)
            case = to_case(_last_failing[name]) if value is None else to_case(value)
            path = save_case(case, error)
            _known.add(signature(error))
            found.append(path)
            print(f"[{name}] FAILED -> {path.relative_to(ROOT)}: {str(error).splitlines()[0]}")
            traceback.print_exception(error, limit=3, file=sys.stderr)
            if len(found) >= 5:
                break
            continue
        print(f"[{name}] {examples} examples passed")
        break
    return found


_last_failing: dict[str, Any] = {}
_known: set[str] = set()


def signature(error: BaseException) -> str:
    """What kind of failure this is: its message up to the first quoted text."""
    line = str(error).splitlines()[0] if str(error) else type(error).__name__
    return f"{type(error).__name__}: {line.split(chr(39))[0].split(' at ')[0]}"


def recording(name: str, check: Check) -> Check:
    """Remember the last input that raised, so the shrunk one can be saved; ignore failures
    of a kind already found, so a long run reports distinct bugs rather than one many times."""

    def wrapped(value: Any) -> None:
        try:
            check(value)
        except Exception as error:
            if signature(error) in _known:
                return
            _last_failing[name] = value
            raise

    return wrapped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=20000)
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--target", choices=("scan", "bytes", "all"), default="all")
    args = parser.parse_args(argv)
    deadline = Deadline(args.seconds)
    targets = []
    if args.target in ("scan", "all"):
        targets += [
            (
                "scan-unicode",
                st.text(max_size=2000),
                invariants.check_scan,
                lambda t: {"kind": "scan", "text": t},
            ),
            (
                "scan-artifacts",
                properties.artifact_texts(),
                invariants.check_scan,
                lambda t: {"kind": "scan", "text": t},
            ),
            (
                "scan-all-rules",
                properties.artifact_texts(),
                lambda t: invariants.check_scan(t, rules=["all"]),
                lambda t: {"kind": "scan", "text": t, "rules": ["all"]},
            ),
        ]
    if args.target in ("bytes", "all"):
        targets += [
            (
                "bytes",
                st.binary(max_size=4000),
                invariants.check_round_trip,
                lambda b: {"kind": "bytes", "hex": b.hex()},
            ),
        ]
    failures = []
    per_target = args.seconds / len(targets)
    for name, strategy, check, to_case in targets:
        share = Deadline(min(per_target, max(0.0, deadline.end - time.monotonic())))
        failures += run_target(
            name, strategy, recording(name, check), to_case, args.examples, share
        )
    print(f"{len(failures)} failing input(s) written to {CORPUS.relative_to(ROOT)}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
