import { Inject, Injectable } from '@nestjs/common';
import { IsoDate } from '../../workflows/types';
import { ElectionRules } from '../elections/election-rules';
import { ElectionPeriod } from '../programmes/rules/critical-path';

/**
 * Which pre-election periods apply to a programme between two dates: the one question the
 * what-if and the critical path ask about elections. Answered by the election rules (scheduled
 * May polls, configured periods). Every period is taken to apply, the safe reading, until a
 * programme can name its councils and the councils without polls; then this is the one place
 * to pass them on.
 */
@Injectable()
export class PreElectionPeriods {
  constructor(@Inject(ElectionRules) private readonly rules: ElectionRules) {}

  async forProgramme(_programmeId: string, from: IsoDate, to: IsoDate): Promise<ElectionPeriod[]> {
    return this.rules.preElectionPeriods(from, to);
  }
}
