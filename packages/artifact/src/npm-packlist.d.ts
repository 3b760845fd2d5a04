// npm-packlist ships no types. It reads only these fields of the Arborist node it is given, and
// only these parts of its walker are used.
declare module 'npm-packlist' {
  interface PackEdge {
    readonly to: PackNode | null;
    readonly peer: boolean;
    readonly dev: boolean;
  }
  interface PackNode {
    readonly path: string;
    readonly package: Record<string, unknown>;
    readonly isProjectRoot: boolean;
    readonly isLink: boolean;
    readonly target: PackNode;
    readonly edgesOut: ReadonlyMap<string, PackEdge>;
    /** Arborist's map of workspace names to directories, on a root that has any. */
    readonly workspaces?: ReadonlyMap<string, string>;
  }
  interface PackOptions {
    readonly path?: string;
    /** npm's workspace root, and the workspaces being packed (absolute paths). */
    readonly prefix?: string;
    readonly workspaces?: readonly string[];
  }
  /** The walker npm-packlist makes for each directory: ignore-walk's, with the parts used here. */
  interface PackWalker {
    /** The directory walked, absolute. */
    readonly path: string;
    readonly tree: PackNode;
    /** The rules of each ignore file read, or of npm-packlist's own rule sets (named by symbols). */
    ignoreRules: Record<string | symbol, unknown[] | null>;
    addIgnoreFile(file: string, then: () => void): void;
    onReadIgnoreFile(file: string | symbol, data: string, then: () => void): void;
  }
  function packlist(tree: PackNode, options?: PackOptions): Promise<string[]>;
  namespace packlist {
    const Walker: { readonly prototype: PackWalker };
  }
  export default packlist;
  export type { PackEdge, PackNode, PackWalker };
}
