import { Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../core/config/app-config';
import { APP_CONFIG } from '../core/config/config.module';
import { EmlFileMailTransport, SmtpMailTransport } from './nodemailer-transports';
import { MailTransport } from './mail-transport';
import { OutboxDispatcher } from './outbox-dispatcher.service';
import { OutboxStore } from './outbox.store';

@Module({
  providers: [
    {
      provide: MailTransport,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): MailTransport => {
        const transport = config.mail.smtpUrl
          ? new SmtpMailTransport(config.mail.smtpUrl, config.mail.from)
          : new EmlFileMailTransport(config.mail.outboxDir, config.mail.from);
        new Logger('Mail').log(`mail goes to ${transport.description}`);
        return transport;
      },
    },
    OutboxStore,
    OutboxDispatcher,
  ],
  exports: [MailTransport, OutboxStore, OutboxDispatcher],
})
export class MailModule implements OnApplicationShutdown {
  constructor(@Inject(MailTransport) private readonly transport: MailTransport) {}

  async onApplicationShutdown(): Promise<void> {
    await this.transport.close();
  }
}
