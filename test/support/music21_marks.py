"""Reads MusicXML files with music21 and prints, per file, its dynamics and articulations as music21
understands them: "offset mark" with the offset in quarter notes from the start of the score (one JSON
line per file). Used by test/formats/musicxml/music21-marks.test.ts."""
import json
import sys

from music21 import converter, dynamics, note
from music21.musicxml.xmlObjects import ARTICULATION_MARKS_REV

for path in sys.argv[1:]:
    score = converter.parse(path, format='musicxml')
    found = {'path': path, 'dynamics': [], 'articulations': []}
    for mark in score.recurse().getElementsByClass(dynamics.Dynamic):
        found['dynamics'].append(f"{float(mark.getOffsetInHierarchy(score)):.4f} {mark.value}")
    for sounding in score.recurse().getElementsByClass(note.GeneralNote):
        for articulation in sounding.articulations:
            name = ARTICULATION_MARKS_REV.get(type(articulation), type(articulation).__name__)
            found['articulations'].append(f"{float(sounding.getOffsetInHierarchy(score)):.4f} {name}")
    print(json.dumps(found))
