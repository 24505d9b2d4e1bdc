// Finds the Chromium that browser suites drive (CHROME_PATH, then Debian's /usr/bin/chromium). On a Debian
// machine where we are root it installs Debian's package; anywhere else it says exactly what to install.
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function findChromium({ install = true } = {}) {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium'].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (found) return found;
  const debian = existsSync('/etc/debian_version');
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (install && debian && root) {
    console.error('Chromium is missing: installing Debian package "chromium" (apt-get install -y chromium)…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  const os = existsSync('/etc/os-release')
    ? readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]*)/m)?.[1]
    : process.platform;
  throw new Error(
    `No Chromium found for the browser tests (looked at CHROME_PATH and /usr/bin/chromium on ${os ?? 'this machine'}).\n` +
      'Install it, then run the tests again:\n' +
      '  Debian/Ubuntu:  sudo apt-get install -y chromium\n' +
      '  elsewhere:      install Chromium or Chrome and set CHROME_PATH=/path/to/chrome',
  );
}
