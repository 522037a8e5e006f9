/**
 * Label routes of the cases page: create a label (any officer or admin), put one on a case by name
 * (created when new), take one off. Each change is audited; labels never reach the reporter.
 */
import type { Request, Response, Router } from 'express';
import type { Case } from '../../../domain/cases/cases.js';
import { addCaseLabel, ensureLabel, labelById, removeCaseLabel } from '../../../domain/cases/labels.js';
import type { DashboardKit } from '../../kit/dashboard/page.js';

/** Mounts POST /labels, POST /:ref/labels and POST /:ref/labels/:id/remove; `load` finds the case or answers 404. */
export function mountLabelRoutes(r: Router, kit: DashboardKit, load: (req: Request, res: Response) => Case | undefined): void {
  const { db, clock } = kit.services;
  const back = (res: Response, c: Case, done: string) => res.redirect(303, `/dashboard/cases/${c.ref}?done=${done}#labels-title`);

  r.post('/labels', (req, res) => {
    const label = db.transaction(() => {
      const l = ensureLabel(db, req.body?.label, clock.now());
      if (l) kit.audit(res, 'label_created', l.name);
      return l;
    })();
    res.redirect(303, label ? `/dashboard/cases?label=${label.id}` : '/dashboard/cases');
  });

  r.post('/:ref/labels', (req, res) => {
    const c = load(req, res);
    if (!c) return;
    const added = db.transaction(() => {
      const l = ensureLabel(db, req.body?.label, clock.now());
      if (!l) return false;
      if (addCaseLabel(db, c.id, l.id, clock.now())) kit.audit(res, 'case_labelled', c.ref, l.name);
      return true;
    })();
    back(res, c, added ? 'labelAdded' : 'labelInvalid');
  });

  r.post('/:ref/labels/:id/remove', (req, res) => {
    const c = load(req, res);
    if (!c) return;
    const l = labelById(db, Number(req.params.id));
    db.transaction(() => {
      if (l && removeCaseLabel(db, c.id, l.id)) kit.audit(res, 'case_unlabelled', c.ref, l.name);
    })();
    back(res, c, 'labelRemoved');
  });
}
