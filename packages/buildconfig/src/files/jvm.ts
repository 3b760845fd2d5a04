/**
 * Gradle and Maven builds, read as text. Gradle reads `s3://` and `gcs://` repositories natively,
 * Maven through wagons. A repository inside Gradle's `publishing { }` (or the older
 * `uploadArchives { }`) or Maven's `<distributionManagement>` is where releases are published: a
 * release step that uploads. Elsewhere a repository is one the build downloads dependencies from.
 * A repository commented out (`// maven { url 's3://…' }`, `<!-- <url>s3://…</url> -->`) is none.
 */
import type { Span } from '../structured/doc.js';
import type { Analyzer, RefContext } from './analysis.js';
import { groovyComments } from './groovy.js';

interface Section {
  readonly start: number;
  readonly end: number;
  readonly name: string;
}

const XML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;

const PUBLISH: RefContext = { releaseStep: 'release', usage: 'upload' };

export const analyzeGradle: Analyzer = ({ file }) => {
  const sections = gradleSections(file.text);
  return { context: (offset) => contextIn(sections, offset), comments: groovyComments(file.text) };
};

export const analyzeMaven: Analyzer = ({ file }) => {
  const sections = xmlSections(file.text, 'distributionManagement');
  return { context: (offset) => contextIn(sections, offset), comments: xmlComments(file.text) };
};

/** The comments of XML text (a Maven POM, a property list): `<!-- … -->`. */
export function xmlComments(text: string): Span[] {
  return [...text.matchAll(XML_COMMENT)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }));
}

function contextIn(sections: readonly Section[], offset: number): RefContext {
  const section = sections.find((s) => s.start <= offset && offset < s.end);
  return section ? { ...PUBLISH, field: section.name } : {};
}

/**
 * `publishing {` and `uploadArchives {` blocks, each to its matching brace; one whose brace is in a
 * comment or a string is none (it is commented out).
 */
function gradleSections(text: string): Section[] {
  const closes = closingBraces(text);
  const sections: Section[] = [];
  for (const match of text.matchAll(/\b(publishing|uploadArchives)\s*\{/g)) {
    const open = match.index + match[0].length - 1;
    const end = closes.get(open);
    if (end !== undefined) sections.push({ start: open, end, name: match[1] as string });
  }
  return sections;
}

/**
 * For each brace `{` outside comments and strings, the offset after the one that closes it, or the
 * end of the text. In one pass: each block searched on to its own close took 23 s for 32,000
 * unclosed `publishing {` lines, and each doubling 4×.
 */
function closingBraces(text: string): Map<number, number> {
  const closes = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") i = stringEnd(text, i);
    else if (c === '/' && text[i + 1] === '/') i = lineEnd(text, i);
    else if (c === '{') open.push(i);
    else if (c === '}' && open.length > 0) closes.set(open.pop()!, i + 1);
  }
  for (const at of open) closes.set(at, text.length);
  return closes;
}

function stringEnd(text: string, quote: number): number {
  for (let i = quote + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === text[quote] || text[i] === '\n') return i;
  }
  return text.length;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}

/**
 * Each `<tag>…</tag>` element, or to the end of the text when it is not closed. The closing tags
 * are found once, not searched for after each opening one: 148,000 unclosed openings did not end.
 */
function xmlSections(text: string, tag: string): Section[] {
  const closes = [...text.matchAll(new RegExp(`</${tag}>`, 'g'))].map((m) => m.index);
  const sections: Section[] = [];
  let next = 0;
  // No `<` in a tag: an opening never closed by `>` is not matched again to the end of the text.
  for (const match of text.matchAll(new RegExp(`<${tag}\\b[^<>]*>`, 'g'))) {
    while (next < closes.length && closes[next]! < match.index) next++;
    sections.push({ start: match.index, end: closes[next] ?? text.length, name: tag });
  }
  return sections;
}
