/**
 * Terragrunt stacks. A `terragrunt.stack.hcl` is a blueprint: each `unit` block names a unit
 * directory (`source`) that `terragrunt stack generate` copies to `.terragrunt-stack/<path>` beside
 * the stack file (`<path>` with `no_dot_terragrunt_stack`), with its `values` written beside the
 * copy, where the unit's `terragrunt.hcl` reads them as `values.<name>`; each `stack` block does
 * the same with another stack file, which is given its `values` and generates its units in turn.
 * Posture reads the units as Terragrunt runs them, from where they are generated: their relative
 * paths (`terraform { source }`, `find_in_parent_folders`, `file`) start there, and a path into a
 * generated directory is read from the one it copies (see `LoadSession.addCopy`). The generated
 * directories are not scanned themselves, nor are the unit and stack directories a stack names,
 * which are a catalog: read alone, without values, they are not what is deployed.
 */
import path from 'node:path';
import { isUnknown, unknown, type Range, type Value } from '@posture/model';
import type { Attribute, Block } from '../ast.js';
import { spanRange } from '../diagnostics.js';
import type { Written } from '../eval/origins.js';
import { invalid } from '../eval/unknowns.js';
import { objectOf } from '../eval/values.js';
import { findAttribute, findBlocks, literalText } from '../syntax.js';
import { GENERATED_STACK_DIR, STACK_FILE, TERRAGRUNT_FILE } from './files.js';
import { isLocalSource } from './module-sources.js';
import { Namespace } from './objects.js';
import type { LoadSession } from './session.js';
import { passedOn, UnitConfig, type AutoInclude } from './terragrunt/config.js';

/** A unit a stack generates. */
export interface StackUnit {
  /** Where it is generated, relative to the scan root: the unit's directory as Terragrunt runs it. */
  readonly dir: string;
  /** The directory it is copied from, whose `terragrunt.hcl` is read. */
  readonly source: string;
  /** Its `values`: an object, or what it evaluated to. */
  readonly values: Value;
  /** Where each value is written in the stack file, by name. */
  readonly valuesWritten: ReadonlyMap<string, Written>;
  /** The `autoinclude` blocks of its `unit` block, merged into it over its own settings. */
  readonly autoincludes: readonly AutoInclude[];
}

export interface Stacks {
  readonly units: readonly StackUnit[];
  /**
   * Whether a directory is not scanned on its own: a unit or stack directory a stack names as its
   * source, or one a stack generates (read from its source), or in one.
   */
  readonly skips: (dir: string) => boolean;
}

/** Stacks nest at most this deep (a stack generating itself stops here). */
const MAX_DEPTH = 8;

/** The units the stack files in `stackDirs` generate, those of the stacks they generate included. */
export function readStacks(session: LoadSession, stackDirs: readonly string[]): Stacks {
  // A stack file another names as a source is read through it, with the values it is given: the
  // first reading, which says nothing, finds which those are.
  const found = new StackReader(session, false);
  for (const dir of stackDirs) found.read(inDir(dir, STACK_FILE), dir, undefined, 0);
  // What a catalog stack read alone generates is not there: its paths are its own.
  session.dropCopies(found.copies);
  const reader = new StackReader(session, true);
  for (const dir of stackDirs)
    if (!found.catalog.has(dir)) reader.read(inDir(dir, STACK_FILE), dir, undefined, 0);
  const generated = new Set(reader.units.map((unit) => unit.dir));
  for (const dir of reader.stackDirs) generated.add(dir);
  const isGenerated = (dir: string): boolean =>
    generated.has(dir) || (dir !== '.' && isGenerated(path.posix.dirname(dir)));
  return { units: reader.units, skips: (dir) => found.catalog.has(dir) || isGenerated(dir) };
}

class StackReader {
  readonly units: StackUnit[] = [];
  readonly catalog = new Set<string>();
  /** The directories the stacks it read generate stacks in. */
  readonly stackDirs: string[] = [];
  /** The directories it told the session are generated (`LoadSession.addCopy`). */
  readonly copies: string[] = [];

  constructor(
    private readonly session: LoadSession,
    /** Whether it reports what it cannot read. */
    private readonly reports: boolean,
  ) {}

