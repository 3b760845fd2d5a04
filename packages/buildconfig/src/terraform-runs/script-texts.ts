/** The bound on the readings of scripts for the Terraform commands they run. */
import type { Diagnostic } from '@posture/model';
import { MAX_CALLING_TEXT } from '../extract/local-calls.js';
import type { SourceFile } from '../files/analysis.js';

/**
 * At most this many readings of scripts are made in a scan for the Terraform commands they run, of
 * `MAX_CALLING_TEXT` at most: scripts that each run the next three times are read 43 million times
 * sixteen levels down, and a reading of one that runs Terraform is a run to resolve.
 */
const MAX_SCRIPT_READINGS = 10_000;

/**
 * The scripts read for the Terraform commands they run, in a scan: each time a script runs one, up
 * to the bounds; past one, an error on the script not read.
 */
export class ScriptTexts {
  private made = 0;
  private read = 0;
  private cut = false;
  constructor(private readonly diagnostics: Diagnostic[]) {}

  /** Whether `script` is read once more, within the bound. */
  reads(script: SourceFile): boolean {
    this.made++;
    this.read += script.text.length;
    if (this.made <= MAX_SCRIPT_READINGS && this.read <= MAX_CALLING_TEXT) return true;
    if (!this.cut)
      this.diagnostics.push({
        severity: 'error',
        code: 'build-links-truncated',
        message: `${script.path} is run by scripts more times than the ${MAX_SCRIPT_READINGS} readings (of ${MAX_CALLING_TEXT / 1024 / 1024} MB at most) of scripts made in a scan for the Terraform commands they run; the TF_VAR_ variables and options it and those past it give Terraform were not read`,
        range: script.lines.range(script.path, 0, 0),
      });
    this.cut = true;
    return false;
  }
}
