"""Times music21 parsing and key-finding, one file at a time, for bench/parse-and-key.mjs.

Protocol on stdin/stdout, one JSON line each: first {"version"} once warmed up; then for every path
read from stdin, {"path", "parse_s", "key_s", "parse_cpu_s", "key_cpu_s", "key"} (wall and process CPU time). music21 itself is never part of this repository
(see bench/README.md); parsing uses forceSource=True so its pickle cache is not used.
"""
import json
import sys
import time
import warnings

warnings.filterwarnings('ignore')
import music21  # noqa: E402  (after the warnings filter)


def measure(path):
    started, started_cpu = time.perf_counter(), time.process_time()
    score = music21.converter.parse(path, forceSource=True)
    parsed, parsed_cpu = time.perf_counter(), time.process_time()
    key = score.analyze('key')
    done, done_cpu = time.perf_counter(), time.process_time()
    return {'path': path, 'parse_s': parsed - started, 'key_s': done - parsed,
            'parse_cpu_s': parsed_cpu - started_cpu, 'key_cpu_s': done_cpu - parsed_cpu,
            'key': f'{key.tonic.name} {key.mode}'}


def main():
    warm_up = sys.stdin.readline().strip()
    measure(warm_up)  # imports and first-use caches, outside the timings
    print(json.dumps({'version': music21.__version__}), flush=True)
    for line in sys.stdin:
        if line.strip():
            print(json.dumps(measure(line.strip())), flush=True)


if __name__ == '__main__':
    main()
