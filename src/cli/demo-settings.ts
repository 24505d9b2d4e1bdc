// The demo data an org should get (seed and size), chosen at `org start` and used by `deploy --demo-data`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DEMO_SIZES, type DemoSizeName } from '../localorg/demo/generate.js';

export const DEMO_SIZE_NAMES = Object.keys(DEMO_SIZES) as DemoSizeName[];

export const DemoSettings = z.object({
  seed: z.number().int().min(0),
  size: z.enum(DEMO_SIZE_NAMES as [DemoSizeName, ...DemoSizeName[]]),
});
export type DemoSettings = z.infer<typeof DemoSettings>;

export const DEFAULT_DEMO_SETTINGS: DemoSettings = { seed: 42, size: 'small' };

const file = (dir: string): string => join(dir, 'demo-settings.json');

export function saveDemoSettings(dir: string, settings: DemoSettings): void {
  writeFileSync(file(dir), JSON.stringify(DemoSettings.parse(settings)));
}

/** The settings saved in this state directory, if any. */
export function savedDemoSettings(dir: string): DemoSettings | undefined {
  try {
    const parsed = DemoSettings.safeParse(JSON.parse(readFileSync(file(dir), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function loadDemoSettings(dir: string): DemoSettings {
  return savedDemoSettings(dir) ?? DEFAULT_DEMO_SETTINGS;
}
