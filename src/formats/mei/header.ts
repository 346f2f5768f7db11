/** <meiHead> → title, composer, lyricist: from the file description's title statement, else the work list. */
import type { Metadata } from '../../core/score.js';
import { attribute, child, type XmlElement } from '../musicxml/xml-scanner.js';

const ROLES: Readonly<Record<string, 'composer' | 'lyricist'>> = { composer: 'composer', lyricist: 'lyricist', librettist: 'lyricist', poet: 'lyricist' };

/** readMeiMetadata(<mei>) → { title: "Ave Maria", composer: "Josquin", sourceFormat: "mei" } */
export function readMeiMetadata(root: XmlElement): Metadata {
  const head = child(root, 'meiHead');
  const fileDesc = head && child(head, 'fileDesc');
  const titleStmt = fileDesc && child(fileDesc, 'titleStmt');
  const work = head && firstWork(head);
  const metadata: Record<string, string> = {};
  const workTitle = work && titleOf(work);
  const title = (titleStmt && titleOf(titleStmt)) ?? workTitle;
  if (title) metadata.title = title;
  if (workTitle) metadata.workTitle = workTitle;
  for (const holder of [titleStmt, work]) {
    if (!holder) continue;
    for (const [role, text] of people(holder)) if (!metadata[role]) metadata[role] = text;
  }
  return { ...metadata, sourceFormat: 'mei' };
}

function firstWork(head: XmlElement): XmlElement | undefined {
  const list = child(head, 'workList') ?? child(head, 'workDesc');
  return list && child(list, 'work');
}

function titleOf(holder: XmlElement): string | undefined {
  const titles = holder.children.filter((item) => item.name === 'title');
  const main = titles.find((item) => attribute(item, 'type') === undefined || attribute(item, 'type') === 'main') ?? titles[0];
  const text = main && (main.text.trim() || main.children.map((part) => part.text.trim()).filter(Boolean).join(' '));
  return text || undefined;
}

/** composer/lyricist elements, and persName/name with a role inside respStmt */
function people(holder: XmlElement): [string, string][] {
  const found: [string, string][] = [];
  const visit = (element: XmlElement): void => {
    for (const item of element.children) {
      const role = item.name === 'composer' || item.name === 'lyricist' || item.name === 'librettist' ? item.name : item.name === 'persName' || item.name === 'name' || item.name === 'corpName' ? attribute(item, 'role') : undefined;
      const mapped = role === undefined ? undefined : ROLES[role.toLowerCase()];
      const text = item.text.trim() || item.children.map((part) => part.text.trim()).filter(Boolean).join(' ');
      if (mapped && text) found.push([mapped, text]);
      else if (item.name === 'respStmt') visit(item);
    }
  };
  visit(holder);
  return found;
}
