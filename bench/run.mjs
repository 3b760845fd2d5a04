// `pnpm bench`: runs every benchmark section (or those named on the command line), prints a table
// per section and writes its rows to bench/results/<name>.json. A section is a module exporting
// `name`, an optional `description`, and `run()` resolving to `{ columns, rows, notes? }`, where
// `columns` lists the row keys to print in order. Add a section by appending it to SECTIONS.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';

const SECTIONS = [
  () => import('./hcl-parse.mjs'),
  () => import('./plan-large.mjs'),
  () => import('./scan-scale.mjs'),
  () => import('./artifact-large.mjs'),
  () => import('./scan-shapes.mjs'),
];

const RESULTS = new URL('./results/', import.meta.url);

function format(value) {
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return String(value);
    return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
  }
  return value === undefined || value === null ? '' : String(value);
}

function printTable(columns, rows) {
  const cells = rows.map((row) => columns.map((c) => format(row[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (values) =>
    values.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  console.log(line(columns));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells) console.log(line(r));
}

const wanted = process.argv.slice(2);
const machine = {
  node: process.version,
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  platform: `${os.platform()} ${os.arch()}`,
};
mkdirSync(RESULTS, { recursive: true });
for (const load of SECTIONS) {
  const section = await load();
  if (wanted.length > 0 && !wanted.includes(section.name)) continue;
  console.log(`\n## ${section.name}${section.description ? ` — ${section.description}` : ''}\n`);
  const result = await section.run();
  printTable(result.columns, result.rows);
  for (const note of result.notes ?? []) console.log(`\n${note}`);
  const out = { section: section.name, date: new Date().toISOString(), machine, ...result };
  writeFileSync(new URL(`${section.name}.json`, RESULTS), JSON.stringify(out, null, 2) + '\n');
}
console.log(`\nmachine: ${machine.cpu}, ${machine.cpus} CPUs, Node ${machine.node}`);
