"""Times music21 parsing and key-finding on the files named on stdin (one path per line).

Prints one JSON object per file: {"path", "parse_s", "key_s", "key"}. Run by bench/parse-and-key.mjs;
music21 itself is never part of this repository (see bench/README.md).
"""
import json
import sys
import time
import warnings

warnings.filterwarnings('ignore')
import music21  # noqa: E402  (after the warnings filter)


def main():
    paths = [line.strip() for line in sys.stdin if line.strip()]
    # Warm up imports and caches that music21 fills on first use, outside the timings.
    music21.converter.parse(paths[0], forceSource=True).analyze('key')
    for path in paths:
        started = time.perf_counter()
        score = music21.converter.parse(path, forceSource=True)
        parsed = time.perf_counter()
        key = score.analyze('key')
        done = time.perf_counter()
        print(json.dumps({'path': path, 'parse_s': parsed - started, 'key_s': done - parsed,
                          'key': f'{key.tonic.name} {key.mode}'}), flush=True)
    print(json.dumps({'version': music21.__version__}), flush=True)


if __name__ == '__main__':
    main()
