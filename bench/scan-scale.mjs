// Bench section: the whole `posture scan`, as a user runs it — the CLI's bundle in a child process,
// SARIF written to a file — over ../shared/corpus and over generated monorepos of half, one and two
// times 20,000 files, next to @cdktf/hcl2json parsing and plain reading of the corpus (measured in
// the same run by hcl-parse's readers), and the CLI's start on a one-file repository.
// Needs `pnpm build` first (it runs the CLI's bundle, packages/cli/bundle/posture.js, as shipped).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generateMonorepo } from './generate-monorepo.mjs';
import { CORPUS, child } from './hcl-parse.mjs';

export const name = 'scan-scale';
export const description = 'posture scan --format sarif end to end: corpus, generated monorepos';

const CLI = fileURLToPath(new URL('../packages/cli/bundle/posture.js', import.meta.url));
/** Timed runs per scan; the median is reported, after one untimed run that warms the file cache. */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SCALES = [0.5, 1, 2];
/**
 * Preloaded into the CLI process: writes its peak RSS (kB) and CPU time (user and system, µs) to the
 * file named by the variable.
 */
const RSS_PROBE = `data:text/javascript,${encodeURIComponent(
  "import { writeFileSync } from 'node:fs';" +
    "process.on('exit', () => { const u = process.resourceUsage(); writeFileSync(process.env.POSTURE_BENCH_RSS, JSON.stringify([u.maxRSS, u.userCPUTime + u.systemCPUTime])); });",
)}`;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * One CLI run: wall time from spawn to exit, and the child's own peak RSS and CPU time (which other
 * work on the machine inflates less than wall time).
 */