  /** The stack file `file`, as generated in `dir` with `values` (none for a top-level one). */
  read(file: string, dir: string, values: StackValues | undefined, depth: number): void {
    const reading = this.open(file, dir, values, depth);
    const { config, declared } = reading;
    for (const at of declared.filter(({ block }) => block.type === 'unit')) {
      const entry = this.entry(reading, at, TERRAGRUNT_FILE);
      if (!entry) continue;
      const autoincludes = findBlocks(at.block.body, 'autoinclude').map((autoinclude) => ({
        file: at.file,
        body: autoinclude.body,
        stack: config,
      }));
      this.units.push({ dir: entry.dir, source: entry.source, ...entry.values, autoincludes });
    }
    for (const at of declared.filter(({ block }) => block.type === 'stack')) {
      const entry = this.entry(reading, at, STACK_FILE);
      if (!entry) continue;
      if (depth >= MAX_DEPTH) {
        const message = `${at.file}: stack "${label(at.block)}" nests stacks more than ${MAX_DEPTH} deep; its units are not read`;
        this.unread(message, spanRange(at.file, at.block));
      } else {
        this.stackDirs.push(entry.dir);
        this.read(inDir(entry.source, STACK_FILE), entry.dir, entry.values, depth + 1);
      }
    }
  }

  /** A stack file in its scope: its locals, its values, `unit.<name>` and `stack.<name>`. */
  private open(file: string, dir: string, values: StackValues | undefined, depth: number): Reading {
    const given = values ?? {
      values: invalid('values is given only to a stack another stack generates'),
      valuesWritten: new Map(),
    };
    // Its scope is made before its blocks are found, and read after.
    const components = (kind: Kind, name: string) => reference(kind, name);
    const config = new UnitConfig(this.session, file, dir, [], { ...given, dir, components });
    const reading: Reading = { config, dir, given: values, declared: [], reference: components };
    const reference = this.references(reading, depth);
    reading.declared = this.declared(config, dir);
    return reading;
  }

  /**
   * `unit.<name>` and `stack.<name>` in a stack file, as Terragrunt gives them: the directory the
   * block of that name generates (`path`, absolute as the path functions' are: a unit passes it on
   * relative to itself), its `name`, and of a stack, those of the units and stacks it generates in
   * turn (`stack.<name>.<unit>.path`). Each is made once, when first asked for.
   */
  private references(reading: Reading, depth: number): (kind: Kind, name: string) => Value {
    const references = new Map<string, Value>();
    const resolving = new Set<string>();
    return (kind, name) => {
      const key = `${kind}.${name}`;
      const made = references.get(key);
      if (made !== undefined) return made;
      const at = reading.declared.find(({ block }) => block.type === kind && label(block) === name);
      if (!at) return invalid(`${kind} "${name}" is not declared in ${reading.config.file}`);
      // A `path` that names its own is no path.
      if (resolving.has(key)) return invalid(`the path of ${kind} "${name}" refers to itself`);
      resolving.add(key);
      const value = this.reference(reading, at, depth);
      resolving.delete(key);
      references.set(key, value);
      return value;
    };
  }

  private reference(reading: Reading, at: Declared, depth: number): Value {
    const { file, block } = at;
    const name = label(block);
    const generated = generatedDir(reading.config, reading.dir, at);
    if (generated === undefined) {
      const written = reading.config.evaluateAttr(findAttribute(block.body, 'path'), file);
      return isUnknown(written) ? written : invalid(`${block.type} "${name}" has no path`);
    }
    const own = { path: this.session.absolute(generated), name };
    if (block.type === 'unit') return objectOf(Object.entries(own));
    // What a stack generates is read when a reference asks for it: stacks nesting themselves
    // would otherwise be read again at every depth, for every stack block. Its values are read
    // with it, and may not name what it generates (that recursed without end).
    let generates: ((name: string) => Value) | undefined;
    let opening = false;
    return new Namespace(`stack.${name}`, (attr) => {
      if (attr === 'path' || attr === 'name') return own[attr];
      if (generates === undefined) {
        if (opening) return invalid(`the values of stack "${name}" name what it generates`);
        opening = true;
        try {
          generates = this.generatedBy(reading, at, generated, depth);
        } finally {
          opening = false;
        }
      }
      return generates(attr);
    });
  }

