/**
 * Homebrew formulae and casks (Ruby, read as text). Ruby's `#` comments follow the shell's rules
 * where they matter here (outside strings, to the line's end), so a cask's provenance note
 * (`# bucket.s3.amazonaws.com/… was verified as official`) or a formula's old `url` commented out
 * is no link: users download what the live `url` names.
 */
import { shellComments } from '../comments.js';
import type { Analyzer } from './analysis.js';

export const analyzeHomebrew: Analyzer = ({ file }) => ({ comments: shellComments(file.text) });
