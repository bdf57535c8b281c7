import { ApiTokenEntity } from '../../auth/api-token.entity';
import { PersonEntity } from '../../auth/person.entity';
import { WebSessionEntity } from '../../auth/web-session.entity';
import { AuditChainEntity } from '../../audit/audit-chain.entity';
import { AuditEntryEntity } from '../../audit/audit-entry.entity';
import { DecisionEntity } from '../../programmes/decision.entity';
import { EvidenceEntity } from '../../programmes/evidence.entity';
import { ForecastChangeEntity } from '../../programmes/forecast-change.entity';
import { GateEntity } from '../../programmes/gate.entity';
import { PartyEntity } from '../../programmes/party.entity';
import { ProgrammeEntity } from '../../programmes/programme.entity';
import { OutboxMessageEntity } from '../../mail/outbox-message.entity';
import { ReminderSweepEntity } from '../../reminders/reminder-sweep.entity';
import { CouncilNoPollsEntity, ElectionEntity } from '../../elections/election.entity';
import { CallInEntity, CommitteeNotificationEntity, ConditionEntity } from '../../programmes/condition.entity';
import { WhatIfScenarioEntity } from '../../what-if/what-if-scenario.entity';
import { RiskChangeEntity } from '../../risks/risk-change.entity';
import { RiskEntity } from '../../risks/risk.entity';
import { CalendarFeedEntity } from '../../calendars/calendar-feed.entity';
import { MailPreferenceEntity } from '../../reports/pack/mail-preference.entity';
import { RequestCounterEntity } from '../counters/request-counter.entity';

/** Every entity of the schema. The migrations must produce exactly these (see schema-drift test). */
export const ENTITIES = [
  ProgrammeEntity,
  GateEntity,
  PartyEntity,
  DecisionEntity,
  EvidenceEntity,
  ForecastChangeEntity,
  AuditEntryEntity,
  AuditChainEntity,
  PersonEntity,
  ApiTokenEntity,
  WebSessionEntity,
  OutboxMessageEntity,
  ReminderSweepEntity,
  ElectionEntity,
  CouncilNoPollsEntity,
  ConditionEntity,
  CallInEntity,
  CommitteeNotificationEntity,
  WhatIfScenarioEntity,
  RiskEntity,
  RiskChangeEntity,
  CalendarFeedEntity,
  MailPreferenceEntity,
  RequestCounterEntity,
];
