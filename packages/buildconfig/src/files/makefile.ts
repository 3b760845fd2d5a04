/**
 * Makefiles. A reference in a rule (its target line or its tab-indented recipe) is in that rule's
 * targets; a rule for release/publish/deploy/upload/dist is a release step, and so is one that a
 * release step runs by name (`make push-bin` in a tag workflow, a release rule's prerequisite). Each recipe line is a
 * script, from after its tab and the prefixes make removes before the shell runs it (`@` silent,
 * `-` ignoring errors, `+` always run) to its end, continuation lines included: a `#` there is the
 * shell's comment, and elsewhere make's own.
 */
import { releaseName, releaseStepOf, type StepFact } from '../names.js';
import type { Span } from '../structured/doc.js';
import type { TaskRun } from '../task-runs.js';
import { spanHolding, type Analyzer, type RefContext } from './analysis.js';

interface Rule {
  readonly start: number;
  readonly end: number;
  readonly targets: string;
}

/** `release publish: build` — targets before a single `:` that is not an assignment (`:=`, `::=`). */
const RULE_LINE = /^([^\s#:=][^:=]*):(?![:=])/;
/** Lines that keep a rule going: recipe lines, blank lines and comments. */
const IN_RULE = /^(?:\t|\s*$|\s*#)/;
/** A recipe line's tab and the prefixes make removes from it. */
const RECIPE_PREFIX = /^\t[ \t@+-]*/;
/** `define NAME` starts a value of several lines, to `endef`. */
const DEFINE = /^(?:(?:export|override|private)[ \t]+)*define\b/;
const ENDEF = /^[ \t]*endef\b/;

export const analyzeMakefile: Analyzer = ({ file }) => {
  const { rules, recipes } = rulesOf(file.text);
  // One context per rule: a rule line may name thousands of targets, and each of its places asks.
  const contexts = new Map<Rule, RefContext>();
  const contextOf = (rule: Rule): RefContext => {
    const tasks = rule.targets.split(/\s+/);
    return {
      field: rule.targets,
      releaseStep: releaseStepOf(...tasks.map(releaseTarget)),
      tasks,
    };
  };
  return {
    context: (offset): RefContext => {
      const rule = spanHolding(rules, offset);
      if (!rule) return {};
      let context = contexts.get(rule);
      if (!context) contexts.set(rule, (context = contextOf(rule)));
      return context;
    },
    scriptAt: (offset) => spanHolding(recipes, offset),
    comments: makeComments(file.text, recipes),
  };
};

/** A target or recipe for release, publish or dist, or for deploy or upload, or a site's. */
export function releaseTarget(target: string): StepFact {
  return /(?:^|[-_:.])dist(?:$|[-_:.])/.test(target) ? 'release' : releaseName(target);
}

/**
 * The prerequisites of each rule (`release: build push-bin`), which make brings up to date before
 * it runs the rule: targets it runs by name, where the rule line names them. What follows a `;` on
 * the line is the rule's recipe, and a target-specific variable (`release: VERSION = 1`) runs none.
 */
export function prerequisiteRuns(path: string, text: string): TaskRun[] {
  return rulesOf(text).rules.flatMap(({ start }) => {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? undefined : end);
    const targets = RULE_LINE.exec(line)?.[0] ?? line;
    const prerequisites = line.slice(targets.length).split(/[;#]/)[0]!;
    if (prerequisites.includes('=')) return [];
    return [...prerequisites.matchAll(/[^\s|]+/g)].map((m) => ({
      path,
      task: m[0],
      at: start + targets.length + m.index,
    }));
  });
}

/** The rules of a Makefile, and the lines of their recipes, in order. */
function rulesOf(text: string): { rules: Rule[]; recipes: Span[] } {
  const rules: Rule[] = [];
  const recipes: Span[] = [];
  let open: { start: number; targets: string } | undefined;
  // The recipe line being read, which continuation lines extend.
  let recipe: { start: number; end: number } | undefined;
  let offset = 0;
  let continued = false;
  for (const line of text.split('\n')) {
    const rule = continued ? null : RULE_LINE.exec(line);
    if (rule || (!continued && !IN_RULE.test(line))) {
      if (open) rules.push({ ...open, end: offset });
      open = rule ? { start: offset, targets: rule[1]!.trim() } : undefined;
    }
    if (!continued) {
      const prefix = open && !rule ? RECIPE_PREFIX.exec(line) : null;
      recipe = prefix ? { start: offset + prefix[0].length, end: offset } : undefined;
      if (recipe) recipes.push(recipe);
    }
    if (recipe) recipe.end = offset + line.length;
    continued = line.replace(/\r$/, '').endsWith('\\');
    offset += line.length + 1;
  }
  if (open) rules.push({ ...open, end: text.length });
  return { rules, recipes };
}

/**
 * Make's comments, outside recipes (whose lines the shell reads): from a `#` that no backslash
 * escapes and no variable reference or function call holds, to the line's end, and on over the
 * lines a trailing backslash continues it to. A `define` body is a value, kept as written.
 */
function makeComments(text: string, recipes: readonly Span[]): Span[] {
  const comments: { start: number; end: number }[] = [];
  let offset = 0;
  let continued = false;
  let defining = false;
  for (const line of text.split('\n')) {
    const end = offset + line.replace(/\r$/, '').length;
    let commented: boolean = continued;
    if (continued) comments[comments.length - 1]!.end = end;
    else if (defining) defining = !ENDEF.test(line);
    else if (DEFINE.test(line)) defining = true;
    else if (!spanHolding(recipes, end - 1)) {
      const hash = commentStart(line);
      commented = hash >= 0;
      if (commented) comments.push({ start: offset + hash, end });
    }
    continued = commented && line.replace(/\r$/, '').endsWith('\\');
    offset += line.length + 1;
  }
  return comments;
}

/** Where make's comment starts in a line, or -1. */
function commentStart(line: string): number {
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') i++;
    else if (c === '$' && (line[i + 1] === '(' || line[i + 1] === '{')) {
      depth++;
      i++;
    } else if ((c === '(' || c === '{') && depth > 0) depth++;
    else if ((c === ')' || c === '}') && depth > 0) depth--;
    else if (c === '#' && depth === 0) return i;
  }
  return -1;
}
