import { createTransport } from 'nodemailer';
import type { Mail, Mailer } from '../../core/notifications/ports.js';

/**
 * Mail over SMTP through nodemailer, from SMTP_URL (`smtp://user:pass@host:587`,
 * `smtps://host:465`). Plain text, with the message's language as Content-Language.
 */
export class SmtpMailer implements Mailer {
  private readonly transport: ReturnType<typeof createTransport>;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = createTransport(smtpUrl);
  }

  async send(mail: Mail): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      headers: { 'Content-Language': mail.language },
    });
  }

  close(): void {
    this.transport.close();
  }
}
