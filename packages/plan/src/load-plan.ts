import { relative, resolve, sep } from 'node:path';
import type { LoadFocus } from '@posture/hcl';
import {
  LineIndex,
  emptyInventory,
  fileRange,
  readRegularFile,
  unknown,
  unreadableReason,
  type Diagnostic,
  type Inventory,
  type ScannedFile,
  type ValueObject,
} from '@posture/model';
import { planError } from './diagnostics.js';
import { moduleInputs, type Inputs } from './inputs.js';
import { moduleCalls } from './module-calls.js';
import { ModuleTree } from './module-tree.js';
import type { ConfigModule, PlanDocument } from './plan-json.js';
import {
  changesByAddress,
  collectEntries,
  liveEntries,
  resourceInstances,
} from './planned-values.js';
import { providerConfigs } from './providers.js';
import type { PlanSource } from './ranges.js';
import { decode, parseJson } from './read-json.js';
import { planNotes } from './plan-notes.js';
import { checkDocument } from './validate.js';

export interface LoadPlanOptions {
  /** The scan root: ranges name the plan file relative to it. */
  readonly root: string;
  /**
   * The resource and data source types to read, as the HCL loader's focus: resources of other
   * types become no inventory entry (their addresses still resolve references). Default: all.
   */
  readonly focus?: Pick<LoadFocus, 'resourceTypes'>;
}

/** A plan's JSON read from elsewhere than a file (standard input), and the name reports give it. */
export interface PlanText {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** A plan's inventory, and the root variables the plan was made with (undefined for a state). */
export interface LoadedPlan extends Inventory {
  readonly variables?: ValueObject;
  /**
   * The configuration address of every resource block and module call the plan's configuration
   * declares (`module.a.aws_s3_bucket.b`, `module.a`), those that make no instance too; undefined
   * for a state, which records no configuration.
   */
  readonly declared?: ReadonlySet<string>;
  /** By address, where callers wrote the values of resources and calls inside modules. */
  readonly inputs?: ReadonlyMap<string, Inputs>;
}

/**
 * Reads `terraform show -json` output — of a saved plan or of a state, told apart by content —
 * from `file` (absolute, or relative to the working directory; or its text) into the inventory the
 * HCL loader produces, so every rule runs on it unchanged. Never throws: a file that cannot be read
 * as a plan gives an empty inventory with an error diagnostic.
 */
export function loadPlan(file: string | PlanText, options: LoadPlanOptions): LoadedPlan {
  const root = resolve(options.root);
  const path =
    typeof file === 'string' ? relative(root, resolve(file)).split(sep).join('/') : file.name;
  let bytes: Buffer;
  try {
    bytes = typeof file === 'string' ? readRegularFile(resolve(file)) : Buffer.from(file.bytes);
  } catch (error) {
    const reason = unreadableReason(error);
    return empty(
      root,
      [],
      [planError('plan-read', fileRange(path), `${path} cannot be read (${reason})`)],
    );
  }
  const content = decode(bytes);
  const lines = new LineIndex(content.text);
  const scanned = (kind: ScannedFile['kind']): ScannedFile[] => [
    { path, kind, bytes: content.bytes, sha256: content.sha256 },
  ];
  const parsed = parseJson(content.text);
  if (!parsed.ok) {
    const range = lines.range(path, parsed.offset, parsed.offset);
    const where = `line ${range.start.line}, column ${range.start.column}`;
    return empty(root, scanned('plan'), [
      planError('plan-syntax', range, `${path} ${parsed.problem} (${where})`),
    ]);
  }
  const text = { file: path, text: content.text, lines };
  const checked = checkDocument(parsed.value, text);
  if (!checked.ok) return empty(root, scanned(checked.kind), checked.diagnostics);
  const source: PlanSource = { ...text, spans: parsed.spans };
  return {
    root,
    files: scanned(checked.kind),
    ...contents(checked.document, checked.kind, source, options.focus),
    // Provisioners are in the plan's configuration, but only as expressions: the HCL is read for them.
    commands: [],
    diagnostics: planNotes(checked.document, checked.kind, text),
    ...(checked.kind === 'plan' && {
      variables: variablesOf(checked.document),
      declared: declaredBlocks(checked.document.configuration?.root_module),
    }),
  };
}

/**
 * The root variables the plan was made with. A plan holds sensitive ones in clear: those the
 * configuration marks sensitive are unknown, so no secret leaves the loader (and `nonsensitive()`
 * does not read the default in place of the value the plan was made with).
 */
function variablesOf(document: PlanDocument): ValueObject {
  const declared = document.configuration?.root_module?.variables ?? {};
  return Object.fromEntries(
    Object.entries(document.variables ?? {}).flatMap(([name, v]) => {
      const declaration = declared[name];
      if (!declaration || v.value === undefined) return [];
      if (declaration.sensitive === true)
        return [[name, unknown([], `variable ${name} is sensitive`)]];
      return [[name, v.value]];
    }),
  );
}

/** The configuration addresses of the blocks `module` and the modules it calls declare. */
function declaredBlocks(module: ConfigModule | undefined, prefix = ''): Set<string> {
  const blocks = new Set((module?.resources ?? []).map((r) => prefix + r.address));
  for (const [name, call] of Object.entries(module?.module_calls ?? {})) {
    blocks.add(`${prefix}module.${name}`);
    for (const block of declaredBlocks(call.module, `${prefix}module.${name}.`)) blocks.add(block);
  }
  return blocks;
}

function contents(
  document: PlanDocument,
  kind: 'plan' | 'state',
  source: PlanSource,
  focus: LoadPlanOptions['focus'],
) {
  const changes = changesByAddress(document);
  const live =
    kind === 'plan' ? liveEntries(document, changes) : collectEntries(document.values, ['values']);
  const instances = new Set(live.resources.map(({ resource }) => resource.address));
  const configuration = document.configuration;
  const tree = new ModuleTree(configuration?.root_module, live.modules, instances);
  // A whole account's state holds a hundred thousand resources, few of them read: the values and
  // ranges of the rest would be most of the load's work, for nothing.
  const read = focus
    ? live.resources.filter(({ resource }) => focus.resourceTypes.has(resource.type))
    : live.resources;
  const resources = resourceInstances(read, {
    source,
    origin: kind,
    configuration,
    changes,
    tree,
  });
  const calls = moduleCalls(tree, source);
  return {
    resources,
    providers: providerConfigs(configuration, source, tree),
    moduleCalls: calls,
    inputs: moduleInputs(resources, calls, tree),
  };
}

function empty(root: string, files: ScannedFile[], diagnostics: Diagnostic[]): LoadedPlan {
  return { ...emptyInventory(root), files, diagnostics };
}
