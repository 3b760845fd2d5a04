/**
 * Where a build file writes comments in its own syntax, for what is read from comments alone
 * (inline exceptions): never from a string or a value that holds the same characters, which a
 * reviewer reads as data. A script a YAML scalar or a Groovy string holds is such a value: its
 * shell comments are the script's, inside the file's string, not the file's own.
 */
import { batchComments, powershellComments, shellComments } from '../comments.js';
import { formatOf } from '../file-types.js';
import { groovyComments } from '../files/groovy.js';
import { xmlComments } from '../files/jvm.js';
import type { Span } from '../structured/doc.js';
import { jsComments } from '../structured/js-literals.js';
import { parseYaml } from '../structured/yaml.js';
import type { AnalyzedFile } from './analyze.js';

/** Extensions of files written in JavaScript, TypeScript or JSON5, whose comments are `//`, `/*`. */
const JS = /\.(?:[cm]?[jt]sx?|json5|jsonc)$/i;
/** Groovy and Kotlin (Jenkinsfiles, Gradle builds). */
const GROOVY = /\.(?:groovy|gradle|kts)$/i;
const XML = /\.(?:xml|plist)$/i;
const POWERSHELL = /\.ps1$/i;
const BATCH = /\.(?:bat|cmd)$/i;

/**
 * The comments of a file: YAML's as its reader found them (a `#` outside any scalar), none in
 * JSON, `//` and `/* *\/` outside strings and templates in JavaScript, TypeScript and JSON5, and
 * in Groovy and Kotlin outside strings, `<!-- -->` in XML, `#` and `<# #>` in PowerShell, `rem`
 * and `::` in batch files, and in every other file (shell scripts, Dockerfiles, Makefiles,
 * justfiles, Ruby, TOML, dotenv, INI, Starlark…) a `#` that starts a word outside quotes, as the
 * shell reads it.
 */
export function writtenComments({ file, parts }: AnalyzedFile): Span[] {
  const { path, text, fileType } = file;
  switch (formatOf(path)) {
    case 'yaml': {
      const docs = parts.flatMap(({ doc }) => (doc ? [doc] : []));
      // A file read as text, of no type its path tells, is read as YAML for its comments alone.
      return docs.length > 0
        ? docs.flatMap((doc) => doc.comments ?? [])
        : [...(parseYaml(text).doc.comments ?? [])];
    }
    case 'json':
      return JS.test(path) ? jsComments(text) : [];
    default:
      if (JS.test(path)) return jsComments(text);
      if (GROOVY.test(path) || fileType === 'jenkinsfile') return groovyComments(text);
      if (XML.test(path)) return xmlComments(text);
      if (POWERSHELL.test(path)) return powershellComments(text);
      if (BATCH.test(path)) return batchComments(text);
      return shellComments(text);
  }
}
