/**
 * Angular's angular.json: a build target's `deployUrl` (or a URL `baseHref`) is where source maps
 * are fetched from when the configuration building it writes them; ngx-aws-deploy uploads the build.
 */
import { describe, expect, it } from 'vitest';
import { scanText } from './helpers.js';

const BASE = 'https://acme-assets.s3.amazonaws.com/app/';

/** A workspace with one project whose build target has these options and configurations. */
function workspace(build: Record<string, unknown>, deploy?: Record<string, unknown>): string {
  const architect = {
    build: { builder: '@angular-devkit/build-angular:application', ...build },
    ...(deploy && { deploy }),
  };
  return `${JSON.stringify({ version: 1, projects: { web: { architect } } }, null, 2)}\n`;
}

describe('source maps of an Angular build served from a bucket', () => {
  it.each([
    [
      'production maps on, its deployUrl',
      { configurations: { production: { sourceMap: true, deployUrl: BASE } } },
      'linked',
    ],
    [
      'hidden production maps',
      {
        configurations: {
          production: { sourceMap: { scripts: true, hidden: true }, deployUrl: BASE },
        },
      },
      'hidden',
    ],
    [
      'maps of styles only, still written beside the bundles',
      { configurations: { production: { sourceMap: { scripts: false }, deployUrl: BASE } } },
      'linked',
    ],
    [
      'scripts and styles both off',
      {
        configurations: {
          production: { sourceMap: { scripts: false, styles: false }, deployUrl: BASE },
        },
      },
      'none',
    ],
    [
      "the options' maps and base, which production inherits",
      { options: { sourceMap: true, deployUrl: BASE }, configurations: { production: {} } },
      'linked',
    ],
    [
      "the options' base, production turning maps on",
      { options: { deployUrl: BASE }, configurations: { production: { sourceMap: true } } },
      'linked',
    ],
    [
      "the options' base, maps only in development (served by ng serve)",
      {
        options: { deployUrl: BASE },
        configurations: { production: { sourceMap: false }, development: { sourceMap: true } },
      },
      'none',
    ],
    [
      "the options' base, production setting its own",
      {
        options: { deployUrl: BASE },
        configurations: {
          production: { sourceMap: true, deployUrl: 'https://cdn.example.com/' },
        },
      },
      'none',
    ],
    ['no sourceMap anywhere: off', { configurations: { production: { deployUrl: BASE } } }, 'none'],
    [
      'a URL baseHref',
      { configurations: { production: { sourceMap: true, baseHref: BASE } } },
      'linked',
    ],
  ])('%s', (_name, build, maps) => {
    const [link] = scanText('angular.json', workspace(build)).links;
    expect(link).toMatchObject({ bucket: 'acme-assets', fileType: 'angular' });
    expect(link?.sourceMap).toBe(maps !== 'none');
    expect(link?.sourceMapHidden).toBe(maps === 'hidden' || undefined);
  });

  it('reads the build target by its builder, whatever its name', () => {
    const text = workspace({
      builder: '@angular-devkit/build-angular:browser',
      configurations: { production: { sourceMap: true, deployUrl: BASE } },
    }).replace('"build"', '"build-web"');
    expect(scanText('angular.json', text).links[0]).toMatchObject({ sourceMap: true });
  });
});

describe("an Nx project's project.json", () => {
  const target = (executor: string) => ({
    executor,
    configurations: { production: { sourceMap: true, deployUrl: BASE } },
  });

  it('is read when an Angular builder builds it', () => {
    const text = JSON.stringify({ targets: { build: target('@nx/angular:webpack-browser') } });
    expect(scanText('apps/web/project.json', text).links[0]).toMatchObject({
      fileType: 'angular',
      sourceMap: true,
    });
  });

  it('is not read as one when no Angular builder is named', () => {
    const text = JSON.stringify({ targets: { build: target('@nx/webpack:webpack') } });
    const [link] = scanText('apps/web/project.json', text).links;
    expect(link?.fileType).not.toBe('angular');
    expect(link?.sourceMap).toBe(false);
  });
});

describe("ngx-aws-deploy's deploy target", () => {
  it('uploads the build to its bucket, a release step', () => {
    const deploy = {
      builder: '@jefiozie/ngx-aws-deploy:deploy',
      options: { bucket: 'acme-web-releases', region: 'eu-west-1' },
      configurations: { staging: { bucket: 'acme-web-staging' } },
    };
    const { links } = scanText('angular.json', workspace({}, deploy));
    expect(links.map((l) => [l.bucket, l.usage, l.releaseStep])).toEqual([
      ['acme-web-releases', 'upload', 'release'],
      ['acme-web-staging', 'upload', 'release'],
    ]);
  });
});
