/** Resolving a `module` block's source to a directory under the scan root, or saying why not. */
import path from 'node:path';
import {
  asString,
  isUnknown,
  type DiagnosticSeverity,
  type ModuleSourceKind,
  type ModuleStatus,
  type Position,
  type Range,
  type Value,
} from '@posture/model';
import type { Block } from '../ast.js';
import { spanRange } from '../diagnostics.js';
import { evaluate } from '../eval/expressions.js';
import { itemEnv, type Env, type RefSink } from '../eval/scope.js';
import { findAttribute } from '../syntax.js';
import type { Declared, ParsedModule } from './module.js';
import { manifestMismatch, sourceKind } from './module-sources.js';
import type { LoadSession } from './session.js';

/**
 * Module calls nested deeper than this are not expanded: a bound on a chain of distinct modules
 * (a cycle is stopped by its directories). The call at the cut is an error, as what it makes is
 * not checked.
 */
const MAX_DEPTH = 32;

export interface Caller {
  readonly session: LoadSession;
  readonly module: ParsedModule;
  /** Directory of the root module: where `.terraform/modules` is. */
  readonly rootDir: string;
  /** Module call names from the root, as `modules.json` keys them. */
  readonly callPath: readonly string[];
  /** Directories of this module instance and all its callers. */
  readonly ancestorDirs: ReadonlySet<string>;
  /** Its scope, in which a call's `source` and `version` are evaluated. */
  env(file: string, bindings: Readonly<Record<string, Value>>, sink: RefSink): Env;
}

export interface CallResolution {
  readonly source: string;
  readonly version?: string;
  readonly sourceKind: ModuleSourceKind;
  readonly status: ModuleStatus;
  readonly module?: ParsedModule;
}

type Location =
  { readonly dir: string } | { readonly status: ModuleStatus; readonly problem: string };

export function resolveCall(caller: Caller, decl: Declared<Block>): CallResolution {
  const name = decl.node.labels[0]?.value ?? '';
  const sourceAttr = findAttribute(decl.node.body, 'source');
  const evaluated = initValue(caller, decl, 'source');
  const source = evaluated.text ?? '';
  const version = initValue(caller, decl, 'version').text;
  const kind = sourceKind(source);
  const base = { source, sourceKind: kind, ...(version === undefined ? {} : { version }) };
  // A source not known is shown as written (a token in it is masked in the scan's result).
  const shown =
    evaluated.text === undefined
      ? sourceAttr &&
        caller.session.textOf(sourceAttr.mergedFrom ?? decl.file.path, sourceAttr.expr)
      : `"${source}"`;
  const fail = (
    status: ModuleStatus,
    problem: string,
    code: string,
    severity: DiagnosticSeverity = 'warning',
  ): CallResolution => {
    const unneeded =
      status === 'unresolved' &&
      evaluated.text !== undefined &&
      kind !== 'local' &&
      caller.session.unneededSource(source);
    if (unneeded) return { ...base, status };
    const message = `module "${name}" (source ${shown ?? '""'}) ${problem}`;
    caller.session.diagnostics.report(
      severity,
      code,
      message,
      spanRange(sourceAttr?.mergedFrom ?? decl.file.path, sourceAttr ?? decl.node),
    );
    return { ...base, status };
  };
  const location = locate(caller, name, { source, version, kind }, evaluated.why);
  if ('problem' in location) {
    const code = location.status === 'outside-root' ? 'module-outside-root' : 'module-unresolved';
    return fail(location.status, location.problem, code);
  }
  if (caller.ancestorDirs.has(location.dir)) {
    return fail(
      'cycle',
      `calls a module that is already calling it (${location.dir}); not expanded again`,
      'module-cycle',
    );
  }
  const depth = caller.callPath.length + 1;
  if (depth > MAX_DEPTH) {
    return fail(
      'too-deep',
      `is nested ${depth} module calls deep, deeper than the ${MAX_DEPTH} that are expanded; it is not expanded, so what it makes for this call is not checked`,
      'module-too-deep',
      'error',
    );
  }
  const module = caller.session.module(location.dir);
  if (!module)
    return fail(
      'unresolved',
      `leads to ${location.dir}, ${caller.session.noModuleIn(location.dir)}`,
      'module-unresolved',
    );
  return { ...base, status: kind === 'local' ? 'loaded' : 'installed', module };
}

