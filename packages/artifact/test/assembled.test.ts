import { describe, expect, it, vi } from 'vitest';
import type { ShippedType } from '@posture/model';
import { ContentScanner, type ContentFindings } from '../src/content/scanner.js';
import { GUARD_TIMEOUT_MS, threadCpuMs } from '../../../test/support/cpu-time.js';

// Guards bound CPU time (threadCpuMs); only a hang is stopped by the wall clock.
vi.setConfig({ testTimeout: GUARD_TIMEOUT_MS });

/** Streams `text` through a scanner in pieces. */
function scanned(text: string, type: ShippedType = 'javascript'): ContentFindings {
  const scanner = new ContentScanner({ type, packagePath: 'file' }, []);
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; at += 4099) scanner.push(bytes.subarray(at, at + 4099));
  return scanner.end();
}

/** The storage links of `text`: line, bucket, URL. */
function links(text: string, type?: ShippedType): [number, string?, string?][] {
  return scanned(text, type)
    .links.map(({ span, link }): [number, string?, string?] => [
      span.start.line,
      link.bucket,
      link.url,
    ])
    .sort((a, b) => a[0] - b[0]);
}

const B = 'const B = "acme-releases";\n';
const CFG = 'const cfg = { bucket: "acme-releases", region: "us-east-1" };\n';
const TERNARY =
  'const B = process.env.NODE_ENV === "production" ? "acme-releases" : "acme-staging";\n';

/** `n` fallbacks: `process.env.V0 || … || "acme-releases"`, the bucket last. */
const fallbacks = (n: number): string =>
  `${Array.from({ length: n - 1 }, (_, i) => `process.env.V${i}`).join(' || ')} || "acme-releases"`;
const USE_B = 'f(`https://${B}.s3.amazonaws.com/`);\n';

/** Each bound of the reading of a value, cutting it where it is used, or declared and unused. */
const BOUNDS_CUT: [string, string, boolean][] = [
  ['a declaration of 9 fallbacks, used', `const B = ${fallbacks(9)};\n${USE_B}`, true],
  ['a declaration of 9 fallbacks, never used', `const B = ${fallbacks(9)};\n`, false],
  ['a declaration of 8 fallbacks, used', `const B = ${fallbacks(8)};\n${USE_B}`, false],
  [
    'a conditional of 10 branches, used',
    `const B = a ? ${fallbacks(5)} : ${fallbacks(5)};\n${USE_B}`,
    true,
  ],
  [
    'conditionals nested deeper than are read, used',
    `const B = a ? "x" : b ? "x" : c ? "x" : d ? "x" : e ? "x" : "acme-releases";\n${USE_B}`,
    true,
  ],
  [
    'a value of more operands than are read, used',
    `const B = ${'"a" + '.repeat(40)}"acme-releases";\n${USE_B}`,
    true,
  ],
  ['a value of more than 32 fallbacks, used', `const B = ${fallbacks(40)};\n${USE_B}`, true],
  ['a name made of a cut one, used', `const A = ${fallbacks(9)};\nconst B = A;\n${USE_B}`, true],
  [
    'an object of more members than are read, one used',
    `const cfg = { ${Array.from({ length: 70 }, (_, i) => `k${i}: 1, `).join('')}bucket: "acme-releases" };\nf(\`https://\${cfg.bucket}.s3.amazonaws.com/\`);\n`,
    true,
  ],
  ["the AWS SDK's Bucket of 9 fallbacks", `s3.getObject({ Bucket: ${fallbacks(9)} });\n`, true],
  ['a GCS bucket() of 9 fallbacks', `storage.bucket(${fallbacks(9)}).file(k);\n`, true],
  [
    'a new URL path of 9 fallbacks',
    `new URL(${fallbacks(9)}, "https://s3.amazonaws.com/");\n`,
    true,
  ],
  [
    'a template placeholder of 9 fallbacks',
    `f(\`https://\${${fallbacks(9)}}.s3.amazonaws.com/\`);\n`,
    true,
  ],
];

