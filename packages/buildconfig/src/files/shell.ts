/**
 * Shell and PowerShell scripts. A script is a release step when a release package.json script runs
 * it (its file name saying release/publish/deploy/upload is handled for every file type).
 */
import { powershellComments, shellComments } from '../comments.js';
import type { Analyzer } from './analysis.js';

export const analyzeShell: Analyzer = ({ file, env }) => {
  const releaseStep = env.releaseScripts.has(file.path);
  const powershell = /\.ps1$/i.test(file.path);
  return {
    context: () => ({ releaseStep }),
    comments: powershell ? powershellComments(file.text) : shellComments(file.text),
  };
};
