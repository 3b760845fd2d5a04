// Scratch packages, real `npm pack` tarballs, hand-made tars and zips for the artifact tests.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, crc32, deflateRawSync, gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { tempDir } from '../../../test/support/temp-dirs.js';

export function scratch(name = 'artifact'): string {
  return tempDir(name);
}

/** A package directory with these files (path → content). */
export function makePackage(files: Record<string, string | Buffer>, dir = scratch()): string {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** Symbolic links in a scratch package (path → target, as `ln -s` takes it). */
export function makeLinks(dir: string, links: Record<string, string>): void {
  for (const [path, target] of Object.entries(links)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    symlinkSync(target, join(dir, path));
  }
}

/** npm itself, offline: scripts off, no registry needed for a local directory. */
function npm(args: readonly string[], cwd: string): string {
  return execFileSync('npm', [...args, '--ignore-scripts', '--offline', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** `npm pack --dry-run --json`: the paths npm would ship, sorted. */
export function npmDryRun(dir: string): string[] {
  const [report] = JSON.parse(npm(['pack', '--dry-run', '--json'], dir)) as [
    { files: { path: string }[] },
  ];
  return report.files.map((f) => f.path).sort();
}

/** `npm pack` into a scratch directory: the tarball's path. */
export function npmPack(dir: string): string {
  const out = scratch('pack');
  const [report] = JSON.parse(npm(['pack', '--json', '--pack-destination', out], dir)) as [
    { filename: string },
  ];
  return join(out, report.filename);
}

export interface TarEntry {
  readonly name: string;
  readonly type?: 'file' | 'symlink' | 'link' | 'character-device' | 'directory';
  readonly content?: string | Buffer;
  readonly linkname?: string;
}

/** A gzipped tar written entry by entry, with whatever names and types a test needs. */
export async function makeTar(entries: Iterable<TarEntry>, gzip = true): Promise<string> {
  const file = join(scratch(), gzip ? 'made.tgz' : 'made.tar');
  const pack = tar.pack();
  const written = gzip
    ? pipeline(pack, createGzip(), createWriteStream(file))
    : pipeline(pack, createWriteStream(file));
  for (const entry of entries) {
    const content = entry.content === undefined ? undefined : Buffer.from(entry.content);
    const header = {
      name: entry.name,
      type: entry.type ?? 'file',
      ...(entry.linkname && { linkname: entry.linkname }),
      ...(content && { size: content.length }),
    };
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error | null) => (error ? reject(error) : resolve());
      if (content === undefined) pack.entry(header, done);
      else pack.entry(header, content, done);
    });
  }
  pack.finalize();
  await written;
  return file;
}

/**
 * The first header of a tar as v7 tar wrote it, without `ustar`: its checksum summed over its bytes
 * (signed, as some old tars did, or unsigned), or `off` from that.
 */
export function v7Tar({
  name = 'src/index.ts',
  type = '0',
  size = '00000000024\0',
  signed = false,
  off = 0,
} = {}): Buffer {
  const block = Buffer.alloc(1024);
  block.write(name, 0);
  const numbers: [number, string][] = [
    [100, '0000644\0'],
    [108, '0001750\0'],
    [116, '0001750\0'],
    [124, size],
    [136, '15301116600\0'],
  ];
  for (const [offset, value] of numbers) block.write(value, offset, 'latin1');
  block.write(type, 156, 'latin1');
  block.fill(' ', 148, 156);
  let sum = off;
  for (const byte of block.subarray(0, 512)) sum += signed && byte >= 0x80 ? byte - 0x100 : byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return block;
}

/**
 * A tar as v7 tar wrote it, without magic: each file's header (`v7Tar`), its content padded to a
 * block, then the two zero blocks of the end; gzipped or not.
 */
export function makeV7Tar(entries: Iterable<TarEntry>, gzip = false): string {
  const file = join(scratch(), gzip ? 'v7.tgz' : 'v7.tar');
  const blocks = [...entries].flatMap(({ name, type, content = '' }) => {
    const bytes = Buffer.from(content);
    const size = `${bytes.length.toString(8).padStart(11, '0')}\0`;
    const header = v7Tar({ name, size, type: type === 'directory' ? '5' : '0' }).subarray(0, 512);
    return [header, bytes, Buffer.alloc(-bytes.length & 511)];
  });
  const tar = Buffer.concat([...blocks, Buffer.alloc(1024)]);
  writeFileSync(file, gzip ? gzipSync(tar) : tar);
  return file;
}

/** A gzipped tar with one entry of `bytes` zeros, streamed: a decompression bomb in miniature. */
export async function makeZeroTar(bytes: number): Promise<string> {
  const file = join(scratch(), 'zeros.tgz');
  const pack = tar.pack();
  const written = pipeline(pack, createGzip({ level: 9 }), createWriteStream(file));
  const zeros = Readable.from(
    (function* () {
      const block = Buffer.alloc(1 << 20);
      for (let left = bytes; left > 0; left -= block.length)
        yield block.subarray(0, Math.min(left, block.length));
    })(),
  );
  const sink = pack.entry({ name: 'package/zeros.bin', size: bytes });
  await pipeline(zeros, sink);
  pack.finalize();
  await written;
  return file;
}

export interface ZipEntry {
  readonly name: string;
  readonly content: Buffer | string;
  /** Unix mode bits for the external attributes (a symbolic link is 0o120777). */
  readonly mode?: number;
  /**
   * The index of an earlier entry whose local file this one's central record names instead of
   * one of its own, as a crafted zip does (give it the same content).
   */
  readonly sharing?: number;
}

/** A zip (deflated entries, Unix attributes), written by hand: no zip writer is a dependency. */
export function makeZip(entries: readonly ZipEntry[]): string {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = Buffer.from(entry.content);
    const packed = deflateRawSync(data);
    const name = Buffer.from(entry.name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((entry.mode ?? 0o100644) << 16) >>> 0, 38);
    const shared = entry.sharing === undefined ? undefined : offsets[entry.sharing];
    offsets.push(shared ?? offset);
    central.writeUInt32LE(shared ?? offset, 42);
    centrals.push(central, name);
    if (shared !== undefined) continue;
    locals.push(local, name, packed);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  const file = join(scratch(), 'made.zip');
  writeFileSync(file, Buffer.concat([...locals, directory, end]));
  return file;
}

/** What an asar holds at a path: bytes, a symbolic link (from the root), or a file kept beside it. */
export type AsarContent =
  string | Buffer | { readonly link: string } | { readonly unpacked: string };

/**
 * An asar's bytes as @electron/asar writes them: a pickle of the header's length, a pickle of the
 * header's JSON (length, text, padding to 4 bytes), then the data.
 */
export function asarOf(header: unknown, data: Buffer = Buffer.alloc(0)): Buffer {
  const json = Buffer.from(JSON.stringify(header));
  const padded = (json.length + 3) & ~3;
  const pickle = Buffer.alloc(8 + padded);
  pickle.writeUInt32LE(4 + padded, 0);
  pickle.writeInt32LE(json.length, 4);
  json.copy(pickle, 8);
  const size = Buffer.alloc(8);
  size.writeUInt32LE(4, 0);
  size.writeUInt32LE(pickle.length, 4);
  return Buffer.concat([size, pickle, data]);
}

/** An asar of these files (path → content), each stored after the last, as the header lists them. */
export function asarBytes(files: Record<string, AsarContent>): Buffer {
  const header = { files: {} };
  const data: Buffer[] = [];
  let offset = 0;
  for (const [path, content] of Object.entries(files)) {
    const names = path.split('/');
    let dir: { files: Record<string, unknown> } = header;
    for (const name of names.slice(0, -1))
      dir = (dir.files[name] ??= { files: {} }) as { files: Record<string, unknown> };
    const name = names.at(-1) as string;
    if (typeof content === 'object' && 'link' in content) dir.files[name] = { link: content.link };
    else if (typeof content === 'object' && 'unpacked' in content)
      dir.files[name] = { size: Buffer.byteLength(content.unpacked), unpacked: true };
    else {
      const bytes = Buffer.from(content);
      dir.files[name] = { size: bytes.length, offset: String(offset) };
      data.push(bytes);
      offset += bytes.length;
    }
  }
  return asarOf(header, Buffer.concat(data));
}

/** `app.asar` in a scratch directory, with `app.asar.unpacked/` beside it for unpacked files. */
export function makeAsar(files: Record<string, AsarContent>, dir = scratch()): string {
  const file = join(dir, 'app.asar');
  writeFileSync(file, asarBytes(files));
  for (const [path, content] of Object.entries(files))
    if (typeof content === 'object' && 'unpacked' in content)
      makePackage({ [path]: content.unpacked }, `${file}.unpacked`);
  return file;
}

/**
 * Credentials of the real shapes, made at run time so no token-shaped literal sits in the
 * repository; the key is a fresh RSA key, the R2 key pair fresh random hex.
 */
export const SECRETS = {
  aws: ['AK', 'IA', 'Z7QX4MBN2VLC3KJD'].join(''),
  npm: ['npm', '_', 'q8Wm2ZrT5yLp0XcVb7NnHs4KdJf1GaE3uRiO'].join(''),
  github: ['gh', 'p_', 'Vx9TqL2mZr8Wn4Ks7Bd1Hf6Jc3Pg5Ya0EuRt'].join(''),
  key: generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
    type: 'pkcs8',
    format: 'pem',
  }) as string,
  r2Id: randomBytes(16).toString('hex'),
  r2Secret: randomBytes(32).toString('hex'),
  cloudflare: [
    'cf',
    'ut_',
    'Qm7Xz2Lp9Wv4Rt8Ny3Bk6Hd1Fs5Gc0Ja7Ue2Ko9T',
    randomBytes(4).toString('hex'),
  ].join(''),
};
