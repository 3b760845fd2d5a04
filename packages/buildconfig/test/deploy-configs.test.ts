/**
 * Package metadata that ships with a package, and hosting or proxy settings that serve a bucket
 * under a site's address: their storage links are discovered like any build file's.
 */
import { expect, it } from 'vitest';
import { repo, scan } from './helpers.js';

it.each([
  [
    'pyproject',
    'pyproject.toml',
    '[project.urls]\nDownload = "https://acme-releases.s3.amazonaws.com/acme-1.0.tar.gz"\n',
  ],
  [
    'pyproject',
    'setup.py',
    'setup(name="acme", download_url="https://storage.googleapis.com/acme-releases/acme.tgz")\n',
  ],
  [
    'helm-chart',
    'charts/acme/Chart.yaml',
    'name: acme\nicon: https://acme-assets.s3.amazonaws.com/logo.png\n',
  ],
  [
    'site-config',
    'netlify.toml',
    '[[redirects]]\nfrom = "/downloads/*"\nto = "https://acme-releases.s3.amazonaws.com/:splat"\nstatus = 200\n',
  ],
  [
    'site-config',
    'vercel.json',
    '{ "rewrites": [{ "source": "/dl/:path*", "destination": "https://acme-releases.s3.amazonaws.com/:path*" }] }\n',
  ],
  [
    'site-config',
    'deploy/nginx.conf',
    'location /downloads/ {\n  proxy_pass https://acme-releases.s3.amazonaws.com/;\n}\n',
  ],
])('%s: %s', (fileType, path, text) => {
  const { links } = scan(repo({ [path]: text }));
  expect(links.map((l) => [l.fileType, l.usage])).toEqual([[fileType, 'download']]);
});
