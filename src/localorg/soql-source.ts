// The SOQL engine's view of the store.
import type { OrgCore } from './core.js';
import { normalizeId } from './ids.js';
import {
  executeSoql,
  SoqlError,
  type SoqlDataSource,
  type SoqlObject,
  type SoqlOrderedIndex,
} from './soql/index.js';
import { ApiError } from './errors.js';

export class StoreSource implements SoqlDataSource {
  private cache = new Map<string, SoqlObject | undefined>();
  private version = -1;

  constructor(private readonly org: OrgCore) {}

  object(name: string): SoqlObject | undefined {
    if (this.version !== this.org.schema.version) {
      this.cache.clear();
      this.version = this.org.schema.version;
    }
    const key = name.toLowerCase();
    if (!this.cache.has(key)) this.cache.set(key, this.org.schema.soqlObject(name));
    return this.cache.get(key);
  }

  records(objectName: string): Iterable<Readonly<Record<string, unknown>>> {
    const o = this.org.schema.object(objectName);
    return o === undefined ? [] : this.org.store.rows(o.name);
  }

  byId(objectName: string, id: string): Readonly<Record<string, unknown>> | undefined {
    const o = this.org.schema.object(objectName);
    const id18 = normalizeId(id);
    return o === undefined || id18 === undefined ? undefined : this.org.store.get(o.name, id18);
  }

  orderedIndex(objectName: string, fieldName: string): SoqlOrderedIndex | undefined {
    const o = this.org.schema.object(objectName);
    return o === undefined || fieldName !== 'SystemModstamp'
      ? undefined
      : this.org.store.modstampIndex(o.name);
  }
}

/** Runs SOQL against the org, turning the engine's errors into Salesforce's 400s. */
export function runSoql(
  org: OrgCore,
  soql: string,
  options: { includeDeleted: boolean; apiVersion: string },
): { totalSize: number; records: Record<string, unknown>[] } {
  try {
    return executeSoql(soql, new StoreSource(org), { now: org.clock.now(), ...options });
  } catch (e) {
    if (e instanceof SoqlError) throw new ApiError(400, e.errorCode, e.message);
    throw e;
  }
}
