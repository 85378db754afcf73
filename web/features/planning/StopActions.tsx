import { Link } from 'react-router';
import { Menu } from '@mantine/core';
import type { ReactElement } from 'react';
import { t } from '../../i18n';
import { movable, needsAppointment, type BoardVisit } from './planning.model';

export interface VisitActions {
  /** Null when the person may not change the plan (planning.read only) or there is no plan to move in. */
  onMove: ((visit: BoardVisit) => void) | null;
  onAppointment: ((visit: BoardVisit) => void) | null;
}

/** The menu every visit on the board opens: move it (the way without dragging), give the owner a time, open the case. */
export function StopActions({ visit, actions, target }: { visit: BoardVisit; actions: VisitActions; target: ReactElement }) {
  const m = t.planning;
  return (
    <Menu position="bottom" withinPortal shadow="md">
      <Menu.Target>{target}</Menu.Target>
      <Menu.Dropdown>
        {actions.onMove && movable(visit) && <Menu.Item onClick={() => actions.onMove!(visit)}>{m.move.action}</Menu.Item>}
        {actions.onAppointment && needsAppointment(visit) && <Menu.Item onClick={() => actions.onAppointment!(visit)}>{m.appointment.action}</Menu.Item>}
        <Menu.Item component={Link} to={`/requests/${visit.requestId}`}>
          {m.stop.openCase}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
