/**
 * Cloudflare Workers (`wrangler.toml`, `wrangler.json[c]`): `[[r2_buckets]]` bindings (in TOML
 * also written inline, `r2_buckets = [{ … }]`) name R2 buckets in `bucket_name` and
 * `preview_bucket_name`, at the top and per `[env.<name>]`. A Worker reads and writes them with
 * the account's credentials: usage `api`.
 */
import type { RawRef } from '../find-refs.js';
import { entriesAt, type Path, type StructuredDoc } from '../structured/doc.js';
import { fieldRef, isDefined, type Analyzer } from './analysis.js';

export const analyzeWrangler: Analyzer = ({ doc }) => ({
  refs: doc ? bindingScopes(doc).flatMap((scope) => bindingRefs(doc, scope)) : [],
});

function bindingScopes(doc: StructuredDoc): Path[] {
  return [[], ...entriesAt(doc.data, ['env']).map(([path]) => path)];
}

function bindingRefs(doc: StructuredDoc, scope: Path): RawRef[] {
  return entriesAt(doc.data, [...scope, 'r2_buckets'])
    .flatMap(([binding]) => ['bucket_name', 'preview_bucket_name'].map((key) => [...binding, key]))
    .map((path) => fieldRef(doc, path, 'r2', 'api', 'wrangler'))
    .filter(isDefined);
}
