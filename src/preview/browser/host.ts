// The browser half of the preview's host adapter: what the LWC wrappers do in Lightning, over the
// preview's /api. It reads the page's record from the server, sets the components' properties, and turns
// their events into writes. It builds the page with DOM APIs only (textContent, never HTML strings).
import type {
  PrmDecideDetail,
  PrmDealRegistration,
  PrmCosellSplits,
  PrmPartnerHealth,
  PrmRegisterDetail,
  PrmSplitsSaveDetail,
  PrmTierBadge,
} from '../../../components/index.js';
import type { AccountPage } from '../account-page.js';
import type { OpportunityPage } from '../opportunity-page.js';

type RecordLink = { id: string; name: string };

const byId = (id: string): HTMLElement => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`The page has no #${id}.`);
  return el;
};

async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const json = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(json.error ?? `The preview answered ${res.status}.`);
  return json;
}

function toast(variant: 'success' | 'error', text: string): void {
  const el = document.createElement('div');
  el.className = `toast ${variant}`;
  el.textContent = text;
  byId('toasts').append(el);
  setTimeout(() => el.remove(), 6000);
}

function highlight(label: string, value: string | null): HTMLElement {
  const wrap = document.createElement('div');
  const dt = document.createElement('dt');
  dt.textContent = label;
  const dd = document.createElement('dd');
  dd.textContent = value ?? '—';
  wrap.append(dt, dd);
  return wrap;
}

function header(objectName: string, name: string, fields: [string, string | null][]): void {
  byId('object-name').textContent = objectName;
  byId('record-name').textContent = name;
  document.title = `${name} | ${objectName}`;
  byId('highlights').replaceChildren(...fields.map(([l, v]) => highlight(l, v)));
}

function fillList(listId: string, kind: string, records: RecordLink[], current: string): void {
  byId(listId).replaceChildren(
    ...records.map((r) => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = `/${kind}/${encodeURIComponent(r.id)}`;
      a.textContent = r.name;
      if (current === a.pathname) a.setAttribute('aria-current', 'page');
      li.append(a);
      return li;
    }),
  );
}

const money = (cents: number | null) =>
  cents === null ? null : new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(cents / 100);

/** Runs a write, shows its outcome, then reloads the page's data as notifyRecordUpdateAvailable would. */
async function write(run: () => Promise<unknown>, success: string, reload: () => Promise<void>, busy: (on: boolean) => void) {
  busy(true);
  try {
    await run();
    toast('success', success);
  } catch (e) {
    toast('error', e instanceof Error ? e.message : String(e));
  } finally {
    busy(false);
    await reload();
  }
}

async function opportunityPage(id: string): Promise<void> {
  const registration = document.createElement('prm-deal-registration') as PrmDealRegistration;
  const splits = document.createElement('prm-cosell-splits') as PrmCosellSplits;
  registration.loading = true;
  splits.loading = true;
  byId('main-column').replaceChildren(registration);
  byId('side-column').replaceChildren(splits);
  let page: OpportunityPage | null = null;

  const load = async () => {
    try {
      page = await api<OpportunityPage>(`/api/opportunity/${encodeURIComponent(id)}`);
    } catch (e) {
      registration.error = splits.error = e instanceof Error ? e.message : String(e);
      registration.loading = splits.loading = false;
      return;
    }
    const h = page.header;
    header('Opportunity', h.name, [
      ['Account', h.accountName],
      ['Stage', h.stage],
      ['Close date', h.closeDate],
      ['Amount', money(h.amountCents)],
    ]);
    Object.assign(registration, {
      opportunity: page.opportunity,
      partners: page.partners,
      registrations: page.registrations,
      opportunities: page.opportunities,
      currency: page.currency,
      canDecide: true,
      loading: false,
      error: '',
    });
    Object.assign(splits, {
      amountCents: page.opportunity.amountCents ?? null,
      currency: page.currency,
      splits: page.splits,
      partners: page.partners,
      loading: false,
      error: '',
    });
  };

  registration.addEventListener('prm_register', (e: CustomEvent<PrmRegisterDetail>) => {
    void write(() => api('/api/registrations', e.detail), 'Deal registration submitted', load, (on) => (registration.busy = on));
  });
  registration.addEventListener('prm_decide', (e: CustomEvent<PrmDecideDetail>) => {
    const row = page?.registrations.find((r) => r.id === e.detail.registrationId);
    const body = { ...e.detail, ifUnmodifiedSince: row?.lastModified ? new Date(Date.parse(row.lastModified.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))).toISOString() : null };
    void write(() => api('/api/decisions', body), `Registration ${e.detail.decision.toLowerCase()}`, load, (on) => (registration.busy = on));
  });
  splits.addEventListener('prm_splits_save', (e: CustomEvent<PrmSplitsSaveDetail>) => {
    const body = { opportunityId: id, splits: e.detail.splits };
    void write(() => api('/api/splits', body), 'Co-sell splits saved', load, (on) => (splits.saving = on));
  });
  await load();
}

async function accountPage(id: string): Promise<void> {
  const health = document.createElement('prm-partner-health') as PrmPartnerHealth;
  const badge = document.createElement('prm-tier-badge') as PrmTierBadge;
  health.loading = badge.loading = true;
  byId('main-column').replaceChildren(health);
  byId('side-column').replaceChildren(badge);
  try {
    const page = await api<AccountPage>(`/api/account/${encodeURIComponent(id)}`);
    const h = page.header;
    header('Account', h.name, [
      ['Partner type', h.type],
      ['Partner status', h.status],
      ['Website', h.website],
    ]);
    Object.assign(badge, { ...page.badge, loading: false });
    Object.assign(health, { ...page.health, loading: false });
  } catch (e) {
    health.error = badge.error = e instanceof Error ? e.message : String(e);
    health.loading = badge.loading = false;
  }
  // Evidence records open in the preview when they are records it shows.
  health.addEventListener('prm_evidence', (e) => {
    const recordId = e.detail.recordId;
    if (recordId.startsWith('006')) window.location.assign(`/opportunity/${encodeURIComponent(recordId)}`);
  });
}

async function main(): Promise<void> {
  const path = window.location.pathname;
  const lists = api<{ opportunities: RecordLink[]; accounts: RecordLink[] }>('/api/records').then((r) => {
    fillList('opportunity-list', 'opportunity', r.opportunities, path);
    fillList('account-list', 'account', r.accounts, path);
  });
  const [, kind, id] = path.split('/');
  if (kind === 'opportunity' && id) await opportunityPage(id);
  else if (kind === 'account' && id) await accountPage(id);
  await lists;
}

main().catch((e: unknown) => toast('error', e instanceof Error ? e.message : String(e)));
