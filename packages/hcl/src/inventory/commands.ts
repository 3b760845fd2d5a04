/**
 * The commands provisioners run: `local-exec` `command` and `remote-exec` `inline`, evaluated per
 * resource instance like its arguments, with `self`, `count` and `each` bound.
 */
import type { Position, TerraformCommand } from '@posture/model';
import type { Attribute, Expression } from '../ast.js';
import { spanRange, withinLimits } from '../diagnostics.js';
import { evaluate } from '../eval/expressions.js';
import { itemEnv } from '../eval/scope.js';
import { Reference, settle } from '../eval/unknowns.js';
import type { ModuleInstance } from '../loader/instance.js';
import type { ResourceDecl } from '../loader/module.js';
import { isDropped } from '../parser/index.js';
import { findAttribute, findBlocks } from '../syntax.js';

type Kind = 'local-exec' | 'remote-exec';

interface Provisioner {
  readonly kind: Kind;
  readonly attr: Attribute;
}

/** The attribute each provisioner runs; `file` and the rest run no command. */
const COMMAND_ATTRIBUTE: Readonly<Record<Kind, string>> = {
  'local-exec': 'command',
  'remote-exec': 'inline',
};

export function provisionerCommands(instance: ModuleInstance): TerraformCommand[] {
  return [...instance.module.resources.values()].flatMap((decl) => {
    // A focused load keeps every body that mentions a provisioner: a dropped one has none.
    if (decl.mode !== 'managed' || isDropped(decl.node)) return [];
    const provisioners = provisionersOf(decl);
    if (provisioners.length === 0) return [];
    return withinLimits(
      instance.diagnostics,
      spanRange(decl.file.path, decl.node),
      () => commandsOf(instance, decl, provisioners),
      [],
    );
  });
}

function provisionersOf(decl: ResourceDecl): Provisioner[] {
  return findBlocks(decl.node.body, 'provisioner').flatMap((block) => {
    const kind = block.labels[0]?.value;
    if (kind !== 'local-exec' && kind !== 'remote-exec') return [];
    const attr = findAttribute(block.body, COMMAND_ATTRIBUTE[kind]);
    return attr ? [{ kind, attr }] : [];
  });
}

function commandsOf(
  instance: ModuleInstance,
  decl: ResourceDecl,
  provisioners: readonly Provisioner[],
): TerraformCommand[] {
  const file = decl.file.path;
  const { instances } = instance.expansion(decl, decl.key, new Set());
  return instances.flatMap((key) => {
    const address = instance.prefix + decl.key + key.suffix;
    const env = instance.env(file, { ...key.bindings, self: new Reference(address) });
    return provisioners.map(({ kind, attr }) => ({
      runner: `${address} provisioner "${kind}"`,
      from: 'provisioner' as const,
      command: settle(evaluate(attr.expr, itemEnv(env, attr))),
      range: spanRange(file, attr),
      textStart: textStart(attr.expr),
      rootModule: instance.rootDir,
    }));
  });
}

/** Inside the quotes, on a heredoc's first line, or at a list's first element. */
export function textStart(expr: Expression): Position {
  if (expr.type === 'template') return expr.parts[0]?.start ?? expr.start;
  const first = expr.type === 'tuple' ? expr.items[0] : undefined;
  return first ? textStart(first) : expr.start;
}
