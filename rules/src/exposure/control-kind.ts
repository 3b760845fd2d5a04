import type { AccessKind, Range, Source } from '@posture/model';
import type { Exposure, Neutraliser } from './types.js';

/** What every path one control opens starts from: its rule, the control, and what closes it. */
export type PathBase = Pick<Exposure, 'rule' | 'address' | 'control' | 'neutralisedBy'>;

/**
 * One kind of control of a bucket that can open it (its ACLs, its policies, its r2.dev URL), as the
 * rule that reports them reads it.
 */
export interface ControlSpec<B, C extends Source> {
  readonly rule: string;
  /** How a finding names the control among its related locations: `ACL`, `managed domain`. */
  readonly label: string;
  /** What the kind opens, for the settings resources of it that name no bucket (`refusedBy`). */
  readonly opens?: AccessKind;
  readonly controls: (bucket: B) => readonly C[];
  /** The bucket's own setting that closes every path of the kind, whichever resource opens it. */
  readonly closedBy?: (bucket: B) => Neutraliser | undefined;
  /** The paths one control opens, decided or not, each made from `base`. */
  readonly paths: (control: C, base: PathBase) => Exposure[];
}

/** What a bucket's exposures, and the settings of it that name no bucket, ask of a kind. */
export interface BucketKind<B> {
  readonly opens?: AccessKind;
  readonly closedBy?: (bucket: B) => Neutraliser | undefined;
  /** The paths the bucket's controls of the kind open, decided or not, and what closes them. */
  readonly exposures: (bucket: B) => Exposure[];
}

/** A kind of control, as the exposure rules and the joins of settings to buckets read it. */
export interface ControlKind<B, C> extends BucketKind<B> {
  /**
   * Whether a control opens any path, decided or not, on a bucket that does not close the kind: a
   * private ACL, or a policy that grants named accounts only, opens none.
   */
  readonly mayOpen: (control: C) => boolean;
}

export function controlKind<B, C extends Source>(spec: ControlSpec<B, C>): ControlKind<B, C> {
  const { rule, label, opens, controls, closedBy, paths } = spec;
  const pathsOf = (control: C, neutralisedBy: Neutraliser | undefined) =>
    paths(control, {
      rule,
      address: control.address,
      control: { label, range: control.range },
      neutralisedBy,
    });
  return {
    ...(opens && { opens }),
    ...(closedBy && { closedBy }),
    exposures: (bucket) => {
      const neutralisedBy = closedBy?.(bucket);
      return controls(bucket).flatMap((control) => pathsOf(control, neutralisedBy));
    },
    mayOpen: (control) => pathsOf(control, undefined).length > 0,
  };
}

/** A path that a value unknown before apply may open: `cause` says which value. */
export function undecidedPath(
  base: Omit<Exposure, 'range' | 'cause'>,
  range: Range,
  cause: string,
): Exposure {
  return { ...base, range, cause, undecided: cause };
}
