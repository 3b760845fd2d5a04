import { it } from 'vitest';
import { LoadSession } from '../src/loader/session.js';
import { ModuleInstance } from '../src/loader/instance.js';
import { resourceInstances } from '../src/inventory/instances.js';
import { moduleCalls } from '../src/inventory/module-calls.js';
it('caf', () => {
  const session = new LoadSession('/work/shared/corpus/terraform-azurerm-caf');
  const module = session.module('examples')!;
  const inst = new ModuleInstance({ session, module, address: '', rootDir: 'examples', callPath: [], ancestorDirs: new Set(['examples']) });
  const c = inst.calls('example', new Set());
  const child = c.children[0]!;
  console.log(resourceInstances(child).length);
  let n = 0;
  for (const [name, decl] of child.module.calls) n += moduleCalls(child, name, decl).length;
  console.log(n);
}, 600_000);