export function runCli(args, work, cwd) {
  const rssFile = join(work, 'rss');
  const start = performance.now();
  const run = spawnSync(process.execPath, ['--import', RSS_PROBE, CLI, ...args], {
    cwd,
    env: { ...process.env, POSTURE_BENCH_RSS: rssFile },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const ms = performance.now() - start;
  // Exit 1 means findings at or above the gate: the scan ran.
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(`posture ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  }
  const [rssKb, cpuUs] = JSON.parse(readFileSync(rssFile, 'utf8'));
  return { ms, rssMb: rssKb / 1024, cpuMs: cpuUs / 1000 };
}

/** The median time and the highest peak RSS of RUNS scans of `dir`. */
function scanDir(dir, work) {
  const args = ['scan', dir, '--format', 'sarif', '-o', join(work, 'out.sarif')];
  runCli(args, work);
  const runs = Array.from({ length: RUNS }, () => runCli(args, work));
  const sarif = JSON.parse(readFileSync(join(work, 'out.sarif'), 'utf8'));
  return {
    ms: median(runs.map((r) => r.ms)),
    rssMb: Math.max(...runs.map((r) => r.rssMb)),
    findings: sarif.runs[0].results.length,
  };
}

function row(label, files, bytes, scan, extra = {}) {
  return {
    run: label,
    files,
    MB: bytes / 1e6,
    'time s': scan.ms / 1000,
    'files/s': Math.round(files / (scan.ms / 1000)),
    'MB/s': bytes / 1e6 / (scan.ms / 1000),
    'peak RSS MB': scan.rssMb,
    findings: scan.findings,
    ...extra,
  };
}

export async function run() {
  const work = mkdtempSync(join(tmpdir(), 'posture-scan-bench-'));
  try {
    const rows = [];
    const notes = [];
    if (existsSync(CORPUS)) {
      const read = child('read');
      const hcl2json = child('hcl2json');
      const scan = scanDir(CORPUS, work);
      rows.push(
        row('corpus: posture scan --format sarif', read.files, read.bytes, scan, {
          'hcl2json/scan': hcl2json.ms / scan.ms,
        }),
        row('corpus: @cdktf/hcl2json parse only', hcl2json.files, hcl2json.bytes, {
          ms: hcl2json.ms,
          rssMb: hcl2json.rssMb,
        }),
        row('corpus: read the files only', read.files, read.bytes, read, {
          'scan/read': scan.ms / read.ms,
        }),
      );
    } else notes.push(`corpus rows skipped: ${CORPUS} is missing`);

    let previous;
    for (const scale of SCALES) {
      const dir = join(work, `monorepo-${scale}`);
      const repo = generateMonorepo(dir, { scale });
      const scan = scanDir(dir, work);
      rows.push(
        row(
          `monorepo ×${scale}: ${repo.modules} modules, ${repo.buckets} buckets`,
          repo.files,
          repo.bytes,
          scan,
          {
            'time growth': previous && scan.ms / previous.ms,
            'RSS growth': previous && scan.rssMb / previous.rssMb,
          },
        ),
      );
      previous = scan;
      rmSync(dir, { recursive: true, force: true });
    }

    const one = join(work, 'one-file');
    generateOneFile(one);
    runCli(['scan', one], work);
    const starts = Array.from({ length: Math.max(RUNS, 5) }, () => runCli(['scan', one], work));
    rows.push(
      row('one-file repository: posture scan', 1, readFileSync(join(one, 'main.tf')).length, {
        ms: median(starts.map((s) => s.ms)),
        rssMb: Math.max(...starts.map((s) => s.rssMb)),
      }),
    );

    notes.push(
      ...targetLines(rows),
      `Scans: the CLI's bundle (as shipped) in a child process, median of ${RUNS} runs after a warm-up run (warm file cache), wall time including Node's start; peak RSS is the CLI process's own.`,
      'hcl2json/scan: how many times longer @cdktf/hcl2json takes to parse the corpus than Posture takes to scan it; scan/read: the scan against reading the same files. Growth: against the row above (half the size).',
      'Monorepo files/s and MB/s count every file in the repository, including the app sources Posture walks past.',
    );
    return {
      columns: [
        'run',
        'files',
        'MB',
        'time s',
        'files/s',
        'MB/s',
        'peak RSS MB',
        'findings',
        'hcl2json/scan',
        'scan/read',
        'time growth',
        'RSS growth',
      ],
      rows,
      notes,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The targets the benchmark exists for (the Scale issue), each with what this run measured; a
 * missing row (no corpus) leaves its target unjudged rather than met.
 */
function targetLines(rows) {
  const corpus = rows.find((r) => r.run.startsWith('corpus: posture'));
  const one = rows.find((r) => r.run.startsWith('one-file'));
  const worst = (column) => {
    const values = rows.map((r) => r[column]).filter((v) => v !== undefined);
    return values.length > 0 ? Math.max(...values) : undefined;
  };
  const targets = [
    [
      'corpus scan ≥ 10× faster than @cdktf/hcl2json',
      corpus?.['hcl2json/scan'],
      '×',
      (v) => v >= 10,
    ],
    ['corpus scan ≥ 3,000 files/s', corpus?.['files/s'], ' files/s', (v) => v >= 3000],
    ['corpus peak RSS ≤ 400 MB', corpus?.['peak RSS MB'], ' MB', (v) => v <= 400],
    ['memory grows linearly (RSS ≤ 2.2× per doubling)', worst('RSS growth'), '×', (v) => v <= 2.2],
    ['doubling the monorepo ≤ 2.2× the time', worst('time growth'), '×', (v) => v <= 2.2],
    ['one-file scan ≤ 400 ms', one && one['time s'] * 1000, ' ms', (v) => v <= 400],
  ];
  const lines = targets.map(([target, value, unit, met]) =>
    value === undefined
      ? `  ${target}: not measured`
      : `  ${target}: ${format(value)}${unit}, ${met(value) ? 'met' : 'NOT met'}`,
  );
  const load = os.loadavg()[0].toFixed(1);
  return [
    `Targets, as this run measured them (load average ${load} at its end):\n${lines.join('\n')}`,
  ];
}

/** Whole numbers from 100 up, two decimals below. */
function format(value) {
  return value >= 100 ? String(Math.round(value)) : value.toFixed(2);
}

function generateOneFile(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'main.tf'),
    'resource "aws_s3_bucket" "releases" {\n  bucket = "acme-releases"\n}\n',
  );
}
