// The program rules as the admin keeps them: custom metadata records (PRM_Tier__mdt,
// PRM_Program_Setting__mdt, PRM_Health_Measure__mdt), read each cycle in the same Composite call as the
// poll. Money arrives in currency units and becomes cents, percentages become basis points. A set that
// fails validation is reported and the last valid set stays in force.
import { z } from 'zod';
import { HEALTH_MEASURES, validateProgramConfig } from '../domain/config.js';
import type { ConfigProblem, HealthMeasureName, ProgramConfig } from '../domain/config.js';
import { toCents } from '../domain/money.js';

export const PROGRAM_QUERIES = {
  tiers:
    'SELECT DeveloperName, MasterLabel, Rank__c, Min_Attributed_Revenue__c, Min_Won_Deals__c, Min_Active_Certifications__c, Min_Registrations_Approved__c, Discount_Percent__c, MDF_Percent__c, Grace_Days__c, Benefits__c FROM PRM_Tier__mdt ORDER BY Rank__c',
  settings:
    'SELECT DeveloperName, Protection_Days__c, Approval_SLA_Hours__c, Expiry_Days__c, Conflict_Window_Days__c, Conflict_Match_Threshold__c, Auto_Approve__c, Auto_Approve_Max_Amount__c, Attribution_Window_Months__c, Health_Green_Min__c, Health_Yellow_Min__c FROM PRM_Program_Setting__mdt ORDER BY DeveloperName',
  measures:
    'SELECT DeveloperName, Measure__c, Weight__c, Full_Points_At__c, Zero_Points_At__c, Active__c FROM PRM_Health_Measure__mdt ORDER BY DeveloperName',
} as const;

const num = z.preprocess((v) => (typeof v === 'string' && v !== '' ? Number(v) : v), z.number().finite());
const optNum = z.preprocess(
  (v) => (v === '' || v === undefined ? null : typeof v === 'string' ? Number(v) : v),
  z.number().finite().nullable(),
);
const bool = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : (v ?? false)), z.boolean());

const TierRow = z.looseObject({
  DeveloperName: z.string(),
  MasterLabel: z.string().nullish(),
  Rank__c: num,
  Min_Attributed_Revenue__c: num,
  Min_Won_Deals__c: num,
  Min_Active_Certifications__c: num,
  Min_Registrations_Approved__c: num,
  Discount_Percent__c: num,
  MDF_Percent__c: num,
  Grace_Days__c: num,
  Benefits__c: z.string().nullish(),
});
const SettingRow = z.looseObject({
  DeveloperName: z.string(),
  Protection_Days__c: num,
  Approval_SLA_Hours__c: num,
  Expiry_Days__c: num,
  Conflict_Window_Days__c: num,
  Conflict_Match_Threshold__c: num,
  Auto_Approve__c: bool,
  Auto_Approve_Max_Amount__c: optNum,
  Attribution_Window_Months__c: num,
  Health_Green_Min__c: num,
  Health_Yellow_Min__c: num,
});
const MeasureRow = z.looseObject({
  DeveloperName: z.string(),
  Measure__c: z.string(),
  Weight__c: num,
  Full_Points_At__c: num,
  Zero_Points_At__c: num,
  Active__c: bool,
});

/** Measures whose thresholds are money (currency units → cents) or rates (percent → basis points). */
const MONEY_MEASURES = new Set(['Attributed_Revenue', 'Pipeline']);
const RATE_MEASURES = new Set(['Win_Rate', 'Registration_Approval_Rate']);

const MEASURE_ORDER: readonly string[] = Object.keys(HEALTH_MEASURES);

const bp = (percent: number): number => Math.round(percent * 100);

function unit(measure: string, value: number): number {
  if (MONEY_MEASURES.has(measure)) return toCents(value);
  if (RATE_MEASURES.has(measure)) return bp(value);
  return value;
}

export type ProgramRows = { tiers: unknown[]; settings: unknown[]; measures: unknown[] };

