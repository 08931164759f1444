import { useEffect, useRef } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';

/** A modal `<dialog>`: focus moves into it, Escape cancels, focus returns where it was. */
export function ConfirmDialog({ open, title, body, confirmLabel, danger, onConfirm, onCancel }) {
  const dialog = useRef(null);
  const returnFocus = useRef(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      returnFocus.current = document.activeElement;
      element.showModal();
    } else if (!open && element.open) {
      element.close();
      returnFocus.current?.focus?.();
    }
  }, [open]);
  return html`<dialog ref=${dialog} aria-labelledby="confirm-title" aria-describedby="confirm-body" onCancel=${onCancel}>
    <h2 id="confirm-title">${title}</h2>
    <p id="confirm-body">${body}</p>
    <div class="actions">
      <button type="button" class=${danger ? 'danger' : ''} onClick=${onConfirm}>${confirmLabel}</button>
      <button type="button" class="secondary" onClick=${onCancel} autofocus>${t('confirm.cancel')}</button>
    </div>
  </dialog>`;
}
