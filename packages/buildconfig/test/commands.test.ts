import { describe, expect, it } from 'vitest';
import { commandAround, tokenize } from '../src/command-words.js';
import { awsSyncArgsArePublic, commandFacts } from '../src/commands.js';

/** Facts for the word `target` of a command line. */
function facts(line: string, target: string) {
  const args = tokenize(line, 0, line.length).map((t) => t.text);
  return commandFacts(args, args.indexOf(target));
}

describe('commandFacts', () => {
  it.each([
    ['aws s3 cp dist/app.zip s3://dst/app.zip', 's3://dst/app.zip', true, false],
    ['aws s3 sync dist s3://dst --acl public-read --delete', 's3://dst', true, true],
    ['aws s3 cp --acl=public-read-write a s3://dst/a', 's3://dst/a', true, true],
    ['aws --region us-east-1 s3 cp --recursive dist s3://dst/', 's3://dst/', true, false],
    ['aws s3 cp s3://src/a ./a --recursive', 's3://src/a', false, false],
    ['aws s3 cp s3://src/a s3://dst/a', 's3://dst/a', true, false],
    [
      'aws s3 cp a s3://dst/a --grants read=uri=http://acs.amazonaws.com/groups/global/AllUsers',
      's3://dst/a',
      true,
      true,
    ],
    ['aws s3 cp a s3://dst/a > /dev/null 2>&1', 's3://dst/a', true, false],
    // Unresolved words after both operands may be options: the destination stays the bucket.
    ['aws s3 sync dist s3://dst --acl public-read $EXTRA_ARGS', 's3://dst', true, true],
    ['aws s3 cp dist/a s3://dst/a $(S3_FLAGS) "$@"', 's3://dst/a', true, false],
    ['gsutil cp a gs://dst/a ${{ inputs.args }}', 'gs://dst/a', true, false],
    ['aws s3 cp s3://src/a "$OUT" $EXTRA_ARGS', 's3://src/a', false, false],
    ['aws s3 ls s3://dst', 's3://dst', false, false],
    ['gsutil -m cp -a public-read out.tgz gs://dst/path', 'gs://dst/path', true, true],
    ['gsutil -h "Cache-Control:no-cache" rsync -r dist gs://dst', 'gs://dst', true, false],
    // The XML API's predefined-ACL header: `-a public-read` written as a header.
    ['gsutil -h "x-goog-acl:public-read" cp -r dist gs://dst', 'gs://dst', true, true],
    ['gsutil -m -h "X-Goog-Acl: public-read" rsync dist gs://dst', 'gs://dst', true, true],
    ['gsutil -h x-goog-acl:private cp a gs://dst/a', 'gs://dst/a', true, false],
    ['gsutil cp gs://src/a .', 'gs://src/a', false, false],
    ['gsutil acl ch -u AllUsers:R gs://dst/a', 'gs://dst/a', true, true],
    ['gsutil iam ch allUsers:objectViewer gs://dst', 'gs://dst', true, true],
    ['gcloud storage cp -r site gs://dst --predefined-acl=publicRead', 'gs://dst', true, true],
    ['gcloud storage cp a gs://dst/a --predefined-acl publicRead', 'gs://dst/a', true, true],
    // The alpha and beta release tracks run the same commands.
    ['gcloud alpha storage cp -R install gs://dst', 'gs://dst', true, false],
    [
      'gcloud beta storage cp dist/* gs://dst/bin/ --predefined-acl=publicRead',
      'gs://dst/bin/',
      true,
      true,
    ],
    ['gcloud --quiet alpha storage cp gs://src/a .', 'gs://src/a', false, false],
    [
      'gcloud alpha storage buckets add-iam-policy-binding gs://dst --member=allUsers --role=roles/storage.objectViewer',
      'gs://dst',
      true,
      true,
    ],
    ['gcloud alpha compute scp a gs://dst/a', 'gs://dst/a', false, false],
    [
      'gcloud storage buckets add-iam-policy-binding gs://dst --member=allUsers --role=roles/storage.objectViewer',
      'gs://dst',
      true,
      true,
    ],
    ['s3cmd put -P app.zip s3://dst/app.zip', 's3://dst/app.zip', true, true],
    ['s3cmd sync --acl-public dist/ s3://dst/app/', 's3://dst/app/', true, true],
    ['s3cmd put app.zip s3://dst/app.zip', 's3://dst/app.zip', true, false],
    ['s5cmd --numworkers 32 cp --acl public-read dist/* s3://dst/v1/', 's3://dst/v1/', true, true],
    ['s5cmd sync --delete s3://src/a/ s3://dst/a/', 's3://dst/a/', true, false],
    ['s5cmd cp s3://src/a.tgz .', 's3://src/a.tgz', false, false],
    ['rclone sync dist r2:dst/app --s3-acl public-read -P', 'r2:dst/app', true, true],
    [
      'curl -T app.zip https://dst.s3.amazonaws.com/app.zip',
      'https://dst.s3.amazonaws.com/app.zip',
      true,
      false,
    ],
    [
      'curl -fsSLO https://dst.s3.amazonaws.com/app.zip',
      'https://dst.s3.amazonaws.com/app.zip',
      false,
      false,
    ],
    // S3's canned-ACL header (which Cloud Storage's XML API takes too) makes a curl upload public.
    [
      'curl --upload-file app.zip -H "x-amz-acl: public-read" https://dst.s3.amazonaws.com/app.zip',
      'https://dst.s3.amazonaws.com/app.zip',
      true,
      true,
    ],
    [
      "curl -sS -X PUT -T app.zip --header 'x-goog-acl: public-read' https://storage.googleapis.com/dst/app.zip",
      'https://storage.googleapis.com/dst/app.zip',
      true,
      true,
    ],
    [
      'curl -T app.zip -H "x-amz-acl: bucket-owner-full-control" https://dst.s3.amazonaws.com/app.zip',
      'https://dst.s3.amazonaws.com/app.zip',
      true,
      false,
    ],
    // A download that sends the header writes nothing.
    [
      'curl -fsSLO -H "x-amz-acl: public-read" https://dst.s3.amazonaws.com/app.zip',
      'https://dst.s3.amazonaws.com/app.zip',
      false,
      true,
    ],
    // Amazon's s3curl wrapper: `--put` uploads, `--acl` (or curl's header after `--`) sets the ACL.
    [
      './s3curl.pl --id=release --acl public-read --put=app.zip -- https://dst.s3.amazonaws.com/app.zip',
      'https://dst.s3.amazonaws.com/app.zip',
      true,
      true,
    ],
    [
      's3curl.pl --id release --put app.zip -- -s -H "x-amz-acl: public-read" https://dst.s3.amazonaws.com/app.zip',
      'https://dst.s3.amazonaws.com/app.zip',
      true,
      true,
    ],
    [
      's3curl.pl --id=release --put=app.zip -- https://dst.s3.amazonaws.com/app.zip',
      'https://dst.s3.amazonaws.com/app.zip',
      true,
      false,
    ],
    [
      's3curl.pl --id=release -- -o app.zip https://dst.s3.amazonaws.com/app.zip',
      'https://dst.s3.amazonaws.com/app.zip',
      false,
      false,
    ],
    ['aws s3api put-object --bucket dst --key a --body a', 'dst', true, false],
    ['aws s3api put-object --bucket dst --key a --acl public-read', 'dst', true, true],
    ['aws s3api put-object-acl --acl public-read --bucket dst --key a', 'dst', true, true],
    [
      'aws s3api put-object --bucket=dst --key a --grant-read uri=http://acs.amazonaws.com/groups/global/AllUsers',
      '--bucket=dst',
      true,
      true,
    ],
    ['aws s3api get-object --bucket dst --key a out', 'dst', false, false],
    // The Buildkite agent writes to S3 with a public-read ACL unless its environment says otherwise.
    ['buildkite-agent artifact upload "dist/*" s3://dst/v1', 's3://dst/v1', true, true],
    [
      'buildkite-agent artifact upload --job 42 dist/cli.tgz s3://dst/cli/',
      's3://dst/cli/',
      true,
      true,
    ],
    ['buildkite-agent artifact upload "dist/*" gs://dst/v1', 'gs://dst/v1', true, false],
    ['buildkite-agent artifact download "dist/*" s3://dst/v1', 's3://dst/v1', false, false],
  ])('%s → %s written: %s, public: %s', (line, target, destination, publicAcl) => {
    expect(facts(line, target) ?? { destination: false, publicAcl: false }).toMatchObject({
      destination,
      publicAcl,
    });
  });

  it.each([
    [
      'gsutil iam ch allUsers:objectViewer gs://dst',
      'gs://dst',
      { kind: 'grant', through: 'iam', access: ['read', 'list'] },
    ],
    [
      'gsutil -m acl ch -r -u AllUsers:R gs://dst',
      'gs://dst',
      { kind: 'grant', through: 'acl', access: ['read'] },
    ],
    [
      'gsutil defacl set public-read gs://dst',
      'gs://dst',
      { kind: 'grant', through: 'acl', access: ['read'] },
    ],
    ['gsutil iam ch user:ci@acme.dev:objectAdmin gs://dst', 'gs://dst', undefined],
    [
      'gcloud storage buckets add-iam-policy-binding gs://dst --member=allUsers --role=roles/storage.objectViewer',
      'gs://dst',
      { kind: 'grant', through: 'iam', access: ['read', 'list'] },
    ],
    [
      'gcloud storage buckets update gs://dst --predefined-default-object-acl=publicRead',
      'gs://dst',
      { kind: 'grant', through: 'acl', access: ['read'] },
    ],
    [
      'gcloud storage buckets update gs://dst --no-public-access-prevention',
      'gs://dst',
      { kind: 'public-access-prevention-off' },
    ],
    ['gcloud storage buckets update gs://dst --public-access-prevention', 'gs://dst', undefined],
    ['gsutil pap set unspecified gs://dst', 'gs://dst', { kind: 'public-access-prevention-off' }],
    ['gsutil pap set enforced gs://dst', 'gs://dst', undefined],
    [
      `aws s3api put-bucket-policy --bucket dst --policy '{"Statement":[]}'`,
      'dst',
      { kind: 'policy', policy: '{"Statement":[]}' },
    ],
    [
      'aws s3api put-bucket-policy --policy file://p.json --bucket dst',
      'dst',
      { kind: 'policy', policy: 'file://p.json' },
    ],
    ['aws s3api delete-public-access-block --bucket dst', 'dst', { kind: 'access-block-removed' }],
    [
      'aws s3api put-public-access-block --bucket dst --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=false,RestrictPublicBuckets=true',
      'dst',
      { kind: 'access-block-removed' },
    ],
    [
      'aws s3api put-public-access-block --bucket dst --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
      'dst',
      undefined,
    ],
    [
      'aws s3api put-bucket-acl --bucket dst --acl public-read',
      'dst',
      { kind: 'grant', through: 'acl', access: ['list'] },
    ],
    ['aws s3api put-bucket-acl --bucket dst --acl private', 'dst', undefined],
    [
      'aws s3api put-object-acl --bucket dst --key a --acl public-read',
      'dst',
      { kind: 'grant', through: 'acl', access: ['read'], objects: 'a' },
    ],
    [
      'aws s3api put-bucket-website --bucket dst --website-configuration file://w.json',
      'dst',
      { kind: 'website' },
    ],
    ['aws s3 website s3://dst/ --index-document index.html', 's3://dst/', { kind: 'website' }],
    ['npx wrangler r2 bucket dev-url enable dst', 'dst', { kind: 'r2-dev' }],
    [
      'wrangler r2 bucket domain add dst --domain dl.acme.dev --zone-id 0123',
      'dst',
      { kind: 'custom-domain' },
    ],
    [
      's3cmd setacl --acl-public --recursive s3://dst',
      's3://dst',
      { kind: 'grant', through: 'acl', access: ['read'] },
    ],
    [
      's3cmd setacl s3://dst/a.tgz -P',
      's3://dst/a.tgz',
      { kind: 'grant', through: 'acl', access: ['read'], objects: 'a.tgz' },
    ],
    ['s3cmd setacl --acl-private s3://dst/a.tgz', 's3://dst/a.tgz', undefined],
    ['gsutil iam ch -d allUsers gs://dst', 'gs://dst', undefined],
    ['gsutil acl ch -d AllUsers gs://dst/a', 'gs://dst/a', undefined],
  ])('%s opens %s: %j', (line, target, opening) => {
    const found = facts(line, target);
    // An access change that opens nothing writes nothing either.
    expect(found?.destination ?? false).toBe(opening !== undefined);
    expect(found?.opening).toEqual(opening);
  });

  // What a grant lets everyone do, by its role or permission, on the bucket or on objects.
  it.each([
    ['gsutil iam ch allUsers:legacyBucketReader gs://dst', 'gs://dst', 'iam', ['list']],
    [
      'gsutil iam ch allUsers:objectCreator,objectViewer gs://dst',
      'gs://dst',
      'iam',
      ['read', 'list', 'write'],
    ],
    [
      'gsutil iam ch allAuthenticatedUsers:roles/storage.admin gs://dst',
      'gs://dst',
      'iam',
      ['admin'],
    ],
    ['gsutil iam ch allUsers:projects/p/roles/custom gs://dst', 'gs://dst', 'iam', undefined],
    [
      'gcloud storage buckets add-iam-policy-binding gs://dst --member=allUsers --role=roles/storage.objectCreator',
      'gs://dst',
      'iam',
      ['write'],
    ],
    ['gsutil acl ch -u AllUsers:R gs://dst', 'gs://dst', 'acl', ['list']],
    ['gsutil acl ch -g AllUsers:W gs://dst', 'gs://dst', 'acl', ['write']],
    ['gsutil acl ch -u AllUsers:O gs://dst/a', 'gs://dst/a', 'acl', ['admin']],
    ['gsutil acl set public-read-write gs://dst', 'gs://dst', 'acl', ['list', 'write']],
    // gsutil's own aliases of its ACL commands, in old release scripts: `setacl` is `acl set`.
    ['gsutil -D setacl public-read gs://dst/a', 'gs://dst/a', 'acl', ['read']],
    ['gsutil chacl -u AllUsers:R gs://dst/a', 'gs://dst/a', 'acl', ['read']],
    ['gsutil -m setdefacl public-read gs://dst', 'gs://dst', 'acl', ['read']],
    ['gsutil chdefacl -u AllUsers:R gs://dst', 'gs://dst', 'acl', ['read']],
    [
      'gcloud storage buckets update gs://dst --add-acl-grant=entity=allUsers,role=READER',
      'gs://dst',
      'acl',
      ['list'],
    ],
    [
      'gcloud storage objects update gs://dst/a --predefined-acl=publicRead',
      'gs://dst/a',
      'acl',
      ['read'],
    ],
    [
      'aws s3api put-bucket-acl --bucket dst --grant-write uri=http://acs.amazonaws.com/groups/global/AllUsers',
      'dst',
      'acl',
      ['write'],
    ],
    [
      'aws s3api put-bucket-acl --bucket dst --grant-full-control uri=http://acs.amazonaws.com/groups/global/AllUsers',
      'dst',
      'acl',
      // FULL_CONTROL of a bucket: READ, WRITE, READ_ACP and WRITE_ACP on it, no object's data.
      ['list', 'write', 'read-acl', 'write-acl'],
    ],
    [
      'aws s3api put-object-acl --bucket dst --key a --grant-full-control uri=http://acs.amazonaws.com/groups/global/AllUsers',
      'dst',
      'acl',
      ['read', 'read-acl', 'write-acl'],
    ],
    [
      `aws s3api put-object-acl --bucket dst --key a --access-control-policy '{"Grants":[{"Grantee":{"Type":"Group","URI":"http://acs.amazonaws.com/groups/global/AllUsers"},"Permission":"READ"}]}'`,
      'dst',
      'acl',
      ['read'],
    ],
    ['s3cmd setacl --acl-public s3://dst', 's3://dst', 'acl', ['list']],
    [
      'aws s3api put-bucket-acl --bucket dst --grant-read-acp uri=http://acs.amazonaws.com/groups/global/AllUsers',
      'dst',
      'acl',
      ['read-acl'],
    ],
    [
      'aws s3api put-bucket-acl --bucket dst --grant-write-acp uri=http://acs.amazonaws.com/groups/global/AllUsers',
      'dst',
      'acl',
      ['write-acl'],
    ],
    [
      `aws s3api put-object-acl --bucket dst --key a --access-control-policy '{"Grants":[{"Grantee":{"Type":"Group","URI":"http://acs.amazonaws.com/groups/global/AllUsers"},"Permission":"READ"},{"Grantee":{"Type":"Group","URI":"http://acs.amazonaws.com/groups/global/AllUsers"},"Permission":"READ_ACP"}]}'`,
      'dst',
      'acl',
      ['read', 'read-acl'],
    ],
  ] as const)('%s on %s grants through %s: %j', (line, target, through, access) => {
    const opening = facts(line, target)?.opening;
    expect(opening).toMatchObject({ kind: 'grant', through });
    expect(opening?.access).toEqual(access);
  });

  // Which objects a grant applies to: the one its URL or key names, those under it when it
  // recurses, or every object (none named) for the bucket's URL or its default object ACL.
  it.each([
    [
      'aws s3api put-object-acl --bucket dst --key public/a.tgz --acl public-read',
      'dst',
      'public/a.tgz',
    ],
    ['aws s3api put-bucket-acl --bucket dst --acl public-read', 'dst', undefined],
    ['gsutil acl ch -u AllUsers:R gs://dst/public/a.tgz', 'gs://dst/public/a.tgz', 'public/a.tgz'],
    ['gsutil -m acl ch -r -u AllUsers:R gs://dst/public/', 'gs://dst/public/', 'public/*'],
    ['gsutil -m acl ch -r -u AllUsers:R gs://dst', 'gs://dst', undefined],
    ['gsutil acl ch -u AllUsers:R gs://dst/public/**', 'gs://dst/public/**', 'public/**'],
    ['gsutil defacl set public-read gs://dst', 'gs://dst', undefined],
    ['s3cmd setacl --acl-public --recursive s3://dst/dl', 's3://dst/dl', 'dl/*'],
    ['gcloud storage objects update gs://dst/a --predefined-acl=publicRead', 'gs://dst/a', 'a'],
    [
      'gcloud storage buckets update gs://dst --predefined-default-object-acl=publicRead',
      'gs://dst',
      undefined,
    ],
  ] as const)('%s on %s grants on the objects %s', (line, target, objects) => {
    const opening = facts(line, target)?.opening;
    expect(opening?.kind).toBe('grant');
    expect(opening?.objects).toBe(objects);
  });

  it('reads the service of s3:// from an endpoint option', () => {
    const r2 =
      'aws s3 cp a s3://dst/a --endpoint-url https://023e105f4ecef8ad9ca31a8372d0c353.r2.cloudflarestorage.com';
    expect(facts(r2, 's3://dst/a')).toMatchObject({ destination: true, service: 'r2' });
    const s5cmd =
      's5cmd --endpoint-url https://023e105f4ecef8ad9ca31a8372d0c353.r2.cloudflarestorage.com cp a s3://dst/a';
    expect(facts(s5cmd, 's3://dst/a')).toMatchObject({ destination: true, service: 'r2' });
    // An account id kept in a secret or a variable is still an R2 endpoint, not AWS's default.
    for (const account of ['${{ secrets.R2_ACCOUNT_ID }}', '$R2_ACCOUNT_ID', 'my-account']) {
      const templated = `aws s3 cp a s3://dst/a --endpoint-url "https://${account}.r2.cloudflarestorage.com"`;
      expect(facts(templated, 's3://dst/a')?.service).toBe('r2');
    }
    expect(
      facts('aws s3 cp a s3://dst/a --endpoint-url https://minio.internal:9000', 's3://dst/a')
        ?.service,
    ).toBe('unknown');
  });

  // LocalStack and MinIO run as CI services on the build machine (seen: decentraland/creator-hub's
  // electron-builder publish to http://127.0.0.1:9000): a public ACL or policy there is public to no one.
  it.each([
    ['aws --endpoint-url http://localhost:4566 s3 cp a s3://dst/a --acl public-read', 's3://dst/a'],
    [
      'aws s3 sync dist s3://dst --acl public-read --endpoint-url=http://127.0.0.1:9000',
      's3://dst',
    ],
    [
      'aws --endpoint-url http://s3.localhost.localstack.cloud:4566 s3 cp a s3://dst/a --acl public-read',
      's3://dst/a',
    ],
    ['aws --endpoint-url http://[::1]:9000 s3 cp a s3://dst/a --acl public-read', 's3://dst/a'],
    [
      'aws --endpoint-url http://localhost:4566 s3api put-bucket-acl --bucket dst --acl public-read',
      'dst',
    ],
  ])('a store on the build machine is opened to no one: %s', (line, target) => {
    const read = facts(line, target);
    expect([read?.publicAcl, read?.opening]).toEqual([false, undefined]);
  });

  it.each([
    ['aws --endpoint-url https://nyc3.digitaloceanspaces.com s3 cp a s3://dst/a --acl public-read'],
    ['aws --endpoint-url http://localhost.example.com s3 cp a s3://dst/a --acl public-read'],
    ['aws --endpoint-url http://127.example.com s3 cp a s3://dst/a --acl public-read'],
  ])('a store elsewhere still is: %s', (line) => {
    expect(facts(line, 's3://dst/a')?.publicAcl).toBe(true);
  });

  it('ignores words that run no known CLI', () => {
    expect(facts('echo s3://dst/a', 's3://dst/a')).toBeUndefined();
  });

  it('reads the extra arguments of s3-sync-action and the aws-s3 orb as aws s3 sync options', () => {
    expect(awsSyncArgsArePublic('--acl public-read --follow-symlinks --delete')).toBe(true);
    expect(awsSyncArgsArePublic('--follow-symlinks --delete')).toBe(false);
    expect(awsSyncArgsArePublic(undefined)).toBe(false);
  });
});

