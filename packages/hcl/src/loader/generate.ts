/**
 * Terragrunt `generate` blocks: files Terragrunt writes into the module's directory before it runs
 * Terraform — most often a `provider` block whose `default_tags` mark what the module creates. The
 * contents are parsed as a file of the module; its ranges point into the Terragrunt file that
 * writes it, where a fix would be made.
 */
import path from 'node:path';
import { LineIndex, type Position, type Value } from '@posture/model';
import type { Attribute, ConfigFile, TemplateExpr } from '../ast.js';
import { READ_ON } from '../diagnostics.js';
import { parseHcl } from '../parser/index.js';
import type { PositionSource } from '../parser/positions.js';
import { isTerraformFile } from './files.js';
import { indexModule, type ParsedModule } from './module.js';
import type { LoadSession } from './session.js';
import { reportUnsupported } from './top-level.js';

/** A file a `generate` block writes. */
export interface GeneratedFile {
  /** The name it is written under in the module's directory (`path`). */
  readonly name: string;
  /** `if_exists = "skip"`: a module file of that name stays; otherwise it is written over. */
  readonly keepExisting: boolean;
  readonly file: ConfigFile;
  /** Relative to the scan root: the Terragrunt file whose block writes it. */
  readonly writtenBy: string;
}

export interface GenerateBlock {
  /** Relative to the scan root: the Terragrunt file the block is written in. */
  readonly file: string;
  readonly path: Value | undefined;
  readonly ifExists: Value | undefined;
  readonly contents: Value | undefined;
  readonly contentsAt: Attribute;
}

/**
 * The file a `generate` block writes, parsed; none for what Terraform does not read as HCL (a
 * `.tf.json`, a `.tfvars`…) or contents not known before apply. Its syntax errors are reported
 * where it is written: here when it is written whatever the module holds, else once the module is
 * known to have no file of its name (`withGenerated`).
 */
export function generatedFile(
  session: LoadSession,
  block: GenerateBlock,
): GeneratedFile | undefined {
  const { path: name, contents } = block;
  if (typeof name !== 'string' || typeof contents !== 'string') return undefined;
  if (!isTerraformFile(name) || name.endsWith('.json')) return undefined;
  const generated = {
    name: path.posix.basename(name),
    keepExisting: block.ifExists === 'skip',
    file: parseContents(session, block, contents),
    writtenBy: block.file,
  };
  if (!generated.keepExisting) reportErrors(session, generated);
  return generated;
}

function reportErrors(session: LoadSession, { file, writtenBy }: GeneratedFile): void {
  const within = 'in the file generate writes: ';
  for (const d of file.diagnostics) {
    session.diagnostics.report('error', 'hcl-syntax', `${within}${d.message}${READ_ON}`, {
      file: writtenBy,
      start: d.start,
      end: d.end,
    });
  }
  // Terraform reads it as any file of the module: a block it does not know hides what it declares.
  reportUnsupported(file, session.diagnostics, within);
}

/**
 * Contents written as a plain heredoc are parsed where they are written, so every range is exact
 * (HCL does not depend on the indentation `<<-` removes). Others — interpolated, escaped or quoted —
 * are parsed as evaluated, every range on the `contents` attribute.
 */
function parseContents(session: LoadSession, block: GenerateBlock, contents: string): ConfigFile {
  const text = session.readText(block.file, 'terraform') ?? '';
  const written = heredocBody(block.contentsAt.expr, text);
  if (written) {
    const lines = new LineIndex(text);
    const positions = { position: (offset: number) => lines.position(written.start + offset) };
    return parseHcl(text.slice(written.start, written.end), block.file, { positions });
  }
  return parseHcl(contents, block.file, { positions: fixed(block.contentsAt.start) });
}

/** The lines between a literal heredoc's opening and closing markers, as offsets into `text`. */
function heredocBody(
  expr: Attribute['expr'],
  text: string,
): { start: number; end: number } | undefined {
  if (expr.type !== 'template' || !isPlainHeredoc(expr)) return undefined;
  const start = text.indexOf('\n', expr.start.offset) + 1;
  const end = text.lastIndexOf('\n', expr.end.offset - 1) + 1;
  if (start <= 0 || end < start) return undefined;
  // Escapes (`$${`, `%%{`) mean the written text differs from the contents.
  const body = text.slice(start, end);
  return body.includes('$${') || body.includes('%%{') ? undefined : { start, end };
}

function isPlainHeredoc(expr: TemplateExpr): boolean {
  return expr.heredoc !== undefined && expr.parts.every((part) => part.type === 'literal');
}

function fixed(at: Position): PositionSource {
  return { position: () => at };
}

/**
 * The module as a unit deploys it: with the files its `generate` blocks write, over (or, with
 * `if_exists = "skip"`, beside) the module's files of the same name. What a skipped block would
 * have written is never parsed by Terraform, so its errors are not reported.
 */
export function withGenerated(
  session: LoadSession,
  module: ParsedModule,
  generated: readonly GeneratedFile[],
): ParsedModule {
  if (generated.length === 0) return module;
  const byName = new Map(module.files.map((f) => [path.posix.basename(f.path), f]));
  for (const written of generated) {
    const { name, keepExisting, file } = written;
    if (keepExisting && byName.has(name)) continue;
    if (keepExisting) reportErrors(session, written);
    byName.set(name, file);
  }
  return indexModule(module.dir, [...byName.values()], session.diagnostics);
}
