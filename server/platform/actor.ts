import type { Role } from '../../contracts/roles.js';

/** Who is acting: a signed-in staff member, with what their scope hangs on. */
export interface Actor {
  staffId: string;
  role: Role;
  cityId: string;
  officeId: string | null;
  districtId: string | null;
  name: string;
  ip: string;
}
