/**
 * Jenkinsfiles: the string a `sh`, `bat`, `powershell` or `pwsh` step runs is its script, however
 * it is quoted or passed, and the commands in it are read as a script's.
 */
import { expect, it, vi } from 'vitest';
import { LineIndex } from '@posture/model';
import type { SourceFile } from '../src/files/analysis.js';
import { analyzeJenkinsfile } from '../src/files/jenkinsfile.js';
import { BLOW_UP_MS, scanText } from './helpers.js';
import { GUARD_TIMEOUT_MS, threadCpuMs } from '../../../test/support/cpu-time.js';

// The guards against blow-ups bound CPU time; a busy machine may take long to give it them.
vi.setConfig({ testTimeout: GUARD_TIMEOUT_MS });

const jenkinsfile = (text: string): SourceFile => ({
  path: 'Jenkinsfile',
  text,
  lines: new LineIndex(text),
  fileType: 'jenkinsfile',
});

const stage = (steps: string) =>
  `pipeline {\n  stages {\n    stage('Deploy') {\n      steps {\n${steps}\n      }\n    }\n  }\n}\n`;

it.each([
  [`sh 'aws s3 cp dist s3://dst/app/ --recursive --acl public-read'`, 'public-upload'],
  [`sh "aws s3 cp dist s3://dst/app/ --recursive --acl public-read"`, 'public-upload'],
  [`sh '''\n  aws s3 cp dist s3://dst/app/ --acl public-read\n'''`, 'public-upload'],
  [`sh """aws s3 cp dist s3://dst/app/ --acl public-read"""`, 'public-upload'],
  [`sh('aws s3 cp dist s3://dst/app/ --acl public-read')`, 'public-upload'],
  [`sh(script: 'aws s3 cp dist s3://dst/app/ --acl public-read')`, 'public-upload'],
  [
    `sh(returnStatus: true, script: "aws s3 cp dist s3://dst/app/ --acl public-read")`,
    'public-upload',
  ],
  [`sh label: 'upload', script: 'aws s3 cp dist s3://dst/app/ --acl public-read'`, 'public-upload'],
  [`bat 'aws s3 cp dist s3://dst/app/ --acl public-read'`, 'public-upload'],
  [`powershell "aws s3 cp dist s3://dst/app/ --acl public-read"`, 'public-upload'],
  [`sh "aws s3 cp \\"dist\\" s3://dst/app/ && echo 'done'"`, 'upload'],
  [`sh 'gsutil iam ch allUsers:objectViewer gs://dst'`, 'opens'],
  [`sh 'aws s3api put-object-acl --bucket dst --key index.html --acl public-read'`, 'opens'],
  [`sh 'aws s3 cp s3://dst/app/ . --recursive'`, 'api'],
])('%s: %s', (step, usage) => {
  const { links } = scanText('Jenkinsfile', stage(`        ${step}`));
  expect(links.map((l) => [l.bucket, l.usage, l.field, l.releaseStep])).toEqual([
    // A stage named for deploying is a deploy step.
    ['dst', usage, 'stage(Deploy)', 'deploy'],
  ]);
});

// pipeline-aws's s3Upload with its bucket in a variable (noi-techpark/it.bz.noi.maps's
// Jenkinsfile-Test.groovy, `acl: 'PublicRead'`, its bucket moved to `environment {}`) gave no link.
it.each([
  ['', `s3Upload(bucket: 'dst', acl: 'PublicRead', file: 'dist/')`, [['dst', 'public-upload']]],
  [
    "BUCKET = 'dst'",
    `s3Upload(bucket: "\${BUCKET}", acl: 'PublicRead', file: 'dist/')`,
    [['dst', 'public-upload']],
  ],
  ["BUCKET = 'dst'", `s3Upload(bucket: "\${env.BUCKET}", file: 'dist/')`, [['dst', 'upload']]],
  [
    '',
    `withEnv(['BUCKET=dst']) {\n  s3Upload(bucket: "$BUCKET", acl: 'PublicRead', file: 'dist/')\n}`,
    [['dst', 'public-upload']],
  ],
  // Not resolved: still a public upload, to a bucket not known; a private one is no link.
  [
    '',
    `s3Upload(bucket: "\${env.RELEASE_BUCKET}", acl: 'PublicRead', file: 'dist/')`,
    [[undefined, 'public-upload']],
  ],
  ['', `s3Upload(bucket: "\${env.RELEASE_BUCKET}", file: 'dist/')`, []],
])('s3Upload with environment { %s }: %s', (environment, steps, expected) => {
  const text = stage(steps).replace('  stages {', `  environment { ${environment} }\n  stages {`);
  const { links } = scanText('Jenkinsfile', text);
  expect(links.map((l) => [l.bucket, l.usage])).toEqual(expected);
});

