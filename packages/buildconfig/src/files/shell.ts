/**
 * Shell and PowerShell scripts. A script is a release step when a release step runs it or its file
 * name says release/publish/deploy/upload; both hold for every file type (see
 * extract/release-scripts.ts).
 */
import { powershellComments, shellComments } from '../comments.js';
import type { Analyzer } from './analysis.js';

export const analyzeShell: Analyzer = ({ file }) => ({
  comments: /\.ps1$/i.test(file.path) ? powershellComments(file.text) : shellComments(file.text),
});
