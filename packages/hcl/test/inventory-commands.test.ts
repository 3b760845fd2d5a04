import { describe, expect, it } from 'vitest';
import { isUnknown, type Inventory, type TerraformCommand } from '@posture/model';
import { loadTerraform } from '@posture/hcl';
import { tempTree } from './support/fixtures.js';

const MAIN = `variable "bucket" {
  default = "acme-downloads"
}

resource "aws_s3_bucket" "releases" {
  bucket = "acme-releases"
  provisioner "local-exec" {
    command = "aws s3api put-bucket-acl --bucket \${self.bucket} --acl public-read"
  }
}

resource "null_resource" "site" {
  count = 2
  provisioner "local-exec" {
    command = <<-EOT
      aws s3 website s3://\${var.bucket}-\${count.index}/ --index-document index.html
    EOT
  }
  provisioner "file" {
    source      = "a"
    destination = "b"
  }
}

resource "aws_instance" "web" {
  provisioner "remote-exec" {
    inline = [
      "echo hi",
      "gsutil iam ch allUsers:objectViewer gs://\${aws_s3_bucket.releases.id}",
    ]
  }
}

resource "aws_iam_role" "unrelated" {
  name = "r"
}
`;

/** A scan's load: other resources' bodies are let go once parsed, unless they hold a provisioner. */
function load(files: Record<string, string>, focused = true): Inventory {
  return loadTerraform({
    root: tempTree(files),
    ...(focused && { focus: { resourceTypes: new Set(['aws_s3_bucket']) } }),
  });
}

/** The commands by the resource instance whose provisioner runs them. */
function byAddress(inventory: Inventory): Map<string, TerraformCommand[]> {
  const map = new Map<string, TerraformCommand[]>();
  for (const c of inventory.commands) {
    const address = c.runner.slice(0, c.runner.indexOf(' provisioner '));
    map.set(address, [...(map.get(address) ?? []), c]);
  }
  return map;
}

describe('provisioner commands', () => {
  for (const focused of [true, false]) {
    it(`are read from every resource type, per instance (${focused ? 'focused' : 'whole'} load)`, () => {
      const commands = byAddress(load({ 'main.tf': MAIN }, focused));
      expect([...commands.keys()].sort()).toEqual([
        'aws_instance.web',
        'aws_s3_bucket.releases',
        'null_resource.site[0]',
        'null_resource.site[1]',
      ]);
      expect(commands.get('null_resource.site[1]')?.[0]).toMatchObject({
        runner: 'null_resource.site[1] provisioner "local-exec"',
        from: 'provisioner',
        command: 'aws s3 website s3://acme-downloads-1/ --index-document index.html\n',
        // The heredoc's first line, where `<<-` leaves its text.
        textStart: { line: 16, column: 7 },
        range: { file: 'main.tf', start: { line: 15, column: 5 } },
        rootModule: '.',
      });
    });
  }

  it('keep what is known of a command with references: its text and unknown parts', () => {
    const commands = byAddress(load({ 'main.tf': MAIN }));
    const [own] = commands.get('aws_s3_bucket.releases') ?? [];
    // `self.bucket` is the bucket's own attribute, known once applied.
    expect(isUnknown(own?.command) && own.command.pieces).toEqual([
      'aws s3api put-bucket-acl --bucket ',
      expect.objectContaining({ refs: ['aws_s3_bucket.releases.bucket'] }),
      ' --acl public-read',
    ]);
    expect(own?.textStart).toMatchObject({ line: 8, column: 16 });
  });

  it('read remote-exec inline as a list, starting at its first command', () => {
    const [web] = byAddress(load({ 'main.tf': MAIN })).get('aws_instance.web') ?? [];
    expect(web?.runner).toBe('aws_instance.web provisioner "remote-exec"');
    expect(Array.isArray(web?.command) && web.command[0]).toBe('echo hi');
    expect(web?.textStart).toMatchObject({ line: 28, column: 8 });
  });

  it('are read in called modules, with the module instance address', () => {
    const inventory = load({
      'main.tf': 'module "pub" {\n  source = "./pub"\n  bucket = "acme-releases"\n}\n',
      'pub/main.tf':
        'variable "bucket" {}\nresource "terraform_data" "open" {\n  provisioner "local-exec" {\n    command = "gsutil iam ch allUsers:objectViewer gs://${var.bucket}"\n  }\n}\n',
    });
    expect(inventory.commands).toEqual([
      expect.objectContaining({
        runner: 'module.pub.terraform_data.open provisioner "local-exec"',
        command: 'gsutil iam ch allUsers:objectViewer gs://acme-releases',
        range: expect.objectContaining({ file: 'pub/main.tf' }),
      }),
    ]);
  });

  it('are read from .tf.json', () => {
    const json = {
      resource: {
        null_resource: {
          open: {
            provisioner: [
              { 'local-exec': { command: 'aws s3api delete-public-access-block --bucket x' } },
            ],
          },
        },
      },
    };
    const inventory = load({ 'main.tf.json': JSON.stringify(json, null, 2) });
    expect(inventory.commands.map((c) => c.command)).toEqual([
      'aws s3api delete-public-access-block --bucket x',
    ]);
  });

  it('leave a provisioner with no command, and the file provisioner, out', () => {
    const inventory = load({
      'main.tf':
        'resource "null_resource" "a" {\n  provisioner "local-exec" {\n    working_dir = "x"\n  }\n  provisioner "file" {\n    content = "aws s3api delete-public-access-block --bucket x"\n    destination = "/tmp/x"\n  }\n}\n',
    });
    expect(inventory.commands).toEqual([]);
  });
});
