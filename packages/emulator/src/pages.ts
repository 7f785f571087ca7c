import { html, raw, type SafeHtml } from './html.js';
import { IFRAME_MESSAGE_FORMS, IFRAME_RETURN_URL, POST_RESULT_PATH } from './iframe.js';
import type { IframeMessageForm } from './iframe.js';
import type { TestIdentity } from './identity.js';
import { OUTCOMES, type Outcome } from './outcomes.js';
import type { VerificationRecord } from './store.js';

/** Path of the stylesheet every page links. */
export const STYLESHEET_PATH = '/certify/assets/certify.css';

const LOGO = raw(
  '<svg width="28" height="28" viewBox="0 0 28 28" aria-hidden="true" focusable="false">' +
    '<rect x="1" y="1" width="26" height="26" rx="7" fill="none" stroke="currentColor" stroke-width="2"/>' +
    '<circle cx="14" cy="12" r="5" fill="none" stroke="currentColor" stroke-width="2"/>' +
    '<path d="M6 24c1.5-4 4.5-6 8-6s6.5 2 8 6" fill="none" stroke="currentColor" stroke-width="2"/></svg>',
);

const FACE = raw(
  '<svg class="face" width="160" height="160" viewBox="0 0 160 160" role="img" ' +
    'aria-label="模拟的取景框 Simulated camera frame">' +
    '<circle cx="80" cy="80" r="76" fill="#f2f3f5" stroke="#c44d00" stroke-width="4" stroke-dasharray="12 8"/>' +
    '<ellipse cx="80" cy="72" rx="30" ry="36" fill="none" stroke="#4e5969" stroke-width="3"/>' +
    '<path d="M38 140c8-20 24-30 42-30s34 10 42 30" fill="none" stroke="#4e5969" stroke-width="3"/></svg>',
);

