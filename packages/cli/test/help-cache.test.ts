import yargs, { type Argv } from 'yargs';
import { describe, expect, it } from 'vitest';
import { withoutHelpCache } from '../src/help-cache.js';

/** yargs' help formatter, counting the times it runs. */
function countingHelp(cli: Argv): () => number {
  const usage = (
    cli as unknown as { getInternalMethods(): { getUsageInstance(): { help(): string } } }
  )
    .getInternalMethods()
    .getUsageInstance();
  const help = usage.help.bind(usage);
  let formatted = 0;
  usage.help = () => {
    formatted++;
    return help();
  };
  return () => formatted;
}

describe('withoutHelpCache', () => {
  it.each<[string, (cli: Argv) => Argv, number]>([
    ['yargs alone formats the help text after running a command', (cli) => cli, 1],
    ['without its cache, a command runs without formatting help', withoutHelpCache, 0],
  ])('%s', async (_case, prepare, times) => {
    const cli = prepare(
      yargs(['run'])
        .command('run', 'Runs', {}, () => {})
        .exitProcess(false),
    );
    const formatted = countingHelp(cli);
    await cli.parseAsync();
    expect(formatted()).toBe(times);
  });
});
