import { useState } from 'preact/hooks';
import { ApiError, api } from '../api.js';
import { html } from '../html.js';
import { t } from '../i18n.js';

/** Asks for an operator token (pasted; kept in sessionStorage only) and checks it before use. */
export function LoginView({ onToken }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event) => {
    event.preventDefault();
    const token = value.trim();
    if (!token) {
      setError(t('login.empty'));
      return;
    }
    setBusy(true);
    try {
      await api('/session', { token });
      onToken(token);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : t('login.unreachable'));
    } finally {
      setBusy(false);
    }
  };

  return html`
    <main id="main" class="login">
      <h1 tabindex="-1">${t('brand')}</h1>
      <p>
        ${t('login.intro')} ${t('login.local')} <code>npm run token -- --role operator</code>
      </p>
      <form onSubmit=${submit} novalidate>
        <label for="token">${t('login.label')}</label>
        <textarea
          id="token"
          name="token"
          rows="4"
          autocomplete="off"
          spellcheck="false"
          aria-describedby=${error ? 'token-error' : 'token-help'}
          aria-invalid=${error ? 'true' : undefined}
          value=${value}
          onInput=${(event) => setValue(event.currentTarget.value)}
        ></textarea>
        <p id="token-help" class="hint">${t('login.help')}</p>
        ${error && html`<p id="token-error" class="error-text" role="alert">${error}</p>`}
        <button type="submit" disabled=${busy}>${busy ? t('login.checking') : t('login.submit')}</button>
      </form>
    </main>
  `;
}
