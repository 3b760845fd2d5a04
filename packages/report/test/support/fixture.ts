import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LineIndex } from '@posture/model';
import type {
  Diagnostic,
  FileKind,
  Finding,
  Range,
  RuleMeta,
  ScanResult,
  ScannedFile,
} from '@posture/model';

/**
 * A throwaway repository on disk with a scan root inside it, so reporters can read real files
 * (fingerprints, symlinks) and ranges come from the same text the reporters read.
 */
export class Fixture {
  private constructor(
    /** The repository top level: report paths are relative to it. */
    readonly baseDir: string,
    /** The scan root: `Range.file` is relative to it. */
    readonly root: string,
  ) {}

  /** `rootDir` is the scan root inside the repository, `''` for the top level. */
  static create(files: Record<string, string>, rootDir = ''): Fixture {
    const baseDir = mkdtempSync(path.join(tmpdir(), 'posture-report-'));
    const fixture = new Fixture(baseDir, path.join(baseDir, rootDir));
    mkdirSync(fixture.root, { recursive: true });
    for (const [file, text] of Object.entries(files)) fixture.write(file, text);
    return fixture;
  }

  write(file: string, text: string): void {
    const target = path.join(this.root, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }

  read(file: string): string {
    return readFileSync(path.join(this.root, file), 'utf8');
  }

  /** The range of the `occurrence`-th `needle` in a file, as the loaders would report it. */
  range(file: string, needle: string, occurrence = 1): Range {
    const text = this.read(file);
    let offset = -1;
    for (let i = 0; i < occurrence; i++) {
      offset = text.indexOf(needle, offset + 1);
      if (offset < 0) throw new Error(`${needle} (#${occurrence}) is not in ${file}`);
    }
    return new LineIndex(text).range(file, offset, offset + needle.length);
  }

  scanned(file: string, kind: FileKind = 'terraform'): ScannedFile {
    const bytes = readFileSync(path.join(this.root, file));
    return {
      path: file,
      kind,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
  }

  result(overrides: Partial<ScanResult> = {}): ScanResult {
    return {
      tool: { name: 'posture', version: '0.1.0' },
      root: this.root,
      baseDir: this.baseDir,
      findings: [],
      rules: [],
      files: [],
      diagnostics: [],
      invocation: {
        startTime: '2026-01-02T03:04:05.000Z',
        endTime: '2026-01-02T03:04:06.500Z',
        commandLine: ['posture', 'scan', '--format', 'sarif', '.'],
        executionSuccessful: true,
      },
      summary: { buckets: 0, releaseBuckets: 0, links: 0 },
      ...overrides,
    };
  }

  cleanup(): void {
    rmSync(this.baseDir, { recursive: true, force: true });
  }
}

export function rule(id: string, overrides: Partial<RuleMeta> = {}): RuleMeta {
  return {
    id,
    title: `Title of ${id}`,
    severity: 'high',
    why: `Why ${id} matters: a public release bucket lets anyone read or replace artifacts.`,
    fix: `Fix ${id} by blocking public access.`,
    bad: { language: 'hcl', code: 'acl = "public-read"\n' },
    good: { language: 'hcl', code: 'acl = "private"\n' },
    tags: ['s3', 'release'],
    cwe: ['CWE-284'],
    precision: 'high',
    ...overrides,
  };
}

export function finding(
  ruleId: string,
  location: Range,
  overrides: Partial<Finding> = {},
): Finding {
  return {
    ruleId,
    severity: 'high',
    message: `${ruleId} fired. More detail follows.`,
    location,
    related: [],
    ...overrides,
  };
}

export function diagnostic(range: Range, overrides: Partial<Diagnostic> = {}): Diagnostic {
  return {
    severity: 'error',
    code: 'hcl-syntax',
    message: 'Unexpected token.',
    range,
    ...overrides,
  };
}
