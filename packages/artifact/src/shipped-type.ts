import type { ShippedType } from '@posture/model';

/** What a shipped file is, by its name: what `allowTypes` in the policy admits. */
export function shippedType(packagePath: string): ShippedType {
  const base = (packagePath.split('/').pop() ?? '').toLowerCase();
  for (const [type, test] of BY_NAME) if (test.test(base)) return type;
  return 'other';
}

/** In order: the first match wins, so `.d.ts` is a declaration before `.ts` is a source. */
const BY_NAME: readonly (readonly [ShippedType, RegExp])[] = [
  ['source-map', /\.map$/],
  ['env', /^\.env(?:\..*)?$|\.env$/],
  ['npmrc', /^\.npmrc$|^\.yarnrc(?:\.yml)?$/],
  [
    'private-key',
    /\.(?:pem|key|p12|pfx|jks|keystore|ppk)$|^id_(?:rsa|dsa|ecdsa|ed25519)$|^\.?htpasswd$/,
  ],
  ['certificate', /\.(?:crt|cer|der|p7b|p7c|csr)$/],
  ['archive', /\.(?:zip|tgz|tar|gz|bz2|xz|zst|7z|rar|jar|war)$/],
  ['declaration', /\.d\.[cm]?ts$/],
  ['typescript-source', /\.[cm]?tsx?$/],
  ['javascript', /\.[cm]?jsx?$/],
  ['json', /\.(?:json|jsonc|json5)$/],
  ['license', /^(?:license|licence|copying|notice)(?:\..*)?$/],
  ['markdown', /\.(?:md|markdown|mdx)$/],
  ['css', /\.(?:css|scss|sass|less)$/],
  ['html', /\.html?$/],
  ['wasm', /\.wasm$/],
  ['native-addon', /\.(?:node|so|dylib|dll)$/],
  ['image', /\.(?:png|jpe?g|gif|svg|ico|webp|avif)$/],
  ['font', /\.(?:woff2?|ttf|otf|eot)$/],
  ['text', /\.(?:txt|yml|yaml|toml|ini|csv)$/],
];
