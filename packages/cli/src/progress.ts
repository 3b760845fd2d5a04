import type { ScanProgress } from '@posture/core';
import { nounFor } from '@posture/report';

/**
 * Whether to draw a progress line: only for a person watching a terminal. CI logs and piped
 * stderr would keep every redraw as a line of noise.
 */
export function progressEnabled(
  stderrIsTty: boolean,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  const ci = env.CI;
  const inCi = ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
  return stderrIsTty && !inCi;
}

const PHASES: Record<ScanProgress['phase'], string> = {
  terraform: 'reading Terraform',
  'build-configs': 'reading build configurations',
  rules: 'checking',
};

/** Erases the line the cursor is on and returns to its start. */
const CLEAR_LINE = '\r\x1b[K';

/**
 * One status line on stderr, redrawn in place. It appears only once the scan has run for `delayMs`,
 * so a quick scan prints nothing, and redraws at most every `intervalMs` (and on each new phase).
 * `finish` erases it before the report is written.
 */
export class ProgressLine {
  private readonly start: number;
  private lastDraw = -Infinity;
  private lastPhase: ScanProgress['phase'] | undefined;
  private shown = false;

  constructor(
    private readonly write: (text: string) => void,
    private readonly now: () => number = () => performance.now(),
    private readonly delayMs = 500,
    private readonly intervalMs = 100,
  ) {
    this.start = now();
  }

  update(progress: ScanProgress): void {
    const time = this.now();
    if (time - this.start < this.delayMs) return;
    if (progress.phase === this.lastPhase && time - this.lastDraw < this.intervalMs) return;
    this.lastDraw = time;
    this.lastPhase = progress.phase;
    this.shown = true;
    this.write(CLEAR_LINE + progressText(progress, time - this.start));
  }

  finish(): void {
    if (this.shown) this.write(CLEAR_LINE);
    this.shown = false;
  }
}

export function progressText(progress: ScanProgress, elapsedMs: number): string {
  const count = (n: number, noun: string) => `${n.toLocaleString('en-US')} ${nounFor(n, noun)}`;
  return `posture: ${PHASES[progress.phase]} · ${count(progress.files, 'file')}, ${count(progress.modules, 'module')} · ${(elapsedMs / 1000).toFixed(1)} s`;
}
