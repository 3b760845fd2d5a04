/**
 * Makefiles. A reference in a rule (its target line or its tab-indented recipe) is in that rule's
 * targets; a rule for release/publish/deploy/upload/dist is a release step.
 */
import { isReleaseName } from '../names.js';
import type { Analyzer, RefContext } from './analysis.js';

interface Rule {
  readonly start: number;
  readonly end: number;
  readonly targets: string;
}

/** `release publish: build` — targets before a single `:` that is not an assignment (`:=`, `::=`). */
const RULE_LINE = /^([^\s#:=][^:=]*):(?![:=])/;
/** Lines that keep a rule going: recipe lines, blank lines and comments. */
const IN_RULE = /^(?:\t|\s*$|\s*#)/;

export const analyzeMakefile: Analyzer = ({ file }) => {
  const rules = rulesOf(file.text);
  return {
    context: (offset): RefContext => {
      const rule = rules.find((r) => r.start <= offset && offset < r.end);
      if (!rule) return {};
      return { field: rule.targets, releaseStep: rule.targets.split(/\s+/).some(isReleaseTarget) };
    },
  };
};

function isReleaseTarget(target: string): boolean {
  return isReleaseName(target) || /(?:^|[-_:.])dist(?:$|[-_:.])/.test(target);
}

function rulesOf(text: string): Rule[] {
  const rules: Rule[] = [];
  let open: { start: number; targets: string } | undefined;
  let offset = 0;
  let continued = false;
  for (const line of text.split('\n')) {
    const rule = continued ? null : RULE_LINE.exec(line);
    if (rule || (!continued && !IN_RULE.test(line))) {
      if (open) rules.push({ ...open, end: offset });
      open = rule ? { start: offset, targets: rule[1]!.trim() } : undefined;
    }
    continued = line.replace(/\r$/, '').endsWith('\\');
    offset += line.length + 1;
  }
  if (open) rules.push({ ...open, end: text.length });
  return rules;
}
