import type { Value, ValueObject } from '@posture/model';

/**
 * The parts of `terraform show -json` output (a saved plan or a state, format_version 1.x) that the
 * loader reads. `plan.schema.json` checks exactly these shapes before any of them is used.
 */
export interface PlanDocument {
  readonly format_version: string;
  readonly errored?: boolean;
  /** A plan: false when made with `-target`, so partial (Terraform 1.9 and later). */
  readonly complete?: boolean;
  /** A plan: the values every resource will have after apply. */
  readonly planned_values?: ValuesSection;
  /** A state: the values every resource has now. */
  readonly values?: ValuesSection;
  /** A plan: the state it was made against, with the data sources read while planning. */
  readonly prior_state?: { readonly values?: ValuesSection };
  readonly resource_changes?: readonly ResourceChange[];
  readonly configuration?: Configuration;
  /** A plan: the root module's variable values it was made with (tfvars, `-var`, defaults). */
  readonly variables?: Readonly<Record<string, { readonly value?: Value }>>;
}

export interface ValuesSection {
  readonly root_module?: ValuesModule;
}

export interface ValuesModule {
  /** Module instance address; absent for the root module. */
  readonly address?: string;
  readonly resources?: readonly ValuesResource[];
  readonly child_modules?: readonly ValuesModule[];
}

export interface ValuesResource {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly provider_name?: string;
  /** Absent when every attribute is unknown until apply. */
  readonly values?: ValueObject;
  readonly sensitive_values?: Mask;
  /** State only: what the resource was created after. */
  readonly depends_on?: readonly string[];
  /** State only: set on an object `create_before_destroy` replaced and has yet to delete. */
  readonly deposed_key?: string;
}

/** A tree shaped like a value, with `true` at the leaves that are unknown (or sensitive). */
export type Mask = boolean | readonly Mask[] | { readonly [key: string]: Mask };

export interface ResourceChange {
  readonly address: string;
  /** Set on changes to deposed objects, which are always deletions. */
  readonly deposed?: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly after_unknown?: Mask;
    readonly after_sensitive?: Mask;
  };
}

export interface Configuration {
  readonly provider_config?: Readonly<Record<string, ProviderConfigJson>>;
  readonly root_module?: ConfigModule;
}

export interface ProviderConfigJson {
  readonly name: string;
  readonly alias?: string;
  readonly module_address?: string;
  readonly expressions?: Expressions;
}

export interface ConfigModule {
  readonly resources?: readonly ConfigResource[];
  /** The module's variable declarations, as far as the loader reads them. */
  readonly variables?: Readonly<Record<string, { readonly sensitive?: boolean }>>;
  readonly module_calls?: Readonly<Record<string, ConfigModuleCall>>;
  readonly outputs?: Readonly<Record<string, { readonly expression?: Expression }>>;
}

export interface ConfigResource {
  /** Relative to the module that declares it, without instance keys. */
  readonly address: string;
  readonly provider_config_key?: string;
  readonly expressions?: Expressions;
  readonly depends_on?: readonly string[];
  readonly for_each_expression?: Expression;
}

export interface ConfigModuleCall {
  readonly source: string;
  readonly version_constraint?: string;
  readonly expressions?: Expressions;
  readonly count_expression?: Expression;
  readonly for_each_expression?: Expression;
  readonly module?: ConfigModule;
}

/** An argument as Terraform records it: a constant, or the references of an expression. */
export interface Expression {
  readonly constant_value?: unknown;
  readonly references?: readonly string[];
}

/**
 * A block body: each argument is an expression, each nested block a body (single blocks), an array
 * of bodies (list and set blocks) or an object of bodies (map blocks).
 */
export interface Expressions {
  readonly [name: string]: Expression | Expressions | readonly Expressions[];
}
