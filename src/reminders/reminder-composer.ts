import { Inject, Injectable, Logger } from '@nestjs/common';
import { WorkingCalendar } from '../calendar/working-days';
import { AppConfig } from '../core/config/app-config';
import { APP_CONFIG } from '../core/config/config.module';
import { isSafeAddress, senderDomain } from '../mail/mail-headers';
import { MessageBody, NewOutboxMessage, keyOf, outboxMessage } from '../mail/outbox.store';
import { IsoDate } from '../../workflows/types';
import { ProgrammeEntity } from '../programmes/programme.entity';
import { Person } from './reminder-message';
import {
  BusinessMoment,
  DueReminder,
  GateForReminders,
  QueuedCheck,
  ReminderPolicy,
  remindersDue,
} from './reminder-policy';
import { ReminderPolicyService } from './reminder-policy.service';

/**
 * Anything with a date that someone is reminded of on a gate's schedule: a gate, a risk review, a condition,
 * a notification owed to the committee. The sweep gathers these; the composer does the rest.
 */
export interface Remindable {
  programme: Pick<ProgrammeEntity, 'id' | 'name' | 'sroName' | 'sroEmail' | 'workflowId' | 'reminderPolicy'>;
  /** The outbox key's gate column: a gate id, `risk:<id>`, `condition:<id>`, `committee:<id>`. */
  key: string;
  /** The date and status the pure policy reads. */
  item: GateForReminders;
  owner: Person | null;
  /** Whether this reminder is in the outbox already (by kind and date, and for some items by recipient). */
  queued: QueuedCheck;
  /** Adjusts the programme's policy for this item (a notice owed from today has no "days before"). */
  policy?: (policy: ReminderPolicy) => ReminderPolicy;
  render(reminder: DueReminder, to: Person, sro: Person): MessageBody;
}

/**
 * The one loop every reminder goes through: the pure policy says which reminders are due now, each goes to
 * the owner or the SRO when the address is usable, and becomes an outbox row under its key.
 */
@Injectable()
export class ReminderComposer {
  private readonly logger = new Logger(ReminderComposer.name);
  private readonly domain: string;

  constructor(
    @Inject(ReminderPolicyService) private readonly policies: ReminderPolicyService,
    @Inject(WorkingCalendar) private readonly calendar: WorkingCalendar,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.domain = senderDomain(config.mail.from);
  }

  /** The programme's SRO, as a recipient. */
  sroOf(programme: Remindable['programme']): Person {
    return { name: programme.sroName, email: programme.sroEmail.toLowerCase() };
  }

  /** A person named on an item, when the address is usable. */
  person(name: string | null | undefined, email: string | null | undefined): Person | null {
    return name && email && isSafeAddress(email) ? { name, email: email.toLowerCase() } : null;
  }

  /**
   * An item with a date of its own that does not slip (a risk review, a condition, a notice owed), open until
   * it is done, and found in the outbox by its full key, recipient included.
   */
  dated(
    programme: Remindable['programme'],
    key: string,
    dueDate: IsoDate,
    owner: Person | null,
    queued: ReadonlySet<string>,
    render: Remindable['render'],
    policy?: Remindable['policy'],
  ): Remindable {
    const recipients = { owner, sro: this.sroOf(programme) };
    return {
      programme,
      key,
      item: { kind: 'task', status: 'open', dueDate, baselineDate: dueDate, hasOwner: !!owner },
      owner,
      queued: (kind, recipient) =>
        queued.has(
          keyOf({
            programmeId: programme.id,
            gateId: key,
            kind,
            dueDate,
            recipient: recipients[recipient]?.email ?? '',
          }),
        ),
      render,
      ...(policy ? { policy } : {}),
    };
  }

  messages(items: Iterable<Remindable>, at: BusinessMoment): NewOutboxMessage[] {
    const out: NewOutboxMessage[] = [];
    for (const r of items) {
      const sro = this.sroOf(r.programme);
      const recipients = { owner: r.owner, sro };
      const due = remindersDue(
        { ...r.item, hasOwner: !!r.owner },
        (r.policy ?? ((p: ReminderPolicy) => p))(this.policies.forProgramme(r.programme)),
        this.calendar,
        at,
        this.config.reminders.sendHour,
        r.queued,
      );
      for (const reminder of due) {
        const to = recipients[reminder.recipient];
        if (!to || !isSafeAddress(to.email)) {
          this.logger.warn(`no usable address for the ${reminder.recipient} of ${r.programme.id}/${r.key}; not queued`);
          continue;
        }
        const key = {
          programmeId: r.programme.id,
          gateId: r.key,
          kind: reminder.kind,
          dueDate: reminder.dueDate,
          recipient: to.email,
        };
        out.push(outboxMessage(key, to.name, r.render(reminder, to, sro), this.domain));
      }
    }
    return out;
  }
}
