"""Reads RomanText files with music21 and prints, per file, every roman numeral as music21 understands it:
measure, beat, key and figure (one JSON line per file). Used by test/formats/romantext/music21.test.ts."""
import json
import sys

from music21 import converter, roman

for path in sys.argv[1:]:
    score = converter.parse(path, format='romanText')
    numerals = []
    for numeral in score.recurse().getElementsByClass(roman.RomanNumeral):
        key = numeral.key
        numerals.append({
            'measure': numeral.measureNumber,
            'beat': float(numeral.beat),
            'key': f"{key.tonic.name.replace('-', 'b')} {key.mode}" if key is not None else None,
            'figure': numeral.figure,
        })
    print(json.dumps({'path': path, 'numerals': numerals}))
