import PDFKit from 'pdfkit';

/**
 * A PDF encrypted by PDFKit (RC4/AES with a user password, or only an owner password): the
 * bad input the sniffer and the PDF inspector must both refuse. pdf-lib cannot write one.
 */
export function encryptedPdf(passwords: { userPassword?: string; ownerPassword?: string }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFKit({ ...passwords, pdfVersion: '1.7' });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.text('Total TTC 42,00 EUR');
    doc.end();
  });
}
