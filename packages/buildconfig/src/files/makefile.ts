/**
 * Makefiles. A reference in a rule (its target line or its tab-indented recipe) is in that rule's
 * targets; a rule for release/publish/deploy/upload/dist is a release step. Each recipe line is a
 * script, from after its tab and the prefixes make removes before the shell runs it (`@` silent,
 * `-` ignoring errors, `+` always run) to its end, continuation lines included.
 */
import { isReleaseName } from '../names.js';
import type { Span } from '../structured/doc.js';
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

export const analyzeMakefile: Analyzer = ({ file }) => {
  const { rules, recipes } = rulesOf(file.text);
  return {
    context: (offset): RefContext => {
      const rule = rules.find((r) => r.start <= offset && offset < r.end);
      if (!rule) return {};
      return { field: rule.targets, releaseStep: rule.targets.split(/\s+/).some(isReleaseTarget) };
    },
    scriptAt: (offset) => spanHolding(recipes, offset),
  };
};

function isReleaseTarget(target: string): boolean {
  return isReleaseName(target) || /(?:^|[-_:.])dist(?:$|[-_:.])/.test(target);
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