it('reads each step of a line as its own script, and a step named in a script as its text', () => {
  const { links } = scanText(
    'Jenkinsfile',
    stage(
      [
        `        sh 'aws s3 cp a s3://dst/a'; sh 'aws s3 cp b s3://dst/b --acl public-read'`,
        `        sh "./deploy.sh 'aws s3 cp c' s3://dst/c --acl public-read"`,
      ].join('\n'),
    ),
  );
  expect(links.map((l) => [l.url, l.usage])).toEqual([
    ['s3://dst/a', 'upload'],
    ['s3://dst/b', 'public-upload'],
    ['s3://dst/c', 'api'],
  ]);
});

it.each([
  ['steps that never close their parenthesis', 'sh('.repeat(300_000)],
  ['strings that never close', `sh("x'y)`.repeat(120_000)],
  ['a triple quote that never closes', `sh '''${' sh "x'.repeat(200_000)}`],
  ['steps with no script', 'sh x '.repeat(200_000)],
])('finds the scripts among %s without blowing up', (_name, line) => {
  const start = threadCpuMs();
  scanText('Jenkinsfile', stage(line));
  expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
});

it('finds the stage and the upload call around a reference in a file of 100,000 stages', () => {
  const stages = Array.from(
    { length: 100_000 },
    (_, i) => `    stage('Build ${i}') {\n      steps { sh 'aws s3 cp a s3://b${i}/' }\n    }\n`,
  );
  const text = `pipeline {\n  stages {\n${stages.join('')}  }\n}\n`;
  const start = threadCpuMs();
  const { context } = analyzeJenkinsfile({ file: jenkinsfile(text) });
  const offsets = [...text.matchAll(/s3:\/\//g)].map((m) => m.index);
  // In any order: an offset before the one asked before does not start a search over.
  const fields = [...[...offsets].reverse(), ...offsets].map(
    (at) => context?.(at, undefined).field,
  );
  expect(fields).toHaveLength(200_000);
  expect([fields[0], fields.at(-1)]).toEqual(['stage(Build 99999)', 'stage(Build 99999)']);
  expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
});

it('names the innermost stage and the first upload call around a reference', () => {
  const text = [
    "stage('Outer') {",
    "  sh 'aws s3 cp a s3://one/'",
    "  stage('Release') {",
    "    googleStorageUpload(bucket: 'gs://two/', sharedPublicly: true",
    "    googleStorageUpload(bucket: 'gs://three/')",
    '  }',
    "  googleStorageUpload(bucket: 'gs://four/')",
    '}',
    "sh 'aws s3 cp a s3://five/'",
  ].join('\n');
  const { context } = analyzeJenkinsfile({ file: jenkinsfile(text) });
  const at = (url: string) => context?.(text.indexOf(url), undefined);
  expect(['s3://one/', 'gs://two/', 'gs://three/', 'gs://four/', 's3://five/'].map(at)).toEqual([
    { field: 'stage(Outer)', releaseStep: false },
    { field: 'stage(Release)', releaseStep: 'release', usage: 'public-upload' },
    // The call that does not close runs on over the next one, and is the first around it.
    { field: 'stage(Release)', releaseStep: 'release', usage: 'public-upload' },
    // And on to its bound, 4 KiB from its parenthesis.
    { field: 'stage(Outer)', releaseStep: false, usage: 'public-upload' },
    { usage: 'public-upload' },
  ]);
});
