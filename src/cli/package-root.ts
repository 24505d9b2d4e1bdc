// The package's own folder (where force-app/ and scripts/ are), from src/cli or lib/cli alike.
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
