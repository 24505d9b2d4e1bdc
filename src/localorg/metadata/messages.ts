// DeployMessage and DeployResult in the shape the REST Metadata API returns them (and SDR reads:
// componentType/fullName/fileName key the file responses, created/changed/success decide the state).

export type DeployMessage = {
  changed: boolean;
  columnNumber: number | null;
  componentType: string;
  created: boolean;
  createdDate: string;
  deleted: boolean;
  fileName: string;
  fullName: string;
  lineNumber: number | null;
  problem: string | null;
  problemType: 'Error' | 'Warning' | null;
  success: boolean;
  forPackageManifestFile: boolean;
  knownPackagingProblem: boolean;
  requiresProductionTestRun: boolean;
};

export type DeployStatus =
  'Pending' | 'InProgress' | 'Succeeded' | 'SucceededPartial' | 'Failed' | 'Canceling' | 'Canceled';

export type Problem = { problem: string; lineNumber?: number | undefined; columnNumber?: number | undefined };

export function message(
  base: { componentType: string; fullName: string; fileName: string; createdDate: string },
  outcome: { problem: Problem } | { created: boolean; changed: boolean },
): DeployMessage {
  const failed = 'problem' in outcome;
  return {
    changed: failed ? false : outcome.changed,
    columnNumber: failed ? (outcome.problem.columnNumber ?? null) : null,
    componentType: base.componentType,
    created: failed ? false : outcome.created,
    createdDate: base.createdDate,
    deleted: false,
    fileName: base.fileName,
    fullName: base.fullName,
    lineNumber: failed ? (outcome.problem.lineNumber ?? null) : null,
    problem: failed ? outcome.problem.problem : null,
    problemType: failed ? 'Error' : null,
    success: !failed,
    forPackageManifestFile: base.fullName === 'package.xml',
    knownPackagingProblem: false,
    requiresProductionTestRun: false,
  };
}
