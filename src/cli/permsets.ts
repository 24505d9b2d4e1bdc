// Assigns permission sets to the org's current user, skipping those already assigned (safe to re-run).
import type { Connection } from '@jsforce/jsforce-node';
import { idLiteral, quote } from '../crm/soql.js';

export type PermsetAssignment = { name: string; assigned: boolean; alreadyAssigned: boolean };

export async function assignPermsets(
  conn: Connection,
  userId: string,
  names: string[],
): Promise<PermsetAssignment[]> {
  const out: PermsetAssignment[] = [];
  for (const name of names) {
    const ps = await conn.query<{ Id: string }>(`SELECT Id FROM PermissionSet WHERE Name = ${quote(name)}`);
    const psId = ps.records[0]?.Id;
    if (psId === undefined)
      throw new Error(`Permission set ${name} is not in the org: deploy the package first.`);
    const existing = await conn.query(
      `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = ${idLiteral(userId)} AND PermissionSetId = ${idLiteral(psId)}`,
    );
    if (existing.totalSize > 0) {
      out.push({ name, assigned: false, alreadyAssigned: true });
      continue;
    }
    const r = await conn
      .sobject('PermissionSetAssignment')
      .create({ AssigneeId: userId, PermissionSetId: psId });
    if (!r.success) throw new Error(`Assigning ${name} failed: ${JSON.stringify(r.errors)}`);
    out.push({ name, assigned: true, alreadyAssigned: false });
  }
  return out;
}

/**
 * The Id of the user a connection acts as. Read with a User query rather than conn.identity(): jsforce
 * sends the identity URL with the token as a query parameter, which debug logs would record.
 */
export async function currentUserId(conn: Connection, username: string): Promise<string> {
  const found = await conn.query<{ Id: string }>(`SELECT Id FROM User WHERE Username = ${quote(username)}`);
  const id = found.records[0]?.Id;
  if (id === undefined) throw new Error(`The org has no user ${username}.`);
  return id;
}
