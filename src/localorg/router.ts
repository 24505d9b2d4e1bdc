// Finds the route for a method and path. Data API paths carry their version, which any v\d+.\d accepts.
import type { Route } from './http.js';

const DATA_PREFIX = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/;

export type Match = { route: Route; params: string[]; version: string };

export class Router {
  constructor(private readonly routes: Route[]) {}

  /** The route, or the list of methods the path allows (for a 405), or undefined (404). */
  match(method: string, path: string): Match | { allowed: string[] } | undefined {
    const data = DATA_PREFIX.exec(path);
    let version = '63.0';
    let rest = path;
    if (data !== null) {
      version = data[1]!;
      rest = data[2] ?? '/';
      if (rest.length > 1 && rest.endsWith('/')) rest = rest.slice(0, -1);
    }
    const allowed: string[] = [];
    for (const route of this.routes) {
      if (route.data !== (data !== null)) continue;
      const m = route.pattern.exec(rest);
      if (m === null) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      return { route, params: m.slice(1).map((p) => (p === undefined ? '' : decodeURIComponent(p))), version };
    }
    return allowed.length > 0 ? { allowed } : undefined;
  }
}
