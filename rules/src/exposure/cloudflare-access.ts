import type { AccessApp, AccessPolicy } from '@posture/model';
import { unknownValue } from '../messages.js';
import type { Exposure } from './types.js';

/**
 * Whether a policy lets anyone in: it does not deny, its include rules let in everyone and no
 * require rule narrows that. `bypass` lets in whom it includes without asking who they are;
 * `allow` with `everyone` lets in whoever signs in, with a one-time PIN sent to any address.
 * Undefined when what decides it is not known.
 */
function letsAnyoneIn(policy: AccessPolicy): boolean | undefined {
  const decision = policy.decision.value;
  const denies = typeof decision === 'string' && decision.trim().toLowerCase() === 'deny';
  if (denies || policy.includesEveryone === false || policy.requiresMore === true) return false;
  if (typeof decision !== 'string' || policy.includesEveryone === undefined) return undefined;
  return policy.requiresMore === undefined ? undefined : true;
}

/**
 * What the Access applications over a host (an R2 custom domain, a Worker's route) make of the path
 * it opens: open still when a policy of one lets anyone in, closed when every policy of them all
 * names whom it lets in (an application with none lets no one in), undecided otherwise.
 */
export function behindAccess(
  host: { readonly accessApps?: readonly AccessApp[] },
  path: Exposure,
): Exposure {
  const apps = host.accessApps ?? [];
  if (apps.length === 0) return path;
  const verdicts = apps.flatMap((app) =>
    (app.policies ?? [undefined]).map((policy) => ({
      app,
      policy,
      anyone: policy && letsAnyoneIn(policy),
    })),
  );
  const open = verdicts.find(({ anyone }) => anyone === true);
  if (open?.policy) {
    const by = `Cloudflare Access application ${open.app.address} included, whose policy ${open.policy.address} lets anyone in`;
    return { ...path, cause: `${path.cause}, ${by}` };
  }
  const unsure = verdicts.find(({ anyone }) => anyone === undefined);
  const doubt = unsure ? { app: unsure.app, why: unjudged(unsure.policy) } : untyped(apps);
  if (doubt) {
    const cause = `${path.cause} unless Cloudflare Access application ${doubt.app.address} turns visitors away: ${doubt.why}`;
    const decidedBy =
      'Check that the policies of the Access application admit only the intended visitors, then record a reviewed exception for this finding with the reason';
    return { ...path, cause, undecided: path.undecided ?? cause, decidedBy };
  }
  const [app] = apps as [AccessApp, ...AccessApp[]];
  const names = apps.map((a) => a.address).join(', ');
  const kind =
    apps.length > 1 ? 'Cloudflare Access applications' : 'a Cloudflare Access application';
  const what = `${names}, ${kind} whose policies let in only the visitors they name`;
  const location = { label: 'Access application', range: app.range };
  return { ...path, neutralisedBy: { what, location } };
}

/** An application that may not be self-hosted may protect nothing, whatever its policies say. */
function untyped(apps: readonly AccessApp[]): { app: AccessApp; why: string } | undefined {
  for (const app of apps) {
    if (!app.typeUnknown) continue;
    const type = unknownValue('its type', app.typeUnknown);
    return { app, why: `${type}, and only a self-hosted application protects a hostname` };
  }
  return undefined;
}

function unjudged(policy: AccessPolicy | undefined): string {
  if (!policy) return 'its policies are not all known before apply';
  return `whom its policy ${policy.address} lets in is not known (a value not known before apply, or an Access group, whose members Posture does not read)`;
}
