/**
 * Dockerfiles. The field is the instruction holding the reference (`ADD`, `RUN`, `ENV`, …),
 * followed back over `\` continuation lines. `ADD <url>` and `curl`/`wget` in `RUN` download.
 */
import type { Analyzer } from './analysis.js';

export const analyzeDockerfile: Analyzer = ({ file }) => ({
  context: (offset) => {
    let line = file.lines.position(offset).line;
    while (line > 1 && file.lines.lineText(line - 1).endsWith('\\')) line--;
    const instruction = /^\s*([A-Za-z]+)\b/.exec(file.lines.lineText(line))?.[1];
    return instruction ? { field: instruction.toUpperCase() } : {};
  },
});