describe('commandAround', () => {
  it('finds the command of a reference across continuation lines and stops at separators', () => {
    const text = 'cd dist && aws s3 sync . s3://dst/ \\\n  --acl public-read; echo done\n';
    const at = text.indexOf('s3://');
    const command = commandAround(
      text,
      { start: 0, end: text.length },
      { start: at, end: at + 10 },
    );
    expect(command?.tokens.map((t) => t.text)).toEqual([
      'aws',
      's3',
      'sync',
      '.',
      's3://dst/',
      '--acl',
      'public-read',
    ]);
    expect(command?.index).toBe(4);
  });

  it('reads the words the shell sees once variables are substituted, each placed where written', () => {
    const text = 'aws s3 sync "$SRC" s3://dst/ $OPTS';
    const at = text.indexOf('s3://');
    const subs = [
      { start: text.indexOf('$SRC'), end: text.indexOf('$SRC') + 4, value: 'my dist' },
      { start: text.indexOf('$OPTS'), end: text.length, value: '--acl public-read' },
    ];
    const command = commandAround(
      text,
      { start: 0, end: text.length },
      { start: at, end: at + 10 },
      subs,
    );
    expect(command?.tokens.map((t) => [t.text, text.slice(t.start, t.end)])).toEqual([
      ['aws', 'aws'],
      ['s3', 's3'],
      ['sync', 'sync'],
      ['my dist', '"$SRC"'],
      ['s3://dst/', 's3://dst/'],
      ['--acl', '$OPTS'],
      ['public-read', '$OPTS'],
    ]);
    expect(command?.index).toBe(4);
  });

  it('keeps quoted words and template expressions whole', () => {
    const text = `aws s3 cp "my file.zip" s3://dst/\${{ github.sha }}/ --cache-control 'max-age=60'`;
    expect(tokenize(text, 0, text.length).map((t) => t.text)).toEqual([
      'aws',
      's3',
      'cp',
      'my file.zip',
      's3://dst/${{ github.sha }}/',
      '--cache-control',
      'max-age=60',
    ]);
  });
});
