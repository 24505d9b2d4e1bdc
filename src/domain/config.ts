// Program configuration: the tiers, the registration settings and the health measures that an admin keeps
// as custom metadata. Validated as one whole so an invalid set is refused whole and never half-applies;
// every message names the setting it is about.
import { z } from 'zod';
import { BasisPoints, Cents } from './money.js';

const count = z.number().int().min(0).max(1_000_000);

export const TierConfig = z.strictObject({
  /** The tier's developer name, the value written to Account.Partner_Tier__c. */
  name: z.string().trim().min(1).max(40),
  label: z.string().trim().min(1).max(80),
  rank: z.number().int().min(1).max(100),
  thresholds: z.strictObject({
    attributedRevenueCents: Cents.min(0),
    wonDeals: count,
    activeCertifications: count,
    registrationsApproved: count,
  }),
  benefits: z.strictObject({
    discountBp: BasisPoints,
    mdfBp: BasisPoints,
    summary: z.string().max(1000).default(''),
  }),
  graceDays: z.number().int().min(0).max(365),
});
export type TierConfig = z.infer<typeof TierConfig>;

export const RegistrationSettings = z.strictObject({
  /** Days an approved registration protects its partner on that customer. */
  protectionDays: z.number().int().min(1).max(730),
  /** Hours a manager has to decide a registration the rules left Submitted. */
  approvalSlaHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  /** Days after which a registration still Submitted (undecided) expires. */
  expiryDays: z.number().int().min(1).max(365),
  /** Registrations and opportunities older than this many days do not conflict. */
  conflictWindowDays: z.number().int().min(1).max(1095),
  /** Match score (0–100) from which two registrations are the same deal. */
  conflictMatchThreshold: z.number().int().min(1).max(100),
  autoApprove: z.boolean(),
  /** Largest estimated amount the rules may approve on their own; null means no limit. */
  autoApproveMaxAmountCents: Cents.min(0).nullable(),
  /** Trailing window over which partner revenue counts for tiers and health. */
  attributionWindowMonths: z.number().int().min(1).max(36),
});
export type RegistrationSettings = z.infer<typeof RegistrationSettings>;

/**
 * The health measures and the unit of each one's thresholds. Money is cents, rates are basis points.
 */
export const HEALTH_MEASURES = {
  Attributed_Revenue: 'cents of won revenue attributed through revenue splits in the window',
  Pipeline: 'cents of open opportunity amount the partner is on',
  Win_Rate: 'basis points of closed deals won in the window',
  Registration_Approval_Rate: 'basis points of decided registrations approved in the window',
  Registration_Speed: 'median hours from submission to decision of its registrations',
  Certifications: 'number of active certifications',
  Certification_Freshness: 'days until the certifications expire',
  Engagement_Recency: 'days since the last recorded engagement',
  Time_To_First_Revenue: 'days from onboarding to the first won deal',
} as const;
export type HealthMeasureName = keyof typeof HEALTH_MEASURES;
export const HealthMeasureName = z.enum(
  Object.keys(HEALTH_MEASURES) as [HealthMeasureName, ...HealthMeasureName[]],
);

export const HealthMeasureConfig = z
  .strictObject({
    measure: HealthMeasureName,
    weight: z.number().int().min(0).max(100),
    /** The value at which the measure earns all its points (in the measure's unit). */
    fullPointsAt: z.number().finite(),
    /** The value at which it earns none; between the two, points are linear. */
    zeroPointsAt: z.number().finite(),
    active: z.boolean(),
  })
  .refine((m) => m.fullPointsAt !== m.zeroPointsAt, {
    message: 'fullPointsAt and zeroPointsAt must differ',
    path: ['fullPointsAt'],
  });
export type HealthMeasureConfig = z.infer<typeof HealthMeasureConfig>;

export const HealthBands = z
  .strictObject({
    greenMin: z.number().int().min(1).max(100),
    yellowMin: z.number().int().min(0).max(100),
  })
  .refine((b) => b.yellowMin < b.greenMin, {
    message: 'yellowMin must be below greenMin',
    path: ['yellowMin'],
  });
export type HealthBands = z.infer<typeof HealthBands>;

export const ProgramConfig = z
  .strictObject({
    tiers: z.array(TierConfig).min(1).max(20),
    registration: RegistrationSettings,
    health: z.strictObject({
      measures: z.array(HealthMeasureConfig).min(1),
      bands: HealthBands,
    }),
  })
  .superRefine((config, ctx) => {
    const byRank = [...config.tiers].sort((a, b) => a.rank - b.rank);
    const seenNames = new Set<string>();
    const seenRanks = new Set<number>();
    config.tiers.forEach((tier, i) => {
      if (seenNames.has(tier.name))
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'name'],
          message: `duplicate tier name "${tier.name}"`,
        });
      if (seenRanks.has(tier.rank))
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'rank'],
          message: `duplicate tier rank ${tier.rank}`,
        });
      seenNames.add(tier.name);
      seenRanks.add(tier.rank);
    });
    // A higher tier that asks for less than a lower one could never be told apart: refuse it.
    for (let k = 1; k < byRank.length; k++) {
      const lower = byRank[k - 1]!;
      const higher = byRank[k]!;
      for (const key of Object.keys(higher.thresholds) as (keyof TierConfig['thresholds'])[]) {
        if (higher.thresholds[key] < lower.thresholds[key]) {
          ctx.addIssue({
            code: 'custom',
            path: ['tiers', config.tiers.indexOf(higher), 'thresholds', key],
            message: `tier "${higher.name}" (rank ${higher.rank}) asks for less ${key} than "${lower.name}" (rank ${lower.rank})`,
          });
        }
      }
    }
    const measures = new Set<string>();
    config.health.measures.forEach((m, i) => {
      if (measures.has(m.measure))
        ctx.addIssue({
          code: 'custom',
          path: ['health', 'measures', i, 'measure'],
          message: `duplicate measure ${m.measure}`,
        });
      measures.add(m.measure);
    });
    const activeWeight = config.health.measures.filter((m) => m.active).reduce((s, m) => s + m.weight, 0);
    if (activeWeight <= 0)
      ctx.addIssue({
        code: 'custom',
        path: ['health', 'measures'],
        message: 'active measures must have a total weight above 0',
      });
  });
