// The REST Metadata API's deploy: POST /metadata/deployRequest (multipart: a JSON part with
// {deployOptions} — jsforce names it "entity_content", Salesforce's docs "json" — and the zip as
// "file"), then GET /metadata/deployRequest/{id}[?includeDetails=true] until done.
import { z } from 'zod';
import { ApiError, notFound } from '../errors.js';
import { json, type Ctx, type Reply, type Route } from '../http.js';
import { runDeploy } from '../metadata/deploy.js';
import { deployJobs, deployResult, newDeployJob, type DeployJob } from '../metadata/jobs.js';
import { boundaryOf, parseMultipart } from '../metadata/multipart.js';

const TEST_LEVELS = [
  'NoTestRun',
  'RunSpecifiedTests',
  'RunLocalTests',
  'RunAllTestsInOrg',
  'RunRelevantTests',
] as const;

const DeployOptionsSchema = z.looseObject({
  allowMissingFiles: z.boolean().optional(),
  autoUpdatePackage: z.boolean().optional(),
  checkOnly: z.boolean().optional(),
  ignoreWarnings: z.boolean().optional(),
  performRetrieve: z.boolean().optional(),
  purgeOnDelete: z.boolean().optional(),
  rollbackOnError: z.boolean().optional(),
  runTests: z.array(z.string()).optional(),
  singlePackage: z.boolean().optional(),
  testLevel: z.enum(TEST_LEVELS).optional(),
});

const RequestSchema = z.looseObject({ deployOptions: DeployOptionsSchema.optional() });

function badRequest(message: string): ApiError {
  return new ApiError(400, 'INVALID_MULTIPART_REQUEST', message);
}

function envelope(ctx: Ctx, job: DeployJob, includeDetails: boolean): Record<string, unknown> {
  return {
    id: job.id,
    validatedDeployRequestId: null,
    deployOptions: job.options,
    deployResult: deployResult(ctx.org, job, includeDetails),
    url: `/services/data/v${ctx.version}/metadata/deployRequest/${job.id}`,
  };
}

async function create(ctx: Ctx): Promise<Reply> {
  const boundary = boundaryOf(ctx.header('content-type'));
  if (boundary === undefined)
    throw badRequest('The deploy request must be multipart/form-data with a JSON part and a zip file part');
  const parts = parseMultipart(ctx.body, boundary);
  if (parts === undefined) throw badRequest('Malformed multipart body');
  const file = parts.find((p) => p.name === 'file') ?? parts.find((p) => p.filename !== undefined);
  const options = parts.find(
    (p) =>
      p !== file && (p.contentType?.includes('json') || p.name === 'json' || p.name === 'entity_content'),
  );
  if (file === undefined) throw badRequest("Missing the zip file part named 'file'");
  let raw: unknown = {};
  if (options !== undefined) {
    try {
      raw = JSON.parse(options.data.toString('utf8')) as unknown;
    } catch {
      throw new ApiError(400, 'JSON_PARSER_ERROR', 'The deployOptions part is not valid JSON');
    }
  }
  const parsed = RequestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError(
      400,
      'JSON_PARSER_ERROR',
      `Invalid deployOptions: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
    );
  }
  const deployOptions = parsed.data.deployOptions ?? {};
  const checkOnly = deployOptions.checkOnly ?? false;
  const rollbackOnError = deployOptions.rollbackOnError ?? true;
  const outcome = await runDeploy(ctx.org, file.data, { checkOnly, rollbackOnError });
  const job = newDeployJob(ctx.org, {
    options: { ...deployOptions, checkOnly, rollbackOnError },
    checkOnly,
    rollbackOnError,
    ignoreWarnings: deployOptions.ignoreWarnings ?? false,
    outcome,
  });
  return json(201, envelope(ctx, job, false));
}

function status(ctx: Ctx, [id]: string[]): Reply {
  const job = deployJobs(ctx.org).get(id ?? '');
  if (job === undefined) throw notFound();
  job.polls++;
  return json(200, envelope(ctx, job, ctx.query.get('includeDetails') === 'true'));
}

const route = (method: string, pattern: RegExp, handler: Route['handler']): Route => ({
  method,
  pattern,
  data: true,
  counted: true,
  cls: 'metadata',
  handler,
});

export const metadataRoutes: Route[] = [
  route('POST', /^\/metadata\/deployRequest$/, create),
  route('GET', /^\/metadata\/deployRequest\/([^/]+)$/, status),
];
