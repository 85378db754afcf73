import { Type } from 'typebox';
import { Id, Nullable } from '../../platform/schemas.js';
import { ROLES } from '../../../contracts/roles.js';

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const PasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({ minLength: 10, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const Me = Type.Object({
  id: Id,
  username: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  role: Type.Enum(ROLES),
  roleTitleFa: Type.String(),
  specialty: Nullable(Type.String()),
  city: Type.Object({ id: Id, code: Type.String(), nameFa: Type.String() }),
  office: Nullable(Type.Object({ id: Id, govCode: Type.String(), nameFa: Type.String() })),
  district: Nullable(Type.Object({ id: Id, number: Type.Integer(), nameFa: Type.String() })),
  permissions: Type.Array(Type.String()),
});

export const Lockout = Type.Object({
  username: Type.String(),
  staffId: Nullable(Id),
  name: Nullable(Type.String()),
  failures: Type.Integer(),
  lockedUntil: Type.String({ format: 'date-time' }),
});
export const LockoutList = Type.Object({ items: Type.Array(Lockout) });
export const LockoutParams = Type.Object({ username: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
