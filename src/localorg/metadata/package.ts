// A deploy zip as the Metadata API reads it: package.xml (at the root or one folder down, as SDR's
// mdapi-directory deploys put it under "zip/"), the members it names per type, and where each
// member's files live.
import JSZip from 'jszip';
import { list, parseXml, rootOf, text, texts } from './xml.js';

export type TypeInfo = {
  dir: string;
  /** File suffix for single-file components; absent for bundles (a folder per component). */
  suffix?: string;
  /** Child types live inside their parent's file under this element. */
  parent?: { type: string; element: string };
};

const CHILD = (element: string): TypeInfo => ({
  dir: 'objects',
  suffix: '.object',
  parent: { type: 'CustomObject', element },
});

/** The Metadata API types the local org accepts, with their mdapi folder and suffix. */
export const TYPES: Record<string, TypeInfo> = {
  CustomObject: { dir: 'objects', suffix: '.object' },
  CustomField: CHILD('fields'),
  ValidationRule: CHILD('validationRules'),
  ListView: CHILD('listViews'),
  CompactLayout: CHILD('compactLayouts'),
  RecordType: CHILD('recordTypes'),
  WebLink: CHILD('webLinks'),
  FieldSet: CHILD('fieldSets'),
  BusinessProcess: CHILD('businessProcesses'),
  CustomMetadata: { dir: 'customMetadata', suffix: '.md' },
  PermissionSet: { dir: 'permissionsets', suffix: '.permissionset' },
  PermissionSetGroup: { dir: 'permissionsetgroups', suffix: '.permissionsetgroup' },
  Profile: { dir: 'profiles', suffix: '.profile' },
  CustomPermission: { dir: 'customPermissions', suffix: '.customPermission' },
  LightningComponentBundle: { dir: 'lwc' },
  AuraDefinitionBundle: { dir: 'aura' },
  StaticResource: { dir: 'staticresources', suffix: '.resource' },
  Layout: { dir: 'layouts', suffix: '.layout' },
  CustomTab: { dir: 'tabs', suffix: '.tab' },
  CustomApplication: { dir: 'applications', suffix: '.app' },
  FlexiPage: { dir: 'flexipages', suffix: '.flexipage' },
  Flow: { dir: 'flows', suffix: '.flow' },
  ApexClass: { dir: 'classes', suffix: '.cls' },
  ApexTrigger: { dir: 'triggers', suffix: '.trigger' },
  GlobalValueSet: { dir: 'globalValueSets', suffix: '.globalValueSet' },
  CustomLabels: { dir: 'labels', suffix: '.labels' },
  QuickAction: { dir: 'quickActions', suffix: '.quickAction' },
};

export type Manifest = { types: [string, string[]][]; version: string | undefined };

export type DeployPackage = {
  /** Prefix of every path in the zip ("" or "zip/"): reported file names keep it, as Salesforce's do. */
  root: string;
  /** Files by path relative to the root. */
  files: Map<string, Buffer>;
  manifest: Manifest;
};

export type PackageError = {
  error: string;
  problem?: { problem: string; lineNumber?: number; columnNumber?: number };
};

export async function readPackage(zipBuffer: Buffer): Promise<DeployPackage | PackageError> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(zipBuffer);
  } catch {
    return { error: 'The deploy file is not a valid zip file' };
  }
  const paths = Object.keys(zip.files).filter((p) => !zip.files[p]!.dir);
  const manifestPath = paths
    .filter((p) => /(^|\/)package\.xml$/.test(p) && p.split('/').length <= 2)
    .sort((a, b) => a.length - b.length)[0];
  if (manifestPath === undefined) return { error: 'No package.xml found' };
  const root = manifestPath.slice(0, -'package.xml'.length);
  const files = new Map<string, Buffer>();
  for (const p of paths) {
    if (!p.startsWith(root)) continue;
    files.set(p.slice(root.length), await zip.file(p)!.async('nodebuffer'));
  }
  const parsed = parseXml(files.get('package.xml')!.toString('utf8'));
  if (!('doc' in parsed)) return { error: 'package.xml is not valid', problem: parsed };
  const [rootName, pkg] = rootOf(parsed.doc) ?? ['', {}];
  if (rootName !== 'Package') return { error: 'package.xml must have a Package root element' };
  const types: [string, string[]][] = list(pkg['types']).map((t) => [
    text(t['name']) ?? '',
    texts(t['members']),
  ]);
  return { root, files, manifest: { types, version: text(pkg['version']) } };
}

/** Members named "*" expand to every component of that type in the zip. */
export function expandWildcard(pkg: DeployPackage, type: string): string[] {
  const info = TYPES[type];
  if (info === undefined || info.parent !== undefined) return [];
  const names = new Set<string>();
  for (const path of pkg.files.keys()) {
    if (!path.startsWith(`${info.dir}/`)) continue;
    const rest = path.slice(info.dir.length + 1);
    if (info.suffix === undefined) {
      const slash = rest.indexOf('/');
      if (slash > 0) names.add(rest.slice(0, slash));
    } else if (rest.endsWith(info.suffix) && !rest.includes('/')) {
      names.add(rest.slice(0, -info.suffix.length));
    }
  }
  return [...names].sort();
}

/** The files of one component, relative to the package root (empty when it is missing from the zip). */
export function componentFiles(pkg: DeployPackage, type: string, member: string): string[] {
  const info = TYPES[type]!;
  if (info.parent !== undefined) {
    const parent = member.slice(0, member.indexOf('.'));
    const path = `${info.dir}/${parent}${info.suffix}`;
    return pkg.files.has(path) ? [path] : [];
  }
  if (info.suffix === undefined) {
    return [...pkg.files.keys()].filter((p) => p.startsWith(`${info.dir}/${member}/`)).sort();
  }
  const main = `${info.dir}/${member}${info.suffix}`;
  return [main, `${main}-meta.xml`].filter((p) => pkg.files.has(p));
}
