import { MAX_ELEMENTS, tooLarge, type TooLarge } from './unknowns.js';

/** The elements the resources of one root module may hold in all. */
export const MAX_ROOT_ELEMENTS = 16 * MAX_ELEMENTS;
/** The module instances one root module may make in all, its nested calls' included. */
export const MAX_MODULE_INSTANCES = 10_000;

/**
 * What one root module may build in all, over its module instances. Within the bound of each value,
 * the resources of one root can still hold billions of elements between them (two thousand buckets
 * whose tags share one object of half a million), each read whole after; and calls nested three
 * deep, each with `count = 1000`, make a billion module instances.
 */
export class RootBudget {
  private elements = 0;
  private instances = 0;
  private spent?: TooLarge;

  /**
   * Counts one resource's elements. Past the bound, what stands for the values of this resource and
   * of every one after it: one value, so that it is reported once, where the bound was passed.
   */
  holdValues(elements: number): TooLarge | undefined {
    this.elements += elements;
    if (this.elements <= MAX_ROOT_ELEMENTS) return undefined;
    this.spent ??= tooLarge(
      `a root module whose resources hold more than ${MAX_ROOT_ELEMENTS} elements in all`,
    );
    return this.spent;
  }

  /** Whether module calls may make instances still: none once the bound is passed. */
  get expanding(): boolean {
    return this.instances <= MAX_MODULE_INSTANCES;
  }

  /** Counts the instances one module call makes: false once they pass the bound. */
  holdInstances(count: number): boolean {
    this.instances += count;
    return this.instances <= MAX_MODULE_INSTANCES;
  }
}
