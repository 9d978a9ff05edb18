"""The long fault and load run: writers killed at random moments, then 50 writers and 50 readers.

Run: python bench/stress.py [--kills 208] [--entries 4000] [--writers 50] [--readers 50]
     [--seconds 30] [--flip-seconds 20]

It drives the same code as tests/test_faults.py (which CI runs in a short version; with
GLOSSARY_LONG=1 pytest runs this long version too) and prints its figures: kills done and
what each left (the old file or the new one), writes landed, reads checked, errors. It
exits 1 if anything went wrong. Everything happens in a temporary folder, with its own
search cache.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import test_faults as faults


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=208)
    parser.add_argument("--entries", type=int, default=4000)
    parser.add_argument("--writers", type=int, default=50)
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--flip-seconds", type=float, default=20.0)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    errors: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        os.environ["XDG_CACHE_HOME"] = str(work / "cache")
        os.environ.pop("GLOSSARY_FILE", None)

        print(f"== writers killed: {args.kills} kills, {args.entries} entries", flush=True)
        kills_folder = work / "kills"
        kills_folder.mkdir()
        start = time.monotonic()
        killed = faults.kill_campaign(kills_folder, args.kills, args.entries, seed=args.seed)
        print(killed.summary())
        print(f"errors: {len(killed.errors)}; seconds: {time.monotonic() - start:.0f}")
        errors += killed.errors

        for how in ("atomic", "in place"):
            print(f"== glossary replaced ({how}) during searches, {args.flip_seconds:.0f} s")
            flip_folder = work / f"flip-{how.replace(' ', '-')}"
            flip_folder.mkdir()
            flipped = faults.flip_run(flip_folder, how, args.flip_seconds)
            print(flipped.summary())
            errors += flipped.errors

        print(
            f"== load: {args.writers} writers, {args.readers} readers, {args.seconds:.0f} s",
            flush=True,
        )
        load_folder = work / "load"
        load_folder.mkdir()
        loaded = faults.load_run(load_folder, args.writers, args.readers, args.seconds)
        print(loaded.summary())
        errors += loaded.errors
    for error in errors[:20]:
        print(f"error: {error}")
    print("== OK" if not errors else f"== {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
