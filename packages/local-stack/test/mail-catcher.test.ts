import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport, type SendMailOptions } from 'nodemailer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMailCatcher, type CaughtMail, type MailCatcher } from '../src/mail/index.js';
import { LOOPBACK, freePort } from '../src/net/ports.js';

const CSV = 'id,amount\n42,12.50\n';
const PDF = Buffer.from('%PDF-1.7\n% receipt 42\n\x00\x01\x02\xff', 'latin1');

async function start(options: { directory?: string; maxMessageBytes?: number } = {}): Promise<MailCatcher> {
  return startMailCatcher({ smtpPort: await freePort(), httpPort: await freePort(), ...options });
}

async function send(catcher: MailCatcher, message: SendMailOptions): Promise<void> {
  const transport = createTransport({ host: LOOPBACK, port: catcher.smtpPort, secure: false, ignoreTLS: true });
  try {
    await transport.sendMail(message);
  } finally {
    transport.close();
  }
}

async function getJson<T>(catcher: MailCatcher, path: string): Promise<{ status: number; contentType: string; body: T }> {
  const response = await fetch(`${catcher.httpUrl}${path}`);
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: (await response.json()) as T };
}

/** Talks SMTP by hand: writes each line, then waits for the server to answer before the next. */
async function rawSmtp(port: number, steps: readonly (string | Buffer)[], closeAbruptly: boolean): Promise<string> {
  const socket = connect({ host: LOOPBACK, port });
  let transcript = '';
  let waiting: (() => void) | undefined;
  socket.on('data', (chunk: Buffer) => {
    transcript += chunk.toString('latin1');
    waiting?.();
  });
  socket.on('error', () => undefined);
  const reply = () => new Promise<void>((resolve) => (waiting = resolve));
  await reply();
  for (const step of steps) {
    const answered = reply();
    socket.write(step);
    await Promise.race([answered, new Promise((resolve) => setTimeout(resolve, 200))]);
  }
  if (closeAbruptly) socket.destroy();
  else socket.end();
  return transcript;
}

