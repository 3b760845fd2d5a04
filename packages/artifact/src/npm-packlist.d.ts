// npm-packlist ships no types. It reads only these fields of the Arborist node it is given.
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
  function packlist(tree: PackNode, options?: PackOptions): Promise<string[]>;
  export default packlist;
  export type { PackEdge, PackNode };
}
