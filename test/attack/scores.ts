/** Scores the attack tests send, made in code so no fixture file is needed. */

/** a one-part MusicXML score of `measures` bars of four quarter notes; text fields can carry any string */
export function musicXml(measures: number, text: { title?: string; composer?: string; part?: string; lyric?: string } = {}): string {
  const escape = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const steps = ['C', 'D', 'E', 'F', 'G', 'A', 'B'];
  const bars: string[] = [];
  for (let bar = 1; bar <= measures; bar += 1) {
    const attributes = bar === 1 ? '<attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time><clef><sign>G</sign><line>2</line></clef></attributes>' : '';
    const notes = [0, 1, 2, 3]
      .map((beat) => {
        const lyric = text.lyric && bar === 1 && beat === 0 ? `<lyric><text>${escape(text.lyric)}</text></lyric>` : '';
        return `<note><pitch><step>${steps[(bar + beat) % 7]}</step><octave>4</octave></pitch><duration>1</duration><type>quarter</type>${lyric}</note>`;
      })
      .join('');
    bars.push(`<measure number="${bar}">${attributes}${notes}</measure>`);
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?><score-partwise version="4.0">' +
    `<work><work-title>${escape(text.title ?? 'Attack')}</work-title></work>` +
    `<identification><creator type="composer">${escape(text.composer ?? 'Nobody')}</creator></identification>` +
    `<part-list><score-part id="P1"><part-name>${escape(text.part ?? 'Voice')}</part-name></score-part></part-list>` +
    `<part id="P1">${bars.join('')}</part></score-partwise>`
  );
}
