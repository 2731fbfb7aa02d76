/** Roles that let an app read machines and machine actions. */
export const READ_ROLES = ['Machine.Read.All', 'Machine.ReadWrite.All'];
