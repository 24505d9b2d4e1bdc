// Each org gets its own sync state: a SQLite file under PRM_STATE_DIR/sync/<orgId>, or its own schema in
// the PostgreSQL database of PRM_DATABASE_URL, so two orgs never share cursors or an outbox.
import { join } from 'node:path';
import { openStore, type Store } from '../store/index.js';
import { stateDir } from './state-dir.js';

export function openOrgStore(orgId: string): Promise<Store> {
  const key = orgId
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 18)
    .toLowerCase();
  return openStore({
    stateDir: join(stateDir(), 'sync', key),
    schema: `prm_${key}`,
  });
}
