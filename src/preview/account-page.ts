// Everything the partner Account page shows: the tier badge, and the health card with its history and
// the tier's benefits from PRM_Tier__mdt. The JSON fields are parsed with the domain's own schemas.
import type { HealthBandName, HealthPoint, NextTierInfo, TierGapView, TierInfo } from '../../components/index.js';
import { HealthExplained as HealthExplainedSchema, type HealthExplained } from '../domain/health/explain.js';
import { parseNextTierGap } from '../domain/tiers/next-tier-gap.js';
import { idLiteral } from '../crm/soql.js';
import type { OrgClient, SfRecord } from './org.js';
import { NotFoundError } from './opportunity-page.js';
import { num, str } from './records.js';

export type AccountPage = {
  header: { id: string; name: string; type: string | null; status: string | null; website: string | null };
  badge: { tier: string | null; band: HealthBandName | null; score: number | null };
  health: {
    health: HealthExplained | null;
    trend: number | null;
    history: HealthPoint[];
    tier: TierInfo | null;
    nextTier: NextTierInfo | null;
    gaps: TierGapView[];
    currency: string;
  };
};

const ACCOUNT_FIELDS =
  'Id, Name, Website, Partner_Type__c, Partner_Status__c, Partner_Tier__c, Partner_Tier_Since__c, Partner_Tier_Grace_Until__c, Partner_Next_Tier__c, Partner_Next_Tier_Gap__c, Partner_Health_Score__c, Partner_Health_Band__c, Partner_Health_Trend__c, Partner_Health_Explained__c';
const BANDS: readonly string[] = ['Green', 'Yellow', 'Red'];

function parseExplained(text: string | null): HealthExplained | null {
  if (text === null) return null;
  try {
    const parsed = HealthExplainedSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function tierCatalogue(org: OrgClient): Promise<SfRecord[]> {
  try {
    return await org.query('SELECT DeveloperName, MasterLabel, Discount_Percent__c, MDF_Percent__c, Benefits__c FROM PRM_Tier__mdt');
  } catch {
    // Without the catalogue the card still shows the score and the gaps; benefits read as 0%.
    return [];
  }
}

export function historySince(today: string, months: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
}

export async function loadAccountPage(org: OrgClient, id: string, months = 12, today = new Date()): Promise<AccountPage> {
  const accId = idLiteral(id);
  const [acc] = await org.query(`SELECT ${ACCOUNT_FIELDS} FROM Account WHERE Id = ${accId}`);
  if (!acc) throw new NotFoundError(`No account ${id}.`);
  const since = historySince(today.toISOString().slice(0, 10), months);
  const [snapshots, tiers] = await Promise.all([
    org.query(
      `SELECT As_Of__c, Score__c FROM Partner_Health_Snapshot__c WHERE Account__c = ${accId} AND As_Of__c >= ${since} ORDER BY As_Of__c`,
    ),
    tierCatalogue(org),
  ]);
  const tierNamed = (name: string | null) => tiers.find((t) => str(t, 'DeveloperName') === name) ?? null;
  const gap = parseNextTierGap(str(acc, 'Partner_Next_Tier_Gap__c'));
  const tierName = str(acc, 'Partner_Tier__c');
  const tierRow = tierNamed(tierName);
  const nextName = str(acc, 'Partner_Next_Tier__c') ?? gap?.nextTier ?? null;
  const bp = (v: number | null) => Math.round((v ?? 0) * 100);
  const band = str(acc, 'Partner_Health_Band__c');
  return {
    header: {
      id: acc.Id,
      name: str(acc, 'Name') ?? acc.Id,
      type: str(acc, 'Partner_Type__c'),
      status: str(acc, 'Partner_Status__c'),
      website: str(acc, 'Website'),
    },
    badge: {
      tier: tierName === null ? null : (str(tierRow, 'MasterLabel') ?? gap?.tierLabel ?? tierName),
      band: band !== null && BANDS.includes(band) ? (band as HealthBandName) : null,
      score: num(acc, 'Partner_Health_Score__c'),
    },
    health: {
      health: parseExplained(str(acc, 'Partner_Health_Explained__c')),
      trend: num(acc, 'Partner_Health_Trend__c'),
      history: snapshots.flatMap((s) => {
        const asOf = str(s, 'As_Of__c');
        const score = num(s, 'Score__c');
        return asOf !== null && score !== null ? [{ asOf, score }] : [];
      }),
      tier:
        tierName === null
          ? null
          : {
              name: tierName,
              label: str(tierRow, 'MasterLabel') ?? gap?.tierLabel ?? tierName,
              since: str(acc, 'Partner_Tier_Since__c'),
              graceUntil: str(acc, 'Partner_Tier_Grace_Until__c'),
              benefits: {
                discountBp: bp(num(tierRow, 'Discount_Percent__c')),
                mdfBp: bp(num(tierRow, 'MDF_Percent__c')),
                summary: str(tierRow, 'Benefits__c') ?? '',
              },
            },
      nextTier:
        nextName === null ? null : { name: nextName, label: str(tierNamed(nextName), 'MasterLabel') ?? gap?.nextTierLabel ?? nextName },
      gaps: gap?.gaps ?? [],
      currency: 'USD',
    },
  };
}
