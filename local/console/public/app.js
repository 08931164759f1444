import { render } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { getToken, setToken } from './api.js';
import { parseRoute } from './format.js';
import { html } from './html.js';
import { t } from './i18n.js';
import { ExecutionView } from './views/execution.js';
import { ExecutionsView } from './views/executions.js';
import { LoginView } from './views/login.js';
import { MachinesView } from './views/machines.js';
import { ProgrammeView } from './views/programme.js';

const root = document.getElementById('app');
const refreshSeconds = Number(root.dataset.refresh) || 5;

const NAV = [
  { path: '/', label: t('nav.machines') },
  { path: '/executions', label: t('nav.executions') },
  { path: '/programme', label: t('nav.programme') },
];

function useRoute() {
  const [route, setRoute] = useState(parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

function App() {
  const [token, setTokenState] = useState(getToken());
  const [live, setLive] = useState(true);
  const [announcement, setAnnouncement] = useState('');
  const route = useRoute();

  const signOut = useCallback(() => {
    setToken(undefined);
    setTokenState(null);
  }, []);
  useEffect(() => {
    window.addEventListener('console:unauthenticated', signOut);
    return () => window.removeEventListener('console:unauthenticated', signOut);
  }, [signOut]);

  // After navigating, move focus to the new view's heading so keyboard and screen reader users
  // land on it; not on first load, where the browser's own starting point is expected.
  const firstView = useRef(true);
  useEffect(() => {
    if (firstView.current) {
      firstView.current = false;
      return;
    }
    document.querySelector('main h1')?.focus();
  }, [route.path, route.params.get('arn')]);

  if (!token) {
    return html`<${LoginView}
      onToken=${(value) => {
        setToken(value);
        setTokenState(value);
      }}
    />`;
  }
  const polling = { seconds: refreshSeconds, live, announce: setAnnouncement };
  const view =
    route.path === '/executions'
      ? html`<${ExecutionsView} params=${route.params} polling=${polling} />`
      : route.path === '/execution'
        ? html`<${ExecutionView} arn=${route.params.get('arn')} polling=${polling} />`
        : route.path === '/programme'
          ? html`<${ProgrammeView} polling=${polling} />`
          : html`<${MachinesView} polling=${polling} />`;

  return html`
    <a class="skip-link" href="#main" onClick=${(event) => {
      event.preventDefault();
      document.getElementById('main')?.focus();
    }}>${t('skip')}</a>
    <header class="top">
      <span class="brand">${t('brand')}</span>
      <nav aria-label=${t('nav.main')}>
        <ul>
          ${NAV.map(
            (item) => html`<li>
              <a href=${`#${item.path}`} aria-current=${activeNav(route.path) === item.path ? 'page' : undefined}
                >${item.label}</a
              >
            </li>`,
          )}
        </ul>
      </nav>
      <div class="top-controls">
        <label class="live-toggle">
          <input type="checkbox" checked=${live} onChange=${(event) => setLive(event.currentTarget.checked)} />
          ${t('live', { seconds: refreshSeconds })}
        </label>
        <button type="button" class="secondary" onClick=${signOut}>${t('signOut')}</button>
      </div>
    </header>
    <main id="main" tabindex="-1">${view}</main>
    <p class="sr-only" aria-live="polite" role="status">${announcement}</p>
  `;
}

function activeNav(path) {
  return path === '/execution' ? '/executions' : path;
}

render(html`<${App} />`, root);