describe('the mail catcher', () => {
  let catcher: MailCatcher;
  beforeAll(async () => {
    catcher = await start();
  });
  afterAll(async () => {
    await catcher?.stop();
  });
  afterEach(() => catcher.clear());

  it('catches a plain text message for several recipients, envelope and Bcc included', async () => {
    await send(catcher, {
      from: '"Note bot" <noreply@ndf.test>',
      to: ['alice@acme.test', '"Bob B." <bob@acme.test>'],
      cc: 'carol@acme.test',
      bcc: 'audit@acme.test',
      subject: 'Your note was approved',
      text: 'Note 42 approved.\nAmount: 12.50 EUR',
    });

    const { status, contentType, body: list } = await getJson<CaughtMail[]>(catcher, '/api/messages');
    expect(status).toBe(200);
    expect(contentType).toContain('application/json');
    expect(list).toHaveLength(1);
    const mail = list[0]!;
    expect(mail).toMatchObject({
      subject: 'Your note was approved',
      from: { name: 'Note bot', address: 'noreply@ndf.test' },
      to: [
        { name: '', address: 'alice@acme.test' },
        { name: 'Bob B.', address: 'bob@acme.test' },
      ],
      cc: [{ name: '', address: 'carol@acme.test' }],
      envelope: { from: 'noreply@ndf.test', to: ['alice@acme.test', 'bob@acme.test', 'carol@acme.test', 'audit@acme.test'] },
      html: null,
      attachments: [],
      parseError: null,
    });
    expect(mail.text).toContain('Note 42 approved.\nAmount: 12.50 EUR');
    expect(Date.parse(mail.receivedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(mail.headers).toContainEqual({ key: 'subject', value: 'Your note was approved' });

    const one = await getJson<CaughtMail>(catcher, `/api/messages/${mail.id}`);
    expect(one.body).toEqual(mail);
    expect(catcher.messages()).toEqual([mail]);
  });

  it('keeps the HTML body and serves attachments and the raw message for download', async () => {
    await send(catcher, {
      from: 'noreply@ndf.test',
      to: 'alice@acme.test',
      subject: 'Receipt attached',
      text: 'See the receipt.',
      html: '<p>See the <b>receipt</b>.</p>',
      attachments: [
        { filename: 'reçu 42.pdf', content: PDF, contentType: 'application/pdf' },
        { filename: 'notes.csv', content: CSV, contentType: 'text/csv' },
      ],
    });
    const mail = await catcher.waitFor((m) => m.subject === 'Receipt attached');
    expect(mail.html?.trim()).toBe('<p>See the <b>receipt</b>.</p>');
    expect(mail.attachments).toEqual([
      expect.objectContaining({ index: 0, filename: 'reçu 42.pdf', contentType: 'application/pdf', size: PDF.length }),
      expect.objectContaining({ index: 1, filename: 'notes.csv', contentType: 'text/csv', size: CSV.length }),
    ]);
    expect(JSON.stringify(await getJson(catcher, '/api/messages'))).not.toContain(PDF.toString('base64'));

    const pdf = await fetch(`${catcher.httpUrl}/api/messages/${mail.id}/attachments/0`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain(`filename*=UTF-8''re%C3%A7u%2042.pdf`);
    expect(Buffer.from(await pdf.arrayBuffer())).toEqual(PDF);
    const csv = await fetch(`${catcher.httpUrl}/api/messages/${mail.id}/attachments/1`);
    expect(await csv.text()).toBe(CSV);

    const raw = await fetch(`${catcher.httpUrl}/api/messages/${mail.id}/raw`);
    expect(raw.headers.get('content-type')).toBe('message/rfc822');
    const rawText = await raw.text();
    expect(rawText).toContain('Subject: Receipt attached');
    expect(rawText.length).toBe(mail.size);
  });

  it('lists messages newest first and empties the mailbox on DELETE', async () => {
    for (const subject of ['first', 'second', 'third'])
      await send(catcher, { from: 'a@ndf.test', to: 'b@ndf.test', subject, text: subject });
    const { body } = await getJson<CaughtMail[]>(catcher, '/api/messages');
    expect(body.map((m) => m.subject)).toEqual(['third', 'second', 'first']);

    const deleted = await fetch(`${catcher.httpUrl}/api/messages`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect((await getJson<CaughtMail[]>(catcher, '/api/messages')).body).toEqual([]);
  });

  it('answers unknown API paths and messages with JSON 404s', async () => {
    for (const path of ['/api/messages/nope', '/api/messages/nope/raw', '/api/nothing', '/api/messages/nope/attachments/0']) {
      const { status, contentType, body } = await getJson<{ status: number }>(catcher, path);
      expect(status, path).toBe(404);
      expect(contentType, path).toContain('json');
      expect(body.status).toBe(404);
    }
    await send(catcher, { from: 'a@ndf.test', to: 'b@ndf.test', subject: 'no attachment', text: 'x' });
    const [mail] = catcher.messages();
    expect((await getJson(catcher, `/api/messages/${mail!.id}/attachments/0`)).status).toBe(404);
  });

  it('renders readable pages with everything escaped and the HTML body in a sandboxed frame', async () => {
    await send(catcher, {
      from: '"<Evil> & Co" <evil@ndf.test>',
      to: 'alice@acme.test',
      subject: 'Hi <script>alert(1)</script>',
      text: 'Text <img src=x onerror=alert(2)>',
      html: '<p onclick="alert(3)">Hello "friend"</p><script>alert(4)</script>',
    });
    const mail = await catcher.waitFor((m) => m.subject.startsWith('Hi '));

    const index = await fetch(`${catcher.httpUrl}/`);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(index.headers.get('content-security-policy')).toContain("default-src 'none'");
    const indexHtml = await index.text();
    expect(indexHtml).toContain('Hi &#60;script&#62;alert(1)&#60;/script&#62;');
    expect(indexHtml).toContain('&#60;Evil&#62; &#38; Co');
    expect(indexHtml).toContain(`href="/messages/${mail.id}"`);
    expect(indexHtml).not.toContain('<script>');

    const page = await fetch(`${catcher.httpUrl}/messages/${mail.id}`);
    expect(page.status).toBe(200);
    const pageHtml = await page.text();
    expect(pageHtml).not.toContain('<script>');
    expect(pageHtml).not.toContain('<img');
    expect(pageHtml).toContain('Text &#60;img src=x onerror=alert(2)&#62;');
    expect(pageHtml).toMatch(/<iframe sandbox="" [^>]*srcdoc="&#60;p onclick=&#34;alert\(3\)&#34;&#62;Hello &#34;friend&#34;/);

    expect((await fetch(`${catcher.httpUrl}/messages/unknown`)).status).toBe(404);
  });

  it('waits for a message that has not arrived yet, and gives up after its timeout', async () => {
    const waiting = catcher.waitFor((m) => m.to.some((to) => to.address === 'late@acme.test'), 5_000);
    await send(catcher, { from: 'a@ndf.test', to: 'late@acme.test', subject: 'late', text: 'x' });
    expect((await waiting).subject).toBe('late');
    await expect(catcher.waitFor((m) => m.subject === 'never', 100)).rejects.toThrow(/No caught mail matched within 100 ms/);
  });
});

describe('the mail catcher under abuse', () => {
  let catcher: MailCatcher;
  beforeAll(async () => {
    catcher = await start({ maxMessageBytes: 64 * 1024 });
  });
  afterAll(async () => {
    await catcher?.stop();
  });

  it('refuses a message over its size limit with an SMTP error and keeps serving', async () => {
    const huge = { filename: 'big.bin', content: Buffer.alloc(200 * 1024, 1) };
    await expect(
      send(catcher, { from: 'a@ndf.test', to: 'b@ndf.test', subject: 'too big', text: 'x', attachments: [huge] }),
    ).rejects.toMatchObject({
      responseCode: 552,
    });
    // Without the SIZE parameter the message is streamed in full before being refused.
    const transcript = await rawSmtp(
      catcher.smtpPort,
      [
        'EHLO test\r\n',
        'MAIL FROM:<a@ndf.test>\r\n',
        'RCPT TO:<b@ndf.test>\r\n',
        'DATA\r\n',
        `Subject: raw too big\r\n\r\n${'y'.repeat(100 * 1024)}\r\n.\r\n`,
        'QUIT\r\n',
      ],
      false,
    );
    expect(transcript).toMatch(/^552 /m);

    await send(catcher, { from: 'a@ndf.test', to: 'b@ndf.test', subject: 'small enough', text: 'x' });
    const { body } = await getJson<CaughtMail[]>(catcher, '/api/messages');
    expect(body.map((m) => m.subject)).toEqual(['small enough']);
  });

  it('survives garbage, a client leaving mid-DATA and a malformed message', async () => {
    await rawSmtp(
      catcher.smtpPort,
      [Buffer.from([0, 255, 13, 10, 7, 27, 91, 13, 10]), 'HELLO THERE\r\n', 'MAIL FROM:<<<>>>\r\n', 'RCPT TO:nobody\r\n', 'DATA\r\n'],
      true,
    );
    await rawSmtp(
      catcher.smtpPort,
      ['HELO test\r\n', 'MAIL FROM:<a@ndf.test>\r\n', 'RCPT TO:<b@ndf.test>\r\n', 'DATA\r\n', 'Subject: cut short\r\n\r\nhalf a mess'],
      true,
    );
    const malformed = await rawSmtp(
      catcher.smtpPort,
      [
        'HELO test\r\n',
        'MAIL FROM:<a@ndf.test>\r\n',
        'RCPT TO:<b@ndf.test>\r\n',
        'DATA\r\n',
        'Subject: =?utf-8?B?broken\r\nContent-Type: multipart/mixed; boundary="never-closed"\r\nContent-Transfer-Encoding: base64\r\n\r\n--never-closed\r\nContent-Type: text/plain; charset=does-not-exist\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=ZZ=\x00\xff body\r\n.\r\n',
        'QUIT\r\n',
      ],
      false,
    );
    expect(malformed).toMatch(/^250 /m);

    await send(catcher, { from: 'a@ndf.test', to: 'b@ndf.test', subject: 'still alive', text: 'x' });
    const subjects = (await getJson<CaughtMail[]>(catcher, '/api/messages')).body.map((m) => m.subject);
    expect(subjects[0]).toBe('still alive');
    expect(subjects).not.toContain('cut short');
    expect(catcher.messages()).toHaveLength(3);
  });
});

describe('the mail catcher with a directory', () => {
  const directory = mkdtempSync(join(tmpdir(), 'ndf-mail-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('keeps each message as an .eml file and reads them back after a restart', async () => {
    const first = await start({ directory });
    await send(first, {
      from: 'noreply@ndf.test',
      to: 'alice@acme.test',
      bcc: 'audit@acme.test',
      subject: 'Kept across restarts',
      text: 'still here',
      attachments: [{ filename: 'receipt.pdf', content: PDF }],
    });
    await send(first, { from: 'noreply@ndf.test', to: 'alice@acme.test', subject: 'Second', text: 'also here' });
    const before = first.messages();
    await first.stop();
    expect(
      readdirSync(directory)
        .filter((name) => name.endsWith('.eml'))
        .sort(),
    ).toEqual(before.map((m) => `${m.id}.eml`).sort());

    const second = await start({ directory });
    try {
      expect(second.messages()).toEqual(before);
      const { body } = await getJson<CaughtMail[]>(second, '/api/messages');
      expect(body.map((m) => m.subject)).toEqual(['Second', 'Kept across restarts']);
      expect(body[1]!.envelope.to).toEqual(['alice@acme.test', 'audit@acme.test']);
      const pdf = await fetch(`${second.httpUrl}/api/messages/${body[1]!.id}/attachments/0`);
      expect(Buffer.from(await pdf.arrayBuffer())).toEqual(PDF);

      second.clear();
      expect(second.messages()).toEqual([]);
      expect(existsSync(join(directory, `${body[1]!.id}.eml`))).toBe(false);
      expect(readdirSync(directory)).toEqual([]);
    } finally {
      await second.stop();
    }
  });
});
