/**
 * AppVeyor's `for:`: the configurations of some branches or jobs, each merged over the common one
 * (https://www.appveyor.com/blog/2017/08/01/sharing-configuration-between-branches-in-appveyor-yml):
 * its `environment:` over the common one, its scripts and deployment instead of the common ones.
 * What an item does not replace it runs as its own, with its environment: that is read again as the
 * item's, where it uses a variable the item sets or runs a script.
 */
import { entriesAt, isRecord, valueAt, type Path } from '../structured/doc.js';
import { scriptRuns } from '../script-refs.js';
import type { Inherited } from './analysis.js';

/** The phases of an AppVeyor build, each a list of scripts (`- cmd`, `- ps: …`, `- sh: …`). */
export const APPVEYOR_PHASES = [
  'init',
  'install',
  'before_build',
  'build_script',
  'after_build',
  'before_test',
  'test_script',
  'after_test',
  'before_deploy',
  'deploy_script',
  'after_deploy',
  'on_success',
  'on_failure',
  'on_finish',
];

/** The settings an item replaces whole and runs otherwise as the common configuration writes them. */
const REPLACED = [...APPVEYOR_PHASES, 'deploy'];

/** The `for:` item holding a value at `path` (`['for', 0]`); none for the common configuration. */
export function configurationAt(path: Path | undefined): Path | undefined {
  return path?.[0] === 'for' && typeof path[1] === 'number' ? path.slice(0, 2) : undefined;
}

/** The common phases and deployment each item runs as its own, where it sets what they use. */
export function configurationReadings(data: unknown): Inherited[] {
  return entriesAt(data, ['for']).flatMap(([item, value]) => {
    if (!isRecord(value)) return [];
    const environment = isRecord(value.environment) ? value.environment : {};
    const global = isRecord(environment.global) ? environment.global : {};
    const names = [...Object.keys(environment), ...Object.keys(global)].filter((name) =>
      /^[A-Za-z_]\w*$/.test(name),
    );
    const uses = new RegExp(String.raw`\b(?:${names.join('|')})\b`, 'i');
    return REPLACED.filter((key) => !(key in value)).flatMap((key) => {
      const common = valueAt(data, [key]);
      if (common === undefined) return [];
      const text = JSON.stringify(common);
      const runs =
        (names.length > 0 && uses.test(text)) || scriptRuns(text, '.').some((run) => !run.outside);
      return runs ? [{ from: [key], to: [...item, key] }] : [];
    });
  });
}
