import { SchedulerRegistry } from '@nestjs/schedule';
import { BETTER_CARE_TOGETHER } from '../../src/demo/demo-programmes';
import { REMINDER_JOB } from '../../src/reminders/reminder.cron';
import { startMailSink } from '../support/mail-sink';
import { startTestApp } from '../support/test-app';

// The schedule is one switch: on, the configured cron runs the same sweep as the admin
// endpoint; off, nothing is scheduled at all.

jest.setTimeout(20_000);

describe('the reminder schedule', () => {
  it('runs the sweep on the configured cron when switched on', async () => {
    const sink = await startMailSink();
    const t = await startTestApp({
      now: '2015-10-27T09:30:00Z',
      env: { SMTP_URL: sink.url, REMINDERS_CRON_ENABLED: 'true', REMINDERS_CRON: '* * * * * *' },
    });
    try {
      const job = t.get(SchedulerRegistry).getCronJob(REMINDER_JOB);
      expect(job.cronTime.source).toBe('* * * * * *');
      expect(job.isActive).toBe(true);
      const lead = await t.tokenFor('partnerships');
      const res = await t.request('POST', '/api/programmes', { token: lead, body: BETTER_CARE_TOGETHER });
      expect(res.status).toBe(201);
      // Nobody calls the endpoint: the cron finds the overdue gates within a second or two.
      const mail = await sink.waitFor(1, 5_000);
      expect(mail[0].parsed.subject).toMatch(/^\[Better Care Together\] /);
    } finally {
      await t.close();
      await sink.close();
    }
  });

  it('schedules nothing when switched off', async () => {
    const t = await startTestApp({ env: { REMINDERS_CRON_ENABLED: 'false' } });
    try {
      expect(() => t.get(SchedulerRegistry)).toThrow();
    } finally {
      await t.close();
    }
  });
});
