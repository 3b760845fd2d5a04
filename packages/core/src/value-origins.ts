import type { Inventory, OriginMap, Range, RangeMap, RelatedLocation } from '@posture/model';

/**
 * Where the values behind a finding's location are set outside its block (the `.tfvars` item, the
 * module argument, the variable default or local), as related locations "value set here": a change
 * to that line, not to the shared module, is what a review must see.
 *
 * Findings point at the very range objects the inventory holds (`rangeAt`), and each instance of a
 * block has its own, so the range alone tells which instance a finding is about: one in
 * `module.bucket["bin"]` gets where `bin`'s values are set, not `logs`'s.
 */
export class ValueOrigins {
  private readonly byRange = new Map<Range, readonly Range[]>();

  constructor(inventory: Pick<Inventory, 'resources' | 'moduleCalls' | 'providers'>) {
    for (const item of [...inventory.resources, ...inventory.moduleCalls, ...inventory.providers]) {
      if (item.origins) this.index(item.ranges, item.origins);
    }
  }

  /** What a finding at `range` points at besides: where its value and its instance are decided. */
  related(range: Range): RelatedLocation[] {
    return (this.byRange.get(range) ?? []).map((at) => ({ label: 'value set here', range: at }));
  }

  private index(ranges: RangeMap, origins: OriginMap): void {
    const instance = origins[''];
    // Where the instance is decided concerns every range of it; else only the paths traced do.
    for (const path of instance ? Object.keys(ranges) : Object.keys(origins)) {
      const range = ranges[path];
      const own = path === '' ? undefined : origins[path];
      const all = own && instance ? [...own, ...instance] : (own ?? instance);
      if (range && all) this.byRange.set(range, all);
    }
  }
}
