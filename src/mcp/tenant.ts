/** Which tenant a request acts for. Local transports (stdio) have one tenant; HTTP derives it from auth. */
import type { AuthInfo } from '@modelcontextprotocol/server';
import type { WorkspaceRoles } from './workspaces.js';

export type TenantResolver = (authInfo: AuthInfo | undefined) => string;

export const LOCAL_TENANT = 'local';

/** singleTenant() → every request belongs to "local" */
export const singleTenant: TenantResolver = () => LOCAL_TENANT;

/** The caller's roles by workspace (workspaces.ts); undefined when the credential gives none. */
export type RolesResolver = (authInfo: AuthInfo | undefined) => WorkspaceRoles | undefined;

/** noRoles() → undefined: local transports carry no role information, so the caller has every role */
export const noRoles: RolesResolver = () => undefined;
