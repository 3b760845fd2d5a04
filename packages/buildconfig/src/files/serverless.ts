/**
 * Serverless Framework: `provider.deploymentBucket` (a name, or `{ name }`) and the
 * serverless-deployment-bucket plugin's `custom.deploymentBucket.name` are where `serverless deploy`
 * uploads; a deploy is a release step.
 */
import { fieldRef, isDefined, type Analyzer } from './analysis.js';

const BUCKET_PATHS = [
  ['provider', 'deploymentBucket'],
  ['provider', 'deploymentBucket', 'name'],
  ['custom', 'deploymentBucket', 'name'],
];

export const analyzeServerless: Analyzer = ({ doc }) => ({
  context: (_offset, path) => ({ releaseStep: path?.[1] === 'deploymentBucket' }),
  refs: doc
    ? BUCKET_PATHS.map((path) => fieldRef(doc, path, 's3', 'upload')).filter(isDefined)
    : [],
});
