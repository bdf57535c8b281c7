import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { CalendarFeedPagesController } from './calendar-feed-pages.controller';
import { CalendarFeedService } from './calendar-feed.service';
import { CalendarService } from './calendar.service';
import { CalendarsController } from './calendars.controller';

/** iCalendar feeds of the gates (src/calendar/ is working days; this is the calendar people subscribe to). */
@Module({
  imports: [AuditModule, ProgrammesModule],
  controllers: [CalendarsController, CalendarFeedPagesController],
  providers: [CalendarService, CalendarFeedService],
})
export class CalendarsModule {}
