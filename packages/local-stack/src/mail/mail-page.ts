import type { CaughtMail, MailAddress } from './caught-mail.js';

/** Escapes text for HTML content and for quoted attribute values alike. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The pages carry no script; mail HTML inherits this policy inside its sandboxed frame. */
export const PAGE_CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data: http: https:; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const STYLE = `
  body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem; color: #1d1d1f; }
  h1 { font-size: 1.35rem; } h2 { font-size: 1.05rem; margin-top: 1.5rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
  th { background: #f4f4f6; } a { color: #0645ad; } .muted { color: #666; }
  pre { white-space: pre-wrap; word-break: break-word; background: #f7f7f9; padding: .8rem; border-radius: 4px; }
  iframe { width: 100%; min-height: 28rem; border: 1px solid #ddd; border-radius: 4px; background: #fff; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; } dt { font-weight: 600; } dd { margin: 0; }
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
${body}
</body>
</html>
`;
}

function formatAddress(address: MailAddress): string {
  return address.name ? `${address.name} <${address.address}>` : address.address;
}

function formatAddresses(addresses: readonly MailAddress[]): string {
  return addresses.map(formatAddress).join(', ');
}

function messagePath(id: string): string {
  return `/messages/${encodeURIComponent(id)}`;
}

function apiPath(id: string): string {
  return `/api/messages/${encodeURIComponent(id)}`;
}

export function renderInboxPage(mails: readonly CaughtMail[]): string {
  const rows = mails
    .map(
      (mail) => `<tr>
  <td><a href="${escapeHtml(messagePath(mail.id))}">${escapeHtml(mail.subject || '(no subject)')}</a></td>
  <td>${escapeHtml(mail.from ? formatAddress(mail.from) : (mail.envelope.from ?? ''))}</td>
  <td>${escapeHtml(mail.to.length > 0 ? formatAddresses(mail.to) : mail.envelope.to.join(', '))}</td>
  <td><time datetime="${escapeHtml(mail.receivedAt)}">${escapeHtml(mail.receivedAt)}</time></td>
</tr>`,
    )
    .join('\n');
  const content =
    mails.length === 0
      ? '<p class="muted">No mail caught yet.</p>'
      : `<table>
<thead><tr><th>Subject</th><th>From</th><th>To</th><th>Received</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  return layout(
    'Mail catcher',
    `<h1>Mail catcher</h1>
<p class="muted">${mails.length} message${mails.length === 1 ? '' : 's'}, newest first. JSON at <a href="/api/messages">/api/messages</a>; <code>DELETE /api/messages</code> empties the mailbox.</p>
${content}`,
  );
}

export function renderMessagePage(mail: CaughtMail): string {
  const api = apiPath(mail.id);
  const field = (name: string, value: string) => (value ? `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd>` : '');
  const attachments = mail.attachments
    .map(
      (attachment) =>
        `<li><a href="${escapeHtml(`${api}/attachments/${attachment.index}`)}">${escapeHtml(attachment.filename ?? `attachment ${attachment.index + 1}`)}</a> <span class="muted">${escapeHtml(attachment.contentType)}, ${attachment.size} bytes</span></li>`,
    )
    .join('\n');
  const sections = [
    mail.parseError ? `<p><strong>This message could not be parsed:</strong> ${escapeHtml(mail.parseError)}</p>` : '',
    attachments ? `<h2>Attachments</h2>\n<ul>\n${attachments}\n</ul>` : '',
    // An empty sandbox: no script, no forms, no navigation of this page from the mail.
    mail.html !== null
      ? `<h2>HTML body</h2>\n<iframe sandbox="" referrerpolicy="no-referrer" title="HTML body" srcdoc="${escapeHtml(mail.html)}"></iframe>`
      : '',
    mail.text !== null ? `<h2>Text body</h2>\n<pre>${escapeHtml(mail.text)}</pre>` : '',
  ];
  return layout(
    mail.subject || '(no subject)',
    `<p><a href="/">&larr; All messages</a></p>
<h1>${escapeHtml(mail.subject || '(no subject)')}</h1>
<dl>
${field('From', mail.from ? formatAddress(mail.from) : '')}
${field('To', formatAddresses(mail.to))}
${field('Cc', formatAddresses(mail.cc))}
${field('Date', mail.date ?? '')}
${field('Received', mail.receivedAt)}
${field('Envelope from', mail.envelope.from ?? '')}
${field('Envelope to', mail.envelope.to.join(', '))}
${field('Size', `${mail.size} bytes`)}
</dl>
<p><a href="${escapeHtml(`${api}/raw`)}">Raw message</a> &middot; <a href="${escapeHtml(api)}">JSON</a></p>
${sections.filter(Boolean).join('\n')}`,
  );
}
