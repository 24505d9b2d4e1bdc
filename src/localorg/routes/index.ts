// Every route the local org serves, in one list. Order matters only where patterns overlap: the first
// match wins. Composite dispatches its subrequests through the same router, so a subrequest behaves
// exactly as the call it stands for.
import type { Route } from '../http.js';
import { Router } from '../router.js';
import { authRoutes } from './auth.js';
import { bulkRoutes } from './bulk.js';
import { collectionRoutes } from './collections.js';
import { compositeRoutes } from './composite.js';
import { controlRoutes } from './control.js';
import { limitsRoutes } from './limits.js';
import { metadataRoutes } from './metadata.js';
import { queryRoutes } from './query.js';
import { sobjectRoutes } from './sobjects.js';

/** The routes, with composite bound to a router over this same list. */
export function allRoutes(): Route[] {
  const routes: Route[] = [
    ...authRoutes,
    ...limitsRoutes,
    ...queryRoutes,
    ...sobjectRoutes,
    ...collectionRoutes,
    ...controlRoutes,
    ...metadataRoutes,
    ...bulkRoutes,
  ];
  let router: Router | undefined;
  routes.push(...compositeRoutes(() => (router ??= new Router(routes))));
  return routes;
}

export function buildRouter(): Router {
  return new Router(allRoutes());
}
