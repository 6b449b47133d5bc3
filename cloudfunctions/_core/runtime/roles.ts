// Roles are a domain idea (issue #21); this re-export keeps existing imports compiling.
export * from '../domain/roles';
