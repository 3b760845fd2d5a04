// Benchmark section: reading the corpus, parsing it with Posture, parsing it with @cdktf/hcl2json.
// Each reader runs in its own child process, so one reader's heap does not inflate another's peak
// RSS; the child prints one JSON line with its measurements.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const name = 'hcl-parse';
export const description = 'HCL parsing over ../shared/corpus';

export const CORPUS = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const PARSER = new URL('../packages/hcl/dist/parser/index.js', import.meta.url);
const TERRAFORM_FILE = /\.(tf|tfvars|tf\.json|tfvars\.json)$/;

function corpusFiles() {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && TERRAFORM_FILE.test(entry.name)) out.push(path);
    }
  };
  walk(CORPUS);
  return out.sort();
}

function readAll(files) {
  return files.map((file) => readFileSync(file, 'utf8'));
}

/** One measurement, run inside the child process. */
async function measure(reader) {
  const files = corpusFiles();
  let bytes = 0;
  for (const file of files) bytes += readFileSync(file).length;
  let ms;
  let failures = 0;
  if (reader === 'read') {
    const start = performance.now();
    readAll(files);
    ms = performance.now() - start;
  } else if (reader === 'posture' || reader === 'posture-warm') {
    const { parseHcl, parseTfJson } = await import(PARSER);
    const texts = readAll(files);
    const parseAll = () => {
      let failed = 0;
      for (let i = 0; i < files.length; i++) {
        const file = files[i];
        const parse = file.endsWith('.json') ? parseTfJson : parseHcl;
        if (parse(texts[i], file).diagnostics.length > 0) failed++;
      }
      return failed;
    };
    // The warm figure is the best of several runs after the JIT has seen the code.
    const runs = reader === 'posture' ? 1 : 5;
    ms = Infinity;
    for (let r = 0; r < runs; r++) {
      const start = performance.now();
      failures = parseAll();
      ms = Math.min(ms, performance.now() - start);
    }
  } else if (reader === 'hcl2json') {
    const { parse } = await import('@cdktf/hcl2json');
    const texts = readAll(files);
    const start = performance.now();
    for (let i = 0; i < files.length; i++) {
      try {
        await parse(files[i], texts[i]);
      } catch {
        failures++;
      }
    }
    ms = performance.now() - start;
  } else {
    throw new Error(`unknown reader ${reader}`);
  }
  // maxRSS is in kilobytes.
  const rssMb = process.resourceUsage().maxRSS / 1024;
  return { reader, files: files.length, bytes, ms, rssMb, failures };
}

/** One reader's measurement (`read`, `posture`, `posture-warm`, `hcl2json`), in a fresh process. */
export function child(reader) {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), reader], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop());
}

const LABELS = {
  read: 'read the files (readFileSync)',
  posture: 'Posture parseHcl/parseTfJson, first run',
  'posture-warm': 'Posture, warm (best of 5)',
  hcl2json: '@cdktf/hcl2json parse',
};

export async function run() {
  if (!existsSync(CORPUS)) {
    return { columns: ['reader'], rows: [], notes: [`skipped: ${CORPUS} is missing`] };
  }
  const results = ['read', 'posture', 'posture-warm', 'hcl2json'].map(child);
  const byReader = Object.fromEntries(results.map((r) => [r.reader, r]));
  const rows = results.map((r) => ({
    reader: LABELS[r.reader],
    files: r.files,
    'time s': r.ms / 1000,
    'files/s': Math.round(r.files / (r.ms / 1000)),
    'MB/s': r.bytes / 1e6 / (r.ms / 1000),
    'peak RSS MB': r.rssMb,
    'vs read': r.ms / byReader.read.ms,
    'vs Posture': r.ms / byReader.posture.ms,
    'rejected files': r.reader === 'read' ? undefined : r.failures,
  }));
  const mb = (results[0].bytes / 1e6).toFixed(1);
  return {
    columns: Object.keys(rows[0]),
    rows,
    notes: [
      `${results[0].files} files, ${mb} MB; reads are warm-cache. "vs" columns are time ratios.`,
      'hcl2json reads native syntax only, so it rejects the .tf.json files that Posture parses.',
    ],
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] !== undefined) {
  console.log(JSON.stringify(await measure(process.argv[2])));
}