  /**
   * Of a `stack` block, the references of the units and stacks the stack file it copies declares,
   * by name, read as it is generated: with its values, from where it is generated. Not known when
   * that file is not read (fetched when the stack is generated, outside the root, too deep).
   */
  private generatedBy(
    reading: Reading,
    { file, block }: Declared,
    generated: string,
    depth: number,
  ): (name: string) => Value {
    const what = `stack "${label(block)}"`;
    const source = reading.config.evaluateAttr(findAttribute(block.body, 'source'), file);
    const local = typeof source === 'string' && isCopied(source);
    const sourceDir = local ? this.session.resolve(reading.dir, copiedDir(source)) : undefined;
    const stackFile = sourceDir !== undefined ? inDir(sourceDir, STACK_FILE) : undefined;
    if (stackFile === undefined || !this.session.isFileInside(stackFile) || depth >= MAX_DEPTH)
      return () => unknown([], `the stack file ${what} copies is not read`);
    const values = this.values(reading, file, findAttribute(block.body, 'values'));
    // Read for its paths alone: what it cannot read is said when it is read (`read`).
    const reader = new StackReader(this.session, false);
    const nested = reader.open(stackFile, generated, values, depth + 1);
    return (name) => {
      const declared = nested.declared.find((at) => label(at.block) === name);
      if (!declared) return invalid(`${what} generates no unit or stack "${name}"`);
      return nested.reference(declared.block.type as Kind, name);
    };
  }

  /**
   * The `unit` and `stack` blocks of a stack file, and of the files it includes, which Terragrunt
   * merges into it (read in its scope: its locals and values). One it cannot read is said.
   */
  private declared(config: UnitConfig, dir: string): Declared[] {
    const declaring = (file: string, blocks: readonly Block[]) =>
      blocks
        .filter((b) => b.type === 'unit' || b.type === 'stack')
        .map((block) => ({ file, block }));
    const included = config.blocks('include').flatMap((include) => {
      const target = config.evaluateAttr(findAttribute(include.body, 'path'));
      const rel = typeof target === 'string' ? this.session.resolve(dir, target) : undefined;
      const ast = rel !== undefined && this.session.isFileInside(rel) && this.session.parse(rel);
      if (rel !== undefined && ast) return declaring(rel, blocksOf(ast.body.items));
      if (typeof target === 'string' && rel === undefined && this.reports)
        this.session.reportNotInside(dir, target, 'file', undefined);
      const message = `${config.file} includes a file that cannot be read inside the scan root; the unit and stack blocks it declares are not read`;
      if (this.reports)
        this.session.diagnostics.report(
          'warning',
          'terragrunt-include-unread',
          message,
          spanRange(config.file, include),
        );
      return [];
    });
    return [
      ...declaring(config.file, [...config.blocks('unit'), ...config.blocks('stack')]),
      ...included,
    ];
  }

  /**
   * A `unit` or `stack` block: where it is generated, the directory it copies (which holds
   * `wanted`), and its values; none, and said, when its source is not read.
   */
  private entry(
    reading: Reading,
    { file, block }: Declared,
    wanted: string,
  ): { dir: string; source: string; values: StackValues } | undefined {
    const { config, dir } = reading;
    const attr = (name: string) => findAttribute(block.body, name);
    const source = config.evaluateAttr(attr('source'), file);
    const generatedPath = config.evaluateAttr(attr('path'), file);
    const what = `${file}: ${block.type} "${label(block)}"`;
    const at = spanRange(file, attr('source') ?? block);
    if (typeof source !== 'string' || typeof generatedPath !== 'string') {
      this.unread(`${what} has a source or path not known before apply; it is not read`, at);
      return undefined;
    }
    const sourceDir = this.sourceDir(source, dir, at, what);
    if (sourceDir === undefined) return undefined;
    const generated = generatedDir(config, dir, { file, block }) ?? dir;
    // Terragrunt refuses a path out of the stack's directory, and a copy into its own source.
    const refused = !isUnder(generated, dir) || generated === dir || generated.startsWith('..');
    if (refused || isUnder(generated, sourceDir)) {
      const message = `${what} is generated at ${generatedPath}, which Terragrunt refuses; it is not read`;
      this.unread(message, spanRange(file, attr('path') ?? block));
      return undefined;
    }
    // A copy refused makes no catalog of its source: a stack naming its own directory was left
    // unread as a catalog, and all it generates with it, with nothing said.
    this.catalog.add(sourceDir);
    if (!this.session.isFileInside(inDir(sourceDir, wanted))) {
      this.unread(`${what} copies ${sourceDir}, which holds no ${wanted}; it is not read`, at);
      return undefined;
    }
    this.session.addCopy(generated, sourceDir);
    this.copies.push(generated);
    if (block.type === 'stack') this.reportAutoincludes(file, block, what);
    const values = this.values(reading, file, attr('values'));
    return { dir: generated, source: sourceDir, values };
  }

