/** The formats import_score reads, named for people and models (help texts, instructions); no imports, so the CLI's help loads nothing more. */
export const READABLE_FORMATS = 'MusicXML (.xml, .musicxml, .mxl), Humdrum **kern (.krn), ABC (.abc), MIDI (.mid) or MEI (.mei)';
