// The one HTML page of the preview, served as is for every record: it holds no data, so nothing untrusted
// is ever written into HTML. The browser adapter (browser/host.ts) fills it through DOM APIs.
export const SHELL_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>PRM record page preview</title>
    <link rel="stylesheet" href="/assets/page.css" />
  </head>
  <body>
    <header class="global-header">
      <span class="app-launcher" aria-hidden="true"></span>
      <span class="app-name">PRM</span>
      <span class="app-sub">Record page preview · local org</span>
    </header>
    <div class="page">
      <nav class="record-picker" aria-label="Records">
        <div class="picker-search">
          <label class="assistive-text" for="record-filter">Filter records</label>
          <input id="record-filter" type="search" placeholder="Filter records…" autocomplete="off" />
        </div>
        <div class="picker-lists">
          <h2 id="opportunity-heading">Opportunities <span class="count" id="opportunity-count"></span></h2>
          <ul id="opportunity-list" aria-labelledby="opportunity-heading"></ul>
          <h2 id="account-heading">Partner accounts <span class="count" id="account-count"></span></h2>
          <ul id="account-list" aria-labelledby="account-heading"></ul>
        </div>
      </nav>
      <main id="record" class="record" aria-live="polite">
        <section class="record-header" aria-labelledby="record-name">
          <div class="record-title">
            <span class="record-icon" id="record-icon" aria-hidden="true"></span>
            <div>
              <p class="object-name" id="object-name">Record</p>
              <h1 id="record-name">Pick a record</h1>
            </div>
          </div>
          <dl class="highlights" id="highlights"></dl>
        </section>
        <div class="columns">
          <div class="column main" id="main-column"></div>
          <div class="column side" id="side-column"></div>
        </div>
      </main>
    </div>
    <div class="toasts" id="toasts" role="status" aria-live="polite"></div>
    <script src="/assets/prm_components.js"></script>
    <script src="/assets/host.js"></script>
  </body>
</html>
`;