export type ProgramConfig = z.infer<typeof ProgramConfig>;

export type ConfigProblem = { readonly setting: string; readonly message: string };
export type ConfigResult = { ok: true; config: ProgramConfig } | { ok: false; problems: ConfigProblem[] };

/** Renders a zod path as the setting an admin would recognise: tiers[2].thresholds.wonDeals. */
export function settingPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc === '' ? String(key) : `${acc}.${String(key)}`;
  }, '');
}

/** Validates a whole program configuration. On failure nothing of it is returned, so nothing half-applies. */
export function validateProgramConfig(input: unknown): ConfigResult {
  const parsed = ProgramConfig.safeParse(input);
  if (parsed.success) {
    const tiers = [...parsed.data.tiers].sort((a, b) => a.rank - b.rank);
    return { ok: true, config: { ...parsed.data, tiers } };
  }
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({
      setting: settingPath(issue.path) || '(root)',
      message: issue.message,
    })),
  };
}

const dollars = (d: number): number => d * 100;

/** The defaults shipped with the package (they mirror the custom metadata records in force-app). */
export const DEFAULT_PROGRAM_CONFIG: ProgramConfig = {
  tiers: [
    {
      name: 'Registered',
      label: 'Registered',
      rank: 1,
      thresholds: {
        attributedRevenueCents: 0,
        wonDeals: 0,
        activeCertifications: 0,
        registrationsApproved: 0,
      },
      benefits: { discountBp: 500, mdfBp: 0, summary: 'Deal registration, partner portal access' },
      graceDays: 0,
    },
    {
      name: 'Silver',
      label: 'Silver',
      rank: 2,
      thresholds: {
        attributedRevenueCents: dollars(100_000),
        wonDeals: 2,
        activeCertifications: 1,
        registrationsApproved: 3,
      },
      benefits: { discountBp: 1000, mdfBp: 100, summary: '10% discount, 1% MDF, co-marketing' },
      graceDays: 60,
    },
    {
      name: 'Gold',
      label: 'Gold',
      rank: 3,
      thresholds: {
        attributedRevenueCents: dollars(500_000),
        wonDeals: 6,
        activeCertifications: 3,
        registrationsApproved: 8,
      },
      benefits: { discountBp: 1500, mdfBp: 200, summary: '15% discount, 2% MDF, named partner manager' },
      graceDays: 90,
    },
    {
      name: 'Platinum',
      label: 'Platinum',
      rank: 4,
      thresholds: {
        attributedRevenueCents: dollars(2_000_000),
        wonDeals: 15,
        activeCertifications: 6,
        registrationsApproved: 20,
      },
      benefits: { discountBp: 2000, mdfBp: 300, summary: '20% discount, 3% MDF, joint business plan' },
      graceDays: 90,
    },
  ],
  registration: {
    protectionDays: 90,
    approvalSlaHours: 48,
    expiryDays: 30,
    conflictWindowDays: 180,
    conflictMatchThreshold: 60,
    autoApprove: true,
    autoApproveMaxAmountCents: dollars(250_000),
    attributionWindowMonths: 12,
  },
  health: {
    measures: [
      {
        measure: 'Attributed_Revenue',
        weight: 25,
        fullPointsAt: dollars(500_000),
        zeroPointsAt: 0,
        active: true,
      },
      { measure: 'Pipeline', weight: 15, fullPointsAt: dollars(1_000_000), zeroPointsAt: 0, active: true },
      { measure: 'Win_Rate', weight: 15, fullPointsAt: 5000, zeroPointsAt: 1000, active: true },
      {
        measure: 'Registration_Approval_Rate',
        weight: 10,
        fullPointsAt: 9000,
        zeroPointsAt: 4000,
        active: true,
      },
      { measure: 'Registration_Speed', weight: 5, fullPointsAt: 24, zeroPointsAt: 240, active: true },
      { measure: 'Certifications', weight: 10, fullPointsAt: 5, zeroPointsAt: 0, active: true },
      { measure: 'Certification_Freshness', weight: 5, fullPointsAt: 180, zeroPointsAt: 0, active: true },
      { measure: 'Engagement_Recency', weight: 10, fullPointsAt: 14, zeroPointsAt: 120, active: true },
      { measure: 'Time_To_First_Revenue', weight: 5, fullPointsAt: 90, zeroPointsAt: 365, active: true },
    ],
    bands: { greenMin: 70, yellowMin: 40 },
  },
};
