/** The score inside an MEI document: <mei><music><body><mdiv><score>, or a clear refusal. */
import { CadenzaError } from '../../core/errors.js';
import { child, type XmlElement } from '../musicxml/xml-scanner.js';

/** notMei("…") → the PARSE_FAILED error for a document that is not score-based MEI, with a hint saying what is */
export function notMei(message: string): CadenzaError {
  return new CadenzaError('PARSE_FAILED', message, { hint: 'Cadenza reads score-based MEI: <mei><music><body><mdiv><score> with a <scoreDef> and <section>s of <measure>s.' });
}

/** scoreElements(<mei>) → every <mdiv>'s <score>, in document order (mdivs may nest); refuses documents with none */
export function scoreElements(root: XmlElement): [XmlElement, ...XmlElement[]] {
  if (root.name !== 'mei') throw notMei(`This XML is not an MEI document: its root element is <${root.name}>, not <mei>.`);
  const body = child(child(root, 'music') ?? root, 'body');
  const scores: XmlElement[] = [];
  const search = (holder: XmlElement | undefined): void => {
    for (const mdiv of holder?.children ?? []) {
      if (mdiv.name !== 'mdiv') continue;
      const found = child(mdiv, 'score');
      if (found) scores.push(found);
      else search(mdiv);
    }
  };
  search(body);
  const [score, ...others] = scores;
  if (!score) throw notMei(child(child(root, 'music') ?? root, 'body') ? 'The MEI has no <mdiv> with a <score> (parts-based MEI is not read yet).' : 'The MEI has no <music><body>.');
  return [score, ...others];
}
