/**
 * Shell scripts. A script is a release step when a release package.json script runs it (its file
 * name saying release/publish/deploy/upload is handled for every file type).
 */
import type { Analyzer } from './analysis.js';

export const analyzeShell: Analyzer = ({ file, env }) => {
  const releaseStep = env.releaseScripts.has(file.path);
  return { context: () => ({ releaseStep }) };
};
