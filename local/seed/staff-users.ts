import type { StaffRole } from '../../lambdas/shared/staff';

/** Local-only staff accounts (in AWS, staff are Cognito users). Passwords are for local mode only. */
export interface LocalStaffUser {
  username: string;
  password: string;
  name: string;
  email: string;
  roles: StaffRole[];
  department: string;
  description: string;
}

export const LOCAL_PASSWORD = 'local-only-password';

export const LOCAL_STAFF_USERS: LocalStaffUser[] = [
  {
    username: 'clerk',
    password: LOCAL_PASSWORD,
    name: 'Casey Clerk',
    email: 'clerk@danbury.local',
    roles: ['clerk'],
    department: 'city-clerk',
    description: 'City Clerk: triages public records requests',
  },
  {
    username: 'publicworks',
    password: LOCAL_PASSWORD,
    name: 'Pat Works',
    email: 'publicworks@danbury.local',
    roles: ['department-staff'],
    department: 'public-works',
    description: 'Department staff, Public Works: owns its datasets',
  },
  {
    username: 'police',
    password: LOCAL_PASSWORD,
    name: 'Robin Records',
    email: 'police-records@danbury.local',
    roles: ['department-staff'],
    department: 'police',
    description: 'Department staff, Police records unit',
  },
  {
    username: 'itadmin',
    password: LOCAL_PASSWORD,
    name: 'Ira Admin',
    email: 'itadmin@danbury.local',
    roles: ['it-admin'],
    department: 'information-technology',
    description: 'City IT admin: API keys, calendar, enforcement',
  },
];
