// Long-running commands (org start, sync, demo) stop on Ctrl-C or SIGTERM after cleaning up. SfCommand
// installs signal handlers that exit at once (throwing from the handler), so they are replaced here.
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export function untilStopped(): { stopped: Promise<string>; signal: AbortSignal } {
  const controller = new AbortController();
  const stopped = new Promise<string>((resolve) => {
    for (const s of SIGNALS) {
      process.removeAllListeners(s);
      process.once(s, () => {
        controller.abort(new Error(`stopped by ${s}`));
        resolve(s);
      });
    }
  });
  return { stopped, signal: controller.signal };
}
