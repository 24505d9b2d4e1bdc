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

type RecordLink = { id: string; name: string; detail?: string };
type Highlight = [label: string, value: string | Node | null];

const SVG = 'http://www.w3.org/2000/svg';
// The SLDS standard icons, drawn small: a crown for Opportunity, a building for Account.
const ICONS = {
  opportunity: { colour: 'opportunity', d: 'M2 5l3 3 3-5 3 5 3-3-1 6.5H3zM3 12.5h10V14H3z' },
  account: {
    colour: 'account',
    d: 'M3 14V2h7v4h3v8zM5 4v1.5h1.5V4zm2.5 0v1.5H9V4zM5 7v1.5h1.5V7zm2.5 0v1.5H9V7zM5 10v1.5h1.5V10zm2.5 0v1.5H9V10zm3-2v1.5H12V8zm0 2.5V12H12v-1.5z',
  },
} as const;

const byId = (id: string): HTMLElement => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`The page has no #${id}.`);
  return el;
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

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
  const node = el('div', `toast ${variant}`, text);
  byId('toasts').append(node);
  setTimeout(() => node.remove(), 6000);
}

function field(label: string, value: string | Node | null): HTMLElement {
  const wrap = el('div', 'field');
  const dd = el('dd');
  if (value instanceof Node) dd.append(value);
  else dd.textContent = value ?? '—';
  wrap.append(el('dt', '', label), dd);
  return wrap;
}

function recordIcon(kind: keyof typeof ICONS): void {
  const icon = ICONS[kind];
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', icon.d);
  path.setAttribute('fill-rule', 'evenodd');
  svg.append(path);
  const badge = byId('record-icon');
  badge.className = `record-icon ${icon.colour}`;
  badge.replaceChildren(svg);
}

function header(kind: keyof typeof ICONS, objectName: string, name: string, fields: Highlight[]): void {
  recordIcon(kind);
  byId('object-name').textContent = objectName;
  byId('record-name').textContent = name;
  document.title = `${name} | ${objectName}`;
  byId('highlights').replaceChildren(...fields.map(([l, v]) => field(l, v)));
}

/** A plain Lightning card (title and a list of fields), for record data no component shows. */
function detailsCard(title: string, fields: Highlight[]): HTMLElement {
  const card = el('section', 'card details');
  const id = `card-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  const h2 = el('h2', '', title);
  h2.id = id;
  card.setAttribute('aria-labelledby', id);
  const dl = el('dl');
  dl.append(...fields.map(([l, v]) => field(l, v)));
  card.append(h2, dl);
  return card;
}

function fillList(kind: string, records: RecordLink[], current: string): void {
  byId(`${kind}-count`).textContent = `(${records.length})`;
  byId(`${kind}-list`).replaceChildren(
    ...records.map((r) => {
      const li = el('li');
      const a = el('a');
      a.href = `/${kind}/${encodeURIComponent(r.id)}`;
      a.append(el('span', 'link-name', r.name));
      if (r.detail) a.append(el('span', 'link-detail', r.detail));
      if (current === a.pathname) a.setAttribute('aria-current', 'page');
      li.append(a);
      return li;
    }),
  );
  byId(`${kind}-list`).querySelector('[aria-current="page"]')?.scrollIntoView({ block: 'nearest' });
}

/** Narrows both lists to the records whose name or detail contains the text typed. */
function filterLists(text: string): void {
  const needle = text.trim().toLowerCase();
  for (const kind of ['opportunity', 'account']) {
    let shown = 0;
    const items = byId(`${kind}-list`).querySelectorAll('li');
    for (const li of items) {
      const hit = needle === '' || (li.textContent ?? '').toLowerCase().includes(needle);
      li.hidden = !hit;
      if (hit) shown++;
    }
    byId(`${kind}-count`).textContent = needle === '' ? `(${items.length})` : `(${shown} of ${items.length})`;
  }
}

const money = (cents: number | null, currency = 'USD') =>
  cents === null ? null : new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(cents / 100);

const date = (iso: string | null) =>
  iso === null ? null : new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));

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
  // As on a Lightning record page: the editable related data in the main column, the status card beside it.
  byId('main-column').replaceChildren(splits);
  byId('side-column').replaceChildren(registration);
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
    // The registration the card shows first: this opportunity's latest one.
    const own = page.registrations.find((r) => r.opportunityId === id);
    const partnerName = page.partners.find((p) => p.id === own?.partnerId)?.name;
    header('opportunity', 'Opportunity', h.name, [
      ['Account name', h.accountName],
      ['Stage', h.stage],
      ['Close date', date(h.closeDate)],
      ['Amount', money(h.amountCents, page.currency)],
      ['Deal registration', own ? `${partnerName ?? 'A partner'} · ${own.status}` : null],
      ['Co-sell splits', String(page.splits.length)],
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
  byId('side-column').replaceChildren();
  header('account', 'Account', 'Loading…', [['Tier', badge]]);
  try {
    const page = await api<AccountPage>(`/api/account/${encodeURIComponent(id)}`);
    const h = page.header;
    const tier = page.health.tier;
    header('account', 'Partner account', h.name, [
      ['Tier and health', badge],
      ['Partner type', h.type],
      ['Partner status', h.status],
      ['Website', h.website],
    ]);
    Object.assign(badge, { ...page.badge, loading: false });
    Object.assign(health, { ...page.health, loading: false });
    byId('side-column').replaceChildren(
      detailsCard('Partner details', [
        ['Partner type', h.type],
        ['Partner status', h.status],
        ['Tier', tier?.label ?? null],
        ['Tier since', date(tier?.since ?? null)],
        ['Grace period until', date(tier?.graceUntil ?? null)],
        ['Next tier', page.health.nextTier?.label ?? null],
        ['Health score', page.badge.score === null ? null : `${Math.round(page.badge.score)} (${page.badge.band ?? 'no band'})`],
        ['Website', h.website],
      ]),
    );
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
  const filter = byId('record-filter') as HTMLInputElement;
  filter.addEventListener('input', () => filterLists(filter.value));
  const lists = api<{ opportunities: RecordLink[]; accounts: RecordLink[] }>('/api/records').then((r) => {
    fillList('opportunity', r.opportunities, path);
    fillList('account', r.accounts, path);
  });
  const [, kind, id] = path.split('/');
  if (kind === 'opportunity' && id) await opportunityPage(id);
  else if (kind === 'account' && id) await accountPage(id);
  else byId('main-column').replaceChildren(el('p', 'card empty', 'Pick an opportunity or a partner account from the list.'));
  await lists;
}

main().catch((e: unknown) => toast('error', e instanceof Error ? e.message : String(e)));
