/**
 * What GitLab `rules:` say of tags: whether a job, or the whole pipeline (`workflow: rules:`), runs
 * for tag pipelines by a rule that names them, and whether it runs for others too. GitLab applies
 * the first rule whose `if:` holds; `when: never` there stops the job
 * (https://docs.gitlab.com/ci/jobs/job_rules/). An `if:` asserts a tag with `$CI_COMMIT_TAG` alone,
 * `!= null`, `!= ""`, `=~ /…/` or `== "v1.0"`, and denies one with `== null` or `== ""`; `&&` and
 * `||` negate nothing, and GitLab has no `!`.
 */
import { isRecord } from '../structured/doc.js';

export interface TagRules {
  /** A rule that runs the job names tag pipelines, or runs once all others are stopped. */
  readonly forTags: boolean;
  /** A rule runs the job for a pipeline that is not a tag's, or may. */
  readonly forOthers: boolean;
}

/** `$CI_COMMIT_TAG`, and the comparison after it. */
const TAG_TEST =
  /\$\{?CI_COMMIT_TAG\}?(?![\w}])(?:\s*(==|!=|=~|!~)\s*(null\b|""|''|"[^"]+"|'[^']+'|\/|\$\w+))?/g;

/** What an `if:` says of tags: that the pipeline is a tag's, that it is not, or neither. */
function tagTest(condition: unknown): 'tag' | 'untagged' | 'other' {
  if (typeof condition !== 'string') return 'other';
  let found: 'tag' | 'untagged' | 'other' = 'other';
  for (const [, op, operand] of condition.matchAll(TAG_TEST)) {
    const empty = operand === 'null' || operand === '""' || operand === "''";
    if (op === undefined || op === '=~' || (op === '==' && !empty) || (op === '!=' && empty))
      return 'tag';
    if (op === '==' && empty) found = 'untagged';
  }
  // `$CI_COMMIT_TAG == null || $X` may hold for a tag: only a denial alone is one.
  return found === 'untagged' && /&&|\|\|/.test(condition) ? 'other' : found;
}

/**
 * What `rules` run the job for, taken in order: a rule naming tags runs it for them; one denying a
 * tag with `when: never` stops every other pipeline, so that the rules after it run the job for tags
 * only; any other rule that runs the job runs it for other pipelines, while they get that far.
 */
export function tagRules(rules: unknown): TagRules {
  let forTags = false;
  let forOthers = false;
  let othersGoOn = true;
  for (const rule of Array.isArray(rules) ? rules : []) {
    if (!isRecord(rule)) continue;
    const never = rule.when === 'never';
    const test = 'if' in rule ? tagTest(rule.if) : 'any';
    if (test === 'tag') forTags ||= !never;
    else if (test === 'untagged') {
      if (never) othersGoOn = false;
      else forOthers ||= othersGoOn;
    } else if (!never) {
      forTags ||= !othersGoOn;
      forOthers ||= othersGoOn;
    } else if (test === 'any') break;
  }
  return { forTags, forOthers };
}
