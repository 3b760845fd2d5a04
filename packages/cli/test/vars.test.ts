import { expect, it } from 'vitest';
import { parseVars } from '../src/vars.js';

// `vars[name] = value` with --var __proto__=public-read set the prototype: the variable was lost.
it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
  '--var %s=... is a variable of that name',
  (name) => {
    const vars = parseVars([`${name}=public-read`, 'other=x']);
    expect(Object.entries(vars)).toEqual([
      [name, 'public-read'],
      ['other', 'x'],
    ]);
    expect(Object.getPrototypeOf(vars)).toBe(Object.prototype);
  },
);
