import { GateEvent } from './gate-events';

/**
 * Writes events as an iCalendar (RFC 5545) document. ical-generator is loaded on the first
 * calendar asked for, not at start-up: most processes never serve one. A synchronous
 * require() rather than import(): the application is CommonJS, and Jest cannot run import()
 * without experimental flags (decision 002); both load the package once, when first needed.
 */
export function renderIcs(name: string, events: GateEvent[]): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: ical, ICalEventTransparency } = require('ical-generator') as typeof import('ical-generator');
  const calendar = ical({ name, prodId: { company: 'NHS', product: 'Consultation Gates', language: 'EN' } });
  for (const e of events) {
    calendar.createEvent({
      id: e.uid,
      // Dates as text: ical-generator then writes them as they are, whatever the machine's zone.
      start: e.start,
      end: e.end,
      allDay: true,
      summary: e.summary,
      description: e.description,
      sequence: e.sequence,
      lastModified: e.lastModified,
      // In a published calendar DTSTAMP is when the event was last revised, not when it was fetched.
      stamp: e.lastModified,
      // A milestone does not make anybody busy.
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  return calendar.toString();
}