  /**
   * Terragrunt merges a `stack` block's `autoinclude` into the stack file it generates, whose
   * `unit` blocks may deploy a public bucket; Posture does not read it, as an include it cannot
   * read. A `unit` block's is read (see `read`).
   */
  private reportAutoincludes(file: string, block: Block, what: string): void {
    if (!this.reports) return;
    for (const autoinclude of findBlocks(block.body, 'autoinclude')) {
      const message = `${what} has an autoinclude block, which Posture does not read; what it sets is not read`;
      const at = spanRange(file, autoinclude);
      this.session.diagnostics.report('warning', 'terragrunt-include-unread', message, at);
    }
  }

  /**
   * The directory a local source names, from the stack's; a source fetched when the stack is
   * generated (git, registry) is not read, as a module fetched at deploy time is not.
   */
  private sourceDir(source: string, dir: string, at: Range, what: string): string | undefined {
    if (!isCopied(source)) {
      this.unread(
        `${what} copies "${source}", which is fetched when the stack is generated and not read; its resources are not scanned`,
        at,
      );
      return undefined;
    }
    const rel = this.session.resolve(dir, copiedDir(source));
    if (rel === undefined && this.reports) {
      // As a unit's module outside the root is: the path (or the link that leads out, an error),
      // and what is not scanned for it.
      this.session.reportNotInside(dir, copiedDir(source), 'directory', at, source);
      this.unread(`${what} copies a directory outside the scan root; it is not read`, at);
    }
    return rel;
  }

  /** The `values`, and where each of an object written item by item is. */
  private values({ config, given }: Reading, file: string, at: Attribute | undefined): StackValues {
    if (!at) return { values: {}, valuesWritten: new Map() };
    const items = at.expr.type === 'object' ? at.expr.items : [];
    const written = items.flatMap((item): [string, Written][] => {
      const name = literalText(item.key);
      const here = { span: item, expr: item.value, file };
      // A value a nested stack passes on as it is was set by the stack that gave it.
      return name === undefined ? [] : [[name, passedOn(item.value, given?.valuesWritten) ?? here]];
    });
    return { values: config.evaluateAttr(at, file) ?? null, valuesWritten: new Map(written) };
  }

  /** A unit or stack that is not read may generate a public bucket: the gate fails closed. */
  private unread(message: string, at: Range): void {
    if (this.reports) this.session.diagnostics.report('warning', 'module-unresolved', message, at);
  }
}

type StackValues = Pick<StackUnit, 'values' | 'valuesWritten'>;

/**
 * A stack file being read: in its scope, from its directory, with the values it is given, and the
 * `unit` and `stack` blocks it declares.
 */
interface Reading {
  readonly config: UnitConfig;
  readonly dir: string;
  readonly given: StackValues | undefined;
  declared: Declared[];
  /** `unit.<name>` and `stack.<name>` (see `references`). */
  readonly reference: (kind: Kind, name: string) => Value;
}

type Kind = 'unit' | 'stack';

/** A `unit` or `stack` block, and the file it is written in. */
interface Declared {
  readonly file: string;
  readonly block: Block;
}

/** Where a `unit` or `stack` block generates its copy; none when its `path` is not known. */
function generatedDir(
  config: UnitConfig,
  dir: string,
  { file, block }: Declared,
): string | undefined {
  const attr = (name: string) => findAttribute(block.body, name);
  const generatedPath = config.evaluateAttr(attr('path'), file);
  if (typeof generatedPath !== 'string') return undefined;
  const noDot = config.evaluateAttr(attr('no_dot_terragrunt_stack'), file) === true;
  return path.posix.join(dir, noDot ? '' : GENERATED_STACK_DIR, generatedPath);
}

/** Whether a stack copies a source from the disk as it is generated, rather than fetching it. */
function isCopied(source: string): boolean {
  return isLocalSource(source) || path.isAbsolute(source);
}

/** The directory a local source names: of `../..//units/app`, the part after `//` is copied. */
function copiedDir(source: string): string {
  return source.replace(/\/\/+/g, '/');
}

function blocksOf(items: readonly (Block | Attribute)[]): Block[] {
  return items.filter((item): item is Block => item.kind === 'block');
}

function label(block: Block): string {
  return block.labels[0]?.value ?? '';
}

function inDir(dir: string, name: string): string {
  return dir === '.' ? name : `${dir}/${name}`;
}

/** Whether `rel` is `dir` or below it (both relative to the root). */
function isUnder(rel: string, dir: string): boolean {
  return dir === '.' || rel === dir || rel.startsWith(`${dir}/`);
}
