import path from 'node:path';
import type { ScannedFile } from '@posture/model';
import type { ConfigFile } from '../ast.js';
import type { LoadFocus } from '../load-terraform.js';
import type { SourceText } from './source-text.js';

/** A file read inside the root: its record and its text. */
export interface FileRead extends SourceText {
  readonly file: ScannedFile;
}

/** A parsed file, or why its parser gave up. */
export type FileParse = { readonly file: ConfigFile } | { readonly error: string };

/**
 * What one load read and parsed, for later loads of the same root and focus to take as it is: a
 * plan's reload of its root module with the plan's variables reads and parses nothing again. A
 * load that takes an entry still reports it as its own (its files, `onComments`, syntax errors),
 * so its inventory is the one a fresh load gives. Reads that failed are not kept: they are tried
 * again, and report again.
 */
export class LoadCache {
  readonly reads = new Map<string, FileRead>();
  readonly parses = new Map<string, FileParse>();

  readonly root: string;

  /** `focus` decides which bodies the parser keeps, so a cache serves loads of one focus only. */
  constructor(
    root: string,
    readonly focus?: LoadFocus,
  ) {
    this.root = path.resolve(root);
  }
}
