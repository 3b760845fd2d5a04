/**
 * `.npmrc`: `key=value` lines. Download mirrors (`electron_mirror`, `sass_binary_site`) and
 * registries are public base URLs; `//host/:_authToken=` lines name a registry host in the key.
 */
import type { Analyzer } from './analysis.js';

export const analyzeNpmrc: Analyzer = ({ file }) => ({
  context: (offset) => {
    const { line, column } = file.lines.position(offset);
    const text = file.lines.lineText(line);
    const eq = text.indexOf('=');
    if (eq < 0) return {};
    const key = text.slice(0, eq).trim();
    // A URL in the key is the registry a setting applies to; the field is the setting's name.
    const field = column - 1 > eq ? key : key.slice(key.lastIndexOf(':') + 1);
    return field === '' ? {} : { field };
  },
});
