/**
 * Dockerfiles. The field is the instruction holding the reference (`ADD`, `RUN`, `ENV`, …),
 * followed back over `\` continuation lines. `ADD <url>` and `curl`/`wget` in `RUN` download.
 * Docker drops a line that starts with `#` before it reads instructions, and `RUN` hands the rest
 * of its line to the shell: the shell's comments are the Dockerfile's.
 */
import { shellComments } from '../comments.js';
import type { Analyzer } from './analysis.js';

export const analyzeDockerfile: Analyzer = ({ file }) => ({
  context: (offset) => {
    let line = file.lines.position(offset).line;
    while (line > 1 && file.lines.lineText(line - 1).endsWith('\\')) line--;
    const instruction = /^\s*([A-Za-z]+)\b/.exec(file.lines.lineText(line))?.[1];
    return instruction ? { field: instruction.toUpperCase() } : {};
  },
  comments: shellComments(file.text),
});
