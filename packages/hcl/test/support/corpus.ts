import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `../shared` from the repository root: the corpus and the peer cases every engineer has. */
export const SHARED_DIR = fileURLToPath(new URL('../../../../../shared/', import.meta.url));

export function sharedAvailable(): boolean {
  return existsSync(join(SHARED_DIR, 'corpus'));
}

const TERRAFORM_FILE = /\.(tf|tfvars|tf\.json|tfvars\.json)$/;

/** Terraform files under `../shared/<folders>`, as paths relative to `../shared`, sorted. */
export function terraformFiles(...folders: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && TERRAFORM_FILE.test(entry.name)) out.push(path);
    }
  };
  for (const folder of folders) {
    const dir = join(SHARED_DIR, folder);
    if (existsSync(dir)) walk(dir);
  }
  return out.map((p) => relative(SHARED_DIR, p).split('\\').join('/')).sort();
}
