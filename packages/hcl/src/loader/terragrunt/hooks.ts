import { isUnknown, type TerraformCommand } from '@posture/model';
import { spanRange } from '../../diagnostics.js';
import { partlyKnownText, settle } from '../../eval/unknowns.js';
import { textStart } from '../../inventory/commands.js';
import { findAttribute, findBlocks } from '../../syntax.js';
import type { UnitConfig } from './config.js';

const HOOKS = ['before_hook', 'after_hook', 'error_hook'];

/**
 * The commands the hooks of a file's `terraform` blocks `execute`, the arguments as one command
 * line; each named by its hook (`after_hook "publish"`), the name an including unit's hook
 * overrides.
 */
export function hooksOf(config: UnitConfig): TerraformCommand[] {
  const hooks = config
    .blocks('terraform')
    .flatMap((terraform) => HOOKS.flatMap((type) => findBlocks(terraform.body, type)));
  return hooks.flatMap((hook) => {
    const at = findAttribute(hook.body, 'execute');
    const argv = config.evaluateAttr(at);
    if (!at || !Array.isArray(argv)) return [];
    const words = argv.flatMap((word, i) => (i === 0 ? [word] : [' ', word]));
    const command = partlyKnownText(words.map((w) => (isUnknown(w) ? w : String(w))));
    return [
      {
        runner: `${hook.type} "${hook.labels[0]?.value ?? ''}"`,
        from: 'terragrunt-hook' as const,
        command: settle(command),
        range: spanRange(config.file, at),
        textStart: textStart(at.expr),
        rootModule: config.unitDir,
      },
    ];
  });
}
