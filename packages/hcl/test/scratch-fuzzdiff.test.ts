import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as hcl2json } from '@cdktf/hcl2json';
import { it } from 'vitest';
import { parseHcl } from '../src/parser/index.js';
import { SHARED_DIR, terraformFiles } from './support/corpus.js';
import { MUTATIONS, mutate, random } from './support/mutate.js';
import { toHcl2Json } from './support/to-hcl2json.js';

it('scratch', { timeout: 600_000 }, async () => {
  const files = terraformFiles('corpus').filter((f) => !f.endsWith('.json'));
  const rnd = random(Number(process.env.SEED ?? 1));
  const out: string[] = [];
  let agree = 0, n = 0, lineAgree = 0, bothReject = 0, structEq = 0, bothAccept = 0;
  for (let i = 0; i < Number(process.env.N ?? 300); i++) {
    const file = files[Math.floor(rnd() * files.length)] as string;
    const text = readFileSync(join(SHARED_DIR, file), 'utf8');
    const kind = MUTATIONS[Math.floor(rnd() * MUTATIONS.length)]!;
    const m = mutate(text, rnd, kind);
    const ours = parseHcl(m, 'm.tf');
    let theirErr: string | undefined; let theirs: unknown;
    try { theirs = await hcl2json('m.tf', m); } catch (e) { theirErr = String((e as Error).message); }
    n++;
    const oursRej = ours.diagnostics.length > 0;
    if (oursRej === (theirErr !== undefined)) agree++;
    else out.push(`${file} ${kind} ours=${oursRej ? ours.diagnostics[0]!.start.line + ':' + ours.diagnostics[0]!.start.column + ' ' + ours.diagnostics[0]!.message : 'ok'} theirs=${theirErr?.slice(0, 300) ?? 'ok'}\n----\n${JSON.stringify(m.split('\n')[(ours.diagnostics[0]?.start.line ?? Number(/:(\d+),/.exec(theirErr ?? '')?.[1] ?? 1)) - 1])}`);
    if (oursRej && theirErr) {
      bothReject++;
      const l = /:(\d+),(\d+)-/.exec(theirErr);
      if (l && Number(l[1]) === ours.diagnostics[0]!.start.line) lineAgree++;
      else if (process.env.LINES) out.push(`LINE ${file} ${kind} ours=${ours.diagnostics[0]!.start.line}:${ours.diagnostics[0]!.start.column} ${ours.diagnostics[0]!.message} theirs=${theirErr.slice(0, 300)}`);
    }
    if (!oursRej && !theirErr) {
      bothAccept++;
      if (JSON.stringify(sortKeys(toHcl2Json(ours, m))) === JSON.stringify(sortKeys(theirs))) structEq++;
      else { out.push(`STRUCT ${file} ${kind}`); writeFileSync(`/tmp/struct-${n}.tf`, m); writeFileSync(`/tmp/struct-${n}.json`, JSON.stringify([sortKeys(toHcl2Json(ours, m)), sortKeys(theirs)], null, 1)); }
    }
  }
  writeFileSync('/tmp/fuzzdiff.txt', out.join('\n'));
  console.log({ n, agree, bothReject, lineAgree, bothAccept, structEq });
});
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  return v;
}
