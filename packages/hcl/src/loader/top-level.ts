/**
 * What Terraform refuses at the top of a configuration file: a block of a type it does not know
 * (`resourse "aws_s3_bucket" "b" {}`, "Unsupported block type"), an argument outside any block,
 * a key of a `.tf.json` file that names no block. It would not apply the configuration, and what
 * such a block declares, a bucket maybe, is not read: an error, which fails the gate closed.
 */
import { fileRange } from '@posture/model';
import type { ConfigFile } from '../ast.js';
import type { DiagnosticLog } from '../diagnostics.js';
import { excerpt } from '../parser/excerpt.js';
import { TERRAFORM_BLOCK_TYPES } from '../parser/index.js';

/** Keys that `terraform show -json` writes at the top of a plan or state, and no configuration. */
const PLAN_KEYS = new Set(['format_version', 'terraform_version']);

const CODE = 'terraform-unsupported';

/**
 * Reports what Terraform refuses at the top of a `.tf`, `.tofu` or `.tf.json` file, each message
 * saying what of the file was not scanned: one block or argument, the rest being read, or all of a
 * plan (`input-unreadable` puts "Terraform would refuse <file>:" before it); `within` begins each
 * message about a file that is not on disk (`in the file generate writes: `).
 */
export function reportUnsupported(file: ConfigFile, diagnostics: DiagnosticLog, within = ''): void {
  const { items } = file.body;
  if (
    file.path.endsWith('.json') &&
    items.some((i) => i.kind === 'attribute' && PLAN_KEYS.has(i.name))
  ) {
    const message =
      'it is a plan or state that terraform show -json wrote, not configuration; nothing in it ' +
      'was scanned: give it with --plan';
    diagnostics.report('error', CODE, message, fileRange(file.path));
    return;
  }
  for (const item of items) {
    if (item.kind === 'attribute') {
      const message = `${within}the argument "${excerpt(item.name)}" outside any block (Unsupported argument), which was not read (the rest of the file was)`;
      diagnostics.report('error', CODE, message, { file: file.path, ...item.nameSpan });
    } else if (!TERRAFORM_BLOCK_TYPES.has(item.type)) {
      const message =
        `${within}a block of type "${excerpt(item.type)}" (Unsupported block type), which was not ` +
        `scanned (the rest of the file was); the blocks at the top are ${[...TERRAFORM_BLOCK_TYPES].join(', ')}`;
      diagnostics.report('error', CODE, message, { file: file.path, ...item.typeSpan });
    }
  }
}
