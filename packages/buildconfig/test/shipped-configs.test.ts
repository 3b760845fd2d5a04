/**
 * Files that ship with what users install — package-manager manifests and updater settings — carry
 * download links to where releases live: each is discovered and its links are downloads.
 */
import { describe, expect, it } from 'vitest';
import { repo, scan, where } from './helpers.js';

describe('files shipped to users', () => {
  it.each([
    [
      'scoop',
      'bucket/acme.json',
      '{ "version": "1.2.0", "url": "https://acme-releases.s3.amazonaws.com/acme-1.2.0.zip" }\n',
    ],
    [
      'winget',
      'manifests/a/Acme/Cli/1.2.0/Acme.Cli.installer.yaml',
      'Installers:\n  - Architecture: x64\n    InstallerUrl: https://storage.googleapis.com/acme-releases/acme.msi\n',
    ],
    [
      'chocolatey',
      'choco/tools/chocolateyinstall.ps1',
      "$url64 = 'https://acme-releases.s3.us-east-1.amazonaws.com/acme-1.2.0.zip'\n",
    ],
    [
      'tauri',
      'src-tauri/tauri.conf.json',
      '{ "plugins": { "updater": { "endpoints": ["https://acme-releases.s3.amazonaws.com/latest.json"] } } }\n',
    ],
    [
      'tauri',
      'src-tauri/Tauri.toml',
      '[plugins.updater]\nendpoints = ["https://pub-0123456789abcdef0123456789abcdef.r2.dev/latest.json"]\n',
    ],
    [
      'expo',
      'mobile/app.json',
      '{ "expo": { "slug": "acme", "updates": { "url": "https://acme-releases.s3.amazonaws.com/updates" } } }\n',
    ],
    [
      'expo',
      'app.config.json',
      '{ "slug": "acme", "updates": { "url": "https://storage.googleapis.com/acme-releases/updates" } }\n',
    ],
    [
      'sparkle',
      'App/Info.plist',
      '<key>SUFeedURL</key>\n<string>https://acme-releases.s3.amazonaws.com/appcast.xml</string>\n',
    ],
  ])('%s: %s', (fileType, path, text) => {
    const { links } = scan(repo({ [path]: text }));
    expect(links.map((l) => [l.fileType, l.usage])).toEqual([[fileType, 'download']]);
  });

  it("Expo: the app config's fields, at their lines, and no other tool's app.json", () => {
    const root = repo({
      'app.json': `{\n  "expo": {\n    "name": "Acme",\n    "updates": {\n      "url": "https://acme-updates.s3.amazonaws.com/manifest"\n    },\n    "extra": { "cdn": "https://acme-assets.s3.amazonaws.com/" }\n  }\n}\n`,
      'heroku/app.json':
        '{ "name": "acme", "logo": "https://acme-logos.s3.amazonaws.com/logo.png" }\n',
    });
    const { links } = scan(root);
    expect(links.map((l) => [l.range.file, where(l), l.field, l.bucket, l.usage])).toEqual([
      ['app.json', '5:15-5:61', 'expo.updates.url', 'acme-updates', 'download'],
      ['app.json', '7:24-7:61', 'expo.extra.cdn', 'acme-assets', 'download'],
    ]);
  });

  it.each(['app.config.ts', 'app.config.js', 'mobile/app.config.mjs'])(
    'Expo: %s, read as text, its constants resolved, and no other config of that name',
    (path) => {
      const text = [
        "const UPDATES = 'https://acme-updates.s3.amazonaws.com/manifest';",
        'export default ({ config }) => ({',
        '  ...config,',
        "  slug: 'acme',",
        '  updates: { url: UPDATES },',
        "  extra: { cdn: 'https://acme-assets.s3.amazonaws.com/' },",
        '});',
        '',
      ].join('\n');
      const root = repo({
        [path]: text,
        'web/app.config.ts':
          "export default { logo: 'https://acme-logos.s3.amazonaws.com/l.png' };\n",
      });
      const { links } = scan(root);
      expect(links.map((l) => [l.range.file, l.fileType, l.bucket, l.usage])).toEqual([
        [path, 'expo', 'acme-updates', 'download'],
        [path, 'expo', 'acme-assets', 'download'],
      ]);
    },
  );

  it("electron-updater: the bucket the installed app downloads updates from, and a generic feed's URL", () => {
    const root = repo({
      'app-update.yml': 'provider: s3\nbucket: acme-updates\nregion: us-east-1\n',
      'dev-app-update.yml': 'provider: generic\nurl: https://acme-updates.s3.amazonaws.com/dev\n',
    });
    const { links } = scan(root);
    expect(links.map((l) => [l.range.file, l.fileType, l.bucket, l.usage])).toEqual([
      ['app-update.yml', 'electron-updater', 'acme-updates', 'download'],
      ['dev-app-update.yml', 'electron-updater', 'acme-updates', 'download'],
    ]);
  });
});
