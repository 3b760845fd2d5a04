import { describe, expect, it } from 'vitest';
import type { ScanProgress } from '@posture/core';
import { ProgressLine, progressEnabled, progressText } from '../src/progress.js';

describe('progressEnabled', () => {
  it('draws on a terminal outside CI', () => {
    expect(progressEnabled(true, {})).toBe(true);
    expect(progressEnabled(true, { CI: '' })).toBe(true);
    expect(progressEnabled(true, { CI: 'false' })).toBe(true);
    expect(progressEnabled(true, { CI: '0' })).toBe(true);
  });

  it('is silent in CI, whatever the terminal', () => {
    expect(progressEnabled(true, { CI: 'true' })).toBe(false);
    expect(progressEnabled(true, { CI: '1' })).toBe(false);
    expect(progressEnabled(true, { CI: 'woodpecker' })).toBe(false);
  });

  it('is silent when stderr is piped or redirected', () => {
    expect(progressEnabled(false, {})).toBe(false);
    expect(progressEnabled(false, { CI: 'true' })).toBe(false);
  });
});

describe('ProgressLine', () => {
  function line() {
    let clock = 0;
    const writes: string[] = [];
    const progress = new ProgressLine(
      (text) => writes.push(text),
      () => clock,
      500,
      100,
    );
    return { progress, writes, tick: (ms: number) => (clock += ms) };
  }

  it('prints nothing for a scan that ends before the delay', () => {
    const { progress, writes, tick } = line();
    tick(100);
    progress.update(at('terraform'));
    tick(300);
    progress.update(at('rules'));
    progress.finish();
    expect(writes).toEqual([]);
  });

  it('redraws one line in place, throttled, and erases it when done', () => {
    const { progress, writes, tick } = line();
    tick(600);
    progress.update(at('terraform', 1200, 30));
    tick(50);
    progress.update(at('terraform', 1300, 31));
    tick(60);
    progress.update(at('terraform', 1400, 32));
    progress.finish();
    expect(writes).toEqual([
      '\r\x1b[Kposture: reading Terraform · 1,200 files, 30 modules · 0.6 s',
      '\r\x1b[Kposture: reading Terraform · 1,400 files, 32 modules · 0.7 s',
      '\r\x1b[K',
    ]);
  });

  it('shows a new phase at once', () => {
    const { progress, writes, tick } = line();
    tick(600);
    progress.update(at('terraform'));
    tick(10);
    progress.update(at('build-configs'));
    expect(writes.map((w) => w.includes('build configurations'))).toEqual([false, true]);
  });
});

describe('progressText', () => {
  it.each([
    [10, 2, 'posture: checking · 10 files, 2 modules · 12.3 s'],
    [1, 1, 'posture: checking · 1 file, 1 module · 12.3 s'],
    [12_040, 0, 'posture: checking · 12,040 files, 0 modules · 12.3 s'],
  ])(
    'says what the scan does, how far it got and for how long (%i, %i)',
    (files, modules, text) => {
      expect(progressText(at('rules', files, modules), 12_345)).toBe(text);
    },
  );
});

function at(phase: ScanProgress['phase'], files = 10, modules = 2): ScanProgress {
  return { phase, files, modules };
}
