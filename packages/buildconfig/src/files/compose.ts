/**
 * Compose files: a service's `build.args`, `environment` and `command` are what it builds and runs
 * with, read as any YAML's values. A service of the AWS CLI's image (`amazon/aws-cli`,
 * `public.ecr.aws/aws-cli/aws-cli`), whose entrypoint is `aws`, runs it with its `command` as the
 * arguments (`command: s3 cp /dist s3://b/ --acl public-read`): they are read as that command.
 */
import { valueAt, type Path } from '../structured/doc.js';
import type { Analyzer, RefContext } from './analysis.js';

/** The AWS CLI's images, by name (a tag or digest after it). */
const AWS_CLI_IMAGE =
  /^(?:docker\.io\/)?(?:amazon\/aws-cli|public\.ecr\.aws\/aws-cli\/aws-cli)(?:[:@].*)?$/;

export const analyzeCompose: Analyzer = ({ doc }) => ({
  context: (_offset, path) => composeContext(doc?.data, path),
});

function composeContext(data: unknown, path: Path | undefined): RefContext {
  if (path?.[0] !== 'services' || path[2] !== 'command') return {};
  const service = path.slice(0, 2);
  if (!runsAws(valueAt(data, [...service, 'image']), valueAt(data, [...service, 'entrypoint'])))
    return {};
  const words = commandWords(valueAt(data, [...service, 'command']));
  if (!words) return {};
  const index = typeof path[3] === 'number' ? path[3] + 1 : undefined;
  return { argv: { words: ['aws', ...words], ...(index !== undefined && { index }) } };
}

/** Whether the service runs `aws`: the AWS CLI's image with its own entrypoint, or one naming it. */
function runsAws(image: unknown, entrypoint: unknown): boolean {
  const program = Array.isArray(entrypoint) ? entrypoint[0] : entrypoint;
  if (program !== undefined) return typeof program === 'string' && /(?:^|\/)aws$/.test(program);
  return typeof image === 'string' && AWS_CLI_IMAGE.test(image);
}

/** A `command` as its words: a list as written, a string split where it has spaces. */
function commandWords(command: unknown): string[] | undefined {
  if (Array.isArray(command)) return command.map(String);
  return typeof command === 'string' ? command.split(/\s+/).filter(Boolean) : undefined;
}
