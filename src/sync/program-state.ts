// Which program rules are in force: the custom metadata read this cycle when valid, else the last valid
// set the store remembers (else the shipped defaults), with every problem reported.
import { z } from 'zod';
import { DEFAULT_PROGRAM_CONFIG, ProgramConfig } from '../domain/config.js';
import type { ConfigProblem } from '../domain/config.js';
import { canonicalJson, hashValue } from '../store/index.js';
import type { JsonValue, Store } from '../store/index.js';
import { readProgram } from './program.js';
import type { ProgramRows } from './program.js';

export type ProgramProblem = ConfigProblem;

export const PROGRAM_KEY = 'program:lastValid';
const Saved = z.object({ hash: z.string(), config: ProgramConfig });

export type ProgramInForce = {
  config: ProgramConfig;
  /** New valid rules to remember (set together with the recompute they cause); undefined if unchanged. */
  save?: JsonValue;
  problems: ProgramProblem[];
};

export async function resolveProgram(
  store: Store,
  rows: ProgramRows | { error: string },
): Promise<ProgramInForce> {
  const saved = await store.getMeta(PROGRAM_KEY, Saved);
  if ('error' in rows) {
    return {
      config: saved?.config ?? DEFAULT_PROGRAM_CONFIG,
      problems: [
        {
          setting: 'custom metadata',
          message: `could not be read (${rows.error}); the last valid rules stay in force`,
        },
      ],
    };
  }
  const reading = readProgram(rows);
  if (!reading.ok) {
    return {
      config: saved?.config ?? DEFAULT_PROGRAM_CONFIG,
      problems: reading.problems.map((p) => ({
        ...p,
        message: `${p.message} (the last valid rules stay in force)`,
      })),
    };
  }
  const hash = hashValue(JSON.parse(canonicalJson(reading.config)));
  if (saved?.hash === hash) return { config: saved.config, problems: [] };
  return {
    config: reading.config,
    save: { hash, config: reading.config } as unknown as JsonValue,
    problems: [],
  };
}
