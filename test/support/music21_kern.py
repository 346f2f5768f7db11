"""Reads **kern files with music21's Humdrum parser and prints, per file, what music21 understands in them:
notes ("part offset duration pitch", chords note by note, grace notes left out), articulations and ornaments
("part offset name", in Cadenza's MusicXML names), fermatas and dynamics, offsets in quarter notes from the
start of the score (one JSON line per file). Used by test/formats/kern/music21.test.ts."""
import json
import sys
import warnings

from music21 import articulations, chord, converter, dynamics, expressions, note

ARTICULATIONS = {
    articulations.Staccato: 'staccato', articulations.Staccatissimo: 'staccatissimo',
    articulations.Tenuto: 'tenuto', articulations.Accent: 'accent',
}
ORNAMENTS = {
    expressions.Trill: 'trill-mark', expressions.InvertedMordent: 'inverted-mordent',
    expressions.Mordent: 'mordent', expressions.InvertedTurn: 'inverted-turn', expressions.Turn: 'turn',
}


def name_of(mark, names):
    # the most specific class first: an InvertedTurn is also a Turn
    for cls in sorted(names, key=lambda c: -len(c.__mro__)):
        if isinstance(mark, cls):
            return names[cls]
    return None


def place(part, element, score):
    return f"{part} {float(element.getOffsetInHierarchy(score)):.4f}"


for path in sys.argv[1:]:
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        score = converter.parse(path, format='humdrum')
    found = {'path': path, 'notes': [], 'articulations': [], 'ornaments': [], 'fermatas': [], 'dynamics': []}
    for index, part in enumerate(score.parts):
        for sounding in part.recurse().notes:
            if sounding.duration.isGrace:
                continue
            at = place(index, sounding, score)
            members = sounding.notes if isinstance(sounding, chord.Chord) else [sounding]
            for member in members:
                found['notes'].append(f"{at} {float(sounding.quarterLength):.4f} {member.pitch.nameWithOctave}")
            marks = list(sounding.articulations) + [a for m in members for a in m.articulations]
            found['articulations'] += sorted({f"{at} {name_of(a, ARTICULATIONS)}" for a in marks if name_of(a, ARTICULATIONS)})
            shown = list(sounding.expressions) + [e for m in members for e in m.expressions]
            found['ornaments'] += sorted({f"{at} {name_of(e, ORNAMENTS)}" for e in shown if name_of(e, ORNAMENTS)})
            if any(isinstance(e, expressions.Fermata) for e in shown):
                found['fermatas'].append(at)
        for rest in part.recurse().getElementsByClass(note.Rest):
            if any(isinstance(e, expressions.Fermata) for e in rest.expressions):
                found['fermatas'].append(place(index, rest, score))
        for mark in part.recurse().getElementsByClass(dynamics.Dynamic):
            # music21 takes a whole **dynam token as one value ("p <"): its dynamic names are its words
            for word in str(mark.value).split():
                if word.isalpha():
                    found['dynamics'].append(f"{place(index, mark, score)} {word}")
    print(json.dumps(found))
