/**
 * Every kind of trail's module (workflows/<kind>/index.ts), by kind, ready for a persisted snapshot's context.
 * status.ts, progress.ts and deadlines.ts answer through these.
 */
import { budgetCycle } from "./budget-cycle";
import { exit } from "./exit";
import { grAmendment } from "./gr-amendment";
import { procurement } from "./procurement";
import { forStoredContext, type StoredContextModule } from "./shared/module";
import type { TrailKind } from "./shared/types";
import { vision } from "./vision";

export const KIND_MODULES = {
  VISION: forStoredContext(vision),
  PROCUREMENT: forStoredContext(procurement),
  GR_AMENDMENT: forStoredContext(grAmendment),
  EXIT: forStoredContext(exit),
  BUDGET_CYCLE: forStoredContext(budgetCycle),
} satisfies Record<TrailKind, StoredContextModule>;
