import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { toMarkdown, toText, toJson } from '../src/index.js';
import { sampleFixture } from './support/sample.js';
it('x', () => {
  const { fixture, result } = sampleFixture();
  writeFileSync('/tmp/out.md', toMarkdown(result));
  writeFileSync('/tmp/out.txt', toText(result));
  writeFileSync('/tmp/out-color.txt', toText(result, { color: true }));
  writeFileSync('/tmp/out.json', toJson(result));
  fixture.cleanup();
});