describe('storage links assembled in shipped JavaScript', () => {
  // [what, the file's text, its links: line, bucket, URL]
  const FOUND: [string, string, [number, string?, string?][]][] = [
    [
      'an S3 host in a template, its bucket a constant',
      `${B}fetch(\`https://\${B}.s3.amazonaws.com/\${key}\`);\n`,
      [[2, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/${key}']],
    ],
    [
      'a GCS path in a template',
      `${B}fetch(\`https://storage.googleapis.com/\${B}/x\`);\n`,
      [[2, 'acme-releases', 'https://storage.googleapis.com/acme-releases/x']],
    ],
    [
      'an R2 path whose account is unknown: the bucket, not a link without one',
      `${B}fetch(\`https://\${acct}.r2.cloudflarestorage.com/\${B}\`);\n`,
      [[2, 'acme-releases', 'https://${acct}.r2.cloudflarestorage.com/acme-releases']],
    ],
    [
      'strings and a constant joined with +',
      `${B}fetch("https://" + B + ".s3.us-east-1.amazonaws.com/app.tgz");\n`,
      [[2, 'acme-releases', 'https://acme-releases.s3.us-east-1.amazonaws.com/app.tgz']],
    ],
    [
      'two strings joined',
      `fetch("https://acme-releases" + ".s3.amazonaws.com");\n`,
      [[1, 'acme-releases', 'https://acme-releases.s3.amazonaws.com']],
    ],
    [
      'a join over several lines, at the line it starts',
      `${B}const url =\n  "https://" +\n  B +\n  '.s3.amazonaws.com/' + key;\n`,
      [[3, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/${key}']],
    ],
    [
      'a constant declared below the function that uses it',
      `function get(k) {\n  return fetch(\`https://\${B}.s3.amazonaws.com/\${k}\`);\n}\n${B}`,
      [[2, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/${k}']],
    ],
    [
      'a minified declaration list',
      `var a=1,b="acme-releases";fetch("https://"+b+".s3.amazonaws.com/"+k);\n`,
      [[1, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/${k}']],
    ],
    [
      "the AWS SDK v3's command naming its bucket",
      `s3.send(new PutObjectCommand({ Bucket: "acme-releases", Key, Body }));\n`,
      [[1, 'acme-releases', 's3://acme-releases']],
    ],
    [
      "the AWS SDK v2's call, single-quoted",
      `s3.getObject({ Bucket: 'acme-releases' }).promise();\n`,
      [[1, 'acme-releases', 's3://acme-releases']],
    ],
    [
      'an SDK bucket given by a constant, with a quoted key',
      `${B}const params = { "Bucket": B, Key: k };\n`,
      [[2, 'acme-releases', 's3://acme-releases']],
    ],
    [
      'a bucket the code falls back to from the environment',
      `const B = process.env.B ?? "acme-releases";\nfetch(\`https://\${B}.s3.amazonaws.com/x\`);\nnew GetObjectCommand({ Bucket: process.env.S3_BUCKET || 'acme-assets' });\n`,
      [
        [2, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/x'],
        [3, 'acme-assets', 's3://acme-assets'],
      ],
    ],
    [
      "Google Cloud Storage's client",
      `${B}storage.bucket("acme-downloads");\nnew Storage().bucket(B);\ne.bucket("acme-assets").file(k).save(x);\n`,
      [
        [2, 'acme-downloads', 'gs://acme-downloads'],
        [3, 'acme-releases', 'gs://acme-releases'],
        [4, 'acme-assets', 'gs://acme-assets'],
      ],
    ],
    [
      'a constant a megabyte above its use, windows apart',
      `${B}${'x();\n'.repeat(300_000)}fetch(\`https://\${B}.s3.amazonaws.com/a\`);\n`,
      [[300_002, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/a']],
    ],
    [
      'a URL written whole in a join, once',
      `fetch("https://acme-releases.s3.amazonaws.com/" + key);\n`,
      [[1, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/']],
    ],
    [
      "an object's members in a template",
      `${CFG}fetch(\`https://\${cfg.bucket}.s3.\${cfg.region}.amazonaws.com/x\`);\n`,
      [[2, 'acme-releases', 'https://acme-releases.s3.us-east-1.amazonaws.com/x']],
    ],
    [
      "an object's member as the SDK bucket, past a number and a quoted key",
      `const cfg = {\n  retries: 3,\n  "bucket": 'acme-releases',\n};\nnew GetObjectCommand({ Bucket: cfg.bucket });\n`,
      [[5, 'acme-releases', 's3://acme-releases']],
    ],
    [
      'a minified object joined with +',
      `var a=1,o={n:!0,bucket:"acme-releases"};fetch("https://"+o.bucket+".s3.amazonaws.com/"+k);\n`,
      [[1, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/${k}']],
    ],
    [
      'each branch of a conditional',
      `${TERNARY}fetch(\`https://\${B}.s3.amazonaws.com/x\`);\n`,
      [
        [2, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/x'],
        [2, 'acme-staging', 'https://acme-staging.s3.amazonaws.com/x'],
      ],
    ],
    [
      'a conditional as a formatter breaks it, nested',
      `const B = prod\n  ? "acme-releases"\n  : eu\n    ? "acme-eu"\n    : "acme-staging";\nfetch("https://" + B + ".s3.amazonaws.com");\n`,
      [
        [6, 'acme-releases', 'https://acme-releases.s3.amazonaws.com'],
        [6, 'acme-eu', 'https://acme-eu.s3.amazonaws.com'],
        [6, 'acme-staging', 'https://acme-staging.s3.amazonaws.com'],
      ],
    ],
    [
      "a conditional SDK bucket, minified, and an object's conditional member",
      `s.send(new P({Bucket:e?"acme-releases":"acme-staging",Key:k}));\nconst c = { bucket: !prod ? "acme-dev" : process.env.B };\nnew Storage().bucket(c.bucket);\n`,
      [
        [1, 'acme-releases', 's3://acme-releases'],
        [1, 'acme-staging', 's3://acme-staging'],
        [3, 'acme-dev', 'gs://acme-dev'],
      ],
    ],
    [
      'the host a constant',
      `${B}const HOST = ".s3.amazonaws.com";\nfetch("https://" + B + HOST + "/app.tgz");\n`,
      [[3, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/app.tgz']],
    ],
    [
      "the host a constant's member, or a base URL without a bucket, in templates",
      `${B}const ep = { host: "s3.us-east-1.amazonaws.com" }, GCS = "https://storage.googleapis.com/";\nfetch(\`https://\${B}.\${ep.host}/x\`);\nfetch(\`\${GCS}\${B}/y\`);\n`,
      [
        [3, 'acme-releases', 'https://acme-releases.s3.us-east-1.amazonaws.com/x'],
        [4, 'acme-releases', 'https://storage.googleapis.com/acme-releases/y'],
      ],
    ],
    [
      'a base URL naming its bucket, where it is declared, not again where it is used',
      `const BASE = "https://acme-releases.s3.amazonaws.com";\nfetch(\`\${BASE}/x\`);\nfetch(BASE + "/y");\n`,
      [[1, 'acme-releases', 'https://acme-releases.s3.amazonaws.com']],
    ],
    [
      'new URL, with a base written whole or a template of a conditional',
      `${TERNARY}new URL("/x", "https://acme-assets.s3.amazonaws.com");\nnew URL(\`https://\${B}.s3.amazonaws.com\`);\n`,
      [
        [2, 'acme-assets', 'https://acme-assets.s3.amazonaws.com'],
        [3, 'acme-releases', 'https://acme-releases.s3.amazonaws.com'],
        [3, 'acme-staging', 'https://acme-staging.s3.amazonaws.com'],
      ],
    ],
    [
      "a template compiled to .concat() (tsc's target ES5, Babel)",
      `var B = "acme-releases";\nfunction get(key) { return "https://".concat(B, ".s3.amazonaws.com/").concat(key); }\n`,
      [[2, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/${key}']],
    ],
    [
      'a GCS path compiled to .concat() calls, its bucket not the first argument',
      `${B}fetch("gs://".concat(B, "/").concat(k, ".tgz"));\n`,
      [[2, 'acme-releases', 'gs://acme-releases/${k}.tgz']],
    ],
    [
      "the SDK docs' shorthand, a name Bucket declared, on one line or over lines",
      `const Bucket = "acme-releases";\nnew PutObjectCommand({ Bucket, Key, Body });\nnew GetObjectCommand({\n  Key,\n  Bucket\n});\n`,
      [
        [2, 'acme-releases', 's3://acme-releases'],
        [5, 'acme-releases', 's3://acme-releases'],
      ],
    ],
    [
      'a fallback and a conditional written inside a template',
      'f(`https://${process.env.B || "acme-releases"}.s3.amazonaws.com/app.tgz`);\nf(`gs://${prod ? "acme-assets" : \'acme-staging\'}/x`);\n',
      [
        [1, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/app.tgz'],
        [2, 'acme-assets', 'gs://acme-assets/x'],
        [2, 'acme-staging', 'gs://acme-staging/x'],
      ],
    ],
    [
      'SDK buckets after what only looks like a comment: a URL, a regular expression, a glob, a closed comment',
      `const u = "https://x.example/"; new GetObjectCommand({ Bucket: "acme-a" });\nconst re = /^\\/\\//; new GetObjectCommand({ Bucket: "acme-b" });\nconst g = "src/**/*.js";\n new GetObjectCommand({ Bucket: "acme-c" });\n/* x */ new GetObjectCommand({ Bucket: "acme-d" });\n`,
      [
        [1, 'acme-a', 's3://acme-a'],
        [2, 'acme-b', 's3://acme-b'],
        [4, 'acme-c', 's3://acme-c'],
        [5, 'acme-d', 's3://acme-d'],
      ],
    ],
    [
      'a URL written whole in a comment (the URL patterns read comments)',
      '// see https://acme-releases.s3.amazonaws.com/x\n',
      [[1, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/x']],
    ],
    [
      'a member a class sets, in a template and as the SDK bucket',
      'class Up {\n  constructor() { this.bucket = "acme-releases"; }\n  url(k) { return `https://${this.bucket}.s3.amazonaws.com/${k}`; }\n  put() { return new PutObjectCommand({ Bucket: this.bucket }); }\n}\n',
      [
        [3, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/${k}'],
        [4, 'acme-releases', 's3://acme-releases'],
      ],
    ],
    [
      'a name declared, then assigned a string (let, var, minified)',
      'let B;\nB = "acme-releases";\nfetch(`https://${B}.s3.amazonaws.com/x`);\nvar V;\nif (ok) {\n  V = "acme-assets";\n}\nfetch("https://" + V + ".s3.amazonaws.com/y");\nlet b;b="acme-dist";f("gs://"+b+"/z");\n',
      [
        [3, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/x'],
        [8, 'acme-assets', 'https://acme-assets.s3.amazonaws.com/y'],
        [9, 'acme-dist', 'gs://acme-dist/z'],
      ],
    ],
    [
      'an object assigned in a statement of its own',
      'let cfg;\ncfg = { bucket: "acme-releases" };\nnew GetObjectCommand({ Bucket: cfg.bucket });\n',
      [[3, 'acme-releases', 's3://acme-releases']],
    ],
    [
      'TypeScript: a typed declaration, `as const`, a typed object',
      'const B: string = "acme-releases";\nconst C = "acme-assets" as const;\nconst cfg: Cfg<"x" | "y"> = { bucket: "acme-dist" as const, n: 1 };\nfetch(`https://${B}.s3.amazonaws.com/x`);\nfetch(`gs://${C}/y`);\nnew GetObjectCommand({ Bucket: cfg.bucket });\n',
      [
        [4, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/x'],
        [5, 'acme-assets', 'gs://acme-assets/y'],
        [6, 'acme-dist', 's3://acme-dist'],
      ],
    ],
    [
      'TypeScript: a generic type with a comma, and `<const>`',
      'const m: Record<string, string> = { bucket: "acme-releases" };\nconst T = <const>"acme-assets";\nfetch(`https://${m.bucket}.s3.amazonaws.com/x`);\nfetch(`gs://${T}/y`);\n',
      [
        [3, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/x'],
        [4, 'acme-assets', 'gs://acme-assets/y'],
      ],
    ],
    [
      'TypeScript: a type before a comma declares one name of two',
      'let a: T, b = "acme-releases";\nfetch(`https://${b}.s3.amazonaws.com/x`);\n',
      [[2, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/x']],
    ],
    [
      'a name declared a string and assigned another: each, the declared one kept',
      'let B = "acme-releases";\nB = "acme-staging";\nfetch(`https://${B}.s3.amazonaws.com/`);\n',
      [
        [3, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/'],
        [3, 'acme-staging', 'https://acme-staging.s3.amazonaws.com/'],
      ],
    ],
    [
      'a name declared a string and assigned another in a branch: each',
      'let B = "acme-staging";\nif (prod) B = "acme-releases";\nnew GetObjectCommand({ Bucket: B });\n',
      [
        [3, 'acme-staging', 's3://acme-staging'],
        [3, 'acme-releases', 's3://acme-releases'],
      ],
    ],
    [
      "a name assigned far from its declaration: the declared value, the other maybe another scope's",
      `let B = "acme-releases";\n${'//\n'.repeat(1100)}B = "acme-staging";\nnew GetObjectCommand({ Bucket: B });\n`,
      [[1103, 'acme-releases', 's3://acme-releases']],
    ],
    [
      'a member, an alias or a join whose value is a constant declared below',
      `const cfg = { bucket: B, region: "us-east-1" };\nconst C = B, D = P + "-dist";\nfetch(\`https://\${cfg.bucket}.s3.amazonaws.com/x\`);\nnew Storage().bucket(C);\nnew GetObjectCommand({ Bucket: D });\nconst P = "acme";\n${B}`,
      [
        [3, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/x'],
        [4, 'acme-releases', 'gs://acme-releases'],
        [5, 'acme-dist', 's3://acme-dist'],
      ],
    ],
    [
      'an alias of an alias, each declared below its use',
      `fetch(\`https://\${E}.s3.amazonaws.com/x\`);\nconst E = D;\nconst D = C;\nconst C = B;\n${B}`,
      [[1, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/x']],
    ],
    [
      'a name assigned a name, declared below or above, in a statement of its own',
      'const A = "acme-assets";\nlet B, C;\nB = LATER;\nfetch(`https://${B}.s3.amazonaws.com/x`);\nC = A;\nnew GetObjectCommand({ Bucket: C });\nexports.D = void 0;\nexports.D = LATER;\nnew Storage().bucket(exports.D);\nconst LATER = "acme-releases";\n',
      [
        [4, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/x'],
        [6, 'acme-assets', 's3://acme-assets'],
        [9, 'acme-releases', 'gs://acme-releases'],
      ],
    ],
    [
      'a name declared a string and reassigned a name declared below: each',
      'let B = "acme-staging";\nif (prod) B = REL;\nnew GetObjectCommand({ Bucket: B });\nconst REL = "acme-releases";\n',
      [
        [3, 'acme-staging', 's3://acme-staging'],
        [3, 'acme-releases', 's3://acme-releases'],
      ],
    ],
    [
      'a name declared a name below and reassigned a string: each',
      'let B = REL;\nif (!prod) B = "acme-staging";\nnew GetObjectCommand({ Bucket: B });\nconst REL = "acme-releases";\n',
      [
        [3, 'acme-releases', 's3://acme-releases'],
        [3, 'acme-staging', 's3://acme-staging'],
      ],
    ],
    [
      'a fallback of names, one declared below, and a string: each string it may be',
      'const B = process.env.B || LATER || "acme-fallback";\nfetch(`https://${B}.s3.amazonaws.com/x`);\nconst cfg = { bucket: process.env.C ?? LATER ?? "acme-dev" };\nnew GetObjectCommand({ Bucket: cfg.bucket });\nconst HOST = process.env.HOST || ".s3.amazonaws.com";\nfetch("https://" + LATER + HOST);\nconst LATER = "acme-releases";\n',
      [
        [2, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/x'],
        [2, 'acme-fallback', 'https://acme-fallback.s3.amazonaws.com/x'],
        [4, 'acme-releases', 's3://acme-releases'],
        [4, 'acme-dev', 's3://acme-dev'],
        [6, 'acme-releases', 'https://acme-releases.s3.amazonaws.com'],
      ],
    ],
    [
      'a name declared a fallback of the environment, reassigned just after: each',
      'let B = process.env.B || "acme-staging";\nif (prod) B = "acme-releases";\nnew GetObjectCommand({ Bucket: B });\n',
      [
        [3, 'acme-staging', 's3://acme-staging'],
        [3, 'acme-releases', 's3://acme-releases'],
      ],
    ],
    [
      'a member, an alias or a join whose value is a constant declared above',
      `${B}const cfg = { bucket: B, region: "us-east-1" };\nconst C = B, P = "acme", D = P + "-dist";\nfetch(\`https://\${cfg.bucket}.s3.amazonaws.com/x\`);\nnew Storage().bucket(C);\nnew GetObjectCommand({ Bucket: D });\n`,
      [
        [4, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/x'],
        [5, 'acme-releases', 'gs://acme-releases'],
        [6, 'acme-dist', 's3://acme-dist'],
      ],
    ],
    [
      'an element of a constant array at a number, or at a name: each element',
      'const BUCKETS = ["acme-releases", "acme-assets"];\nfetch(`https://${BUCKETS[0]}.s3.amazonaws.com/app.tgz`);\nnew GetObjectCommand({ Bucket: BUCKETS[1] });\nfor (const i of [0, 1]) fetch("https://" + BUCKETS[i] + ".s3.amazonaws.com/x");\n',
      [
        [2, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/app.tgz'],
        [3, 'acme-assets', 's3://acme-assets'],
        [4, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/x'],
        [4, 'acme-assets', 'https://acme-assets.s3.amazonaws.com/x'],
      ],
    ],
    [
      'an element of an array declared below, a name declared below, past elements not read',
      'fetch(`https://${L[2]}.s3.amazonaws.com/`);\nnew Storage().bucket(L[3]);\nconst L = [\n  1,\n  f(a, [b, "c"]), // a call\n  A,\n  /* the bucket */ "acme-dist",\n];\nconst A = "acme-later";\n',
      [
        [1, 'acme-later', 'https://acme-later.s3.amazonaws.com/'],
        [2, 'acme-dist', 'gs://acme-dist'],
      ],
    ],
    [
      'members after ones not read: a call, a method, a spread, a template, comments',
      'const cfg = {\n  // don\'t change: see the docs\n  region: getRegion("a,b", [1, 2]),\n  get host() { return `x${y({ a: 1 })}`; },\n  ...base,\n  /* a, b */ bucket: "acme-releases",\n};\nnew GetObjectCommand({ Bucket: cfg.bucket });\n',
      [[8, 'acme-releases', 's3://acme-releases']],
    ],
    [
      'a member written with a string key, in a template, a call and a join',
      `${CFG}fetch(\`https://\${cfg["bucket"]}.s3.\${cfg['region']}.amazonaws.com/x\`);\nnew Storage().bucket(cfg['bucket']);\nfetch("https://" + cfg["bucket"] + ".s3.amazonaws.com/y");\n`,
      [
        [2, 'acme-releases', 'https://acme-releases.s3.us-east-1.amazonaws.com/x'],
        [3, 'acme-releases', 'gs://acme-releases'],
        [4, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/y'],
      ],
    ],
    [
      "what a CommonJS module exports, used in the same file (tsc's CommonJS output)",
      'module.exports = { bucket: "acme-releases" };\nfetch(`https://${module.exports.bucket}.s3.amazonaws.com/x`);\nexports.ASSETS = void 0;\nexports.ASSETS = "acme-assets";\nnew GetObjectCommand({ Bucket: exports.ASSETS });\nnew Storage().bucket(module.exports.ASSETS);\n',
      [
        [2, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/x'],
        [5, 'acme-assets', 's3://acme-assets'],
        [6, 'acme-assets', 'gs://acme-assets'],
      ],
    ],
    [
      'an array assigned in a statement of its own, exported, or set on this',
      'var L;\nL = ["acme-releases", "acme-assets"];\nfetch(`https://${L[0]}.s3.amazonaws.com/x`);\nexports.BUCKETS = ["acme-dist"];\nnew GetObjectCommand({ Bucket: exports.BUCKETS[0] });\nthis.list = ["acme-logs"];\nnew Storage().bucket(this.list[0]);\n',
      [
        [3, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/x'],
        [5, 'acme-dist', 's3://acme-dist'],
        [7, 'acme-logs', 'gs://acme-logs'],
      ],
    ],
    [
      'a name declared a string and assigned others in an if and its else without braces: each',
      'let B = "acme-staging";\nif (prod) B = "acme-releases"; else B = "acme-assets";\nnew GetObjectCommand({ Bucket: B });\nlet b="acme-dev";if(p)b="acme-a";else b="acme-b";f("gs://"+b+"/z");\n',
      [
        [3, 'acme-staging', 's3://acme-staging'],
        [3, 'acme-releases', 's3://acme-releases'],
        [3, 'acme-assets', 's3://acme-assets'],
        [4, 'acme-dev', 'gs://acme-dev/z'],
        [4, 'acme-a', 'gs://acme-a/z'],
        [4, 'acme-b', 'gs://acme-b/z'],
      ],
    ],
    [
      "a name declared a string and assigned another in a do's body without braces (esbuild's output): each",
      'let t="acme-staging";function a(e){do t="acme-releases";while(e());return fetch(`https://${t}.s3.amazonaws.com/app.tgz`)}\nlet B = "acme-dev";\ndo\n  B = "acme-assets";\nwhile (next());\nnew GetObjectCommand({ Bucket: B });\n',
      [
        [1, 'acme-staging', 'https://acme-staging.s3.amazonaws.com/app.tgz'],
        [1, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/app.tgz'],
        [6, 'acme-dev', 's3://acme-dev'],
        [6, 'acme-assets', 's3://acme-assets'],
      ],
    ],
    [
      "a name declared a string and assigned another where a return starts (esbuild's output): each",
      'let e="acme-staging";function t(a){return e="acme-releases",fetch(`https://${e}.s3.amazonaws.com/`)}\n',
      [
        [1, 'acme-staging', 'https://acme-staging.s3.amazonaws.com/'],
        [1, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/'],
      ],
    ],
    [
      "a name assigned in each branch of a conditional a return starts (esbuild's output of an if)",
      'var a=".s3.amazonaws.com",e="acme-default";function c(s,t){return s?(e="acme-releases",fetch(`https://${e}${a}/${t}`)):(e="acme-staging",fetch(`https://${e}${a}/${t}`))}\n',
      [
        [1, 'acme-default', 'https://acme-default.s3.amazonaws.com/${t}'],
        [1, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/${t}'],
        [1, 'acme-staging', 'https://acme-staging.s3.amazonaws.com/${t}'],
        [1, 'acme-default', 'https://acme-default.s3.amazonaws.com/${t}'],
        [1, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/${t}'],
        [1, 'acme-staging', 'https://acme-staging.s3.amazonaws.com/${t}'],
      ],
    ],
    [
      'a name assigned in parentheses after &&, =, a comma or another parenthesis',
      'let e, b, c, d;\nt && (e = "acme-a", f());\nx = (b = "acme-b");\ng(1, (c = "acme-c", 2));\n((d = "acme-d"));\nfetch(`https://${e}.s3.amazonaws.com/${b}${c}${d}`);\n',
      [[6, 'acme-a', 'https://acme-a.s3.amazonaws.com/acme-bacme-cacme-d']],
    ],
    [
      'an element of an array in an object, at a number or at a name',
      'const cfg = {\n  region: "us-east-1",\n  buckets: ["acme-releases", f(x), "acme-assets"] as const,\n  key: "k",\n};\nfetch(`https://${cfg.buckets[0]}.s3.${cfg.region}.amazonaws.com/x`);\nfor (const i of [0, 2]) new GetObjectCommand({ Bucket: cfg["buckets"][i], Key: cfg.key });\nconst o = { list: ["acme-x"].map(f), bucket: "acme-dist" };\nnew Storage().bucket(o.bucket);\n',
      [
        [6, 'acme-releases', 'https://acme-releases.s3.us-east-1.amazonaws.com/x'],
        [7, 'acme-releases', 's3://acme-releases'],
        [7, 'acme-assets', 's3://acme-assets'],
        [9, 'acme-dist', 'gs://acme-dist'],
      ],
    ],
    [
      "an object's member in an object, minified as esbuild emits it, and in a template",
      'var k={a:{bucket:"acme-releases",region:"us-east-1"},b:2};function h(t){return fetch(`https://${k.a.bucket}.s3.amazonaws.com/${t}`)}\nconst cfg = {\n  prod: { s3: { bucket: "acme-assets" }, gcs: ["acme-dist"] },\n};\nnew GetObjectCommand({ Bucket: cfg.prod.s3.bucket });\nnew Storage().bucket(cfg["prod"].gcs[0]);\n',
      [
        [1, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/${t}'],
        [5, 'acme-assets', 's3://acme-assets'],
        [6, 'acme-dist', 'gs://acme-dist'],
      ],
    ],
    [
      'an element of an array in an array, or a member of an object in one, at a number or a name',
      'var p=[["x","acme-releases"]];function x(t){return fetch(`https://${p[0][1]}.s3.amazonaws.com/${t}`)}\nconst T = [{ bucket: "acme-a" }, { name: "x", bucket: "acme-b" }];\nnew GetObjectCommand({ Bucket: T[1].bucket });\nfor (const i of [0, 1]) new Storage().bucket(T[i].bucket);\n',
      [
        [1, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/${t}'],
        [3, 'acme-b', 's3://acme-b'],
        [4, 'acme-a', 'gs://acme-a'],
        [4, 'acme-b', 'gs://acme-b'],
      ],
    ],
    [
      'a host constant whose value is a name declared below it, or an alias of one',
      'const B = "acme-releases";\nconst HOST = H, HOST2 = HOST;\nfetch("https://" + B + HOST + "/app.tgz");\nfetch("https://" + B + HOST2 + "/b.tgz");\nconst H = ".s3.amazonaws.com";\n',
      [
        [3, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/app.tgz'],
        [4, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/b.tgz'],
      ],
    ],
    [
      'new URL of a path naming the bucket and a base without one, written or a constant',
      `new URL("acme-dist/x.tgz", "https://s3.amazonaws.com/");\n${B}const GCS = "https://storage.googleapis.com/";\nnew URL(\`\${B}/app.tgz\`, GCS);\nnew URL("/" + B + "/y", prod ? GCS : "https://s3.amazonaws.com/x/");\n`,
      [
        [1, 'acme-dist', 'https://s3.amazonaws.com/acme-dist/x.tgz'],
        [4, 'acme-releases', 'https://storage.googleapis.com/acme-releases/app.tgz'],
        [5, 'acme-releases', 'https://storage.googleapis.com/acme-releases/y'],
        [5, 'acme-releases', 'https://s3.amazonaws.com/acme-releases/y'],
      ],
    ],
    [
      'new URL of a base declared a megabyte below, windows apart',
      `new URL("acme-assets/z", LATER);\n${'x();\n'.repeat(300_000)}const LATER = "https://s3.amazonaws.com/";\n`,
      [[1, 'acme-assets', 'https://s3.amazonaws.com/acme-assets/z']],
    ],
    [
      'a host constant waiting for a host name and for a name declared a window below',
      `const B = "acme-releases", H = ".s3.amazonaws.com";\nconst HOST = H + P;\n${'x();\n'.repeat(300_000)}const P = "/x";\nfetch("https://" + B + HOST + "/k");\n`,
      [[300_004, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/x/k']],
    ],
    [
      'a host constant a window below the host name it waits for, and above a name it waits for',
      `const B = "acme-releases", H = ".s3.amazonaws.com";\n${'x();\n'.repeat(300_000)}const HOST = H + P, P = "/x";\nfetch("https://" + B + HOST + "/k");\n`,
      [[300_003, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/x/k']],
    ],
    [
      'a host constant declared just below its use, in the next window',
      `${'x();\n'.repeat(200_000)}${B}f(\`https://\${B}\${HOST}/k\`);\n${'y();\n'.repeat(12_000)}const HOST = ".s3.amazonaws.com";\n`,
      [[200_002, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/k']],
    ],
    [
      'new URL of a base naming its bucket, where the base is declared, not again where it is used',
      'const BASE = "https://acme-releases.s3.amazonaws.com/";\nnew URL("x/app.tgz", BASE);\nnew URL(k, "https://s3.amazonaws.com/");\nnew URL("acme-assets/x", base);\n',
      [[1, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/']],
    ],
    [
      "a bucket whose name holds a documentation bucket's",
      'new GetObjectCommand({ Bucket: "acme-examplebucket" });\nfetch("https://examplebucket2.s3.amazonaws.com/x");\n',
      [
        [1, 'acme-examplebucket', 's3://acme-examplebucket'],
        [2, 'examplebucket2', 'https://examplebucket2.s3.amazonaws.com/x'],
      ],
    ],
    [
      'a host joined from two strings: the bucket of the whole, not a path-style one of the second',
      'const a = "https://acme-releases." + "s3.amazonaws.com/app.tgz";\nconst b = "https://acme-assets.".concat("s3.amazonaws.com/app.tgz");\n',
      [
        [1, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/app.tgz'],
        [2, 'acme-assets', 'https://acme-assets.s3.amazonaws.com/app.tgz'],
      ],
    ],
    [
      'path-style links in strings after a finished URL or another link: each its own',
      'const m = ["https://cdn.acme.test/", "s3.amazonaws.com/acme-a/x"];\nconst n = ["s3.amazonaws.com/acme-b/y", "s3.amazonaws.com/acme-c/z"];\n',
      [
        [1, 'acme-a', 's3.amazonaws.com/acme-a/x'],
        [2, 'acme-b', 's3.amazonaws.com/acme-b/y'],
        [2, 'acme-c', 's3.amazonaws.com/acme-c/z'],
      ],
    ],
  ];
  it.each(FOUND)('finds %s', (_what, text, expected) => {
    expect(links(text)).toEqual(expected);
  });

  it('reads shipped TypeScript source (.ts, .mts) with its types', () => {
    const text =
      'const B: string = "acme-releases";\nexport const C = "acme-assets" as const;\nfetch(`https://${B}.s3.amazonaws.com/x`);\nnew GetObjectCommand({ Bucket: C });\n';
    expect(links(text, 'typescript-source')).toEqual([
      [3, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/x'],
      [4, 'acme-assets', 's3://acme-assets'],
    ]);
  });

  it('finds a link amid a long + chain of storage hosts, read once for many of its anchors', () => {
    const hosts = '"s3.amazonaws.com" +\n'.repeat(100);
    const text = `${B}const t = ${hosts}"https://" + B + ".s3.amazonaws.com/x" +\n${hosts}"";\n`;
    const found = links(text);
    expect(new Set(found.map(([, bucket]) => bucket))).toEqual(new Set(['acme-releases']));
    expect(
      found.every(([, , url]) => url?.includes('https://acme-releases.s3.amazonaws.com/x')),
    ).toBe(true);
  });

  // [what, the file's text]
  const NONE: [string, string, ShippedType?][] = [
    [
      'a host joined from the strings of an array, which is not read: no wrong bucket (app.tgz)',
      'const u = ["https://acme-releases", "s3.amazonaws.com/app.tgz"].join(".");\nconst v = [\'https://acme\', \'releases.s3.amazonaws.com/app.tgz\'].join("-");\n',
    ],
    [
      'TypeScript: the name typed before a comma, of another declared after it',
      'let a: Record<string, string>, b = "acme-releases";\nfetch(`https://${a}.s3.amazonaws.com/x`);\n',
    ],
    ['a bucket name alone', `${B}const label = "acme-releases";\n`],
    ['a bucket the file does not state', 'fetch(`https://${bucket}.s3.amazonaws.com/${key}`);\n'],
    [
      'a name declared with two values (scopes are not told apart)',
      `${B}function f() {\n  const B = "other-bucket";\n}\nfetch(\`https://\${B}.s3.amazonaws.com/\`);\n`,
    ],
    ['a computed operand', `fetch("https://" + bucket() + ".s3.amazonaws.com/x");\n`],
    ['an SDK bucket from the environment', 'new GetObjectCommand({ Bucket: process.env.B });\n'],
    ['a bucket of another client (Couchbase)', 'cluster.bucket("travel-sample").scope("x");\n'],
    ['a key other than the SDK parameter', `const o = { bucket: "acme-releases" };\n`],
    ['a join in a text file', `${B}"https://" + B + ".s3.amazonaws.com"\n`, 'text'],
    [
      'a member the object does not declare',
      `${CFG}fetch(\`https://\${cfg.name}.s3.amazonaws.com/\`);\n`,
    ],
    ['a member of another name', `${CFG}fetch(\`https://\${opts.bucket}.s3.amazonaws.com/\`);\n`],
    [
      'a member declared with two values',
      `${CFG}function f() {\n  const cfg = { bucket: "other-bucket" };\n}\nnew GetObjectCommand({ Bucket: cfg.bucket });\n`,
    ],
    [
      'a value that goes on past its string',
      `const B = "acme-releases".toUpperCase();\nfetch(\`https://\${B}.s3.amazonaws.com/\`);\n`,
    ],
    ['a condition as the SDK bucket', 'new GetObjectCommand({ Bucket: b === "acme-releases" });\n'],
    [
      'the branches of a conditional alone',
      `${TERNARY}const label = prod ? "acme-releases" : "x";\n`,
    ],
    ['a host constant alone', 'const HOST = "https://storage.googleapis.com/";\nfetch(HOST);\n'],
    [
      'a host constant joined with a name the file does not state',
      'const HOST = ".s3.amazonaws.com";\nfetch("https://" + bucket + HOST);\n',
    ],
    [
      "an AWS SDK doc's JSDoc example",
      '/**\n * Uploads a file.\n * @example\n *   await upload(client, { Bucket: "examplebucket", Key: "HappyFace.jpg" });\n */\nexport function upload() {}\n',
    ],
    [
      'a GCS call in a line comment',
      '// usage: storage.bucket("my-example-bucket").file("a.txt").save(data)\n',
    ],
    [
      'an SDK bucket in a block comment on a line of code',
      'f(); /* { Bucket: "acme-a" } */ g();\n',
    ],
    [
      'a join and a template in comments',
      `${B}// "https://" + B + ".s3.amazonaws.com"\n/*\n * \`https://\${B}.s3.amazonaws.com/\`\n */\n`,
    ],
    ['the shorthand with no name Bucket declared', 'new PutObjectCommand({ Bucket, Key });\n'],
    ['an array concatenated', `${B}const a = ["https://"].concat(B, ".s3.amazonaws.com");\n`],
    [
      'a call written inside a template',
      `${B}fetch(\`https://\${B.trim()}.s3.amazonaws.com/\`);\n`,
    ],
    [
      'a member two classes set different strings',
      'this.bucket = "acme-a";\nthis.bucket = "acme-b";\nf(`https://${this.bucket}.s3.amazonaws.com/`);\n',
    ],
    [
      'a member of another object set',
      'that.bucket = "acme-a";\nf(`https://${this.bucket}.s3.amazonaws.com/`);\n',
    ],
    [
      'a default in a destructuring, not a typed declaration',
      'f({ x, bucket: b = "acme-releases" });\nfetch(`https://${bucket}.s3.amazonaws.com/`);\n',
    ],
    [
      'a comparison, not an assignment',
      'let B;\nif (ok) { B == "acme-releases"; }\nfetch(`https://${B}.s3.amazonaws.com/`);\n',
    ],
    [
      'a name assigned two strings (scopes are not told apart)',
      'let B;\nif (eu) B = "acme-eu";\nelse {\n  B = "acme-us";\n}\nfetch(`https://${B}.s3.amazonaws.com/`);\n',
    ],
    [
      'a name assigned two names of other values, or a string and a name of another',
      'let B, C;\nif (eu) {\n  B = EU;\n  C = "acme-eu";\n} else {\n  B = US;\n  C = US;\n}\nfetch(`https://${B}.s3.amazonaws.com/`);\nfetch(`https://${C}.s3.amazonaws.com/`);\nconst EU = "acme-eu", US = "acme-us";\n',
    ],
    [
      'a name declared a fallback of the environment and elsewhere another string',
      'const B = process.env.B || "acme-a";\nfunction f() {\n  const B = "acme-b";\n}\nfetch(`https://${B}.s3.amazonaws.com/`);\n',
    ],
    [
      'a name assigned a name that goes on (a call), or a member of another name',
      'let B, C;\nB = A.trim();\nC = opts.bucket;\nfetch(`https://${B}.s3.amazonaws.com/${C}`);\nconst A = "acme-releases";\n',
    ],
    [
      'an element past the end of an array, at a computed index, or of an array of other strings',
      'const L = ["acme-a"], W = ["Hello, world"];\nfetch(`https://${L[1]}.s3.amazonaws.com/`);\nfetch(`https://${L[i + 1]}.s3.amazonaws.com/`);\nnew GetObjectCommand({ Bucket: W[0] });\n',
    ],
    [
      "a member assigned a string, not a name's value",
      'o.B = "acme-releases";\nf(a.b = "acme-assets");\nfetch(`https://${B}.s3.amazonaws.com/${b}`);\n',
    ],
    [
      'an assertion to something else than the string',
      'const B = "acme-releases" as unknown as Bucket[];\nfetch(`https://${B}.s3.amazonaws.com/`);\n',
    ],
    [
      'a computed key, a call before a key, a name whose value is a name without one',
      `${CFG}fetch(\`https://\${cfg[k]}.s3.amazonaws.com/\`);\nfetch("https://" + get()["bucket"] + ".s3.amazonaws.com/");\nconst C = env.B;\nnew Storage().bucket(C);\n`,
    ],
    [
      'what another object exports',
      'lib.exports.bucket = "acme-releases";\nfetch(`https://${exports.bucket}.s3.amazonaws.com/`);\n',
    ],
    [
      'new URL of a path without a bucket, a base without a scheme, or in a comment',
      'new URL(k, "https://s3.amazonaws.com/");\nnew URL("acme-assets/x", "s3.amazonaws.com/");\n// new URL("acme-assets/x", "https://s3.amazonaws.com/")\n',
    ],
    [
      'an array assigned that goes on past it, to a member of another object, or in an operand',
      'let L, M;\nL = ["acme-a", "acme-b"].filter(ok);\no.M = ["acme-c"];\nf(M = ["acme-d"]);\nfetch(`https://${L[0]}.s3.amazonaws.com/${M[0]}`);\n',
    ],
    [
      'a name assigned two strings in an if and its else without braces',
      'let B;\nif (eu) B = "acme-eu";\nelse B = "acme-us";\nfetch(`https://${B}.s3.amazonaws.com/`);\n',
    ],
    [
      "an array in an object that goes on past it, or an element past the array's end",
      'const cfg = { a: ["acme-a"].map(f), b: ["acme-b"] };\nfetch(`https://${cfg.a[0]}.s3.amazonaws.com/`);\nfetch(`https://${cfg.b[1]}.s3.amazonaws.com/`);\n',
    ],
    [
      'an object in an object that goes on past it, a member it does not declare, or of the outer',
      'const cfg = { a: { bucket: "acme-a" }.bucket, b: { bucket: "acme-b" }, c: [["acme-c"]] };\nfetch(`https://${cfg.a.bucket}.s3.amazonaws.com/`);\nfetch(`https://${cfg.b.name}.s3.amazonaws.com/`);\nfetch(`https://${cfg.bucket}.s3.amazonaws.com/`);\nfetch(`https://${cfg.c[0]}.s3.amazonaws.com/`);\n',
    ],
    [
      'a constant whose value waits for a name declared below as something else than a host',
      'const B = "acme-releases";\nconst HOST = H;\nfetch("https://" + B + HOST);\nconst H = ".example.com";\n',
    ],
    [
      'a host constant declared two windows below its use',
      `${B}f(\`https://\${B}\${HOST}/k\`);\n${'y();\n'.repeat(450_000)}const HOST = ".s3.amazonaws.com";\n`,
    ],
    [
      'a default of parameters in parentheses after an operator: an arrow function, typed or not',
      'const f = (e = "acme-a", k) => e;\ng((e = "acme-a") => e);\nx ? (e = "acme-a", k) => e : 0;\nconst h = (e = "acme-a"): string => e;\nfetch(`https://${e}.s3.amazonaws.com/`);\n',
    ],
    [
      "a default of a function's, a generic function's or a method's parameters, or a call's argument",
      'function f(e = "acme-a") {}\nfunction g<T>(e = "acme-a") {}\nconst o = { m(e = "acme-a") {} };\nif (e = "acme-a") h(e = "acme-a");\nfetch(`https://${e}.s3.amazonaws.com/`);\n',
    ],
    [
      "AWS's documentation buckets in code: placeholders, as its documentation key ids are",
      's3.send(new PutObjectCommand({ Bucket: "examplebucket", Key }));\nnew GetObjectCommand({ Bucket: \'amzn-s3-demo-bucket1\' });\nfetch("https://examplebucket.s3.amazonaws.com/x");\nconst B = "doc-example-bucket";\nfetch(`https://${B}.s3.amazonaws.com/`);\nconst u = "s3://DOC-EXAMPLE-BUCKET/key";\n',
    ],
    // Never a value copied from a name that says it holds a credential, nor one made of it.
    [
      'a name that says it holds a credential, joined or in a template',
      'const TOKEN = "tok-8f3a9c2e71";\nfetch("https://" + TOKEN + ".s3.amazonaws.com/");\nfetch(`https://${TOKEN}.s3.amazonaws.com/`);\nnew PutObjectCommand({ Bucket: TOKEN });\n',
    ],
    [
      'a name made of a credential, above or below its use, or an alias of an alias',
      'const SECRET = process.env.X ?? "tok-8f3a9c2e71";\nconst B = SECRET;\nfetch("https://" + B + ".s3.amazonaws.com/");\nfetch(`https://${C}.s3.amazonaws.com/`);\nconst C = D;\nconst D = apiKey + "-x";\nconst apiKey = "tok-1b2c3d4e5f";\n',
    ],
    [
      "a fallback of a credential's name, declared, in a template or an SDK call's bucket",
      'const B = process.env.API_TOKEN || "tok-8f3a9c2e71";\nfetch("https://" + B + ".s3.amazonaws.com/");\nfetch(`https://${process.env.SECRET ?? "tok-1b2c3d4e5f"}.s3.amazonaws.com/`);\nnew PutObjectCommand({ Bucket: process.env.AUTH || "tok-00aa11bb22" });\n',
    ],
  ];
  it.each(NONE)('finds nothing in %s', (_what, text, type) => {
    expect(links(text, type)).toEqual([]);
  });

  /** Far above the well under a second these take, far below what a backtracking reading takes. */
  const BLOW_UP_MS = 10_000;
  const ADVERSARIAL: [string, string][] = [
    ['many anchors in quotes', '"amazonaws.com'.repeat(200_000)],
    ['a long join', `${'"a"+'.repeat(300_000)}".s3.amazonaws.com"`],
    ['a long string before an anchor', `"${'a'.repeat(1_000_000)}.s3.amazonaws.com"`],
    ['declarations of long near-values', `const a = "${'a'.repeat(255)}+";\n`.repeat(20_000)],
    ['SDK keys without values', 'Bucket: Bucket: .bucket( '.repeat(100_000)],
    ['templates left open', '`${B}.s3.amazonaws.com/${'.repeat(100_000)],
    ['declarations in the strings of a long join', `var a=${'",a="+'.repeat(300_000)}""`],
    ['conditionals left open', 'const B = a ? b ? c ? d ? e ? "x" : '.repeat(100_000)],
    ['an object of many members', `const o = {${'a:"b",'.repeat(200_000)}};\n`.repeat(2)],
    ['a long + chain of storage hosts', '"s3.amazonaws.com"+'.repeat(200_000)],
    ['a long array of storage hosts', `[${'"s3.amazonaws.com",'.repeat(200_000)}]`],
    ['concat calls without a receiver', '(a, ".s3.amazonaws.com").concat('.repeat(100_000)],
    ['lines that continue a comment never opened', '\n * { Bucket: "x" }'.repeat(100_000)],
    [
      'many assignments of strings, and names too long',
      `;a="b"${'a'.repeat(70)}="c"`.repeat(100_000),
    ],
    [
      'string keys, and brackets that open none',
      `${'a["b"]'.repeat(100_000)}${'] + ".s3.amazonaws.com"'.repeat(100_000)}`,
    ],
    [
      'many assignments of names, each another',
      Array.from({ length: 100_000 }, (_, i) => `;a${i}=b${i}`).join(''),
    ],
    ['arrays of numbers', `const a = [${'1, '.repeat(300_000)}];\n`.repeat(2)],
    ['objects of members not read', `const o = {${'a: f(x), '.repeat(200_000)}};\n`.repeat(2)],
    [
      'objects in objects, many deep, many times',
      `const o = ${'{a:'.repeat(1000)}"b"${'}'.repeat(1000)};\n`.repeat(500),
    ],
    ['arrays in arrays of objects, left open', `;L=[${'[{a:"b",c:['.repeat(100_000)}`],
    ['objects of many objects', `const o = {${'a:{b:"c",d:{e:1}},'.repeat(100_000)}};\n`.repeat(2)],
    [
      'many names waiting for a host name and a name never declared, over windows',
      `const H = ".s3.amazonaws.com";\n${Array.from({ length: 100_000 }, (_, i) => `const a${i} = H + b${i};\n`).join('')}`,
    ],
    [
      'a host name declared in each window, used all over the window before',
      Array.from(
        { length: 5 },
        (_, i) =>
          `const H${i} = ".s3.amazonaws.com";\n${`f("https://"+B+H${i + 1});\n`.repeat(45_000)}`,
      ).join(''),
    ],
    ['assignments in parentheses left open', 't?(e="acme-a",'.repeat(200_000)],
    ['new URL calls left open', 'new URL("a", "https://s3.amazonaws.com/" + '.repeat(100_000)],
    ['many host names used', `const H = ".s3.amazonaws.com";\n${'f(H+H);'.repeat(50_000)}`],
    [
      'many names waiting for names, and many host names',
      `${Array.from({ length: 50_000 }, (_, i) => `const a${i} = b${i % 300};\n`).join('')}${Array.from({ length: 300 }, (_, i) => `const b${i} = ".s3.amazonaws.com";\n`).join('')}`,
    ],
  ];
  it.each(ADVERSARIAL)('reads %s in bounded time', (_what, text) => {
    const start = threadCpuMs();
    links(text);
    expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
  });

  it.each([
    ['a file within the bounds', `${B}fetch(\`https://\${B}.s3.amazonaws.com/\`);\n`, false],
    [
      'more strings waiting for names than are kept',
      'f(`https://${x}.s3.amazonaws.com/`);\n'.repeat(1001),
      true,
    ],
    [
      'more names declared than are kept',
      Array.from({ length: 50_001 }, (_, i) => `const n${i} = "v${i}";\n`).join(''),
      true,
    ],
    [
      'more values of its names than are read',
      'const A = a ? "x" : b ? "y" : "z", C = a ? "x" : b ? "y" : "z";\nf(`https://${A}${C}.s3.amazonaws.com/`);\n',
      true,
    ],
    [
      'more values of a name made of names than are read',
      'const A = a ? "x" : b ? "y" : "z", C = a ? "p" : b ? "q" : "r";\nconst D = A + C;\n',
      true,
    ],
    [
      'more URLs of new URL than are read',
      'const P = a ? "x/" : b ? "y/" : "z/";\nconst H = a ? "https://s3.amazonaws.com/" : b ? "https://s3.amazonaws.com/a/" : "https://s3.amazonaws.com/b/";\nnew URL(P, H);\n',
      true,
    ],
    [
      'more host names declared than are kept',
      Array.from({ length: 257 }, (_, i) => `const h${i} = ".s3.amazonaws.com";\n`).join(''),
      true,
    ],
    ...BOUNDS_CUT,
    [
      'aliases declared below deeper than are read, used',
      `const F = E, E = D, D = C, C = G, G = H, H = A;\nconst A = "acme-releases";\nf(\`https://\${F}.s3.amazonaws.com/\`);\n`,
      true,
    ],
    ['aliases of each other, never used', 'const A = B;\nconst B = A;\n', false],
    [
      'a name declared and assigned more values than are read, used',
      `let B = "v0";\n${Array.from({ length: 9 }, (_, i) => `B = "v${i + 1}";\n`).join('')}${USE_B}`,
      true,
    ],
    [
      'a name declared and assigned more names declared below than are read, used',
      `let B = "v0";\n${Array.from({ length: 9 }, (_, i) => `B = N${i};\n`).join('')}${USE_B}${Array.from({ length: 9 }, (_, i) => `const N${i} = "n${i}";\n`).join('')}`,
      true,
    ],
    [
      'an element at a name of an array of more strings than are read, used',
      `const L = [${Array.from({ length: 9 }, (_, i) => `"v${i}"`).join(', ')}];\nf(\`https://\${L[i]}.s3.amazonaws.com/\`);\n`,
      true,
    ],
    [
      'an element at a name of an array of 8 strings, used',
      `const L = [${Array.from({ length: 8 }, (_, i) => `"v${i}"`).join(', ')}];\nf(\`https://\${L[i]}.s3.amazonaws.com/\`);\n`,
      false,
    ],
    [
      'an array of more elements than are read, one used',
      `const L = [${'1, '.repeat(70)}"acme-releases"];\nf(\`https://\${L[70]}.s3.amazonaws.com/\`);\n`,
      true,
    ],
    [
      'an object whose member not read cannot be passed over (a regular expression), one after it used',
      'const cfg = { re: /[/, bucket: "acme-releases" };\nnew GetObjectCommand({ Bucket: cfg.bucket });\n',
      true,
    ],
    [
      'an object whose member not read is passed over, that member used',
      'const cfg = { region: getRegion(), bucket: "acme-releases" };\nf(`https://${cfg.bucket}.s3.${cfg.region}.amazonaws.com/`);\n',
      false,
    ],
    [
      'an array assigned in a statement of its own of more strings than are read, an element at a name used',
      `let L;\nL = [${Array.from({ length: 9 }, (_, i) => `"v${i}"`).join(', ')}];\nf(\`https://\${L[i]}.s3.amazonaws.com/\`);\n`,
      true,
    ],
    [
      'a name declared and assigned more values than are read, the last in an else, used',
      `let B = "v0";\nif (c1) B = "v1";\n${Array.from({ length: 6 }, (_, i) => `else if (c${i + 2}) B = "v${i + 2}";\n`).join('')}else B = "v8";\n${USE_B}`,
      true,
    ],
    [
      'an array in an object of more elements than are read, one used',
      `const cfg = { list: [${'1, '.repeat(70)}"acme-releases"], bucket: "acme-b" };\nf(\`https://\${cfg.list[70]}.s3.amazonaws.com/\`);\n`,
      true,
    ],
    [
      'an array in an object of more elements than are read, another member used',
      `const cfg = { list: [${'1, '.repeat(70)}"acme-releases"], bucket: "acme-b" };\nf(\`https://\${cfg.bucket}.s3.amazonaws.com/\`);\n`,
      false,
    ],
    [
      'an object cut before an array of it (a regular expression), an element used',
      'const cfg = { re: /[/, list: ["acme-releases"] };\nnew GetObjectCommand({ Bucket: cfg.list[0] });\n',
      true,
    ],
    [
      'objects nested deeper than are read, the deepest used',
      'const c = { a: { b: { c: { d: { e: { bucket: "acme-releases" } } } } } };\nf(`https://${c.a.b.c.d.e.bucket}.s3.amazonaws.com/`);\n',
      true,
    ],
    [
      'objects nested as deep as are read, the deepest used',
      'const c = { a: { b: { c: { d: { bucket: "acme-releases" } } } } };\nf(`https://${c.a.b.c.d.bucket}.s3.amazonaws.com/`);\n',
      false,
    ],
    [
      'objects nested deeper than are read, another member used',
      'const c = { a: { b: { c: { d: { e: { bucket: "x" } } } } }, bucket: "acme-releases" };\nf(`https://${c.bucket}.s3.amazonaws.com/`);\n',
      false,
    ],
    [
      'an array in an array of more elements than are read, one used',
      `const L = [["x", [${'1, '.repeat(70)}"acme-releases"]]];\nf(\`https://\${L[0][1][70]}.s3.amazonaws.com/\`);\n`,
      true,
    ],
    [
      'more host names than are kept, the last a name whose value waited for one',
      `const HOST = H;\n${Array.from({ length: 255 }, (_, i) => `const h${i} = ".s3.amazonaws.com";\n`).join('')}const H = ".s3.amazonaws.com";\n`,
      true,
    ],
    [
      'more names waiting for a host name and a name not declared than are kept',
      `const H = ".s3.amazonaws.com";\n${Array.from({ length: 257 }, (_, i) => `const a${i} = H + b${i};\n`).join('')}`,
      true,
    ],
    [
      'as many names waiting for a host name and a name not declared as are kept',
      `const H = ".s3.amazonaws.com";\n${Array.from({ length: 256 }, (_, i) => `const a${i} = H + b${i};\n`).join('')}`,
      false,
    ],
    [
      'a name declared and assigned 8 values, used',
      `let B = "v0";\n${Array.from({ length: 7 }, (_, i) => `B = "v${i + 1}";\n`).join('')}${USE_B}`,
      false,
    ],
  ])('says when a bound may have hidden an assembled link: %s', (_what, text, bounded) => {
    expect(scanned(text).assemblyBounded).toBe(bounded);
  });
});

describe('storage links assembled on a custom domain', () => {
  const DOMAINS = [
    { host: '*.acme.io', bucket: 'acme-releases', service: 's3' as const },
    { host: 'cdn.acme.dev', bucket: 'acme-assets', service: 's3' as const },
  ];
  /** The URLs of the links `text` makes with the custom domains known. */
  const urls = (text: string): (string | undefined)[] => {
    const scanner = new ContentScanner({ type: 'javascript', packagePath: 'file' }, DOMAINS);
    scanner.push(Buffer.from(text));
    return scanner.end().links.map(({ link }) => link.url);
  };
  const SUB = 'const SUB = "downloads";\n';
  it.each([
    [
      'a label joined to a wildcard domain',
      `${SUB}f("https://" + SUB + ".acme.io/x.tgz");\n`,
      ['https://downloads.acme.io/x.tgz'],
    ],
    [
      'a label in a template on a wildcard domain',
      `${SUB}f(\`https://\${SUB}.acme.io/x.tgz\`);\n`,
      ['https://downloads.acme.io/x.tgz'],
    ],
    [
      'a host name declared from the dot of a wildcard domain',
      `${SUB}const H = ".acme.io";\nf("https://" + SUB + H + "/x.tgz");\n`,
      ['https://downloads.acme.io/x.tgz'],
    ],
    [
      'a path joined to a domain',
      'f("https://cdn.acme.dev/" + P + ".tgz");\n',
      ['https://cdn.acme.dev/'],
    ],
    ['a label the file does not state', 'f("https://" + SUB + ".acme.io/x.tgz");\n', []],
    ['two labels on a wildcard domain', 'f("https://a.b" + ".acme.io/x.tgz");\n', []],
    ['the wildcard domain itself', 'f("https://" + "acme.io/x.tgz");\n', []],
  ])('%s', (_what, text, expected) => {
    expect(urls(text)).toEqual(expected);
  });
});