export type ProgramReading = { ok: true; config: ProgramConfig } | { ok: false; problems: ConfigProblem[] };

function rowsOf<T>(schema: z.ZodType<T>, rows: unknown[], what: string, problems: ConfigProblem[]): T[] {
  const out: T[] = [];
  rows.forEach((row, i) => {
    const parsed = schema.safeParse(row);
    // A row may be anything the org sent, null included: only a string DeveloperName names it.
    const name =
      typeof row === 'object' && row !== null
        ? (row as { DeveloperName?: unknown }).DeveloperName
        : undefined;
    const label = typeof name === 'string' ? `${what}.${name}` : `${what}[${i}]`;
    if (parsed.success) out.push(parsed.data);
    else
      for (const issue of parsed.error.issues)
        problems.push({ setting: `${label}.${issue.path.join('.')}`, message: issue.message });
  });
  return out;
}

/** Maps the custom metadata records onto the domain's program configuration and validates it whole. */
export function readProgram(rows: ProgramRows): ProgramReading {
  const problems: ConfigProblem[] = [];
  const tiers = rowsOf(TierRow, rows.tiers, 'PRM_Tier__mdt', problems);
  const settings = rowsOf(SettingRow, rows.settings, 'PRM_Program_Setting__mdt', problems);
  const measures = rowsOf(MeasureRow, rows.measures, 'PRM_Health_Measure__mdt', problems);
  if (problems.length > 0) return { ok: false, problems };
  const setting = settings.find((s) => s.DeveloperName === 'Default') ?? settings[0];
  if (!setting) {
    return {
      ok: false,
      problems: [
        { setting: 'PRM_Program_Setting__mdt', message: 'no program setting record (expected Default)' },
      ],
    };
  }
  const candidate = {
    tiers: tiers.map((t) => ({
      name: t.DeveloperName,
      label: t.MasterLabel ?? t.DeveloperName,
      rank: t.Rank__c,
      thresholds: {
        attributedRevenueCents: toCents(t.Min_Attributed_Revenue__c),
        wonDeals: t.Min_Won_Deals__c,
        activeCertifications: t.Min_Active_Certifications__c,
        registrationsApproved: t.Min_Registrations_Approved__c,
      },
      benefits: {
        discountBp: bp(t.Discount_Percent__c),
        mdfBp: bp(t.MDF_Percent__c),
        summary: t.Benefits__c ?? '',
      },
      graceDays: t.Grace_Days__c,
    })),
    registration: {
      protectionDays: setting.Protection_Days__c,
      approvalSlaHours: setting.Approval_SLA_Hours__c,
      expiryDays: setting.Expiry_Days__c,
      conflictWindowDays: setting.Conflict_Window_Days__c,
      conflictMatchThreshold: setting.Conflict_Match_Threshold__c,
      autoApprove: setting.Auto_Approve__c,
      autoApproveMaxAmountCents:
        setting.Auto_Approve_Max_Amount__c === null ? null : toCents(setting.Auto_Approve_Max_Amount__c),
      attributionWindowMonths: setting.Attribution_Window_Months__c,
    },
    health: {
      // In the program's canonical measure order, so the explanation reads the same whatever the records' names.
      measures: [...measures]
        .sort((a, b) => MEASURE_ORDER.indexOf(a.Measure__c) - MEASURE_ORDER.indexOf(b.Measure__c))
        .map((m) => ({
          measure: m.Measure__c as HealthMeasureName,
          weight: m.Weight__c,
          fullPointsAt: unit(m.Measure__c, m.Full_Points_At__c),
          zeroPointsAt: unit(m.Measure__c, m.Zero_Points_At__c),
          active: m.Active__c,
        })),
      bands: { greenMin: setting.Health_Green_Min__c, yellowMin: setting.Health_Yellow_Min__c },
    },
  };
  const result = validateProgramConfig(candidate);
  return result.ok ? { ok: true, config: result.config } : { ok: false, problems: result.problems };
}