/** A complete page. `title` and `body` are escaped or already-safe markup. */
export function layout(title: string, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>${title}</title>
        <link rel="stylesheet" href="${STYLESHEET_PATH}" />
      </head>
      <body>
        <header class="banner">
          本地模拟器，非阿里云真实服务 · Local emulator, not the real Alibaba Cloud service
        </header>
        <main>
          <div class="card">
            <div class="brand">${LOGO}<span>实人认证 · ID Verification</span></div>
            ${body}
          </div>
        </main>
      </body>
    </html> `.toString();
}

/** The consent / guide step the real hosted page shows before the camera starts. */
export function consentPage(record: VerificationRecord, error?: string): string {
  const action = `/certify/${record.token}/consent`;
  return layout(
    '实人认证 · 授权确认',
    html`<h1>开始实人认证</h1>
      <p>
        为确认是您本人操作，接下来将采集您的人脸图像，与权威数据源比对。Next, your face is captured
        and compared with an authoritative source to confirm it is you.
      </p>
      <h2>拍摄提示 · Tips</h2>
      <ul class="tips">
        <li>光线充足，正对屏幕 · Good light, face the screen</li>
        <li>不要遮挡面部 · Keep your face uncovered</li>
        <li>
          ${record.certifyUrlType === 'WEB' ? '电脑端请确认摄像头可用 · On a computer, make sure a camera is available' : '请允许使用摄像头 · Allow camera access when asked'}
        </li>
      </ul>
      <details>
        <summary>《人脸验证服务协议》 Face verification terms</summary>
        <p>
          本页面由本地模拟器提供，仅用于开发和测试，不采集任何真实图像。This page comes from a local
          emulator for development and testing; no real image is captured.
        </p>
      </details>
      <form method="post" action="${action}">
        <input type="hidden" name="formKey" value="${record.formKey}" />
        ${error === undefined ? '' : html`<p class="error" role="alert" id="consent-error">${error}</p>`}
        <div class="agree">
          <input
            type="checkbox"
            id="agree"
            name="agree"
            value="yes"
            required${error === undefined ? '' : raw(' aria-describedby="consent-error" aria-invalid="true"')}
          />
          <label for="agree"
            >我已阅读并同意《人脸验证服务协议》 · I agree to the face verification terms</label
          >
        </div>
        <button type="submit" class="primary" name="decision" value="agree">
          同意并开始认证 · Agree and start
        </button>
        <button type="submit" class="secondary" name="decision" value="exit" formnovalidate>
          退出认证 · Exit
        </button>
      </form>`,
  );
}

function outcomeButton(outcome: Outcome): SafeHtml {
  const tone =
    outcome.verdict?.passed === true ? 'ok' : outcome.verdict !== undefined ? 'fail' : 'stop';
  const detail = [
    `code ${outcome.code}`,
    outcome.verdict ? `SubCode ${outcome.verdict.subCode}` : undefined,
    outcome.subCode,
  ]
    .filter((part): part is string => part !== undefined)
    .join(' · ');
  return html`<button type="submit" name="outcome" value="${outcome.id}" class="outcome ${tone}">
    <span>${outcome.label} (${outcome.labelEn})</span><span class="code">${detail}</span>
  </button> `;
}

const MESSAGE_FORM_LABELS: Record<IframeMessageForm, string> = {
  object: '对象 · Object',
  json: 'JSON 字符串 · JSON string',
  encoded: 'URL 编码的 JSON 字符串 · URL-encoded JSON string',
};

/** iframe mode only: which form the result message takes (the real form is not documented). */
function messageFormChoice(selected: IframeMessageForm): SafeHtml {
  return html`<fieldset>
    <legend>结果消息格式（仅模拟器） · Message form (emulator only)</legend>
    ${IFRAME_MESSAGE_FORMS.map(
      (form) =>
        html`<label class="choice"
          ><input
            type="radio"
            name="messageForm"
            value="${form}"
            ${form === selected ? raw('checked') : ''}
          />${MESSAGE_FORM_LABELS[form]}</label
        >`,
    )}
  </fieldset>`;
}

/**
 * The simulated scan: a tester (or Playwright) picks the result the service will report. In
 * iframe mode also the form the result message takes, `messageForm` preselected.
 */
export function scanPage(record: VerificationRecord, messageForm: IframeMessageForm): string {
  const verdicts = OUTCOMES.filter((o) => o.verdict !== undefined);
  const interruptions = OUTCOMES.filter((o) => o.verdict === undefined);
  const framed = record.returnUrl === IFRAME_RETURN_URL;
  return layout(
    '实人认证 · 模拟刷脸',
    html`<h1>模拟刷脸 · Simulated face scan</h1>
      ${FACE}
      ${
        framed
          ? html`<p>
              选择认证结果，页面将通过 <code>postMessage</code> 把结果发给上层页面。Pick the result;
              the page posts it to the parent page.
            </p>`
          : html`<p>
              选择认证结果，页面将跳回商户并携带 <code>response</code>。Pick the result; the page
              returns to the merchant with <code>response</code>.
            </p>`
      }
      <form method="post" action="/certify/${record.token}/complete">
        <input type="hidden" name="formKey" value="${record.formKey}" />
        ${framed ? messageFormChoice(messageForm) : ''}
        <fieldset>
          <legend>认证结果 · Results (queryable)</legend>
          ${verdicts.map(outcomeButton)}
        </fieldset>
        <fieldset>
          <legend>认证中断 · Interruptions</legend>
          ${interruptions.map(outcomeButton)}
        </fieldset>
      </form>
      <p class="meta">CertifyId: ${record.certifyId}</p>`,
  );
}

/**
 * iframe mode's last page: shows what it posts and runs the script that posts it to the parent
 * (`message` is the object, or the string, exactly as posted).
 */
export function resultSentPage(form: IframeMessageForm, message: unknown): string {
  const text = typeof message === 'string' ? message : JSON.stringify(message);
  return layout(
    '实人认证 · 结果',
    html`<h1>认证结束 · Verification finished</h1>
      <p id="verify-result" role="status" data-form="${form}" data-message="${text}">
        正在发送结果… · Sending the result…
      </p>
      <p>${MESSAGE_FORM_LABELS[form]}:</p>
      <pre class="message">${text}</pre>
      <script src="${POST_RESULT_PATH}"></script>`,
  );
}

/** Why a certify page cannot be used. */
export type PageProblem = 'not-found' | 'expired' | 'used' | 'bad-request';

const PROBLEMS: Record<PageProblem, { status: number; title: string; text: string }> = {
  'not-found': {
    status: 404,
    title: '认证链接无效 · Invalid link',
    text: '找不到这个认证链接，请回到商户页面重新发起认证。This verification link does not exist; start again from the merchant page.',
  },
  expired: {
    status: 410,
    title: '认证链接已过期 · Link expired',
    text: '认证链接的有效期为 30 分钟，请回到商户页面重新发起认证。Verification links are valid for 30 minutes; start again from the merchant page.',
  },
  used: {
    status: 410,
    title: '认证链接已使用 · Link already used',
    text: '每个认证链接只能使用一次，请回到商户页面重新发起认证。Each verification link works once; start again from the merchant page.',
  },
  'bad-request': {
    status: 400,
    title: '请求无效 · Bad request',
    text: '表单已失效，请刷新页面后重试。The form is no longer valid; reload the page and try again.',
  },
};

/**
 * The last page of an Alipay verification without a returnUrl (the in-app flow): Alipay's own
 * container takes over. Framed by a stand-in bridge, it posts `{ type: 'alipay-container',
 * resultStatus, result }` to the parent, as the app would hand the bridge's callback.
 */
export function donePage(outcome: Outcome, resultStatus: string, certifyId: string): string {
  const passed = outcome.verdict?.passed === true;
  const message = JSON.stringify({
    type: 'alipay-container',
    resultStatus,
    result: resultStatus === '4000' ? null : { certifyId },
  });
  return layout(
    '实人认证 · 已结束',
    html`<h1>认证已结束 · Verification finished</h1>
      <p id="verify-result" role="status" data-form="object" data-message="${message}">
        ${passed ? '已提交，请返回商户页面查看结果。' : '未完成认证，请返回商户页面重试。'}
        ${
          passed
            ? 'Submitted: go back to the merchant page for the result.'
            : 'Not completed: go back to the merchant page to try again.'
        }
      </p>
      <script src="${POST_RESULT_PATH}"></script>`,
  );
}

/** Status and markup for a page that cannot proceed. */
export function problemPage(problem: PageProblem): { status: number; body: string } {
  const p = PROBLEMS[problem];
  return {
    status: p.status,
    body: layout(
      p.title,
      html`<h1>${p.title}</h1>
        <p>${p.text}</p>`,
    ),
  };
}

/** The emulator's front page: what it serves and the documented test identities. */
export function indexPage(info: {
  accessKeyId: string;
  sceneIds: readonly string[];
  identities: readonly TestIdentity[];
}): string {
  return layout(
    'aliyun-face-verify emulator',
    html`<h1>ID Verification emulator</h1>
      <p>
        OpenAPI endpoint (ACS3-HMAC-SHA256 and v1 HMAC-SHA1): <code>POST /</code>, version
        <code>2019-03-07</code>, actions <code>InitFaceVerify</code> and
        <code>DescribeFaceVerify</code>; and SAF version <code>2017-03-31</code>, action
        <code>ExecuteRequest</code> with <code>Service=fin_face_verify</code> (Alipay H5).
      </p>
      <p>
        AccessKeyId <code>${info.accessKeyId}</code> · SceneId
        ${info.sceneIds.map((id, i) => html`${i > 0 ? ', ' : ''}<code>${id}</code>`)}
      </p>
      <p>
        Script: <a href="/web_sdk_js/jsvm_all.js"><code>/web_sdk_js/jsvm_all.js</code></a>
      </p>
      <h2>Test identities</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">CertName</th>
            <th scope="col">CertNo</th>
            <th scope="col">InitFaceVerify</th>
          </tr>
        </thead>
        <tbody>
          ${info.identities.map(
            (t) =>
              html`<tr>
                <td>${t.certName}</td>
                <td><code>${t.certNo}</code></td>
                <td>${t.initCode}</td>
              </tr>`,
          )}
        </tbody>
      </table>`,
  );
}
