/**
 * Shell, PowerShell and batch scripts. A script is a release step when a release step runs it or
 * its file name says release/publish/deploy/upload; both hold for every file type (see
 * extract/release-scripts.ts).
 */
import { batchComments, powershellComments, shellComments } from '../comments.js';
import type { Analyzer } from './analysis.js';

export const analyzeShell: Analyzer = ({ file }) => ({
  comments: /\.ps1$/i.test(file.path)
    ? powershellComments(file.text)
    : /\.(?:bat|cmd)$/i.test(file.path)
      ? batchComments(file.text)
      : shellComments(file.text),
});
