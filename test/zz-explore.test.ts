import { cpSync, mkdtempSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import { it } from 'vitest';
import { scan } from '@posture/core';

const ROOT = '/work/shared/peer-cases';
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : n.endsWith('.tf') ? [p] : [];
  });
}
it('dump', async () => {
  let out = '';
  const t0 = Date.now();
  for (const f of files(ROOT).sort()) {
    const d = mkdtempSync(join(tmpdir(), 'pc-'));
    cpSync(f, join(d, basename(f)));
    const { result, facts } = await scan({
      root: d,
      policy: { scope: 'all' },
      buildConfigs: false,
    });
    out += `== ${f.slice(ROOT.length + 1)}\n`;
    for (const b of facts.buckets) out += `   bucket ${b.address} ${b.service}\n`;
    for (const x of result.findings)
      out += `   ${x.ruleId} ${x.severity} L${x.location.start.line} ${x.address ?? '-'} rel=[${x.related.map((r) => r.label + ':' + r.range.start.line).join(',')}] ${x.message.slice(0, 140)}\n`;
    for (const dg of result.diagnostics)
      out += `   DIAG ${dg.severity} ${dg.message.slice(0, 140)}\n`;
  }
  out += `time ${Date.now() - t0}ms\n`;
  writeFileSync('/tmp/pc/dump.txt', out);
});
