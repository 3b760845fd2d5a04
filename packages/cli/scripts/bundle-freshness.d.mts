export declare const MAX_INPUTS: number;
export declare const LAST_BUILT: string;
export declare function bundleIsStale(
  workspace: string,
  bundle: string,
  maxInputs?: number,
): boolean;