function locate(
  caller: Caller,
  name: string,
  { source, version, kind }: { source: string; version?: string; kind: ModuleSourceKind },
  unknownSource: string | undefined,
): Location {
  const outside = {
    status: 'outside-root',
    problem: 'is outside the scan root and is not read',
  } as const;
  if (kind === 'local') {
    const dir = caller.session.resolve(caller.module.dir, source);
    return dir === undefined ? outside : { dir };
  }
  // `terraform init` records every module it installs, whatever its source was written as.
  const key = [...caller.callPath, name].join('.');
  const installed = caller.session.manifest(caller.rootDir).get(key);
  const mismatch =
    installed && manifestMismatch(installed, unknownSource ? undefined : source, version);
  if (installed && mismatch) {
    caller.session.diagnostics.report(
      'warning',
      'module-manifest-mismatch',
      `the entry for module "${key}" is none terraform init writes for its call (${mismatch}): the call does not read the directory it names, and is taken as not installed`,
      manifestRange(caller, installed),
    );
    return {
      status: 'unresolved',
      problem: `is not installed where .terraform/modules/modules.json says (${mismatch}); its resources are not scanned`,
    };
  }
  if (installed === undefined) {
    return {
      status: 'unresolved',
      problem:
        unknownSource === undefined
          ? 'is not installed in .terraform/modules and is never fetched; its resources are not scanned'
          : `has a source not known before init (${unknownSource}) and is not installed in .terraform/modules; its resources are not scanned`,
    };
  }
  const dir = caller.session.resolve(caller.rootDir, installed.dir);
  if (dir === undefined) return outside;
  // Nothing in the checkout tells the directory init wrote from one committed with it, whose
  // self-consistent modules.json can name a benign copy of the module: the report says which calls
  // were read there, so that a .terraform the repository holds is not taken for the module's source.
  caller.session.diagnostics.report(
    'info',
    'module-read-from-init-dir',
    `module "${key}" is read from ${dir}, where .terraform/modules/modules.json says terraform init installed it, not from the repository's own sources: its resources are what that directory holds. A .terraform committed to the repository is never what init writes in CI; run terraform init before the scan and keep .terraform out of git`,
    manifestRange(caller, installed),
  );
  return { dir };
}

/** Where modules.json writes an entry: the warnings about it point there. */
function manifestRange(caller: Caller, installed: { readonly at: Position }): Range {
  const manifest = path.posix.join(caller.rootDir, '.terraform/modules/modules.json');
  return { file: manifest, start: installed.at, end: installed.at };
}

/**
 * `source` or `version` as `terraform init` evaluates it: from literals, variables and locals
 * (Terraform 1.15's `const` variables, OpenTofu 1.8's early evaluation), never from resources,
 * data sources or module outputs, which are not known then. `why` says why a written one is not.
 */
function initValue(
  caller: Caller,
  decl: Declared<Block>,
  name: string,
): { readonly text?: string; readonly why?: string } {
  const attribute = findAttribute(decl.node.body, name);
  if (!attribute) return {};
  const read: RefSink = new Set();
  const value = evaluate(attribute.expr, itemEnv(caller.env(decl.file.path, {}, read), attribute));
  const text = asString(value);
  if (read.size > 0) return { why: `it reads ${[...read].sort()[0]}` };
  if (text !== undefined) return { text };
  return { why: (isUnknown(value) && value.reason) || 'it is not a string' };
}
