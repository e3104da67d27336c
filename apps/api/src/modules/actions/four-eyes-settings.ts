import { FourEyesSettings } from '@backoffice/contracts';
import { writeTransaction } from '@backoffice/db';
import type { AppDeps } from '../../platform/deps';
import { emitAudit } from '../audit/emit';
import { type Actor, auditContext } from './apply';
import { readFourEyes, writeFourEyes } from './repo';

/** When an action needs a second person (docs/reliability.md R13), as an admin set it. */
export function getFourEyes(deps: AppDeps): FourEyesSettings {
  return readFourEyes(deps.db.orm);
}

export function setFourEyes(deps: AppDeps, actor: Actor, value: FourEyesSettings): FourEyesSettings {
  const next = FourEyesSettings.parse({ ...value, actions: [...new Set(value.actions)] });
  const now = deps.now();
  writeTransaction(deps.db, (tx) => {
    const before = readFourEyes(tx);
    writeFourEyes(tx, next, actor.user.id, now);
    emitAudit(tx, auditContext(actor), {
      action: 'settings.four_eyes_changed',
      before,
      after: next,
      at: now,
    });
  });
  return next;
}
