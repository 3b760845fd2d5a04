/**
 * Serverless Framework: `provider.deploymentBucket` (a name, or `{ name }`) and the
 * serverless-deployment-bucket plugin's `custom.deploymentBucket.name` are where `serverless deploy`
 * uploads; a deploy is a release step. Two plugins upload a site: serverless-finch
 * (`custom.client.bucketName`) makes its bucket a public website unless `manageResources: false`,
 * and serverless-s3-sync (`custom.s3Sync[].bucketName`) uploads with the entry's `acl`.
 */
import { aclUsage } from '../commands.js';
import type { RawRef } from '../find-refs.js';
import { entriesAt, isRecord, valueAt, type StructuredDoc } from '../structured/doc.js';
import { fieldRef, isDefined, type Analyzer } from './analysis.js';

const DEPLOYMENT_BUCKETS = [
  ['provider', 'deploymentBucket'],
  ['provider', 'deploymentBucket', 'name'],
  ['custom', 'deploymentBucket', 'name'],
];

/** The `provider` or `custom` settings of where a deploy uploads. */
const UPLOAD_SETTINGS = new Set(['deploymentBucket', 'client', 's3Sync']);

export const analyzeServerless: Analyzer = ({ doc }) => ({
  context: (_offset, path) => ({
    releaseStep: path !== undefined && UPLOAD_SETTINGS.has(`${path[1]}`) && 'release',
  }),
  refs: doc
    ? [
        ...DEPLOYMENT_BUCKETS.map((path) => fieldRef(doc, path, 's3', 'upload')),
        ...pluginRefs(doc),
      ].filter(isDefined)
    : [],
});

function pluginRefs(doc: StructuredDoc): (RawRef | undefined)[] {
  const client = valueAt(doc.data, ['custom', 'client']);
  const finchPublic = !isRecord(client) || client.manageResources !== false;
  const finch = fieldRef(
    doc,
    ['custom', 'client', 'bucketName'],
    's3',
    finchPublic ? 'public-upload' : 'upload',
  );
  const sync = entriesAt(doc.data, ['custom', 's3Sync']).map(([path, entry]) =>
    fieldRef(doc, [...path, 'bucketName'], 's3', aclUsage(isRecord(entry) ? entry.acl : undefined)),
  );
  return [finch, ...sync];
}
