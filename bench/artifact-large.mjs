// Bench section: the shipped-artifact gate on an npm tarball of about 200 MB — a 224 MB bundle and
// a 60 MB source map with its sources, random enough that gzip cannot shrink it far — read in one
// streaming pass. The check runs in a child process so its peak RSS is its own.
// Needs `tsc -b` first (it loads packages/artifact/dist).
import { execFileSync } from 'node:child_process';
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

export const name = 'artifact-large';
export const description = 'posture artifact on a ~200 MB npm tarball (bundle + 60 MB source map)';

const MiB = 1024 * 1024;
const tar = createRequire(new URL('../packages/artifact/package.json', import.meta.url))(
  'tar-stream',
);
const inspector = new URL('../packages/artifact/dist/index.js', import.meta.url).href;
const R2 = 'https://pub-aea8527898604c1bbb12468b1581d95e.r2.dev/src.zip';

/** `bytes` of a JavaScript-like body of random strings, then `tail`, in 1 MiB pieces. */
function* body(bytes, line, tail) {
  let left = bytes - tail.length;
  while (left > 0) {
    const piece = [];
    let size = 0;
    while (size < MiB && size < left) {
      const text = line();
      piece.push(text);
      size += text.length;
    }
    const chunk = Buffer.from(piece.join('')).subarray(0, Math.min(size, left));
    left -= chunk.length;
    yield chunk;
  }
  yield Buffer.from(tail);
}

async function entry(pack, path, size, chunks) {
  const sink = pack.entry({ name: `package/${path}`, size });
  await pipeline(chunks, sink);
}

async function writeTarball(file) {
  const pack = tar.pack();
  const written = pipeline(pack, createGzip({ level: 1 }), createWriteStream(file));
  const manifest = JSON.stringify({ name: 'large', version: '1.0.0', main: 'dist/cli.js' });
  await entry(pack, 'package.json', manifest.length, [Buffer.from(manifest)]);
  const jsTail = `fetch(${JSON.stringify(R2)});\n//# sourceMappingURL=cli.js.map\n`;
  const js = () =>
    `const v${randomBytes(4).toString('hex')} = "${randomBytes(72).toString('base64')}";\n`;
  await entry(pack, 'dist/cli.js', 224 * MiB, body(224 * MiB, js, jsTail));
  // The March 2026 shape: a huge map whose sourcesContent comes last, after the mappings.
  const mapHead = '{"version":3,"sources":["../src/cli.ts"],"mappings":"';
  const mapTail = '","sourcesContent":["export function run(): void {}\\n"]}\n';
  const mappings = () => randomBytes(3072).toString('base64');
  const mapBody = body(60 * MiB - mapHead.length, mappings, mapTail);
  await entry(
    pack,
    'dist/cli.js.map',
    60 * MiB,
    (function* () {
      yield Buffer.from(mapHead);
      yield* mapBody;
    })(),
  );
  pack.finalize();
  await written;
}

function measure(file, root) {
  const script = `
    const { inspectArtifact } = await import(${JSON.stringify(inspector)});
    const start = performance.now();
    const inspection = await inspectArtifact({ root: ${JSON.stringify(root)}, path: ${JSON.stringify(file)} });
    const seconds = (performance.now() - start) / 1000;
    process.stdout.write(JSON.stringify({
      seconds,
      bytes: inspection.files.reduce((sum, f) => sum + f.size, 0),
      kinds: inspection.observations.map((o) => o.kind).sort(),
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }));`;
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
  );
}

export async function run() {
  const root = mkdtempSync(join(tmpdir(), 'posture-artifact-bench-'));
  try {
    const file = join(root, 'large-1.0.0.tgz');
    await writeTarball(file);
    const result = measure(file, root);
    const expected = ['not-allowed', 'source-map-url', 'sources-content', 'storage-link'];
    if (JSON.stringify(result.kinds) !== JSON.stringify(expected))
      throw new Error(`unexpected observations: ${result.kinds.join(', ')}`);
    const mb = result.bytes / MiB;
    return {
      columns: ['name', 'seconds', 'tarballMb', 'mb', 'mbPerSecond', 'peakRssMb'],
      rows: [
        {
          name: 'inspectArtifact, npm tarball, 3 entries',
          seconds: result.seconds,
          tarballMb: statSync(file).size / MiB,
          mb,
          mbPerSecond: mb / result.seconds,
          peakRssMb: result.peakRssMb,
        },
      ],
      notes: [
        'mb: uncompressed bytes checked (hash, source maps, credentials, storage links); seconds and peakRssMb: the check alone, in a fresh child process.',
      ],
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
