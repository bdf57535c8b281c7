// Rules for consultation gates: dates, length (12 weeks is the norm) and pre-election periods, start and close.
import { daysBetween, describeLength, describeLengthAdjective } from './dates';
import { own } from './own';
import { capitalise, refuse, title, type Rule } from './reasons';

export const notRunning: Rule = (def, context, state, event) => {
  const running = own(context.gates, event.gateId)?.consultation;
  return own(state.statuses, event.gateId) === 'running' && running
    ? refuse(
        'CONSULTATION_RUNNING',
        `${title(def, event)} is already running (${running.startsOn} to ${running.closesOn})`,
      )
    : null;
};

export const closesAfterStart: Rule = (_def, _context, _state, event) =>
  event.type === 'consultation.start' && event.closesOn <= event.startsOn
    ? refuse(
        'INVALID_DATES',
        `The consultation must close after it starts: ${event.closesOn} is not after ${event.startsOn}`,
      )
    : null;

export const longEnough: Rule = (def, _context, _state, event) => {
  if (event.type !== 'consultation.start' || event.justification?.trim()) return null;
  const norm = def.consultation?.normalLengthDays ?? 84;
  const length = daysBetween(event.startsOn, event.closesOn);
  return length < norm
    ? refuse(
        'CONSULTATION_TOO_SHORT',
        `${capitalise(describeLengthAdjective(length))} consultation needs a recorded justification (the norm is ${describeLength(norm)})`,
      )
    : null;
};

export const outsidePreElection: Rule = (_def, _context, _state, event) => {
  if (event.type !== 'consultation.start') return null;
  const period = event.preElectionPeriods.find((p) => p.from <= event.startsOn && event.startsOn <= p.to);
  return period
    ? refuse(
        'PRE_ELECTION_PERIOD',
        `The consultation cannot start on ${event.startsOn}: it falls inside the pre-election period '${period.name}' (${period.from} to ${period.to})` +
          (period.firstWorkingDayAfter ? `; the first working day after it is ${period.firstWorkingDayAfter}` : ''),
      )
    : null;
};

export const isRunning: Rule = (def, _context, state, event) =>
  own(state.statuses, event.gateId) === 'open'
    ? refuse(
        'CONSULTATION_NOT_RUNNING',
        `${title(def, event)} has not started, so it cannot close: record its start first`,
      )
    : null;

/** Closing before the advertised date cuts the time people were promised (Gunning: adequate time). */
export const closesAsAdvertised: Rule = (_def, context, _state, event) => {
  const running = own(context.gates, event.gateId)?.consultation;
  if (event.type !== 'consultation.close' || !running || event.closedOn >= running.closesOn) return null;
  return refuse(
    'CONSULTATION_CLOSED_EARLY',
    `The consultation cannot close on ${event.closedOn}: it was advertised to run from ${running.startsOn} until ${running.closesOn}`,
  );
};
