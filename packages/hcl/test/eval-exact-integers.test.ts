import { describe, expect, it } from 'vitest';
import { isUnknown } from '@posture/model';
import { loadTerraform } from '@posture/hcl';
import { Inexact, Invalid } from '../src/eval/unknowns.js';
import { evalHcl } from './support/evaluate.js';
import { resource, tempTree } from './support/fixtures.js';

const at = '(written at test.tf:1)';

// Terraform computes integers exactly (`terraform console`: 9007199254740992 + 1 is
// 9007199254740993); a double rounds past 2^53, and two bucket names made of such results were one.
describe('integer arithmetic past 2^53', () => {
  it.each([
    ['9007199254740992 + 1', `9007199254740992 + 1 ${at} is 9007199254740993`],
    ['-9007199254740992 - 1', `-9007199254740992 - 1 ${at} is -9007199254740993`],
    ['3 * 3002399751580331', `3 * 3002399751580331 ${at} is 9007199254740993`],
    ['"9007199254740992" + 1', `9007199254740992 + 1 ${at} is 9007199254740993`],
    ['-(9007199254740992 + 1)', `9007199254740992 + 1 ${at} is 9007199254740993`],
    ['1e308 * 10', `1e+308 * 10 ${at} is larger than a double holds`],
    ['sum([9007199254740992, 1])', 'sum([9007199254740992, 1]) is 9007199254740993'],
    ['pow(3, 34)', 'pow(3, 34) is 16677181699666569'],
    ['parseint("9007199254740993", 10)', 'parseint("9007199254740993", 10) is 9007199254740993'],
    ['parseint("-20000000000001", 16)', 'parseint("-20000000000001", 16) is -9007199254740993'],
    ['parseint("ZZZZZZZZZZ", 62)', 'parseint("ZZZZZZZZZZ", 62) is 839299365868340223'],
    ['max(1, "9007199254740993")', 'the number 9007199254740993 has more digits'],
    ['ceil("9007199254740993")', 'the number 9007199254740993 has more digits'],
    ['abs("-9007199254740993")', 'the number -9007199254740993 has more digits'],
    [
      'yamldecode("0x20000000000001")',
      'yamldecode: the number 0x20000000000001 is 9007199254740993',
    ],
    [
      'yamldecode("!!int -0o400000000000000001")',
      'yamldecode: the number -0o400000000000000001 is -9007199254740993',
    ],
    ['18014398509481988 / 3', `18014398509481988 / 3 ${at} is no whole number`],
  ])('%s is unknown, not a rounded number', (source, reason) => {
    const value = evalHcl(source);
    expect(isUnknown(value) && value.reason).toContain(reason);
  });

  it.each([
    ['9007199254740991 + 1', 9007199254740992],
    ['9007199254740992 + 2', 9007199254740994],
    ['-9007199254740992 * 2', -18014398509481984],
    ['-9007199254740992', -9007199254740992],
    ['18014398509481984 / 2', 9007199254740992],
    ['18014398509481988 % 3', 2],
    ['sum([9007199254740992, 2, 0])', 9007199254740994],
    ['pow(2, 64)', 18446744073709551616],
    ['pow(2, -1)', 0.5],
    ['parseint("20000000000000", 16)', 9007199254740992],
    // Folded digit by digit in doubles this rounds to 8694427892552903400882176; the exact value
    // (`terraform console`) is a double too, and is the answer.
    ['parseint("HsT3Q96J7gxnKE", 62)', 8694427892552904474624000],
    ['max(9007199254740994, 1)', 9007199254740994],
    ['floor(9007199254740994)', 9007199254740994],
    ['yamldecode("0x20000000000002")', 9007199254740994],
    ['yamldecode("0o17")', 15],
    // Non-integer arithmetic is a double's: Terraform gives 0.3 and 9007199254740992.5.
    ['0.1 + 0.2', 0.30000000000000004],
    ['9007199254740992 + 0.5', 9007199254740992],
  ])('%s is held exactly', (source, expected) => {
    expect(evalHcl(source)).toBe(expected);
  });

  it('is Inexact, a constant as a number written with too many digits is', () => {
    expect(evalHcl('9007199254740992 + 1')).toBeInstanceOf(Inexact);
  });
});

// An operator's reason says where it is written, as a number literal's does: the value may be read
// in another file, or another module, than the one the operator is in.
describe('why an operator gives no value', () => {
  it.each([
    ['1 / 0', `division by zero ${at}`],
    ['1 % 0', `modulo by zero ${at}`],
    ['1 + true', `operator + needs numbers, not number and bool ${at}`],
    ['1 && true', `logical operators need bool operands ${at}`],
    ['!1', `! needs a bool ${at}`],
    ['-true', `- needs a number ${at}`],
  ])('%s: %s', (source, reason) => {
    const value = evalHcl(source);
    expect(value).toBeInstanceOf(Invalid);
    expect((value as Invalid).reason).toBe(reason);
  });

  it('names the file the operator is in, by its path from the root', () => {
    const inventory = loadTerraform({
      root: tempTree({
        'main.tf': `module "m" {
  source = "./modules/m"
}
resource "terraform_data" "root" {
  input = local.n
}
resource "terraform_data" "template" {
  input = templatefile("\${path.module}/name.tftpl", {})
}
`,
        'name.tftpl': 'acme\n${9007199254740992 + 1}\n',
        'locals.tf': 'locals {\n  n = 9007199254740992 + 1\n}\n',
        'modules/m/main.tf':
          'resource "terraform_data" "m" {\n  input = 18014398509481988 / 3\n}\n',
      }),
    });
    const addresses = [
      'terraform_data.root',
      'module.m.terraform_data.m',
      'terraform_data.template',
    ];
    const reasons = addresses.map((address) => {
      const input = resource(inventory, address).values.input;
      return isUnknown(input) && input.reason;
    });
    expect(reasons).toEqual([
      '9007199254740992 + 1 (written at locals.tf:2) is 9007199254740993, which a double does not hold exactly',
      '18014398509481988 / 3 (written at modules/m/main.tf:2) is no whole number, yet a double rounds it to 6004799503160663',
      // In a template, as the call names it (as its other errors do), at the template's line.
      '9007199254740992 + 1 (written at ./name.tftpl:2) is 9007199254740993, which a double does not hold exactly',
    ]);
  });
});
