/**
 * Name + ID number form. The element sends the fields with MetaInfo as its `initData`; the server
 * uses them for InitFaceVerify. In emulator mode the emulator's fictional test identities are
 * listed, each with what InitFaceVerify will answer for it.
 */
// First: captures the address before the element below consumes `response`.
import { INITIAL_HREF } from '../initial-url.js';
import { loadDemoConfig, type TestIdentity } from '../config.js';
import { byId, h, replaceChildren } from '../dom.js';
import { onLangChange, t, type MessageKey } from '../i18n.js';
import { hasVerifyResponse, mountMerchantView } from '../merchant-view.js';
import { mountShell } from '../shell.js';
import { createVerifyElement } from '../verify-element.js';

mountShell('identity');

const CERT_NO = /^\d{17}[\dXx]$/;

/** `110101********1233`: enough to recognise, never the whole number on screen twice. */
function mask(certNo: string): string {
  return certNo.length > 10
    ? `${certNo.slice(0, 6)}${'*'.repeat(certNo.length - 10)}${certNo.slice(-4)}`
    : certNo;
}

const label = (key: MessageKey, attrs: Record<string, string> = {}): HTMLElement =>
  h('label', { ...attrs, 'data-i18n': key }, t(key));

const root = byId('identity-root');
const nameInput = h('input', {
  id: 'cert-name',
  name: 'certName',
  autocomplete: 'name',
  required: true,
  maxlength: 64,
});
const certNoInput = h('input', {
  id: 'cert-no',
  name: 'certNo',
  inputmode: 'text',
  autocomplete: 'off',
  spellcheck: 'false',
  required: true,
  maxlength: 18,
  'aria-describedby': 'cert-no-hint',
});
const formError = h(
  'p',
  { class: 'form-error', role: 'alert', hidden: true, 'data-i18n': 'identity.invalid' },
  t('identity.invalid'),
);
const continueButton = h(
  'button',
  { type: 'submit', class: 'btn btn-primary', 'data-i18n': 'identity.continue' },
  t('identity.continue'),
);
const form = h(
  'form',
  {
    class: 'panel',
    novalidate: true,
    'aria-labelledby': 'form-title',
    'data-testid': 'identity-form',
  },
  h(
    'div',
    { class: 'panel-head' },
    h(
      'h2',
      { class: 'panel-title', id: 'form-title', 'data-i18n': 'identity.formTitle' },
      t('identity.formTitle'),
    ),
  ),
  h(
    'div',
    { class: 'form-grid' },
    h('div', { class: 'field' }, label('identity.name', { for: 'cert-name' }), nameInput),
    h(
      'div',
      { class: 'field' },
      label('identity.certNo', { for: 'cert-no' }),
      certNoInput,
      h(
        'span',
        { class: 'field-hint', id: 'cert-no-hint', 'data-i18n': 'identity.certNoHint' },
        t('identity.certNoHint'),
      ),
    ),
  ),
  formError,
  continueButton,
);

const identitiesBox = h('div');
const card = h('section', {
  class: 'panel verify-card',
  hidden: true,
  'data-testid': 'verify-card',
  'aria-labelledby': 'verify-title',
});
const merchant = h('div');
// The test identities sit right under the form they fill.
root.append(form, card, identitiesBox, merchant);

const element = createVerifyElement();
const who = h('p', { class: 'verify-who', 'data-testid': 'verifying-as' });
const edit = h(
  'button',
  { type: 'button', class: 'btn btn-ghost btn-small', 'data-i18n': 'identity.edit' },
  t('identity.edit'),
);
edit.addEventListener('click', () => {
  card.hidden = true;
  form.hidden = false;
  nameInput.focus();
});
card.append(
  h('h2', { id: 'verify-title', 'data-i18n': 'plain.card' }, t('plain.card')),
  h('div', { class: 'verify-who-row' }, who, edit),
  element,
);

function showCard(identity?: { certName: string; certNo: string }): void {
  form.hidden = true;
  card.hidden = false;
  who.textContent = identity ? `${identity.certName} · ${mask(identity.certNo)}` : '';
  who.hidden = !identity;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const certName = nameInput.value.trim();
  const certNo = certNoInput.value.trim().toUpperCase();
  const valid = certName.length > 0 && CERT_NO.test(certNo);
  formError.hidden = valid;
  nameInput.setAttribute('aria-invalid', String(certName.length === 0));
  certNoInput.setAttribute('aria-invalid', String(!CERT_NO.test(certNo)));
  if (!valid) return;
  element.initData = { certName, certNo };
  showCard({ certName, certNo });
  element.focus();
});

function fill(identity: TestIdentity): void {
  nameInput.value = identity.certName;
  certNoInput.value = identity.certNo;
  formError.hidden = true;
  card.hidden = true;
  form.hidden = false;
  continueButton.focus();
}

void loadDemoConfig().then((config) => {
  const render = (): void => {
    if (!config || config.mode === 'cloud') {
      replaceChildren(
        identitiesBox,
        config ? h('p', { class: 'panel-hint' }, t('identity.cloudNote')) : null,
      );
      return;
    }
    replaceChildren(
      identitiesBox,
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'ids-title', 'data-testid': 'test-identities' },
        h(
          'div',
          { class: 'panel-head' },
          h(
            'div',
            {},
            h('h2', { class: 'panel-title', id: 'ids-title' }, t('identity.testIds')),
            h('p', { class: 'panel-hint' }, t('identity.testIdsLead')),
          ),
        ),
        h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'table' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, t('identity.name')),
                h('th', { scope: 'col' }, t('identity.colCertNo')),
                h('th', { scope: 'col' }, t('identity.colInit')),
                h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('identity.use'))),
              ),
            ),
            h(
              'tbody',
              {},
              config.identities.map((identity) => {
                const use = h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn btn-ghost btn-small',
                    'aria-label': `${t('identity.use')} ${identity.certName}`,
                  },
                  t('identity.use'),
                );
                use.addEventListener('click', () => fill(identity));
                return h(
                  'tr',
                  {},
                  h(
                    'td',
                    {},
                    h('strong', {}, identity.certName),
                    identity.note ? h('div', { class: 'cell-note' }, identity.note) : null,
                  ),
                  h('td', { class: 'mono' }, identity.certNo),
                  h(
                    'td',
                    {},
                    h(
                      'span',
                      {
                        class: `chip ${identity.initCode === '200' ? 'chip-success' : 'chip-warning'}`,
                      },
                      identity.initCode ?? '200',
                    ),
                  ),
                  h('td', { class: 'cell-action' }, use),
                );
              }),
            ),
          ),
        ),
      ),
    );
  };
  render();
  onLangChange(render);
});

// Back from the certify page: show the result straight away, the form stays one click away.
const returned = hasVerifyResponse(INITIAL_HREF);
mountMerchantView(merchant, card, { expectResult: returned });
if (returned) showCard();
