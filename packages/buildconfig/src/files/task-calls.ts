/**
 * Taskfile (go-task) calls: a `cmds` or `deps` entry `- task: name` with `vars:` runs that task
 * with them. Task looks a template's variable up in the called task's own `vars:`, then in those
 * the call passes, then in the Taskfile's (https://taskfile.dev/docs/guide/variables); they are no
 * environment of its commands. The called task is read again as the call's, under its `task:` key
 * (`tasks.release.cmds[0].task.cmds[1]`), so in the calling task's release context.
 */
import { entriesAt, isRecord, valueAt, type Path } from '../structured/doc.js';
import { boundedReadings, MAX_READINGS, type Inherited, type Readings } from './analysis.js';

/**
 * The call that a value at `path` is read as part of (`tasks.release.cmds[0]`), and the task it
 * calls; none outside a call's reading.
 */
export function callAt(
  path: Path | undefined,
  data: unknown,
): { call: Path; task: string } | undefined {
  if (path?.[0] !== 'tasks' || path[4] !== 'task' || path.length < 6) return undefined;
  if ((path[2] !== 'cmds' && path[2] !== 'deps') || typeof path[3] !== 'number') return undefined;
  const task = valueAt(data, path.slice(0, 5));
  return typeof task === 'string' ? { call: path.slice(0, 4), task } : undefined;
}

/**
 * Each task called with `vars:` that its templates use, read again as its call's, up to
 * `MAX_READINGS` calls in a file: what the bound leaves out is said (`notReadAgain`).
 */
export function callReadings(data: unknown): Readings {
  return boundedReadings(
    calls(data),
    `calls its tasks with vars: their templates use more times than the ${MAX_READINGS} that are read again in one file`,
  );
}

/** The calls that `callReadings` reads again, in the order the file writes them. */
function* calls(data: unknown): Generator<Inherited> {
  for (const [caller] of entriesAt(data, ['tasks'])) {
    for (const [call, entry] of ['cmds', 'deps'].flatMap((list) =>
      entriesAt(data, [...caller, list]),
    )) {
      if (!isRecord(entry) || typeof entry.task !== 'string' || !isRecord(entry.vars)) continue;
      const called = valueAt(data, ['tasks', entry.task]);
      const names = Object.keys(entry.vars).filter((name) => /^[A-Za-z_]\w*$/.test(name));
      const uses = new RegExp(String.raw`\{\{-?\s*\.(?:${names.join('|')})\b`);
      if (called === undefined || names.length === 0 || !uses.test(JSON.stringify(called)))
        continue;
      yield { from: ['tasks', entry.task], to: [...call, 'task'] };
    }
  }
}
